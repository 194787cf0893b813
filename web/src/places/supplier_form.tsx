/**
 * A supplier's fields (name, contact, e-mail, phone, notes) as a form, for creation
 * (supplier.create) and edition (supplier.update, in a dialog). The core checks the name is
 * free and the e-mail well formed; its message shows under the field it names.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useAction } from '../core/use_action';
import { type MessageKey, useI18n } from '../i18n/i18n';
import type { Supplier } from '../stock/contract';

type Field = 'name' | 'contact' | 'email' | 'phone' | 'notes';
export type SupplierDraft = Record<Field, string>;
/** What the core receives: empty optional fields become null (cleared). */
export type SupplierValues = { name: string } & Record<Exclude<Field, 'name'>, string | null>;

const kFields: { key: Field; label: MessageKey; type: 'text' | 'email' | 'tel' | 'textarea' }[] = [
  { key: 'name', label: 'places.field.name', type: 'text' },
  { key: 'contact', label: 'places.field.contact', type: 'text' },
  { key: 'email', label: 'places.field.email', type: 'email' },
  { key: 'phone', label: 'places.field.phone', type: 'tel' },
  { key: 'notes', label: 'places.field.notes', type: 'textarea' },
];

export function draftOf(supplier: Supplier | null): SupplierDraft {
  return {
    name: supplier?.name ?? '',
    contact: supplier?.contact ?? '',
    email: supplier?.email ?? '',
    phone: supplier?.phone ?? '',
    notes: supplier?.notes ?? '',
  };
}

interface Props {
  prefix: string;
  initial: SupplierDraft;
  submitLabel: string;
  send(values: SupplierValues): Promise<unknown>;
  /** After the core accepted; returns the draft to show next. */
  onDone(name: string): SupplierDraft;
  children?: ComponentChildren;
}

export function SupplierForm({ prefix, initial, submitLabel, send, onDone, children }: Props) {
  const { t } = useI18n();
  const action = useAction('places.supplier');
  const [draft, setDraft] = useState(initial);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const orNull = (text: string) => (text.trim() === '' ? null : text);
    const values = { name: draft.name, contact: orNull(draft.contact), email: orNull(draft.email), phone: orNull(draft.phone), notes: orNull(draft.notes) };
    if (await action.run(() => send(values))) setDraft(onDone(draft.name));
  }

  const errorFor = (field: string) => (action.error?.field === field ? action.message : '');
  const general = action.error !== null && !kFields.some((f) => f.key === action.error?.field) ? action.message : '';
  return (
    <form class="form" onSubmit={submit} noValidate data-testid={`${prefix}-form`}>
      {kFields.map(({ key, label, type }) => (
        <div class="field" key={key}>
          <label class="field__label" for={`${prefix}-${key}`}>
            {t(label)}
          </label>
          {type === 'textarea' ? (
            <textarea id={`${prefix}-${key}`} class="field__input" name={key} rows={2} value={draft[key]}
              onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })} aria-describedby={`${prefix}-${key}-error`} data-testid={`${prefix}-${key}`} />
          ) : (
            <input id={`${prefix}-${key}`} class="field__input" name={key} autoComplete="off" type={type as 'text'} value={draft[key]}
              onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })} aria-invalid={errorFor(key) ? 'true' : undefined}
              aria-describedby={`${prefix}-${key}-error`} data-testid={`${prefix}-${key}`} data-autofocus={key === 'name' ? true : undefined} />
          )}
          <p id={`${prefix}-${key}-error`} class="field__error" aria-live="assertive" data-testid={`${prefix}-${key}-error`}>
            {errorFor(key)}
          </p>
        </div>
      ))}
      <p class="field__error" role="alert">
        {general}
      </p>
      <div class="places__actions">
        <button class="button button--primary" type="submit" aria-disabled={action.busy ? 'true' : undefined} data-testid={`${prefix}-submit`}>
          {submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
