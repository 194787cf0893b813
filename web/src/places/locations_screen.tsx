/**
 * The location tree (location.list, in the core's tree order with its depth): warehouses with
 * their zones and bins, vans, client sites; archived ones on demand. Each opens its page.
 * Roles that may run location.create get the creation form beside it.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import { LocationCreateForm } from './location_create_form';
import { kindKey } from './location_kind';

export function LocationsScreen() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const [archived, setArchived] = useState(false);
  const list = useLoaded(() => core.query('location.list', { include_archived: archived }), [core, archived]);
  const items = list.data?.items ?? null;

  return (
    <section class="screen" aria-labelledby="locations-title" data-testid="locations-screen">
      <h2 id="locations-title" class="screen__title">
        {t('places.locations.title')}
      </h2>
      <div class="screen__columns">
        {can('location.create') && <LocationCreateForm locations={(items ?? []).filter((l) => !l.archived)} onCreated={list.reload} />}
        <section class="card" aria-labelledby="locations-list-title" aria-busy={items === null ? 'true' : 'false'} data-testid="location-tree">
          <h3 id="locations-list-title" class="card__title">
            {t('places.locations.list')}
            {items !== null && <span class="card__count">{items.length}</span>}
          </h3>
          <label class="check">
            <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} data-testid="locations-archived" />
            {t('places.show_archived')}
          </label>
          {list.error !== null && <p class="list__message list__message--error">{coreErrorMessage(i18n, 'places', list.error)}</p>}
          {items === null && list.error === null && <p class="list__message">{t('places.loading')}</p>}
          {items !== null && items.length === 0 && (
            <p class="list__message" data-testid="locations-empty">
              {t('places.locations.empty')}
            </p>
          )}
          <ul class="list places__tree">
            {(items ?? []).map((l) => (
              <li key={l.id} class={`list__item${l.archived ? ' list__item--archived' : ''}`} style={{ '--depth': Math.min(l.depth, 6) }}
                data-testid="location-row" data-name={l.name} data-depth={l.depth}>
                <a class="places__link" href={href('locations', 'location', l.id)}>
                  <span class="list__name">{l.name}</span>
                  <span class="places__sub">
                    {t(kindKey(l.kind))}
                    {l.code !== null && l.code !== '' ? ` · ${l.code}` : ''}
                  </span>
                </a>
                {l.archived && <span class="badge">{t('places.archived')}</span>}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
