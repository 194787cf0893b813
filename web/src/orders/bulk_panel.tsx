/**
 * Acting on the ticked work orders together: assign them to an employee or a team
 * (task.assign), or reschedule them — shift the planned window by some days and/or set one
 * due date (task.update). One mutation per work order, in turn; a progress line while it
 * runs, then a summary with each refusal (the core's message) and each warning.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { CoreError } from '../core/core_error';
import { newId } from '../core/new_id';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import type { Mutators } from '../core/contract';
import type { AssignWarning, OrderRow } from './contract';
import { shiftInstant, warningText } from './orders_core';
import type { References } from './use_references';

interface Outcome {
  row: OrderRow;
  error: string | null;
  warnings: AssignWarning[];
}

interface Props {
  selected: OrderRow[];
  references: References;
  onClear(): void;
  onDone(): void;
}

export function BulkPanel({ selected, references, onClear, onDone }: Props) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [assignee, setAssignee] = useState('');
  const [shift, setShift] = useState('');
  const [due, setDue] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  const [running, setRunning] = useState(0);

  async function run(each: (row: OrderRow) => Promise<AssignWarning[]>) {
    const rows = selected;
    setRunning(rows.length);
    const results: Outcome[] = [];
    setOutcomes(null);
    for (const [index, row] of rows.entries()) {
      setProgress(index);
      try {
        results.push({ row, error: null, warnings: await each(row) });
      } catch (thrown) {
        results.push({ row, error: coreErrorMessage(i18n, 'orders', CoreError.from(thrown)), warnings: [] });
      }
    }
    setProgress(null);
    setOutcomes(results);
    onDone();
  }

  const assign = () => {
    if (assignee === '') return;
    const who = assignee.startsWith('t:') ? { team_id: assignee.slice(2) } : { employee_id: assignee.slice(2) };
    void run(async (row) => (await core.mutate('task.assign', { id: newId(), task_id: row.id, ...who })).warnings);
  };

  const reschedule = () => {
    const days = shift.trim() === '' ? 0 : Number(shift);
    void run(async (row) => {
      const args: Mutators['task.update']['args'] = { id: row.id };
      // Moving the window keeps its length: both ends move by the same number of days.
      if (Number.isFinite(days) && days !== 0) {
        if (row.planned_start !== null) args.planned_start = shiftInstant(row.planned_start, days);
        if (row.planned_end !== null) args.planned_end = shiftInstant(row.planned_end, days);
      }
      if (due !== '') args.due_date = due;
      return (await core.mutate('task.update', args)).warnings;
    });
  };

  const total = progress !== null ? running : selected.length;
  const failed = outcomes?.filter((o) => o.error !== null).length ?? 0;
  return (
    <section class="card orders-bulk" aria-labelledby="orders-bulk-title" data-testid="orders-bulk">
      <div class="orders-bulk__head">
        <h3 id="orders-bulk-title" class="card__title">{total === 0 ? t('orders.bulk.result_title') : t('orders.bulk.title', { n: total })}</h3>
        <button type="button" class="button" onClick={onClear} data-testid="orders-bulk-clear">{t('orders.bulk.clear')}</button>
      </div>
      <div class="orders-bulk__actions">
        <div class="orders-inline">
          <div class="field">
            <label class="field__label" for="orders-bulk-assignee">{t('orders.bulk.assignee')}</label>
            <select id="orders-bulk-assignee" class="field__input" value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)} data-testid="orders-bulk-assignee">
              <option value="">{t('orders.bulk.choose')}</option>
              <optgroup label={t('orders.filter.employees')}>
                {references.employees.map((o) => <option key={o.id} value={`e:${o.id}`}>{o.name}</option>)}
              </optgroup>
              <optgroup label={t('orders.filter.teams')}>
                {references.teams.map((o) => <option key={o.id} value={`t:${o.id}`}>{o.name}</option>)}
              </optgroup>
            </select>
          </div>
          <button type="button" class="button button--primary" disabled={progress !== null || assignee === '' || selected.length === 0} onClick={assign} data-testid="orders-bulk-assign">
            {t('orders.bulk.assign')}
          </button>
        </div>
        <div class="orders-inline">
          <div class="field">
            <label class="field__label" for="orders-bulk-shift">{t('orders.bulk.shift')}</label>
            <input id="orders-bulk-shift" class="field__input orders-bulk__shift" type="number" step="1" inputMode="numeric" value={shift}
              onInput={(e) => setShift(e.currentTarget.value)} data-testid="orders-bulk-shift" />
          </div>
          <div class="field">
            <label class="field__label" for="orders-bulk-due">{t('orders.bulk.due')}</label>
            <input id="orders-bulk-due" class="field__input" type="date" value={due} onInput={(e) => setDue(e.currentTarget.value)} data-testid="orders-bulk-due" />
          </div>
          <button type="button" class="button button--primary" disabled={progress !== null || selected.length === 0 || (shift.trim() === '' && due === '')} onClick={reschedule} data-testid="orders-bulk-reschedule">
            {t('orders.bulk.reschedule')}
          </button>
        </div>
      </div>
      <div role="status" aria-live="polite" data-testid="orders-bulk-status">
        {progress !== null && <p>{t('orders.bulk.progress', { done: progress, n: running })}</p>}
        {outcomes !== null && (
          <p class={failed > 0 ? 'field__error' : 'orders-ok'} data-testid="orders-bulk-summary" data-failed={failed} data-done={outcomes.length - failed}>
            {t('orders.bulk.summary', { done: outcomes.length - failed, failed })}
          </p>
        )}
      </div>
      {outcomes !== null && outcomes.some((o) => o.error !== null || o.warnings.length > 0) && (
        <ul class="list orders-bulk__results">
          {outcomes.filter((o) => o.error !== null || o.warnings.length > 0).map((o) => (
            <li key={o.row.id} class="list__item" data-testid="orders-bulk-result">
              <span>
                <strong>{o.row.title}</strong>
                {o.error !== null && <span class="field__error"> — {o.error}</span>}
                {o.warnings.map((w, i) => <span key={i} class="orders-warning-text"> — {warningText(i18n, w)}</span>)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
