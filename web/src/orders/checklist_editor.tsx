/**
 * The planner's checklist of a work order: add an item (checklist.add, optionally required
 * before the order can be completed), make it required or not (checklist.update), remove it
 * (checklist.remove). Ticking items is the technician's, on the work order's own screen.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import type { OrderDetail } from './contract';

export function ChecklistEditor({ task, reload }: { task: OrderDetail; reload(): Promise<void> }) {
  const core = useCore();
  const { t } = useI18n();
  const action = useAction('orders');
  const [label, setLabel] = useState('');
  const [required, setRequired] = useState(false);

  async function add(event: SubmitEvent) {
    event.preventDefault();
    const position = task.checklist.reduce((max, item) => Math.max(max, item.position), 0) + 1;
    if (await action.run(() => core.mutate('checklist.add', { id: newId(), task_id: task.id, label, required, position }))) {
      setLabel('');
      setRequired(false);
      await reload();
    }
  }

  const change = async (fn: () => Promise<unknown>) => {
    if (await action.run(fn)) await reload();
  };
  return (
    <section class="card orders-section" aria-labelledby="order-checklist-title" data-testid="order-checklist">
      <h3 id="order-checklist-title" class="card__title">{t('orders.checklist.title')}</h3>
      {task.checklist.length === 0 && <p class="list__message">{t('orders.checklist.none')}</p>}
      <ul class="list">
        {task.checklist.map((item) => (
          <li key={item.id} class="list__item" data-testid="order-checklist-item">
            <span>{item.checked ? '✓ ' : ''}{item.label}</span>
            <span class="orders-inline">
              <label class="check">
                <input type="checkbox" checked={item.required}
                  onChange={(e) => void change(() => core.mutate('checklist.update', { id: item.id, required: e.currentTarget.checked }))} />
                {t('orders.checklist.required')}
              </label>
              <button type="button" class="button" aria-label={t('orders.checklist.remove_named', { label: item.label })}
                onClick={() => void change(() => core.mutate('checklist.remove', { id: item.id }))}>
                {t('orders.remove')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      <form class="orders-inline" onSubmit={add} noValidate>
        <div class="field">
          <label class="field__label" for="order-checklist-label">{t('orders.checklist.label')}</label>
          <input id="order-checklist-label" class="field__input" autoComplete="off" value={label} onInput={(e) => setLabel(e.currentTarget.value)} data-testid="order-checklist-label" />
        </div>
        <label class="check">
          <input type="checkbox" checked={required} onChange={(e) => setRequired(e.currentTarget.checked)} data-testid="order-checklist-required" />
          {t('orders.checklist.required')}
        </label>
        <button type="submit" class="button button--primary" data-testid="order-checklist-add">{t('orders.add')}</button>
      </form>
      <p class="field__error" role="alert">{action.message}</p>
    </section>
  );
}
