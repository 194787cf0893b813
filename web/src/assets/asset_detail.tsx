/**
 * One asset (#/assets/asset/<id>): where it sits in the tree, its status, its edit form (rename,
 * code, move, details: asset.update) or its facts for read-only roles, archive (asset.archive),
 * its children, meters with their readings chart, preventive plans, history with reliability
 * figures, and its attachments (manuals, photos).
 */
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import { AssetAttachments } from './asset_attachments';
import { AssetEditForm } from './asset_edit_form';
import { AssetFacts } from './asset_facts';
import { AssetHistorySection } from './asset_history';
import { AssetPlans } from './asset_plans';
import { AssetStatusForm } from './asset_status_form';
import { label } from './assets_core';
import type { AssetDetail as Detail, AssetRow } from './contract';
import { MetersSection } from './meters_section';

/** The names from the root down to the asset's parent. */
function pathOf(asset: Detail, all: AssetRow[]): string[] {
  const byId = new Map(all.map((a) => [a.id, a]));
  const names: string[] = [];
  for (let at = asset.parent_id; at !== null && names.length < 64; ) {
    const parent = byId.get(at);
    if (parent === undefined) break;
    names.unshift(parent.name);
    at = parent.parent_id;
  }
  return names;
}

export function AssetDetail({ id }: { id: string }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const loaded = useLoaded(() => core.query('asset.get', { id }), [core, id]);
  const list = useLoaded(() => core.query('asset.list', { include_archived: true }), [core]);
  const asset = loaded.data;
  const all = list.data?.items ?? [];
  const reload = () => {
    loaded.reload();
    list.reload();
  };

  const back = (
    <nav class="assets__crumbs" aria-label={t('assets.breadcrumb')}>
      <a class="button button--secondary" href={href('assets')} data-testid="asset-back">
        ← {t('assets.back')}
      </a>
    </nav>
  );
  if (asset === null) {
    const message = loaded.error !== null ? coreErrorMessage(i18n, 'assets', loaded.error) : t('assets.loading');
    return (
      <section class="screen" aria-label={t('assets.title')}>
        {back}
        <p class={`list__message${loaded.error !== null ? ' list__message--error' : ''}`} role="status">{message}</p>
      </section>
    );
  }

  const path = pathOf(asset, all);
  return (
    <section class="screen" aria-labelledby="asset-title" data-testid="asset-detail" data-name={asset.name} data-id={asset.id}>
      {back}
      <h2 id="asset-title" class="screen__title">
        {asset.name}
        <span class={`badge assets__title-badge assets__status--${asset.status}`} data-testid="asset-status">{label(i18n, 'status', asset.status)}</span>
        {asset.archived && <span class="badge assets__title-badge">{t('assets.archived')}</span>}
      </h2>
      <p class="assets__path" data-testid="asset-path">
        {label(i18n, 'kind', asset.kind)}
        {path.length > 0 && ` · ${t('assets.inside', { path: path.join(' › ') })}`}
      </p>
      <div class="screen__columns">
        <div class="assets__stack">
          {can('asset.update') ? (
            <AssetEditForm key={asset.id} asset={asset} assets={all.filter((a) => !a.archived && a.id !== asset.id)} onChanged={reload} />
          ) : (
            <AssetFacts asset={asset} path={path} />
          )}
          {can('asset.set_status') && <AssetStatusForm asset={asset} onChanged={reload} />}
          {can('asset.archive') && <ArchiveButton id={asset.id} archived={asset.archived} onChanged={reload} />}
          <Children asset={asset} />
          <AssetAttachments asset={asset} />
        </div>
        <div class="assets__stack">
          <MetersSection asset={asset} onChanged={reload} />
          <AssetPlans asset={asset} onChanged={reload} />
          <AssetHistorySection asset={asset} />
        </div>
      </div>
    </section>
  );
}

function Children({ asset }: { asset: Detail }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section class="card" aria-labelledby="asset-children-title" data-testid="asset-children">
      <h3 id="asset-children-title" class="card__title">
        {t('assets.children')} <span class="card__count">{asset.children.length}</span>
      </h3>
      {asset.children.length === 0 && <p class="list__message">{t('assets.children.none')}</p>}
      <ul class="list">
        {asset.children.map((c) => (
          <li key={c.id} class="list__item" data-testid="asset-child" data-name={c.name}>
            <a class="assets__link" href={href('assets', 'asset', c.id)}>
              <span class="list__name">{c.name}</span>
              <span class="assets__sub">{label(i18n, 'kind', c.kind)}</span>
            </a>
            <span class={`badge assets__status--${c.status}`}>{label(i18n, 'status', c.status)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ArchiveButton({ id, archived, onChanged }: { id: string; archived: boolean; onChanged(): void }) {
  const core = useCore();
  const { t } = useI18n();
  const action = useAction('assets');
  return (
    <section class="card" aria-labelledby="asset-actions-title">
      <h3 id="asset-actions-title" class="card__title">
        {t('assets.actions')}
      </h3>
      <button type="button" class="button button--secondary" data-testid="asset-archive"
        onClick={() => void action.run(() => core.mutate('asset.archive', { id, archived: !archived })).then((ok) => ok && onChanged())}>
        {archived ? t('assets.unarchive') : t('assets.archive')}
      </button>
      {action.message !== '' && <p class="field__error" role="alert">{action.message}</p>}
    </section>
  );
}
