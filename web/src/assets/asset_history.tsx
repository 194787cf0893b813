/**
 * What happened to the asset (asset.history): its work orders, down periods and status
 * changes, with the reliability figures the core computes over the last 12 months
 * (asset.kpi: failures, MTTR, MTBF, availability). Read-only for everyone.
 */
import { Fragment } from 'preact';
import { useCore } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { href } from '../shell/route';
import { formatDay, formatDecimal, formatHours, formatInstant, label } from './assets_core';
import type { AssetDetail } from './contract';

const kYearMs = 365 * 24 * 3_600_000;

export function AssetHistorySection({ asset }: { asset: AssetDetail }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  // Reload when the status changes (the asset's status_history grows).
  const changes = asset.status_history.length;
  const history = useLoaded(() => core.query('asset.history', { id: asset.id }), [core, asset.id, changes]);
  const kpi = useLoaded(() => {
    const to = Date.now();
    return core.query('asset.kpi', { from: to - kYearMs, to, asset_id: asset.id });
  }, [core, asset.id, changes]);
  const h = history.data;
  const k = kpi.data?.total ?? null;
  const none = '—';
  const figures: [string, string][] =
    k === null
      ? []
      : [
          [t('assets.kpi.failures'), String(k.failures)],
          [t('assets.kpi.downtime'), t('assets.hours', { n: formatHours(i18n, k.downtime_ms) })],
          [t('assets.kpi.mttr'), k.mttr_hours !== null ? t('assets.hours', { n: formatDecimal(i18n, k.mttr_hours) }) : none],
          [t('assets.kpi.mtbf'), k.mtbf_hours !== null ? t('assets.hours', { n: formatDecimal(i18n, k.mtbf_hours) }) : none],
          [t('assets.kpi.availability'), k.availability !== null ? `${formatDecimal(i18n, k.availability)} %` : none],
        ];
  return (
    <section class="card" aria-labelledby="asset-history-title" data-testid="asset-history">
      <h3 id="asset-history-title" class="card__title">
        {t('assets.history.title')}
      </h3>
      <h4 class="assets__subtitle">{t('assets.kpi.title')}</h4>
      <dl class="facts assets__figures" data-testid="asset-kpi">
        {figures.map(([name, value]) => (
          <Fragment key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
      {history.error !== null && <p class="list__message list__message--error">{coreErrorMessage(i18n, 'assets', history.error)}</p>}
      <h4 class="assets__subtitle">
        {t('assets.history.work_orders')} <span class="card__count">{h?.work_orders.length ?? 0}</span>
      </h4>
      {h !== null && h.work_orders.length === 0 && <p class="list__message">{t('assets.history.no_work_orders')}</p>}
      <ul class="list" data-testid="asset-work-orders">
        {(h?.work_orders ?? []).map((w) => (
          <li key={w.id} class="list__item" data-testid="asset-work-order" data-title={w.title} data-plan={w.pm_plan_id ?? ''}>
            <a class="assets__link" href={href('work', w.id)}>
              <span class="list__name">{w.title}</span>
              <span class="assets__sub">
                {label(i18n, 'task_type', w.type)}
                {w.due_date !== null ? ` · ${t('assets.history.due', { date: formatDay(i18n, w.due_date) })}` : ''}
              </span>
            </a>
            <span class="badge">{i18n.lookup(`work.status.${w.status}`) ?? w.status}</span>
          </li>
        ))}
      </ul>
      <h4 class="assets__subtitle">{t('assets.history.downtime')}</h4>
      {h !== null && h.downtime.length === 0 && <p class="list__message">{t('assets.history.no_downtime')}</p>}
      <ul class="list" data-testid="asset-downtime">
        {(h?.downtime ?? []).map((d) => (
          <li key={d.start} class="list__item">
            <span>{formatInstant(i18n, d.start)}</span>
            <span class="assets__value">
              {d.duration_ms !== null ? t('assets.hours', { n: formatHours(i18n, d.duration_ms) }) : t('assets.history.still_down')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
