/**
 * What a drop (or the keyboard dialog) does: the core's mutators only. A new time is
 * task.update {planned_start, planned_end} (ms) or {due_date}; a new row is task.assign of
 * the new technician/team then task.unassign of the old one. The core's warnings (absent,
 * overlap, not working, and missing skills from task.suggest_assignees) come back as
 * sentences; a refusal throws the core's CoreError for the caller to revert and show.
 */
import type { CoreBridge } from '../core/bridge';
import { newId } from '../core/new_id';
import type { I18n } from '../i18n/i18n';
import type { AssignWarning } from '../orders/contract';
import { warningText } from '../orders/orders_core';
import type { PlanningTask } from './contract';
import { kNobody } from './planning_core';

export interface Move {
  task: PlanningTask;
  /** New times: a window, a start only, or a due day; absent when only the row changes. */
  times?: { planned_start: number; planned_end: number | null } | { due_date: string };
  /** A new row of the resource view. */
  row?: { kind: 'employee' | 'team'; from: string; to: string };
}

export async function applyMove(core: CoreBridge, i18n: I18n, move: Move): Promise<string[]> {
  const warnings: AssignWarning[] = [];
  const texts: string[] = [];
  const { task, times, row } = move;
  if (times !== undefined) {
    const args = 'due_date' in times ? { id: task.id, due_date: times.due_date } : { id: task.id, ...times };
    warnings.push(...(await core.mutate('task.update', args)).warnings);
  }
  if (row !== undefined && row.from !== row.to) {
    const key = row.kind === 'team' ? 'team_id' : 'employee_id';
    // The new technician first: at no moment is the order nobody's (a screen filtered by team
    // reading between the two changes, or a tab closed there, would lose sight of it).
    if (row.to !== kNobody) {
      warnings.push(...(await core.mutate('task.assign', { id: newId(), task_id: task.id, [key]: row.to })).warnings);
    }
    if (row.from !== kNobody) await core.mutate('task.unassign', { task_id: task.id, [key]: row.from });
    if (row.to !== kNobody && row.kind === 'employee') texts.push(...(await missingSkills(core, i18n, task.id, row.to)));
  }
  return [...warnings.map((w) => warningText(i18n, w)), ...texts];
}

/** The core's verdict on the new technician's skills for the task (assignee_suggestions.h). */
async function missingSkills(core: CoreBridge, i18n: I18n, taskId: string, employeeId: string): Promise<string[]> {
  const { items } = await core.query('task.suggest_assignees', { task_id: taskId, limit: 500 });
  const mine = items.find((s) => s.employee_id === employeeId);
  if (mine === undefined || mine.skills_met || mine.missing.length === 0) return [];
  return [i18n.t('planning.missing_skill', { who: mine.name, names: mine.missing.map((m) => m.name).join(', ') })];
}
