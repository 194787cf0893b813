/**
 * Who works with a location (location.assignees): employees and teams, with assign
 * (location.assign) and unassign (location.unassign) for the roles that may run them.
 * Working with a location covers the locations inside it (core/stock/location_access.h);
 * that is what lets a technician receive, move and count stock there.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import type { Location } from '../stock/contract';

export function LocationAssignees({ location }: { location: Location }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const action = useAction('places.assign');
  const assignees = useLoaded(() => core.query('location.assignees', { location_id: location.id }), [core, location.id]);
  const mayAssign = can('location.assign') && can('employee.list') && can('team.list');
  const employees = useLoaded(() => (mayAssign ? core.query('employee.list', {}) : Promise.resolve({ items: [] })), [core, mayAssign]);
  const teams = useLoaded(() => (mayAssign ? core.query('team.list', {}) : Promise.resolve({ items: [] })), [core, mayAssign]);
  const [chosen, setChosen] = useState('');
  const items = assignees.data?.items ?? null;
  const taken = new Set((items ?? []).map((a) => a.employee_id ?? a.team_id));
  const freeEmployees = (employees.data?.items ?? []).filter((e) => !taken.has(e.id));
  const freeTeams = (teams.data?.items ?? []).filter((team) => !taken.has(team.id));
  const done = (ok: boolean) => {
    if (ok) assignees.reload();
    return ok;
  };

  async function assign(event: SubmitEvent) {
    event.preventDefault();
    const [kind, id] = chosen.split(':');
    if (id === undefined || id === '') return;
    const who = kind === 'team' ? { team_id: id } : { employee_id: id };
    if (done(await action.run(() => core.mutate('location.assign', { id: newId(), location_id: location.id, ...who })))) setChosen('');
  }

  return (
    <section class="card" aria-labelledby="location-assignees-title" data-testid="location-assignees">
      <h3 id="location-assignees-title" class="card__title">
        {t('places.assignees.title')}
        {items !== null && <span class="card__count">{items.length}</span>}
      </h3>
      <p class="field__hint places__hint">{t('places.assignees.hint')}</p>
      {assignees.error !== null && <p class="list__message list__message--error">{coreErrorMessage(i18n, 'places', assignees.error)}</p>}
      {items !== null && items.length === 0 && (
        <p class="list__message" data-testid="assignees-empty">
          {t('places.assignees.empty')}
        </p>
      )}
      <ul class="list">
        {(items ?? []).map((a) => (
          <li key={a.id} class="list__item" data-testid="location-assignee" data-name={a.name}>
            <span class="places__who">
              <span class="list__name">{a.name}</span>
              <span class="places__sub">{a.team_id !== null ? t('places.assignees.team') : t('places.assignees.employee')}</span>
            </span>
            {can('location.unassign') && (
              <button type="button" class="button button--secondary" aria-label={t('places.assignees.remove_named', { name: a.name })}
                data-testid="location-unassign" onClick={() => void action.run(() => core.mutate('location.unassign', { id: a.id })).then(done)}>
                {t('places.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {mayAssign && !location.archived && (
        <form class="places__inline" onSubmit={assign}>
          <div class="field">
            <label class="field__label" for="location-assign-who">
              {t('places.assignees.add')}
            </label>
            <select id="location-assign-who" class="field__input" value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}
              aria-describedby="location-assign-error" data-testid="location-assign-who">
              <option value="">{t('places.choose')}</option>
              {freeEmployees.length > 0 && (
                <optgroup label={t('places.assignees.employees')}>
                  {freeEmployees.map((e) => (
                    <option key={e.id} value={`employee:${e.id}`}>{e.name}</option>
                  ))}
                </optgroup>
              )}
              {freeTeams.length > 0 && (
                <optgroup label={t('places.assignees.teams')}>
                  {freeTeams.map((team) => (
                    <option key={team.id} value={`team:${team.id}`}>{team.name}</option>
                  ))}
                </optgroup>
              )}
            </select>
          </div>
          <button type="submit" class="button button--primary" aria-disabled={action.busy ? 'true' : undefined} data-testid="location-assign">
            {t('places.assignees.assign')}
          </button>
        </form>
      )}
      <p id="location-assign-error" class="field__error" role="alert">
        {action.message}
      </p>
    </section>
  );
}
