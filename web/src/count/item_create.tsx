/**
 * "Create the item" for a code nobody knows: a minimal item.create (reference, label, the
 * scanned barcode prefilled). The core checks every field; its errors show under the field
 * they name. On success the caller records the count of the new item.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';

interface Props {
  barcode: string;
  onCreated(item: { id: string; reference: string; label: string }): void;
  onClose(): void;
}

type FieldName = 'reference' | 'label' | 'barcode';

export function ItemCreate({ barcode: scanned, onCreated, onClose }: Props) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [reference, setReference] = useState('');
  const [label, setLabel] = useState('');
  const [barcode, setBarcode] = useState(scanned);
  const action = useAction('count.create');
  const { busy, error } = action;
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const id = newId();
    const created = await action.run(() =>
      core.mutate('item.create', { id, reference, label, barcode: barcode.trim() === '' ? null : barcode }),
    );
    if (created) onCreated({ id, reference, label });
  }

  const fieldOf = (name: FieldName) => (error !== null && (error.field ?? 'reference') === name ? coreErrorMessage(i18n, 'count.create', error) : '');
  const general = error !== null && !['reference', 'label', 'barcode', undefined].includes(error.field) ? coreErrorMessage(i18n, 'count.create', error) : '';
  const field = (name: FieldName, value: string, set: (v: string) => void, ref?: typeof first) => {
    const message = fieldOf(name);
    return (
      <div class="field">
        <label class="field__label" for={`count-create-${name}`}>
          {t(`count.create.${name}`)}
        </label>
        <input
          {...(ref === undefined ? {} : { ref })}
          id={`count-create-${name}`}
          class="field__input"
          type="text"
          autoComplete="off"
          value={value}
          onInput={(event) => set(event.currentTarget.value)}
          aria-invalid={message !== '' ? 'true' : undefined}
          aria-describedby={`count-create-${name}-error`}
          data-testid={`count-create-${name}`}
        />
        <p id={`count-create-${name}-error`} class="field__error" aria-live="assertive" data-testid={`count-create-${name}-error`}>
          {message}
        </p>
      </div>
    );
  };

  return (
    <form class="card count-panel form" onSubmit={submit} noValidate aria-labelledby="count-create-title" data-testid="count-create">
      <div class="count-panel__head">
        <h3 id="count-create-title" class="card__title">
          {t('count.create.title')}
        </h3>
        <button type="button" class="button count-button--secondary" onClick={onClose} data-testid="count-create-close">
          {t('count.create.cancel')}
        </button>
      </div>
      {field('reference', reference, setReference, first)}
      {field('label', label, setLabel)}
      {field('barcode', barcode, setBarcode)}
      <p class="field__error" aria-live="assertive">
        {general}
      </p>
      <button class="button button--primary" type="submit" aria-disabled={busy ? 'true' : undefined} data-testid="count-create-submit">
        {busy ? t('count.create.submitting') : t('count.create.submit')}
      </button>
    </form>
  );
}
