/**
 * The employees (employee.list), with archived ones on demand, and the creation form for the
 * roles that may run employee.create. A new employee opens at once to complete it.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { href, navigate } from '../shell/route';
import { coreErrorMessage } from '../i18n/error_message';
import { useLoaded } from './use_loaded';

export function EmployeesScreen() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const [archived, setArchived] = useState(false);
  const list = useLoaded(() => core.query('employee.list', { include_archived: archived }), [core, archived]);
  const items = list.data?.items ?? null;

  return (
    <section class="screen" aria-labelledby="employees-title" data-testid="employees-screen">
      <h2 id="employees-title" class="screen__title">
        {t('people.employees.title')}
      </h2>
      <div class="screen__columns">
        {can('employee.create') && <EmployeeCreateForm />}
        <section class="card" aria-labelledby="employees-list-title">
          <h3 id="employees-list-title" class="card__title">
            {t('people.employees.list')}
            {items !== null && <span class="card__count">{items.length}</span>}
          </h3>
          <label class="check">
            <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} data-testid="employees-archived" />
            {t('people.show_archived')}
          </label>
          {list.error !== null && <p class="list__message list__message--error">{coreErrorMessage(i18n, 'people', list.error)}</p>}
          {items === null && list.error === null && <p class="list__message">{t('people.loading')}</p>}
          {items !== null && items.length === 0 && (
            <p class="list__message" data-testid="employees-empty">
              {t('people.employees.empty')}
            </p>
          )}
          <ul class="list" data-testid="employee-list">
            {(items ?? []).map((e) => (
              <li key={e.id} class={`list__item${e.archived ? ' list__item--archived' : ''}`} data-testid="employee-row" data-name={e.name}>
                <a class="people__link" href={href('people', 'employee', e.id)}>
                  <span class="list__name">{e.name}</span>
                  {e.job_title && <span class="people__sub">{e.job_title}</span>}
                </a>
                {e.user_id !== null && <span class="badge">{t('people.employees.has_user')}</span>}
                {e.archived && <span class="badge">{t('people.archived')}</span>}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}

function EmployeeCreateForm() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const action = useAction('people');
  const [name, setName] = useState('');
  const [jobTitle, setJobTitle] = useState('');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const id = newId();
    const ok = await action.run(() =>
      core.mutate('employee.create', { id, name, ...(jobTitle.trim() !== '' ? { job_title: jobTitle } : {}) }),
    );
    if (ok) navigate('people', 'employee', id);
  }

  const nameError = action.error !== null && action.error.field !== 'job_title' ? action.message : '';
  const jobError = action.error?.field === 'job_title' ? action.message : '';
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="employee-new-title" data-testid="employee-create-form">
      <h3 id="employee-new-title" class="card__title">
        {t('people.employees.new')}
      </h3>
      <div class="field">
        <label class="field__label" for="employee-new-name">
          {t('people.field.name')}
        </label>
        <input id="employee-new-name" class="field__input" name="name" autoComplete="off" value={name}
          onInput={(e) => setName(e.currentTarget.value)} aria-invalid={nameError ? 'true' : undefined}
          aria-describedby="employee-new-name-error" data-testid="employee-new-name" />
        <p id="employee-new-name-error" class="field__error" aria-live="assertive">{nameError}</p>
      </div>
      <div class="field">
        <label class="field__label" for="employee-new-job">
          {t('people.field.job_title')}
        </label>
        <input id="employee-new-job" class="field__input" name="job_title" autoComplete="off" value={jobTitle}
          onInput={(e) => setJobTitle(e.currentTarget.value)} aria-invalid={jobError ? 'true' : undefined}
          aria-describedby="employee-new-job-error" data-testid="employee-new-job" />
        <p id="employee-new-job-error" class="field__error" aria-live="assertive">{jobError}</p>
      </div>
      <button class="button button--primary" type="submit" aria-disabled={action.busy ? 'true' : undefined} data-testid="employee-create">
        {t('people.employees.create')}
      </button>
    </form>
  );
}
