/** An asset's facts for roles that may not edit it: kind, code, place, make, model, serial. */
import { Fragment } from 'preact';
import { useI18n } from '../i18n/i18n';
import { formatDay, label } from './assets_core';
import type { AssetDetail } from './contract';

export function AssetFacts({ asset, path }: { asset: AssetDetail; path: string[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const facts: [string, string][] = [
    [t('assets.field.kind'), label(i18n, 'kind', asset.kind)],
    [t('assets.fact.code'), asset.code ?? '—'],
    [t('assets.field.parent'), path.length > 0 ? path.join(' › ') : t('assets.fact.top_level')],
    [t('assets.fact.manufacturer'), asset.manufacturer ?? '—'],
    [t('assets.fact.model'), asset.model ?? '—'],
    [t('assets.fact.serial_number'), asset.serial_number ?? '—'],
    [t('assets.fact.commissioned_on'), asset.commissioned_on !== null ? formatDay(i18n, asset.commissioned_on) : '—'],
    [t('assets.field.criticality'), label(i18n, 'criticality', asset.criticality)],
    [t('assets.fact.notes'), asset.notes ?? '—'],
  ];
  return (
    <section class="card" aria-labelledby="asset-facts-title" data-testid="asset-facts">
      <h3 id="asset-facts-title" class="card__title">
        {t('assets.facts')}
      </h3>
      <dl class="facts">
        {facts.map(([name, value]) => (
          <Fragment key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
