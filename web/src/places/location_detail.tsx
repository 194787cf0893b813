/**
 * One location (#/locations/location/<id>): where it sits in the tree, its edit form (rename,
 * code, move: location.update) or its facts for read-only roles, archive (location.archive),
 * the stock export (csv.export_stock) and the employees and teams who work with it.
 */
import { Fragment } from 'preact';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import type { Location } from '../stock/contract';
import { ExportStockButton } from './export_stock_button';
import { LocationAssignees } from './location_assignees';
import { LocationEditForm } from './location_edit_form';
import { kindKey } from './location_kind';

/** The names from the root down to `location`'s parent. */
function pathOf(location: Location, all: Location[]): string[] {
  const byId = new Map(all.map((l) => [l.id, l]));
  const names: string[] = [];
  for (let at = location.parent_id; at !== null && names.length < 64; ) {
    const parent = byId.get(at);
    if (parent === undefined) break;
    names.unshift(parent.name);
    at = parent.parent_id;
  }
  return names;
}

export function LocationDetail({ id }: { id: string }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const list = useLoaded(() => core.query('location.list', { include_archived: true }), [core]);
  const all = list.data?.items ?? null;
  const location = all?.find((l) => l.id === id) ?? null;

  const back = (
    <nav class="places__crumbs" aria-label={t('places.breadcrumb')}>
      <a class="button button--secondary" href={href('locations')} data-testid="location-back">
        ← {t('places.back_to_locations')}
      </a>
    </nav>
  );
  if (all === null || location === null) {
    const message = list.error !== null ? coreErrorMessage(i18n, 'places', list.error) : all === null ? t('places.loading') : t('errors.not_found');
    return (
      <section class="screen" aria-label={t('places.locations.title')}>
        {back}
        <p class={`list__message${all !== null || list.error !== null ? ' list__message--error' : ''}`} role="status">{message}</p>
      </section>
    );
  }

  const path = pathOf(location, all);
  return (
    <section class="screen" aria-labelledby="location-title" data-testid="location-detail" data-name={location.name}>
      {back}
      <h2 id="location-title" class="screen__title">
        {location.name}
        {location.archived && <span class="badge places__title-badge">{t('places.archived')}</span>}
      </h2>
      <p class="places__path" data-testid="location-path">
        {t(kindKey(location.kind))}
        {path.length > 0 && ` · ${t('places.inside', { path: path.join(' › ') })}`}
      </p>
      <div class="screen__columns">
        <div class="places__stack">
          {can('location.update') ? (
            <LocationEditForm key={location.id} location={location}
              locations={all.filter((l) => !l.archived || l.id === location.parent_id)} onChanged={list.reload} />
          ) : (
            <LocationFacts location={location} path={path} />
          )}
          {(can('location.archive') || can('csv.export_stock')) && (
            <section class="card" aria-labelledby="location-actions-title">
              <h3 id="location-actions-title" class="card__title">
                {t('places.location.actions')}
              </h3>
              <div class="places__actions">
                {can('csv.export_stock') && <ExportStockButton location={location} />}
                {can('location.archive') && <ArchiveButton location={location} onChanged={list.reload} />}
              </div>
            </section>
          )}
        </div>
        <LocationAssignees location={location} />
      </div>
    </section>
  );
}

function LocationFacts({ location, path }: { location: Location; path: string[] }) {
  const { t } = useI18n();
  const facts = [
    [t('places.field.kind'), t(kindKey(location.kind))],
    [t('places.field.name'), location.name],
    [t('places.fact.code'), location.code ?? '—'],
    [t('places.field.parent'), path.length > 0 ? path.join(' › ') : t('places.fact.top_level')],
  ];
  return (
    <section class="card" aria-labelledby="location-facts-title" data-testid="location-facts">
      <h3 id="location-facts-title" class="card__title">
        {t('places.location.facts')}
      </h3>
      <dl class="facts">
        {facts.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

function ArchiveButton({ location, onChanged }: { location: Location; onChanged(): void }) {
  const core = useCore();
  const { t } = useI18n();
  const action = useAction('places.location');
  return (
    <>
      <button type="button" class="button button--secondary" data-testid="location-archive"
        onClick={() => void action.run(() => core.mutate('location.archive', { id: location.id, archived: !location.archived })).then((ok) => ok && onChanged())}>
        {location.archived ? t('places.unarchive') : t('places.archive')}
      </button>
      {action.message !== '' && <p class="field__error" role="alert">{action.message}</p>}
    </>
  );
}
