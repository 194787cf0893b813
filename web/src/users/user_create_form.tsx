/**
 * Creating an account (POST /api/admin/users) with a temporary password generated here and
 * shown once; the server makes the user change it at first sign-in. The server validates
 * every field; its refusal is shown under the field it names.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { type MessageKey, useI18n } from '../i18n/i18n';
import { kAdminPaths, kRoles, type CreatedUser, type Role } from './contract';
import { temporaryPassword } from './temporary_password';
import type { Secret } from './users_screen';

type Field = 'username' | 'display_name' | 'email';
const kFields: { key: Field; label: MessageKey; type: 'text' | 'email'; auto: string }[] = [
  { key: 'username', label: 'users.field.username', type: 'text', auto: 'off' },
  { key: 'display_name', label: 'users.field.display_name', type: 'text', auto: 'off' },
  { key: 'email', label: 'users.field.email', type: 'email', auto: 'off' },
];

export function UserCreateForm({ onCreated }: { onCreated(secret: Secret): void }) {
  const core = useCore();
  const { t } = useI18n();
  const action = useAction('users');
  const [draft, setDraft] = useState({ username: '', display_name: '', email: '', role: 'technician' as Role });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const password = temporaryPassword();
    const ok = await action.run(() => core.admin<CreatedUser>('POST', kAdminPaths.users, { ...draft, password }));
    if (!ok) return;
    onCreated({ username: draft.username, password, created: true });
    setDraft({ username: '', display_name: '', email: '', role: draft.role });
  }

  const errorFor = (field: string) => (action.error?.field === field ? action.message : '');
  const general = action.error !== null && !['username', 'display_name', 'email', 'role'].includes(action.error.field ?? '') ? action.message : '';
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="user-new-title" data-testid="user-create-form">
      <h3 id="user-new-title" class="card__title">
        {t('users.new')}
      </h3>
      {kFields.map(({ key, label, type, auto }) => (
        <div class="field" key={key}>
          <label class="field__label" for={`user-new-${key}`}>
            {t(label)}
          </label>
          <input id={`user-new-${key}`} class="field__input" type={type as 'text'} autoComplete={auto} autoCapitalize="none" spellcheck={false}
            value={draft[key]} onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
            aria-invalid={errorFor(key) ? 'true' : undefined} aria-describedby={`user-new-${key}-error`} data-testid={`user-new-${key}`} />
          <p id={`user-new-${key}-error`} class="field__error" aria-live="assertive">
            {errorFor(key)}
          </p>
        </div>
      ))}
      <div class="field">
        <label class="field__label" for="user-new-role">
          {t('users.field.role')}
        </label>
        <select id="user-new-role" class="field__input" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.currentTarget.value as Role })} data-testid="user-new-role">
          {kRoles.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </div>
      <p class="field__hint">{t('users.new_hint')}</p>
      <p class="field__error" role="alert">
        {general}
      </p>
      <button class="button button--primary" type="submit" aria-disabled={action.busy ? 'true' : undefined} data-testid="user-create">
        {t('users.create')}
      </button>
    </form>
  );
}
