/**
 * One account: role (changed at once), active or not, the employee it is linked to, and a
 * password reset. The server checks each change; an employee link is the core's
 * employee.update (it refuses a user already linked to another employee).
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import type { EmployeeSummary } from '../people/contract';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import { kAdminPaths, kMailSections, kRoles, type Role, type UserAccount } from './contract';
import { temporaryPassword } from './temporary_password';
import { UserMailDialog } from './user_mail_dialog';
import type { Secret } from './users_screen';

interface Props {
  user: UserAccount;
  employees: EmployeeSummary[];
  onChanged(): void;
  onSecret(secret: Secret): void;
}

export function UserRow({ user, employees, onChanged, onSecret }: Props) {
  const core = useCore();
  const { t } = useI18n();
  const { can, userId } = usePermissions();
  const action = useAction('users');
  const employee = employees.find((e) => e.user_id === user.id);
  const base = `user-${user.id}`;
  const self = user.id === userId;
  const [mailOpen, setMailOpen] = useState(false);
  const mailed = user.email !== null && user.email !== '' && kMailSections.some((s) => user[s]);

  const update = (changes: Partial<Pick<UserAccount, 'role' | 'active'>>) =>
    void action.run(() => core.admin('POST', kAdminPaths.update, { id: user.id, ...changes })).then((ok) => ok && onChanged());

  async function link(employeeId: string) {
    const ok = await action.run(async () => {
      if (employee !== undefined) await core.mutate('employee.update', { id: employee.id, user_id: null });
      if (employeeId !== '') await core.mutate('employee.update', { id: employeeId, user_id: user.id });
    });
    if (ok) onChanged();
  }

  async function reset() {
    const password = temporaryPassword();
    const ok = await action.run(() => core.admin('POST', kAdminPaths.resetPassword, { id: user.id, password }));
    if (ok) {
      onSecret({ username: user.username, password, created: false });
      onChanged();  // the row's "temporary password" badge and the sessions the reset ended
    }
  }

  return (
    <li class={`list__item users__row${user.active ? '' : ' list__item--archived'}`} data-testid="user-row" data-username={user.username}>
      <div class="users__who">
        <span class="list__name">{user.display_name}</span>
        <span class="users__sub">
          {user.username}
          {user.email ? ` · ${user.email}` : ''}
        </span>
        <span class="users__badges">
          {!user.active && <span class="badge">{t('users.inactive')}</span>}
          {user.must_change_password && <span class="badge">{t('users.must_change')}</span>}
          {self && <span class="badge">{t('users.you')}</span>}
          {mailed && <span class="badge" data-testid="user-mail-badge">{t('users.mail.badge')}</span>}
        </span>
      </div>
      <div class="users__controls">
        <div class="field">
          {self ? (
            // The server refuses an administrator's own demotion: another administrator does it.
            <>
              <span class="field__label">{t('users.field.role')}</span>
              <p data-testid="user-role-self">{t(`role.${user.role}`)}</p>
            </>
          ) : (
            <>
            <label class="field__label" for={`${base}-role`}>
              {t('users.field.role')}
            </label>
            <select id={`${base}-role`} class="field__input" value={user.role} data-testid="user-role"
              onChange={(e) => update({ role: e.currentTarget.value as Role })}>
              {kRoles.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
            </>
          )}
        </div>
        <div class="field">
          <label class="field__label" for={`${base}-employee`}>
            {t('users.field.employee')}
          </label>
          {can('employee.update') ? (
            <select id={`${base}-employee`} class="field__input" value={employee?.id ?? ''} data-testid="user-employee"
              onChange={(e) => void link(e.currentTarget.value)}>
              <option value="">{t('users.no_employee')}</option>
              {employees
                .filter((e) => e.user_id === null || e.user_id === user.id)
                .map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                  </option>
                ))}
            </select>
          ) : (
            <p id={`${base}-employee`}>{employee?.name ?? t('users.no_employee')}</p>
          )}
        </div>
        <div class="users__buttons">
          {employee !== undefined && (
            <a class="button button--secondary" href={href('people', 'employee', employee.id)}>
              {t('users.open_employee')}
            </a>
          )}
          <button type="button" class="button button--secondary" onClick={() => setMailOpen(true)} data-testid="user-mail"
            aria-label={t('users.mail.open_named', { username: user.username })}>
            {t('users.mail.open')}
          </button>
          <button type="button" class="button button--secondary" onClick={() => void reset()} data-testid="user-reset"
            aria-label={t('users.reset_named', { username: user.username })}>
            {t('users.reset')}
          </button>
          {!self && (
            <button type="button" class="button button--secondary" onClick={() => update({ active: !user.active })} data-testid="user-active"
              aria-label={`${user.active ? t('users.deactivate') : t('users.activate')} — ${user.username}`}>
              {user.active ? t('users.deactivate') : t('users.activate')}
            </button>
          )}
        </div>
      </div>
      <p class="field__error users__error" role="alert">
        {action.message}
      </p>
      {mailOpen && (
        <UserMailDialog user={user} onClose={() => setMailOpen(false)}
          onSaved={() => {
            setMailOpen(false);
            onChanged();
          }} />
      )}
    </li>
  );
}
