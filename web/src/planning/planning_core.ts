/**
 * The planning calendar's conversions: the core's rows (planning.range, pm.due, employees,
 * teams) into the calendar library's events and resources, and calendar days back into the
 * core's 'YYYY-MM-DD' dates. No business rule here: which tasks meet the range, conflicts,
 * absences and the next preventive due dates all come from the core; the type filter only
 * hides rows the core already returned.
 */
import type { PlanDue } from '../assets/contract';
import type { I18n } from '../i18n/i18n';
import type { TaskType } from '../orders/contract';
import type { PlanningRange, PlanningTask } from './contract';

/** 'employees' and 'teams' are the resource view, one row per technician or per team. */
export type PlanningView = 'month' | 'week' | 'day' | 'employees' | 'teams';
export const kViews: PlanningView[] = ['month', 'week', 'day', 'employees', 'teams'];
/** The resource row of work nobody (or no team) is assigned to, and of preventive work due. */
export const kNobody = '-';

export function libraryView(view: PlanningView): string {
  if (view === 'month') return 'dayGridMonth';
  if (view === 'day') return 'timeGridDay';
  if (view === 'week') return 'timeGridWeek';
  return 'resourceTimelineWeek';
}

export function isResourceView(view: PlanningView): boolean {
  return view === 'employees' || view === 'teams';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A local calendar day as the core's date. */
export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The day after a 'YYYY-MM-DD' date (all-day events end exclusive in the library). */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return dayOf(new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1));
}

/** The visible range [start, end) of the library as the core's inclusive from/to dates. */
export function rangeOf(start: Date, end: Date): { from: string; to: string } {
  const last = new Date(end.getTime());
  last.setDate(last.getDate() - 1);
  return { from: dayOf(start), to: dayOf(last) };
}

/** How a task sits in the calendar: a planned window, a start only, or a due date only. */
export type TaskShape = 'window' | 'start' | 'due';

export function taskShape(task: PlanningTask): TaskShape {
  if (task.planned_start !== null && task.planned_end !== null) return 'window';
  if (task.planned_start !== null) return 'start';
  return 'due';
}

export interface Resource {
  id: string;
  title: string;
}

export interface CalendarEvent {
  id: string;
  title: string;
  start: Date | string;
  end: Date | string;
  allDay: boolean;
  resourceIds: string[];
  editable?: boolean;
  display?: 'auto' | 'background';
  classNames: string[];
  /** `more`: the work orders a "+n" event stands for (crowded cells, groupCrowded). */
  extendedProps: { task?: PlanningTask; more?: PlanningTask[] };
}

/**
 * At most this many work orders are drawn in one day cell (one row's day in the resource
 * views); the rest of the cell becomes one "+n" event that lists them. A week of 2,000 work
 * orders cannot be painted in 200 ms by the calendar library, nor read by anyone
 * (docs/benchmarks.md, "Planning calendar"); a cell of 3 stays readable on a tablet.
 */
export const kCellLimit: Record<PlanningView, number> = { month: 3, week: 6, day: 40, employees: 3, teams: 3 };

export interface EventInputs {
  range: PlanningRange;
  due: PlanDue[];
  view: PlanningView;
  type: TaskType | '';
  /** Team id -> member employee ids (people's team.list), for absences in the team rows. */
  members: Map<string, string[]>;
  from: string;
  to: string;
  /** Overrides kCellLimit (the benchmark's "draw everything" alternative: Infinity). */
  cellLimit?: number;
}

function rows(task: PlanningTask, view: PlanningView): string[] {
  if (!isResourceView(view)) return [];
  const ids = view === 'teams' ? task.teams : task.employees;
  return ids.length === 0 ? [kNobody] : ids;
}

