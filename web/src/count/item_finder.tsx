/**
 * "Find the item": a search by name, reference or barcode (query item.search, run on the
 * local database) for items without a readable label; choosing one records the count.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { CoreError } from '../core/core_error';
import { useCore } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';

interface Found {
  id: string;
  reference: string;
  label: string;
  barcode: string | null;
}

interface Props {
  initial?: string;
  onPick(item: Found): void;
  onClose(): void;
}

export function ItemFinder({ initial = '', onPick, onClose }: Props) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [q, setQ] = useState(initial);
  const [items, setItems] = useState<Found[] | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      core.query('item.search', { q, limit: 8 }).then(
        (result) => {
          if (!live) return;
          setItems(result.items);
          setError(null);
        },
        (thrown) => live && setError(CoreError.from(thrown)),
      );
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [core, q]);

  return (
    <section class="card count-panel" aria-labelledby="count-finder-title" data-testid="count-finder">
      <div class="count-panel__head">
        <h3 id="count-finder-title" class="card__title">
          {t('count.finder.title')}
        </h3>
        <button type="button" class="button count-button--secondary" onClick={onClose} data-testid="count-finder-close">
          {t('count.finder.close')}
        </button>
      </div>
      <div class="field">
        <label class="field__label" for="count-finder-q">
          {t('count.finder.label')}
        </label>
        <input
          ref={input}
          id="count-finder-q"
          class="field__input"
          type="search"
          autoComplete="off"
          value={q}
          onInput={(event) => setQ(event.currentTarget.value)}
          aria-describedby="count-finder-error"
          data-testid="count-finder-input"
        />
        <p id="count-finder-error" class="field__error" aria-live="assertive">
          {error === null ? '' : coreErrorMessage(i18n, 'count', error)}
        </p>
      </div>
      <p class="visually-hidden" aria-live="polite">
        {items === null ? '' : t('count.finder.results', { count: items.length })}
      </p>
      {items !== null && items.length === 0 && <p class="list__message">{t('count.finder.none')}</p>}
      {items !== null && items.length > 0 && (
        <ul class="list" data-testid="count-finder-results">
          {items.map((item) => (
            <li key={item.id} class="list__item">
              <span class="count-item">
                <strong>{item.reference}</strong> <span>{item.label}</span>
                {item.barcode !== null && <span class="count-item__code">{item.barcode}</span>}
              </span>
              <button
                type="button"
                class="button button--primary"
                onClick={() => onPick(item)}
                aria-label={t('count.finder.pick_named', { label: `${item.reference} ${item.label}` })}
                data-testid="count-finder-pick"
              >
                {t('count.finder.pick')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
