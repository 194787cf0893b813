/**
 * Teams with their members (team.list): create (team.create), add and remove members
 * (team.add_member / team.remove_member), archive (team.archive), each offered only to the
 * roles that may run it.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import type { EmployeeSummary, Team } from './contract';
import { NameForm } from './name_form';
import { RenameControl } from './rename_control';
import { useLoaded } from './use_loaded';

export function TeamsScreen() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const teams = useLoaded(() => core.query('team.list', { include_archived: true }), [core]);
  const employees = useLoaded(() => core.query('employee.list', {}), [core]);

  return (
    <section class="screen" aria-labelledby="teams-title" data-testid="teams-screen">
      <h2 id="teams-title" class="screen__title">
        {t('people.teams.title')}
      </h2>
      <div class="screen__columns">
        {can('team.create') && (
          <NameForm
            idPrefix="team"
            title={t('people.teams.new')}
            submit={t('people.teams.create')}
            create={(name, description) => core.mutate('team.create', { id: newId(), name, description })}
            onCreated={teams.reload}
          />
        )}
        <div class="people__stack">
          {teams.error !== null && <p class="list__message list__message--error">{coreErrorMessage(i18n, 'people', teams.error)}</p>}
          {teams.data === null && teams.error === null && <p class="list__message">{t('people.loading')}</p>}
          {teams.data?.items.length === 0 && (
            <p class="card list__message" data-testid="teams-empty">
              {t('people.teams.empty')}
            </p>
          )}
          {(teams.data?.items ?? []).map((team) => (
            <TeamCard key={team.id} team={team} employees={employees.data?.items ?? []} onChanged={teams.reload} />
          ))}
        </div>
      </div>
    </section>
  );
}

function TeamCard({ team, employees, onChanged }: { team: Team; employees: EmployeeSummary[]; onChanged(): void }) {
  const core = useCore();
  const { t } = useI18n();
  const { can } = usePermissions();
  const action = useAction('people');
  const [adding, setAdding] = useState('');
  const members = new Set(team.members.map((m) => m.employee_id));
  const candidates = employees.filter((e) => !members.has(e.id));
  const done = (ok: boolean) => ok && onChanged();
  const titleId = `team-${team.id}-title`;

  return (
    <section class={`card${team.archived ? ' people__archived' : ''}`} aria-labelledby={titleId} data-testid="team-card" data-name={team.name}>
      <h3 id={titleId} class="card__title">
        {team.name}
        <span class="card__count" aria-label={t('people.teams.member_count', { n: team.members.length })}>
          {team.members.length}
        </span>
        {team.archived && <span class="badge">{t('people.archived')}</span>}
      </h3>
      {team.description && <p class="people__sub">{team.description}</p>}
      {team.members.length === 0 && <p class="list__message">{t('people.teams.no_member')}</p>}
      <ul class="list">
        {team.members.map((m) => (
          <li key={m.employee_id} class="list__item" data-testid="team-member">
            <span class="list__name">{m.name}</span>
            {can('team.remove_member') && (
              <button type="button" class="button button--secondary" aria-label={t('people.teams.remove_named', { name: m.name, team: team.name })}
                onClick={() => void action.run(() => core.mutate('team.remove_member', { team_id: team.id, employee_id: m.employee_id })).then(done)}>
                {t('people.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {can('team.add_member') && !team.archived && candidates.length > 0 && (
        <form class="people__inline" onSubmit={(e) => {
          e.preventDefault();
          if (adding === '') return;
          void action.run(() => core.mutate('team.add_member', { id: newId(), team_id: team.id, employee_id: adding })).then((ok) => {
            if (ok) setAdding('');
            done(ok);
          });
        }}>
          <div class="field">
            <label class="field__label" for={`team-${team.id}-add`}>{t('people.teams.add_member')}</label>
            <select id={`team-${team.id}-add`} class="field__input" value={adding} onChange={(e) => setAdding(e.currentTarget.value)} data-testid="team-add-select">
              <option value="">{t('people.choose')}</option>
              {candidates.map((e) => (
                <option key={e.id} value={e.id}>{e.name}</option>
              ))}
            </select>
          </div>
          <button type="submit" class="button button--primary" data-testid="team-add">{t('people.add')}</button>
        </form>
      )}
      {can('team.update') && (
        <RenameControl idPrefix={`team-${team.id}`} name={team.name}
          save={(name) => core.mutate('team.update', { id: team.id, name })} onSaved={onChanged} />
      )}
      {can('team.archive') && (
        <button type="button" class="button button--secondary people__archive"
          onClick={() => void action.run(() => core.mutate('team.archive', { id: team.id, archived: !team.archived })).then(done)}>
          {team.archived ? t('people.unarchive') : t('people.archive')}
        </button>
      )}
      <p class="field__error" role="alert">{action.message}</p>
    </section>
  );
}
