/**
 * An item's minimum per location (what item.get returns as location_mins): the list, and for
 * the roles that may run item.set_location_min a form setting one (an existing minimum at that
 * location is replaced) and a remove button (min_qty null). The core checks the quantity.
 */
import { useState } from 'preact/hooks';
import { alertsChanged } from '../alerts/alerts_badge';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { type MessageKey, useI18n } from '../i18n/i18n';
import { unitLabel } from '../i18n/units';
import { usePermissions } from '../shell/permissions';
import type { Item, Location } from './contract';

interface Props {
  item: Item;
  locations: Location[];
  onChanged(): void;
}

export function LocationMins({ item, locations, onChanged }: Props) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const action = useAction('stock');
  const [locationId, setLocationId] = useState('');
  const [qty, setQty] = useState('');
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const unit = unitLabel(i18n, item.unit);

  const set = (location_id: string, min_qty: string | null, done: MessageKey) => {
    setNotice(null);
    void action.run(() => core.mutate('item.set_location_min', { id: newId(), item_id: item.id, location_id, min_qty })).then((ok) => {
      if (!ok) return;
      setNotice(done);
      if (min_qty !== null) setQty('');
      alertsChanged();
      onChanged();
    });
  };
  const field = action.error?.field;
  const editable = can('item.set_location_min');

  return (
    <section class="card" aria-labelledby="mins-title" data-testid="location-mins">
      <h3 id="mins-title" class="card__title">
        {t('stock.mins.title')}
      </h3>
      {item.location_mins.length === 0 ? (
        <p class="list__message" data-testid="location-mins-empty">
          {t('stock.mins.empty')}
        </p>
      ) : (
        <ul class="list">
          {item.location_mins.map((m) => (
            <li key={m.location_id} class="list__item" data-testid="location-min" data-location={m.location}>
              <span class="list__name">{m.location}</span>
              <span class="stock-qty">
                {m.min_qty} {unit}
              </span>
              {editable && (
                <button type="button" class="button button--secondary" aria-label={t('stock.mins.remove_named', { location: m.location })}
                  onClick={() => set(m.location_id, null, 'stock.mins.removed')} data-testid="location-min-remove">
                  {t('stock.mins.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form class="form location-mins__form" noValidate onSubmit={(e) => { e.preventDefault(); set(locationId, qty, 'stock.mins.saved'); }} data-testid="location-min-form">
          <div class="field">
            <label class="field__label" for="min-location">{t('stock.mins.location')}</label>
            <select id="min-location" class="field__input" value={locationId} onChange={(e) => setLocationId(e.currentTarget.value)}
              aria-invalid={field === 'location_id' ? 'true' : undefined} aria-describedby="min-location-error" data-testid="location-min-location">
              <option value="">{t('stock.mins.choose_location')}</option>
              {locations.map((l) => (
                <option key={l.id} value={l.id}>{'\u00a0'.repeat(l.depth * 2) + l.name}</option>
              ))}
            </select>
            <p id="min-location-error" class="field__error" aria-live="assertive">{field === 'location_id' ? action.message : ''}</p>
          </div>
          <div class="field">
            <label class="field__label" for="min-qty">{t('stock.mins.qty')} ({unit})</label>
            <input id="min-qty" class="field__input" inputMode="decimal" autoComplete="off" value={qty} onInput={(e) => setQty(e.currentTarget.value)}
              aria-invalid={field === 'min_qty' ? 'true' : undefined} aria-describedby="min-qty-error" data-testid="location-min-qty" />
            <p id="min-qty-error" class="field__error" aria-live="assertive" data-testid="location-min-qty-error">{field === 'min_qty' ? action.message : ''}</p>
          </div>
          <p class="field__error" role="alert">{field !== 'location_id' && field !== 'min_qty' ? action.message : ''}</p>
          <button type="submit" class="button button--primary" aria-disabled={action.busy ? 'true' : undefined} data-testid="location-min-submit">
            {t('stock.mins.save')}
          </button>
        </form>
      )}
      <p class="form__notice" role="status" data-testid="location-min-notice">{notice === null ? '' : t(notice)}</p>
    </section>
  );
}
