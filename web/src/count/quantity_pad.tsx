/**
 * The quantity to record: a field with large - and + buttons and an on-screen number pad
 * (keys of 64px and more, for gloves). The keys do not take the focus (pointer down is
 * ignored), so a hardware scanner keeps typing into the code field. Only the text of the
 * field is edited here; the core checks the quantity when it is recorded.
 */
import { useI18n } from '../i18n/i18n';

interface Props {
  value: string;
  /** True while the value is the default one, which the first digit typed replaces. */
  fresh: boolean;
  onChange(next: string): void;
  disabled?: boolean;
}

// Four columns, three rows: short enough for a landscape tablet under the app's frame.
const kKeys = ['7', '8', '9', 'erase', '4', '5', '6', '.', '1', '2', '3', '0'] as const;

/** "+1" / "-1" on the typed amount (an empty or unreadable field counts as 0). */
function step(value: string, delta: number): string {
  const current = Number(value.replace(',', '.'));
  const base = Number.isFinite(current) ? current : 0;
  const decimals = (value.split(/[.,]/)[1] ?? '').length;
  return (base + delta).toFixed(Math.min(decimals, 3));
}

function keepFocus(event: Event) {
  event.preventDefault();
}

export function QuantityPad({ value, fresh, onChange, disabled = false }: Props) {
  const { t } = useI18n();
  const press = (key: string) => {
    if (key === '.' && value.includes('.')) return;
    // The default "1" is replaced by the first digit typed.
    onChange(fresh && key !== '.' ? key : `${value}${key}`);
  };
  return (
    <div class="count-qty" data-testid="count-qty">
      <label class="field__label" for="count-qty-input">
        {t('count.qty.label')}
      </label>
      <div class="count-qty__row">
        <button
          type="button"
          class="count-key count-key--step"
          aria-label={t('count.qty.minus')}
          onPointerDown={keepFocus}
          onClick={() => onChange(step(value, -1))}
          disabled={disabled}
          data-testid="count-qty-minus"
        >
          −
        </button>
        <input
          id="count-qty-input"
          class="field__input count-qty__input"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={value}
          onInput={(event) => onChange(event.currentTarget.value)}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="count-qty-input"
        />
        <button
          type="button"
          class="count-key count-key--step"
          aria-label={t('count.qty.plus')}
          onPointerDown={keepFocus}
          onClick={() => onChange(step(value, 1))}
          disabled={disabled}
          data-testid="count-qty-plus"
        >
          +
        </button>
      </div>
      <div class="count-pad" role="group" aria-label={t('count.pad.label')}>
        {kKeys.map((key) =>
          key === 'erase' ? (
            <button
              key={key}
              type="button"
              class="count-key count-key--erase"
              aria-label={t('count.pad.erase')}
              onPointerDown={keepFocus}
              onClick={() => onChange(value.slice(0, -1))}
              disabled={disabled}
              data-testid="count-pad-erase"
            >
              ⌫
            </button>
          ) : (
            <button
              key={key}
              type="button"
              class="count-key"
              onPointerDown={keepFocus}
              onClick={() => press(key)}
              disabled={disabled}
              aria-label={key === '.' ? t('count.pad.decimal') : undefined}
              data-testid={`count-pad-${key === '.' ? 'dot' : key}`}
            >
              {key}
            </button>
          ),
        )}
      </div>
    </div>
  );
}
