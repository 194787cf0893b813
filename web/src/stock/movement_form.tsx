/**
 * Receipt, issue and transfer of one item (stock.receipt / stock.issue / stock.transfer):
 * location pickers, a quantity with big − and + buttons, a note, the core's refusals shown
 * under the field they name, and a success message. The core decides everything (negative
 * stock is accepted there and reported by the alerts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { coreErrorMessage } from '../i18n/error_message';
import { type MessageKey, useI18n } from '../i18n/i18n';
import type { Location } from './contract';

export type MovementKind = 'receipt' | 'issue' | 'transfer';

interface Props {
  kind: MovementKind;
  itemId: string;
  unit: string;
  locations: Location[];
  onDone(): void;
  onCancel(): void;
}

/** Steps the typed quantity by ±1 when it is a plain number; otherwise leaves it to the core. */
function step(text: string, by: number): string {
  const value = Number(text.replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value)) return by > 0 ? '1' : text;
  const next = Math.max(0, Math.round((value + by) * 1000) / 1000);
  return String(next);
}

export function MovementForm({ kind, itemId, unit, locations, onDone, onCancel }: Props) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [qty, setQty] = useState('1');
  const [note, setNote] = useState('');
  const action = useAction('stock');
  const { busy, error } = action;
  const first = useRef<HTMLSelectElement>(null);
  // Opened from a button above: bring the form into view, ready to pick the location.
  useEffect(() => first.current?.focus(), []);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const common = { id: newId(), item_id: itemId, qty, ...(note.trim() !== '' ? { note } : {}) };
    const done = await action.run(() =>
      kind === 'receipt'
        ? core.mutate('stock.receipt', { ...common, location_id: to })
        : kind === 'issue'
          ? core.mutate('stock.issue', { ...common, location_id: from })
          : core.mutate('stock.transfer', { ...common, from_location_id: from, to_location_id: to }),
    );
    if (done) onDone();
    else first.current?.focus();
  }

  // The core names the argument it refuses; each field shows the errors about it.
  const errorFor = (...fields: string[]) =>
    error !== null && error.field !== undefined && fields.includes(error.field) ? coreErrorMessage(i18n, 'stock', error) : '';
  const fromField = kind === 'transfer' ? 'from_location_id' : 'location_id';
  const toField = kind === 'transfer' ? 'to_location_id' : 'location_id';
  const general =
    error !== null && !['qty', 'note', 'location_id', 'from_location_id', 'to_location_id'].includes(error.field ?? '')
      ? coreErrorMessage(i18n, 'stock', error)
      : '';

  const picker = (id: string, labelKey: MessageKey, value: string, set: (v: string) => void, field: string, withRef: boolean) => {
    const message = errorFor(field);
    return (
      <div class="field">
        <label class="field__label" for={id}>
          {t(labelKey)}
        </label>
        <select
          {...(withRef ? { ref: first } : {})}
          id={id}
          class="field__input"
          value={value}
          onChange={(event) => set(event.currentTarget.value)}
          aria-invalid={message !== '' ? 'true' : undefined}
          aria-describedby={`${id}-error`}
          data-testid={id}
        >
          <option value="">{t('stock.move.choose_location')}</option>
          {locations.map((location) => (
            <option key={location.id} value={location.id}>
              {'\u00a0'.repeat(location.depth * 2) + location.name}
            </option>
          ))}
        </select>
        <p id={`${id}-error`} class="field__error" aria-live="assertive" data-testid={`${id}-error`}>
          {message}
        </p>
      </div>
    );
  };

  const qtyError = errorFor('qty');
  return (
    <form class="card form movement" onSubmit={submit} noValidate aria-labelledby="movement-title" data-testid={`movement-form-${kind}`}>
      <h3 id="movement-title" class="card__title">
        {t(`stock.move.${kind}.title`)}
      </h3>
      {kind !== 'receipt' && picker('movement-from', kind === 'issue' ? 'stock.move.location' : 'stock.move.from', from, setFrom, fromField, true)}
      {kind !== 'issue' && picker('movement-to', kind === 'receipt' ? 'stock.move.location' : 'stock.move.to', to, setTo, toField, kind === 'receipt')}
      <div class="field">
        <label class="field__label" for="movement-qty">
          {t('stock.move.qty', { unit })}
        </label>
        <div class="stepper">
          <button type="button" class="button stepper__button" aria-label={t('stock.move.less')} onClick={() => setQty(step(qty, -1))} data-testid="movement-minus">
            −
          </button>
          <input
            id="movement-qty"
            class="field__input stepper__input"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={qty}
            onInput={(event) => setQty(event.currentTarget.value)}
            aria-invalid={qtyError !== '' ? 'true' : undefined}
            aria-describedby="movement-qty-error"
            data-testid="movement-qty"
          />
          <button type="button" class="button stepper__button" aria-label={t('stock.move.more')} onClick={() => setQty(step(qty, 1))} data-testid="movement-plus">
            +
          </button>
        </div>
        <p id="movement-qty-error" class="field__error" aria-live="assertive" data-testid="movement-qty-error">
          {qtyError}
        </p>
      </div>
      <div class="field">
        <label class="field__label" for="movement-note">
          {t('stock.move.note')}
        </label>
        <input id="movement-note" class="field__input" type="text" value={note} onInput={(event) => setNote(event.currentTarget.value)} aria-describedby="movement-note-error" />
        <p id="movement-note-error" class="field__error" aria-live="assertive">
          {errorFor('note')}
        </p>
      </div>
      <p class="field__error" role="alert" data-testid="movement-error">
        {general}
      </p>
      <div class="form__actions">
        <button class="button button--primary" type="submit" aria-disabled={busy ? 'true' : undefined} data-testid="movement-submit">
          {busy ? t('stock.move.saving') : t(`stock.move.${kind}.submit`)}
        </button>
        <button class="button button--secondary" type="button" onClick={onCancel} data-testid="movement-cancel">
          {t('stock.cancel')}
        </button>
      </div>
    </form>
  );
}
