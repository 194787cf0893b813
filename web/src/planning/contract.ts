/**
 * The planning calendar's types. planning.range is a query of the core's maintenance module,
 * declared once in core/contracts/maintenance.ts; the mutators a drop runs (task.update,
 * task.assign, task.unassign) are there too. Re-exported here under the calendar's names.
 */
export type { PlanningAbsence, PlanningConflict, PlanningRange, PlanningTask } from '../core/contracts/maintenance';
