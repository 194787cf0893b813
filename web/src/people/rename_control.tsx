/**
 * "Rename" for a named row (skills, teams): a button that turns into a small form with the
 * name, Save and Cancel. `save` runs the core's update mutator; its refusal (an empty or
 * duplicate name…) is shown under the field and nothing changes. Focus goes to the field on
 * opening and back to the button on closing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';

interface Props {
  idPrefix: string;
  name: string;
  save(name: string): Promise<unknown>;
  onSaved(): void;
}

export function RenameControl({ idPrefix, name, save, onSaved }: Props) {
  const { t } = useI18n();
  const action = useAction('people');
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(name);
  const field = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  useEffect(() => {
    if (open) field.current?.focus();
    else if (wasOpen.current) button.current?.focus();
    wasOpen.current = open;
  }, [open]);

  if (!open) {
    return (
      <button ref={button} type="button" class="button button--secondary" data-testid={`${idPrefix}-rename`}
        aria-label={t('people.rename_named', { name })}
        onClick={() => {
          setValue(name);
          setOpen(true);
        }}>
        {t('people.rename')}
      </button>
    );
  }
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (await action.run(() => save(value))) {
      setOpen(false);
      onSaved();
    }
  }
  const id = `${idPrefix}-rename-input`;
  return (
    <form class="people__inline" onSubmit={submit} noValidate data-testid={`${idPrefix}-rename-form`}>
      <div class="field">
        <label class="field__label" for={id}>{t('people.new_name')}</label>
        <input ref={field} id={id} class="field__input" autoComplete="off" value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
          aria-invalid={action.message ? 'true' : undefined} aria-describedby={`${id}-error`} data-testid={`${idPrefix}-rename-input`} />
        <p id={`${id}-error`} class="field__error" aria-live="assertive">{action.message}</p>
      </div>
      <button type="submit" class="button button--primary" data-testid={`${idPrefix}-rename-save`}>{t('people.save')}</button>
      <button type="button" class="button button--secondary" onClick={() => setOpen(false)}>{t('people.cancel')}</button>
    </form>
  );
}
