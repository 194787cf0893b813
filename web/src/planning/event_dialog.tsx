/**
 * The keyboard path of the planning calendar (and a tap on an event): the work order's
 * dates and its technician/team in a small dialog, saved with the same mutators as a drop
 * (planning_moves.ts). Fields are offered only when the role may run task.update /
 * task.assign; everyone gets the link to the work order.
 */
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { fromLocalInput, toLocalInput } from '../orders/orders_core';
import { href } from '../shell/route';
import { Dialog } from '../shell/dialog';
import { usePermissions } from '../shell/permissions';
import type { PlanningTask } from './contract';
import type { Move } from './planning_moves';
import { kNobody, type Resource, taskShape } from './planning_core';

interface Props {
  task: PlanningTask;
  /** The rows of the current resource view (technicians or teams), empty otherwise. */
  rows: Resource[];
  rowKind: 'employee' | 'team' | null;
  onSave(move: Move): void;
  onClose(): void;
}

export function EventDialog({ task, rows, rowKind, onSave, onClose }: Props) {
  const { t } = useI18n();
  const { can } = usePermissions();
  const shape = taskShape(task);
  const current = (rowKind === 'team' ? task.teams[0] : task.employees[0]) ?? kNobody;
  const [start, setStart] = useState(toLocalInput(task.planned_start));
  const [end, setEnd] = useState(toLocalInput(task.planned_end));
  const [due, setDue] = useState(task.due_date ?? task.first_day);
  const [row, setRow] = useState(current);
  const save = (event: Event) => {
    event.preventDefault();
    const move: Move = { task };
    if (can('task.update')) {
      const s = fromLocalInput(start);
      if (shape === 'due' && due !== (task.due_date ?? '')) move.times = { due_date: due };
      else if (shape !== 'due' && s !== null && (s !== task.planned_start || fromLocalInput(end) !== task.planned_end)) {
        move.times = { planned_start: s, planned_end: shape === 'window' ? fromLocalInput(end) : null };
      }
    }
    if (rowKind !== null && row !== current) move.row = { kind: rowKind, from: current, to: row };
    onSave(move);
  };
  return (
    <Dialog title={task.title} onClose={onClose} testId="planning-dialog">
      <form class="form" onSubmit={save}>
        <p>
          <a class="button" href={href('orders', task.id)} data-testid="planning-dialog-open" data-autofocus>
            {t('planning.open_order')}
          </a>
        </p>
        {can('task.update') && shape !== 'due' && (
          <>
            <label class="field">
              <span class="field__label">{t('planning.start')}</span>
              <input class="field__input" type="datetime-local" value={start} onInput={(e) => setStart(e.currentTarget.value)} data-testid="planning-dialog-start" />
            </label>
            {shape === 'window' && (
              <label class="field">
                <span class="field__label">{t('planning.end')}</span>
                <input class="field__input" type="datetime-local" value={end} onInput={(e) => setEnd(e.currentTarget.value)} data-testid="planning-dialog-end" />
              </label>
            )}
          </>
        )}
        {can('task.update') && shape === 'due' && (
          <label class="field">
            <span class="field__label">{t('planning.due')}</span>
            <input class="field__input" type="date" value={due} onInput={(e) => setDue(e.currentTarget.value)} data-testid="planning-dialog-due" />
          </label>
        )}
        {can('task.assign') && rowKind !== null && (
          <label class="field">
            <span class="field__label">{t(rowKind === 'team' ? 'planning.team' : 'planning.technician')}</span>
            <select class="field__input" value={row} onChange={(e) => setRow(e.currentTarget.value)} data-testid="planning-dialog-row">
              {rows.map((r) => (
                <option key={r.id} value={r.id}>{r.title}</option>
              ))}
            </select>
          </label>
        )}
        <div class="dialog__actions">
          <button type="button" class="button" onClick={onClose} data-testid="planning-dialog-close">{t('planning.close')}</button>
          {(can('task.update') || can('task.assign')) && (
            <button type="submit" class="button button--primary" data-testid="planning-dialog-save">{t('planning.save')}</button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
