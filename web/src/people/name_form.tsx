/** A small creation form (name and description) for teams and skills; the core validates. */
import { useState } from 'preact/hooks';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';

interface Props {
  idPrefix: string;
  title: string;
  submit: string;
  create(name: string, description: string | null): Promise<unknown>;
  onCreated(): void;
}

export function NameForm({ idPrefix, title, submit, create, onCreated }: Props) {
  const { t } = useI18n();
  const action = useAction('people');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState('');

  async function send(event: SubmitEvent) {
    event.preventDefault();
    setCreated('');
    const ok = await action.run(() => create(name, description.trim() === '' ? null : description));
    if (!ok) return;
    setCreated(name);
    setName('');
    setDescription('');
    onCreated();
  }

  const nameError = action.error !== null && action.error.field !== 'description' ? action.message : '';
  return (
    <form class="card form" onSubmit={send} noValidate aria-labelledby={`${idPrefix}-new-title`} data-testid={`${idPrefix}-create-form`}>
      <h3 id={`${idPrefix}-new-title`} class="card__title">
        {title}
      </h3>
      <div class="field">
        <label class="field__label" for={`${idPrefix}-new-name`}>
          {t('people.field.name')}
        </label>
        <input id={`${idPrefix}-new-name`} class="field__input" autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)}
          aria-invalid={nameError ? 'true' : undefined} aria-describedby={`${idPrefix}-new-name-error`} data-testid={`${idPrefix}-new-name`} />
        <p id={`${idPrefix}-new-name-error`} class="field__error" aria-live="assertive">
          {nameError}
        </p>
      </div>
      <div class="field">
        <label class="field__label" for={`${idPrefix}-new-description`}>
          {t('people.field.description')}
        </label>
        <input id={`${idPrefix}-new-description`} class="field__input" autoComplete="off" value={description}
          onInput={(e) => setDescription(e.currentTarget.value)} />
      </div>
      <button class="button button--primary" type="submit" aria-disabled={action.busy ? 'true' : undefined} data-testid={`${idPrefix}-create`}>
        {submit}
      </button>
      <p class="form__notice" role="status">
        {created !== '' ? t('people.created', { name: created }) : ''}
      </p>
    </form>
  );
}
