/**
 * An employee's identity (employee.update) and the user account it is linked to: the link
 * is what makes "My work" and the locations a technician works with follow them. Accounts
 * live on the server: the list comes from the administration API (roles with "cap.server.admin",
 * online); other roles see whether there is a link. Archiving (employee.archive) is here too.
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { CoreError } from '../core/core_error';
import { useAction } from '../core/use_action';
import { coreErrorMessage } from '../i18n/error_message';
import { type MessageKey, useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { kAdminPaths, type UserAccount } from '../users/contract';
import type { EmployeeDetail } from './contract';

type Fields = 'name' | 'job_title' | 'email' | 'phone' | 'notes';
const kFields: { key: Fields; label: MessageKey }[] = [
  { key: 'name', label: 'people.field.name' },
  { key: 'job_title', label: 'people.field.job_title' },
  { key: 'email', label: 'people.field.email' },
  { key: 'phone', label: 'people.field.phone' },
  { key: 'notes', label: 'people.field.notes' },
];

/** The server's accounts for the link picker; null while loading or when not offered. */
export function useAccounts(): { accounts: UserAccount[] | null; error: CoreError | null } {
  const core = useCore();
  const { can } = usePermissions();
  const [accounts, setAccounts] = useState<UserAccount[] | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  useEffect(() => {
    if (!can('cap.server.admin')) return;
    core.admin<{ users: UserAccount[] }>('GET', kAdminPaths.users).then(
      (reply) => setAccounts(reply.users),
      (thrown) => setError(CoreError.from(thrown)),
    );
  }, [core]);
  return { accounts, error };
}

export function EmployeeIdentity({ employee, onChanged }: { employee: EmployeeDetail; onChanged(): void }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const action = useAction('people');
  const [draft, setDraft] = useState(() => ({
    name: employee.name,
    job_title: employee.job_title ?? '',
    email: employee.email ?? '',
    phone: employee.phone ?? '',
    notes: employee.notes ?? '',
    user_id: employee.user_id ?? '',
  }));
  const [saved, setSaved] = useState(false);
  const { accounts, error: accountsError } = useAccounts();
  const linked = accounts?.find((a) => a.id === employee.user_id);

  if (!can('employee.update')) {
    return (
      <section class="card" aria-labelledby="employee-identity-title" data-testid="employee-identity">
        <h3 id="employee-identity-title" class="card__title">
          {t('people.employee.identity')}
        </h3>
        <dl class="facts">
          {kFields.map(({ key, label }) => (
            <Fragment key={key}>
              <dt>{t(label)}</dt>
              <dd>{employee[key] ?? '—'}</dd>
            </Fragment>
          ))}
          <dt>{t('people.field.user')}</dt>
          <dd data-testid="employee-user">{employee.user_id === null ? t('people.employee.no_user') : t('people.employee.has_user')}</dd>
        </dl>
      </section>
    );
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(false);
    const orNull = (text: string) => (text.trim() === '' ? null : text);
    const ok = await action.run(() =>
      core.mutate('employee.update', {
        id: employee.id,
        name: draft.name,
        job_title: orNull(draft.job_title),
        email: orNull(draft.email),
        phone: orNull(draft.phone),
        notes: orNull(draft.notes),
        ...(accounts !== null ? { user_id: orNull(draft.user_id) } : {}),
      }),
    );
    if (ok) {
      setSaved(true);
      onChanged();
    }
  }

  const errorFor = (field: string) => (action.error?.field === field ? action.message : '');
  const general = action.error !== null && ![...kFields.map((f) => f.key as string), 'user_id'].includes(action.error.field ?? '') ? action.message : '';
  return (
    <form class="card form" onSubmit={save} noValidate aria-labelledby="employee-identity-title" data-testid="employee-identity">
      <h3 id="employee-identity-title" class="card__title">
        {t('people.employee.identity')}
      </h3>
      {kFields.map(({ key, label }) => (
        <div class="field" key={key}>
          <label class="field__label" for={`employee-${key}`}>
            {t(label)}
          </label>
          {key === 'notes' ? (
            <textarea id={`employee-${key}`} class="field__input" name={key} rows={2} value={draft[key]}
              onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })} aria-describedby={`employee-${key}-error`} />
          ) : (
            <input id={`employee-${key}`} class="field__input" name={key} autoComplete="off" value={draft[key]}
              type={(key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text') as 'text'}
              onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
              aria-invalid={errorFor(key) ? 'true' : undefined} aria-describedby={`employee-${key}-error`} data-testid={`employee-${key}`} />
          )}
          <p id={`employee-${key}-error`} class="field__error" aria-live="assertive">
            {errorFor(key)}
          </p>
        </div>
      ))}
      <div class="field">
        <label class="field__label" for="employee-user">
          {t('people.field.user')}
        </label>
        {accounts !== null ? (
          <select id="employee-user" class="field__input" name="user_id" value={draft.user_id}
            onChange={(e) => setDraft({ ...draft, user_id: e.currentTarget.value })}
            aria-invalid={errorFor('user_id') ? 'true' : undefined} aria-describedby="employee-user-hint employee-user_id-error" data-testid="employee-user">
            <option value="">{t('people.employee.no_user')}</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.display_name} ({a.username})
              </option>
            ))}
          </select>
        ) : (
          <p class="field__value" data-testid="employee-user">
            {employee.user_id === null ? t('people.employee.no_user') : linked?.username ?? t('people.employee.has_user')}
          </p>
        )}
        <p id="employee-user-hint" class="field__hint">
          {accountsError !== null
            ? accountsError.code === 'network'
              ? t('people.employee.user_offline')
              : coreErrorMessage(i18n, 'people', accountsError)
            : t('people.employee.user_hint')}
        </p>
        <p id="employee-user_id-error" class="field__error" aria-live="assertive">
          {errorFor('user_id')}
        </p>
      </div>
      <p class="field__error" role="alert">
        {general}
      </p>
      <div class="form__actions people__actions">
        <button class="button button--primary" type="submit" aria-disabled={action.busy ? 'true' : undefined} data-testid="employee-save">
          {t('people.save')}
        </button>
        {can('employee.archive') && <ArchiveButton employee={employee} onChanged={onChanged} />}
      </div>
      <p class="form__notice" role="status">
        {saved ? t('people.saved') : ''}
      </p>
    </form>
  );
}

function ArchiveButton({ employee, onChanged }: { employee: EmployeeDetail; onChanged(): void }) {
  const core = useCore();
  const { t } = useI18n();
  const action = useAction('people');
  return (
    <>
      <button type="button" class="button button--secondary" data-testid="employee-archive"
        onClick={() => void action.run(() => core.mutate('employee.archive', { id: employee.id, archived: !employee.archived })).then((ok) => ok && onChanged())}>
        {employee.archived ? t('people.unarchive') : t('people.archive')}
      </button>
      {action.message && <p class="field__error" role="alert">{action.message}</p>}
    </>
  );
}
