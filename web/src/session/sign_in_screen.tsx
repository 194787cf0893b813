/**
 * Sign-in, and the password change the server requires at first sign-in. The server
 * decides (worker → /api/login, /api/password); this screen only shows its answers in the
 * user's language. The first sign-in on a device needs the network; later starts use the
 * session kept in the local database and work offline.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SessionUser } from '../core/protocol';
import { CoreError } from '../core/core_error';
import { useCore } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';

function SignInForm({ onDone }: { onDone: (user: SessionUser) => void }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  const username = useRef<HTMLInputElement>(null);
  useEffect(() => username.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      onDone(await core.signIn(String(form.get('username') ?? '').trim(), String(form.get('password') ?? '')));
    } catch (thrown) {
      setError(CoreError.from(thrown));
      username.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const message =
    error === null
      ? ''
      : error.code === 'too_many_attempts'
        ? t('signin.error.too_many_attempts', { seconds: error.message })
        : error.code === 'failed_precondition'
          ? t('signin.error.failed_precondition', { detail: error.message })
          : coreErrorMessage(i18n, 'signin', error);
  return (
    <form class="card form signin" onSubmit={submit} noValidate aria-labelledby="signin-title" data-testid="signin-form">
      <h2 id="signin-title" class="card__title">
        {t('signin.title')}
      </h2>
      <div class="field">
        <label class="field__label" for="signin-username">
          {t('signin.username')}
        </label>
        <input ref={username} id="signin-username" class="field__input" name="username" autoComplete="username"
          autoCapitalize="none" spellcheck={false} required data-testid="signin-username"
          aria-invalid={error ? 'true' : undefined} aria-describedby="signin-error" />
      </div>
      <div class="field">
        <label class="field__label" for="signin-password">
          {t('signin.password')}
        </label>
        <input id="signin-password" class="field__input" name="password" type="password" autoComplete="current-password"
          required data-testid="signin-password" aria-invalid={error ? 'true' : undefined} aria-describedby="signin-error" />
      </div>
      <p id="signin-error" class="field__error" role="alert" data-testid="signin-error" data-code={error?.code}>
        {message}
      </p>
      <button class="button button--primary" type="submit" aria-disabled={busy ? 'true' : undefined} data-testid="signin-submit">
        {busy ? t('signin.submitting') : t('signin.submit')}
      </button>
    </form>
  );
}

function PasswordChangeForm({ user, onDone }: { user: SessionUser; onDone: (user: SessionUser) => void }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; field: string | undefined } | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const next = String(form.get('new') ?? '');
    if (next !== String(form.get('confirm') ?? '')) {
      setError({ text: t('password.error.mismatch'), field: 'confirm' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await core.changePassword(String(form.get('current') ?? ''), next));
    } catch (thrown) {
      const failure = CoreError.from(thrown);
      setError({
        text: failure.code === 'too_many_attempts'
          ? t('password.error.too_many_attempts', { seconds: failure.message })
          : coreErrorMessage(i18n, 'password', failure),
        field: failure.field,
      });
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: string) => (error?.field === field ? 'true' : undefined);
  return (
    <form class="card form signin" onSubmit={submit} noValidate aria-labelledby="password-title" data-testid="password-form">
      <h2 id="password-title" class="card__title">
        {t('password.title')}
      </h2>
      <p>{t('password.explain', { name: user.display_name || user.username })}</p>
      <div class="field">
        <label class="field__label" for="password-current">{t('password.current')}</label>
        <input ref={first} id="password-current" class="field__input" name="current" type="password"
          autoComplete="current-password" data-testid="password-current" aria-invalid={invalid('current_password')}
          aria-describedby="password-error" />
      </div>
      <div class="field">
        <label class="field__label" for="password-new">{t('password.new')}</label>
        <p id="password-new-hint" class="field__hint">{t('password.new_hint')}</p>
        <input id="password-new" class="field__input" name="new" type="password" autoComplete="new-password"
          data-testid="password-new" aria-invalid={invalid('new_password')} aria-describedby="password-new-hint password-error" />
      </div>
      <div class="field">
        <label class="field__label" for="password-confirm">{t('password.confirm')}</label>
        <input id="password-confirm" class="field__input" name="confirm" type="password" autoComplete="new-password"
          data-testid="password-confirm" aria-invalid={invalid('confirm')} aria-describedby="password-error" />
      </div>
      <p id="password-error" class="field__error" role="alert" data-testid="password-error">
        {error?.text ?? ''}
      </p>
      <button class="button button--primary" type="submit" aria-disabled={busy ? 'true' : undefined} data-testid="password-submit">
        {busy ? t('password.submitting') : t('password.submit')}
      </button>
    </form>
  );
}

/** Sign-in, or the required password change when `user` must change it. */
export function SignInScreen({ user, onSignedIn }: { user: SessionUser | null; onSignedIn: (user: SessionUser) => void }) {
  return (
    <section class="screen screen--narrow" data-testid="signin-screen">
      {user?.must_change_password ? <PasswordChangeForm user={user} onDone={onSignedIn} /> : <SignInForm onDone={onSignedIn} />}
    </section>
  );
}
