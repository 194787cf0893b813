/**
 * The asset tree (asset.list, in the core's tree order with its depth): sites with their
 * lines, machines and components, with their status; archived ones on demand. Each opens its
 * page. Roles that may run asset.create get the creation form beside it.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import { AssetCreateForm } from './asset_create_form';
import { label } from './assets_core';

export function AssetsScreen() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const [archived, setArchived] = useState(false);
  const list = useLoaded(() => core.query('asset.list', { include_archived: archived }), [core, archived]);
  const items = list.data?.items ?? null;

  return (
    <section class="screen" aria-labelledby="assets-title" data-testid="assets-screen">
      <h2 id="assets-title" class="screen__title">
        {t('assets.title')}
      </h2>
      <div class="screen__columns">
        {can('asset.create') && <AssetCreateForm assets={(items ?? []).filter((a) => !a.archived)} onCreated={list.reload} />}
        <section class="card" aria-labelledby="assets-list-title" aria-busy={items === null ? 'true' : 'false'} data-testid="asset-tree">
          <h3 id="assets-list-title" class="card__title">
            {t('assets.list')}
            {items !== null && <span class="card__count">{items.length}</span>}
          </h3>
          <label class="check">
            <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} data-testid="assets-archived" />
            {t('assets.show_archived')}
          </label>
          {list.error !== null && <p class="list__message list__message--error">{coreErrorMessage(i18n, 'assets', list.error)}</p>}
          {items === null && list.error === null && <p class="list__message">{t('assets.loading')}</p>}
          {items !== null && items.length === 0 && <p class="list__message" data-testid="assets-empty">{t('assets.empty')}</p>}
          <ul class="list assets__tree">
            {(items ?? []).map((a) => (
              <li key={a.id} class={`list__item${a.archived ? ' list__item--archived' : ''}`} style={{ '--depth': Math.min(a.depth, 6) }}
                data-testid="asset-row" data-name={a.name} data-depth={a.depth}>
                <a class="assets__link" href={href('assets', 'asset', a.id)}>
                  <span class="list__name">{a.name}</span>
                  <span class="assets__sub">
                    {label(i18n, 'kind', a.kind)}
                    {a.code !== null && a.code !== '' ? ` · ${a.code}` : ''}
                  </span>
                </a>
                <span class={`badge assets__status assets__status--${a.status}`}>{label(i18n, 'status', a.status)}</span>
                {a.archived && <span class="badge">{t('assets.archived')}</span>}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