/** The work orders, absences and preventive work due as the library's events. */
export function buildEvents(i18n: I18n, input: EventInputs): CalendarEvent[] {
  const { range, view } = input;
  const conflicted = new Set<string>();
  for (const c of range.conflicts) {
    if (c.kind === 'absent') conflicted.add(c.task_id);
    else c.task_ids.forEach((id) => conflicted.add(id));
  }
  const events: CalendarEvent[] = [];
  const tasks: CalendarEvent[] = [];
  for (const task of range.tasks) {
    if (input.type !== '' && task.type !== input.type) continue;
    const shape = taskShape(task);
    const classes = ['planning-event', `planning-event--${task.type}`];
    if (conflicted.has(task.id)) classes.push('planning-event--conflict');
    tasks.push({
      id: task.id,
      title: task.title,
      start: shape === 'due' ? task.first_day : new Date(task.planned_start ?? 0),
      end: shape === 'window' ? new Date(task.planned_end ?? 0) : nextDay(task.last_day),
      allDay: shape !== 'window',
      resourceIds: rows(task, view),
      classNames: classes,
      extendedProps: { task },
    });
  }
  events.push(...groupCrowded(i18n, tasks, view, input.cellLimit ?? kCellLimit[view]));
  for (const a of range.absences) {
    const kind = i18n.lookup(`people.absence.${a.kind}`) ?? a.kind;
    const teams = [...input.members].filter(([, ids]) => ids.includes(a.employee_id)).map(([id]) => id);
    const resourceIds = view === 'employees' ? [a.employee_id] : view === 'teams' ? teams : [];
    if (view === 'teams' && resourceIds.length === 0) continue;
    events.push({
      id: `absence:${a.id}`,
      title: i18n.t('planning.absence', { who: a.employee, kind }),
      start: a.start_date,
      end: nextDay(a.end_date),
      allDay: true,
      resourceIds,
      editable: false,
      display: isResourceView(view) ? 'background' : 'auto',
      classNames: ['planning-absence'],
      extendedProps: {},
    });
  }
  if (input.type === '' || input.type === 'preventive') {
    for (const plan of input.due) {
      const day = plan.next_due_date;
      if (day === undefined || day < input.from || day > input.to) continue;
      events.push({
        id: `pm:${plan.plan_id}`,
        title: i18n.t('planning.pm_due', { title: plan.title, asset: plan.asset }),
        start: day,
        end: nextDay(day),
        allDay: true,
        resourceIds: isResourceView(view) ? [kNobody] : [],
        editable: false,
        classNames: ['planning-pm'],
        extendedProps: {},
      });
    }
  }
  return events;
}

/** The one day a task event sits on, or null if it spans several (those are never grouped). */
function singleDay(event: CalendarEvent): string | null {
  const task = event.extendedProps.task;
  if (task === undefined) return null;
  if (taskShape(task) === 'window') {
    const first = dayOf(new Date(task.planned_start ?? 0));
    return first === dayOf(new Date((task.planned_end ?? 0) - 1)) ? first : null;
  }
  return task.first_day === task.last_day ? task.first_day : null;
}

/**
 * Keeps at most `limit` events per (row, day) cell: when a cell holds more, its first
 * `limit - 1` (by start, then title) stay and the others become one "+n" event of that cell
 * carrying them (`extendedProps.more`). A work order on two rows is grouped in each row on its
 * own: it stays drawn in the rows where it fits. Multi-day work orders are always drawn.
 */
export function groupCrowded(i18n: I18n, events: CalendarEvent[], view: PlanningView, limit: number): CalendarEvent[] {
  const cells = new Map<string, { row: string; day: string; events: CalendarEvent[] }>();
  for (const event of events) {
    const day = singleDay(event);
    if (day === null) continue;
    for (const row of event.resourceIds.length === 0 ? [''] : event.resourceIds) {
      const key = `${row}|${day}`;
      const cell = cells.get(key) ?? { row, day, events: [] };
      cell.events.push(event);
      cells.set(key, cell);
    }
  }
  const hiddenIn = new Map<CalendarEvent, Set<string>>();
  const summaries: CalendarEvent[] = [];
  const when = (e: CalendarEvent) => (e.start instanceof Date ? e.start.getTime() : Date.parse(`${e.start}T00:00:00`));
  for (const { row, day, events: inCell } of cells.values()) {
    if (inCell.length <= limit) continue;
    inCell.sort((a, b) => when(a) - when(b) || a.title.localeCompare(b.title));
    const hidden = inCell.slice(limit - 1);
    for (const event of hidden) {
      const rows = hiddenIn.get(event) ?? new Set<string>();
      rows.add(row);
      hiddenIn.set(event, rows);
    }
    summaries.push({
      id: `more:${row}:${day}`,
      title: i18n.t('planning.more', { n: hidden.length }),
      start: day,
      end: nextDay(day),
      allDay: true,
      resourceIds: row === '' ? [] : [row],
      editable: false,
      classNames: ['planning-more'],
      extendedProps: { more: hidden.map((e) => e.extendedProps.task).filter((t): t is PlanningTask => t !== undefined) },
    });
  }
  const kept: CalendarEvent[] = [];
  for (const event of events) {
    const hidden = hiddenIn.get(event);
    if (hidden === undefined) kept.push(event);
    else if (event.resourceIds.length > 0) {
      const rows = event.resourceIds.filter((row) => !hidden.has(row));
      if (rows.length > 0) kept.push({ ...event, resourceIds: rows });
    }
  }
  return [...kept, ...summaries];
}

/** Days between from and to, inclusive (for pm.due's horizon). */
export function daysBetween(from: string, to: string): number {
  const [a, b] = [from, to].map((d) => Date.parse(`${d}T00:00:00Z`));
  return Math.round(((b ?? 0) - (a ?? 0)) / 86_400_000) + 1;
}
