/**
 * Which alert digests an account receives by e-mail (the server sends them: check-alerts, or
 * every day at ALERTS_DAILY_AT): its address, the sections (stock under minimum or negative,
 * overdue work orders, preventive maintenance due) and the language. Saved through the
 * administration API (/api/admin/users/update), which checks every field.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { Dialog } from '../shell/dialog';
import { kAdminPaths, kMailSections, type MailLanguage, type UserAccount } from './contract';

interface Props {
  user: UserAccount;
  onClose(): void;
  onSaved(): void;
}

export function UserMailDialog({ user, onClose, onSaved }: Props) {
  const core = useCore();
  const { t } = useI18n();
  const action = useAction('users');
  const [email, setEmail] = useState(user.email ?? '');
  const [sections, setSections] = useState(() => Object.fromEntries(kMailSections.map((s) => [s, user[s]])));
  const [language, setLanguage] = useState<MailLanguage>(user.mail_language);
  const base = `user-mail-${user.id}`;
  const any = kMailSections.some((s) => sections[s]);

  async function save(e: Event) {
    e.preventDefault();
    const ok = await action.run(() =>
      core.admin('POST', kAdminPaths.update, { id: user.id, email: email.trim() === '' ? null : email.trim(), ...sections, mail_language: language }),
    );
    if (ok) onSaved();
  }

  return (
    <Dialog title={t('users.mail.title_named', { name: user.display_name })} onClose={onClose} testId="user-mail-dialog">
      <form onSubmit={(e) => void save(e)} noValidate>
        <p class="users__hint">{t('users.mail.hint')}</p>
        <div class="field">
          <label class="field__label" for={`${base}-email`}>
            {t('users.mail.email')}
          </label>
          <input id={`${base}-email`} class="field__input" type="email" autoComplete="off" value={email} data-autofocus
            aria-invalid={action.error?.field === 'email'} aria-describedby={`${base}-error`}
            onInput={(e) => setEmail(e.currentTarget.value)} data-testid="user-mail-email" />
        </div>
        <fieldset class="users__mail-sections">
          <legend class="field__label">{t('users.mail.sections')}</legend>
          {kMailSections.map((s) => (
            <label class="check" key={s}>
              <input type="checkbox" checked={sections[s]} data-testid={`user-mail-${s}`}
                onChange={(e) => setSections({ ...sections, [s]: e.currentTarget.checked })} />
              {t(`users.mail.${s}`)}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label class="field__label" for={`${base}-language`}>
            {t('users.mail.language')}
          </label>
          <select id={`${base}-language`} class="field__input" value={language} data-testid="user-mail-language"
            onChange={(e) => setLanguage(e.currentTarget.value as MailLanguage)}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </div>
        {any && email.trim() === '' && <p class="users__hint" data-testid="user-mail-no-address">{t('users.mail.needs_address')}</p>}
        <p id={`${base}-error`} class="field__error" role="alert">
          {action.message}
        </p>
        <div class="users__buttons">
          <button type="submit" class="button button--primary" aria-disabled={action.busy ? 'true' : undefined} data-testid="user-mail-save">
            {t('users.mail.save')}
          </button>
          <button type="button" class="button button--secondary" onClick={onClose}>
            {t('users.mail.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
