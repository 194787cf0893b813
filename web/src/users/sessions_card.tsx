/** Open sessions on the server (GET /api/admin/sessions), each revocable. */
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { kAdminPaths, type Session } from './contract';

export function SessionsCard({ sessions, onChanged }: { sessions: Session[]; onChanged(): void }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const action = useAction('users');
  const when = (seconds: number) =>
    new Date(seconds * 1000).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section class="card users__sessions" aria-labelledby="sessions-title" data-testid="sessions-card">
      <h3 id="sessions-title" class="card__title">
        {t('users.sessions.title')}
        <span class="card__count">{sessions.length}</span>
      </h3>
      <p class="field__hint">{t('users.sessions.hint')}</p>
      <ul class="list">
        {sessions.map((s) => (
          <li key={s.id} class="list__item" data-testid="session-row" data-username={s.username}>
            <span>
              <span class="list__name">{s.username}</span>
              <span class="users__sub">{t('users.sessions.since', { created: when(s.created_at), expires: when(s.expires_at) })}</span>
            </span>
            <button type="button" class="button button--secondary" data-testid="session-revoke"
              aria-label={t('users.sessions.revoke_named', { username: s.username })}
              onClick={() => void action.run(() => core.admin('POST', kAdminPaths.revoke, { id: s.id })).then((ok) => ok && onChanged())}>
              {t('users.sessions.revoke')}
            </button>
          </li>
        ))}
      </ul>
      <p class="field__error" role="alert">{action.message}</p>
    </section>
  );
}
