/**
 * Planned materials: parts the work order will need, each reserving stock at a location
 * (task.plan_material). Find the item with the core's item.search, choose where it is taken
 * from (stock.onhand shows what each place holds), the quantity; change a quantity
 * (task.update_material) or remove a line (task.remove_material).
 */
import { useEffect, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { unitLabel } from '../i18n/units';
import type { OrderDetail } from './contract';
import { optionText, type References } from './use_references';

type Item = { id: string; reference: string; label: string; unit: string };

export function MaterialsEditor({ task, references, reload }: { task: OrderDetail; references: References; reload(): Promise<void> }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const action = useAction('orders');
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Item[]>([]);
  const [item, setItem] = useState<Item | null>(null);
  const [held, setHeld] = useState<Map<string, string>>(new Map());
  const [where, setWhere] = useState('');
  const [qty, setQty] = useState('1');

  useEffect(() => {
    if (q.trim() === '' || item !== null) return setFound([]);
    let live = true;
    const timer = setTimeout(() => {
      core.query('item.search', { q: q.trim(), limit: 6 }).then((r) => live && setFound(r.items), () => live && setFound([]));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [core, q, item]);

  useEffect(() => {
    if (item === null) return setHeld(new Map());
    core.query('stock.onhand', { item_id: item.id }).then(
      (r) => setHeld(new Map(r.rows.flatMap((row) => (row.qty === null ? [] : [[row.location_id, row.qty] as const])))),
      () => setHeld(new Map()),
    );
  }, [core, item]);

  async function add(event: SubmitEvent) {
    event.preventDefault();
    if (item === null) return;
    const args = { id: newId(), task_id: task.id, item_id: item.id, location_id: where, qty: qty.replace(',', '.') };
    if (await action.run(() => core.mutate('task.plan_material', args))) {
      setItem(null);
      setQ('');
      setQty('1');
      await reload();
    }
  }

  const change = async (fn: () => Promise<unknown>) => {
    if (await action.run(fn)) await reload();
  };
  const planned = task.materials.planned;
  return (
    <section class="card orders-section" aria-labelledby="order-materials-title" data-testid="order-materials">
      <h3 id="order-materials-title" class="card__title">{t('orders.materials.title')}</h3>
      {planned.length === 0 && <p class="list__message">{t('orders.materials.none')}</p>}
      <ul class="list">
        {planned.map((line) => (
          <li key={line.id} class="list__item" data-testid="order-material">
            <span>
              <strong>{line.reference}</strong> {line.label} — {line.qty} {unitLabel(i18n, line.unit)} · {line.location}
            </span>
            <button type="button" class="button" aria-label={t('orders.materials.remove_named', { label: line.label })}
              onClick={() => void change(() => core.mutate('task.remove_material', { id: line.id }))}>
              {t('orders.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form class="orders-materials" onSubmit={add} noValidate>
        <div class="field orders-materials__search">
          <label class="field__label" for="order-material-q">{t('orders.materials.item')}</label>
          <input id="order-material-q" class="field__input" type="search" autoComplete="off" value={item ? `${item.reference} — ${item.label}` : q}
            onInput={(e) => {
              setItem(null);
              setQ(e.currentTarget.value);
            }} data-testid="order-material-q" />
          {found.length > 0 && (
            <ul class="orders-found" aria-label={t('orders.materials.found')}>
              {found.map((f) => (
                <li key={f.id}>
                  <button type="button" class="button orders-found__pick" onClick={() => setItem(f)} data-testid="order-material-pick">
                    {f.reference} — {f.label}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div class="field">
          <label class="field__label" for="order-material-where">{t('orders.materials.where')}</label>
          <select id="order-material-where" class="field__input" value={where} onChange={(e) => setWhere(e.currentTarget.value)} data-testid="order-material-where">
            <option value="">{t('orders.bulk.choose')}</option>
            {references.locations.map((o) => (
              <option key={o.id} value={o.id}>{optionText(o)}{held.has(o.id) ? ` (${held.get(o.id)})` : ''}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="order-material-qty">{t('orders.materials.qty')}</label>
          <input id="order-material-qty" class="field__input" inputMode="decimal" autoComplete="off" value={qty} onInput={(e) => setQty(e.currentTarget.value)} data-testid="order-material-qty" />
        </div>
        <button type="submit" class="button button--primary" disabled={item === null} data-testid="order-material-add">{t('orders.add')}</button>
      </form>
      <p class="field__error" role="alert">{action.message}</p>
    </section>
  );
}
