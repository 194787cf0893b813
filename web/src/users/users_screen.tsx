/**
 * USERS (roles with "cap.server.admin"): the server's accounts, created and changed through its
 * administration API (bridge.admin, with this device's session). Needs a connection: offline
 * the screen says so and offers to try again. A temporary password (users/temporary_password.ts,
 * on creation or reset) is shown once, in a dialog. Each account can be linked to an employee
 * here (employee.update user_id), which is what "My work" and location access follow.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { Dialog } from '../shell/dialog';
import { usePermissions } from '../shell/permissions';
import { kAdminPaths, type Session, type UserAccount } from './contract';
import { SessionsCard } from './sessions_card';
import { UserCreateForm } from './user_create_form';
import { UserRow } from './user_row';
import './users.css';

/** What the dialog shows once: a new account's or a reset temporary password. */
export interface Secret {
  username: string;
  password: string;
  created: boolean;
}

export function UsersScreen() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const accounts = useLoaded(
    () =>
      Promise.all([
        core.admin<{ users: UserAccount[] }>('GET', kAdminPaths.users),
        core.admin<{ sessions: Session[] }>('GET', kAdminPaths.sessions),
      ]),
    [core],
  );
  const employees = useLoaded(() => core.query('employee.list', {}), [core]);
  const [secret, setSecret] = useState<Secret | null>(null);

  if (!can('cap.server.admin')) return <p class="list__message list__message--error">{t('errors.forbidden')}</p>;

  const offline = accounts.error?.code === 'network';
  const users = accounts.data?.[0].users ?? null;
  const sessions = accounts.data?.[1].sessions ?? null;
  return (
    <section class="screen users" aria-labelledby="users-title" data-testid="users-screen">
      <h2 id="users-title" class="screen__title">
        {t('users.title')}
      </h2>
      {accounts.error !== null && (
        <div class={`banner ${offline ? 'banner--warning' : 'banner--info'}`} role="alert" data-testid={offline ? 'users-offline' : 'users-error'}>
          <p class="banner__title">{offline ? t('users.offline.title') : t('users.failed')}</p>
          <p class="banner__text">{offline ? t('users.offline.text') : coreErrorMessage(i18n, 'users', accounts.error)}</p>
          <button type="button" class="button button--secondary users__retry" onClick={accounts.reload} data-testid="users-retry">
            {t('users.retry')}
          </button>
        </div>
      )}
      {users !== null && (
        <div class="screen__columns">
          <UserCreateForm
            onCreated={(created) => {
              setSecret(created);
              accounts.reload();
            }}
          />
          <section class="card" aria-labelledby="users-list-title">
            <h3 id="users-list-title" class="card__title">
              {t('users.list')}
              <span class="card__count">{users.length}</span>
            </h3>
            <ul class="list users__list" data-testid="user-list">
              {users.map((user) => (
                <UserRow key={user.id} user={user} employees={employees.data?.items ?? []} onChanged={() => {
                  accounts.reload();
                  employees.reload();
                }} onSecret={setSecret} />
              ))}
            </ul>
          </section>
        </div>
      )}
      {sessions !== null && <SessionsCard sessions={sessions} onChanged={accounts.reload} />}
      {secret !== null && (
        <Dialog title={secret.created ? t('users.secret.created_title') : t('users.secret.reset_title')} onClose={() => setSecret(null)} testId="user-secret">
          <p>{t('users.secret.explain', { username: secret.username })}</p>
          <output class="secret" data-testid="user-secret-password" aria-label={t('users.secret.label')}>
            {secret.password}
          </output>
          <p class="field__hint">{t('users.secret.once')}</p>
          <div class="dialog__actions">
            <button type="button" class="button button--primary" data-autofocus onClick={() => setSecret(null)} data-testid="user-secret-close">
              {t('users.secret.done')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
