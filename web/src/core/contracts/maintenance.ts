/**
 * The maintenance module of the core (core/maintenance/: tasks, their workflow, assignees,
 * checklists, materials, time, meters, attachments, assets): each query and mutator the UI
 * uses is declared ONCE here, with the shape the C++ returns (task_queries.cc, tasks.cc,
 * task_status.cc, task_assignees.cc, assignment_checks.cc, assignee_suggestions.cc,
 * checklist.cc, materials.cc, time_entries.cc, meters.cc, attachments.cc, assets.cc).
 * Types only: every rule is the core's. Quantities and hours travel as decimal strings
 * ("2.5"), instants as ms since the epoch, days as 'YYYY-MM-DD'.
 *
 * Areas (work, orders, assets, projects) import these types; their own contract.ts files
 * keep only view types and the names no other area uses.
 */

type Optional = string | null;

export type TaskStatus = 'draft' | 'planned' | 'in_progress' | 'on_hold' | 'done' | 'closed' | 'cancelled';

export type TaskType = 'corrective' | 'preventive' | 'inspection' | 'installation' | 'other';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export const kStatuses: TaskStatus[] = ['draft', 'planned', 'in_progress', 'on_hold', 'done', 'closed', 'cancelled'];
export const kTypes: TaskType[] = ['corrective', 'preventive', 'inspection', 'installation', 'other'];
export const kPriorities: Priority[] = ['low', 'normal', 'high', 'urgent'];
export type SortKey = 'due' | 'priority' | 'status' | 'title' | 'planned_start';

/** The columns of a task that both task.list and task.get return. */
export interface TaskBase {
  id: string;
  title: string;
  type: TaskType;
  priority: Priority;
  status: TaskStatus;
  project_id: string | null;
  asset_id: string | null;
  location_id: string | null;
  pm_plan_id: string | null;
  planned_start: number | null;
  planned_end: number | null;
  due_date: string | null;
  /** Decimal hours ("2.5"). */
  estimated_hours: string;
  completed_at: number | null;
}

/** One row of task.list, with the names the core adds for display. */
export interface TaskRow extends TaskBase {
  asset: string | null;
  location: string | null;
  /** The assignees' names joined with ", ", null when nobody is assigned. */
  assignees: string | null;
}

/** task.list's filters (all optional; `mine`: the tasks of the caller's employee). */
export interface TaskFilters {
  /** 'open': every status but done, closed and cancelled. */
  status?: TaskStatus | 'open';
  type?: TaskType;
  priority?: Priority;
  project_id?: string;
  asset_id?: string;
  location_id?: string;
  employee_id?: string;
  team_id?: string;
  mine?: boolean;
  overdue_as_of?: string;
  from?: string;
  to?: string;
  q?: string;
  sort?: SortKey;
  dir?: 'asc' | 'desc';
}

export interface ChecklistItem {
  id: string;
  position: number;
  label: string;
  required: boolean;
  meter_id: string | null;
  checked: boolean;
  checked_at: number | null;
  checked_by: string | null;
  reading_id: string | null;
  reading_value: string | null;
  note: string | null;
}

export interface ConsumedPart {
  movement_id: string;
  item_id: string;
  reference: string;
  location_id: string;
  qty: string;
  unit_cost_cents: number;
  value_cents: number;
  occurred_at: number;
  reversal: boolean | number;
}

export interface TaskMaterials {
  planned: {
    id: string;
    item_id: string;
    reference: string;
    label: string;
    unit: string;
    location_id: string;
    location: string;
    qty: string;
    consumed: string;
    remaining: string;
  }[];
  consumed: ConsumedPart[];
  consumed_value_cents: number;
}

export interface TimeEntry {
  id: string;
  employee_id: string;
  employee: string;
  work_date: string;
  hours: string;
  note: string | null;
}

/** One attached file's metadata (core/maintenance/attachments.h attachment.list). */
export interface Attachment {
  id: string;
  sha256: string;
  filename: string;
  mime: string;
  size_bytes: number;
  uploaded_at: number;
  actor_id: string;
}

/** A task's attachment is an Attachment. */
export type TaskAttachment = Attachment;

/** task.get: the task with everything attached to it. */
export interface TaskDetail extends TaskBase {
  estimated_hours_milli: number;
  required_skills: { skill_id: string; name: string; min_level: number }[];
  description: string | null;
  started_at: number | null;
  completion_note: string | null;
  signer_name: string | null;
  assignees: { id: string; employee_id: string | null; team_id: string | null; name: string }[];
  checklist: ChecklistItem[];
  materials: TaskMaterials;
  time_entries: TimeEntry[];
  total_hours: string;
  status_history: { from_status: string | null; to_status: string; at: number; actor_id: string; note: string | null }[];
  attachments: TaskAttachment[];
}

/** assignment_checks.h: a warning never prevents an assignment. */
export interface AssignWarning {
  code: 'absent' | 'overlap' | 'not_working' | string;
  employee_id: string;
  employee: string;
  kind?: string;
  start_date?: string;
  end_date?: string;
  task_id?: string;
  title?: string;
  planned_start?: number;
  planned_end?: number;
  date?: string;
}

export interface Suggestion {
  employee_id: string;
  name: string;
  skills_met: boolean;
  skills_required: number;
  missing: { skill_id: string; name: string; min_level: number; level: number }[];
  skill_score: number;
  available: boolean;
  warnings: AssignWarning[];
  open_tasks: number;
}

/** Editable fields of task.create / task.update (null clears an optional field on update). */
export interface TaskFields {
  title: string;
  description: string | null;
  type: TaskType;
  priority: Priority;
  project_id: string | null;
  asset_id: string | null;
  location_id: string | null;
  planned_start: number | null;
  planned_end: number | null;
  due_date: string | null;
  estimated_hours: string | null;
}

export type AssetKind = 'site' | 'line' | 'machine' | 'component';
export const kAssetKinds: readonly AssetKind[] = ['site', 'line', 'machine', 'component'];
export type AssetStatus = 'running' | 'degraded' | 'down' | 'retired';
export const kAssetStatuses: readonly AssetStatus[] = ['running', 'degraded', 'down', 'retired'];
export type Criticality = 'low' | 'medium' | 'high' | 'critical';
export const kCriticalities: readonly Criticality[] = ['low', 'medium', 'high', 'critical'];

/** A row of asset.list, in tree order with its depth. */
export interface AssetRow {
  id: string;
  parent_id: string | null;
  kind: AssetKind;
  name: string;
  code: string | null;
  location_id: string | null;
  client_id: string | null;
  criticality: Criticality;
  status: AssetStatus;
  archived: boolean;
  depth: number;
}

export interface AssetMeter {
  id: string;
  name: string;
  unit: string;
  total: string;
  archived: boolean;
}

export interface StatusEvent {
  id: string;
  status: AssetStatus;
  previous_status: AssetStatus | null;
  at: number;
  task_id: string | null;
  note: string | null;
  actor_id: string;
}

/** asset.get: the asset with its children, meters, status history and plans. */
export interface AssetDetail extends Omit<AssetRow, 'depth'> {
  serial_number: Optional;
  manufacturer: Optional;
  model: Optional;
  commissioned_on: Optional;
  notes: Optional;
  children: { id: string; kind: AssetKind; name: string; status: AssetStatus }[];
  meters: AssetMeter[];
  status_history: StatusEvent[];
  pm_plans: { id: string; title: string; trigger_kind: 'calendar' | 'meter'; active: number | boolean }[];
}

/** What attachments can hang on (attachments.cc kEntityTypes). */
export type AttachmentEntity = 'task' | 'asset' | 'project' | 'client' | 'employee' | 'item';

export interface MaintenanceMutators {
  'task.set_status': {
    args: { id: string; task_id: string; status: TaskStatus; note?: string; completion_note?: string; signer_name?: string };
    result: { task_id: string; status: TaskStatus };
  };
  'task.set_notes': {
    args: { task_id: string; completion_note?: string; signer_name?: string };
    result: { task_id: string };
  };
  'checklist.check': {
    args: { id: string; checked?: boolean; value?: string; reading_id?: string; note?: string };
    result: { id: string; reading_id?: string };
  };
  'meter.record': {
    args: { id: string; meter_id: string; value: string; task_id?: string; note?: string };
    /** generated: the preventive work orders this reading made due (core/maintenance/pm_generate.h). */
    result: { id: string; total: string; generated: { task_id: string; plan_id: string; occurrence: string; due_date: string }[] };
  };
  'task.consume': {
    args: { id: string; task_id: string; item_id: string; location_id: string; qty: string; note?: string };
    result: { id: string };
  };
  'time.log': {
    args: { id: string; task_id: string; work_date: string; hours: string; note?: string };
    result: { id: string; warnings: { code: string }[] };
  };
  'attachment.add': {
    args: {
      id: string;
      entity_type: AttachmentEntity;
      entity_id: string;
      sha256: string;
      filename: string;
      mime: string;
      size_bytes: number;
    };
    result: { id: string };
  };

  'task.create': { args: Partial<TaskFields> & { id: string; title: string; status?: 'draft' | 'planned' }; result: { id: string } };
  'task.update': { args: Partial<TaskFields> & { id: string }; result: { id: string; warnings: AssignWarning[] } };
  'task.assign': {
    args: { id: string; task_id: string; employee_id?: string; team_id?: string };
    result: { id: string; already: boolean; warnings: AssignWarning[] };
  };
  'task.unassign': { args: { task_id: string; employee_id?: string; team_id?: string }; result: { removed: number } };
  'task.set_required_skill': { args: { id: string; task_id: string; skill_id: string; min_level: number | null }; result: { id: string } };
  'checklist.add': { args: { id: string; task_id: string; label: string; required?: boolean; position?: number }; result: { id: string } };
  'checklist.update': { args: { id: string; label?: string; required?: boolean }; result: { id: string } };
  'checklist.remove': { args: { id: string }; result: unknown };
  'task.plan_material': { args: { id: string; task_id: string; item_id: string; location_id: string; qty: string }; result: { id: string } };
  'task.update_material': { args: { id: string; qty?: string; location_id?: string }; result: unknown };
  'task.remove_material': { args: { id: string }; result: unknown };
}

/** planning.range (core/maintenance/planning.h): which tasks meet the range, the conflicts and
 * the absences are all decided by the core. */
export interface PlanningTask {
  id: string;
  title: string;
  status: TaskStatus;
  type: TaskType;
  priority: Priority;
  project_id: string | null;
  asset_id: string | null;
  location_id: string | null;
  /** Instants in ms (tasks.h). */
  planned_start: number | null;
  planned_end: number | null;
  due_date: string | null;
  /** The days the task occupies (assignment_checks.h), 'YYYY-MM-DD'. */
  first_day: string;
  last_day: string;
  /** Employees assigned directly or through a team. */
  employees: string[];
  teams: string[];
}

export interface PlanningAbsence {
  id: string;
  employee_id: string;
  employee: string;
  kind: string;
  start_date: string;
  end_date: string;
}

export type PlanningConflict =
  | { kind: 'overlap'; employee_id: string; task_ids: [string, string] }
  | { kind: 'absent'; employee_id: string; task_id: string; absence_id: string };

export interface PlanningRange {
  tasks: PlanningTask[];
  projects: { id: string; code: string; name: string; status: string; start_date: string | null; end_date: string | null }[];
  absences: PlanningAbsence[];
  conflicts: PlanningConflict[];
}

export interface MaintenanceQueries {
  'task.list': {
    args: TaskFilters & { with_total?: boolean; limit?: number; offset?: number };
    /** limit/offset are absent when `mine` and the caller has no employee (no items). */
    result: { items: TaskRow[]; limit?: number; offset?: number; total?: number };
  };
  'task.get': { args: { id: string }; result: TaskDetail };
  'task.transitions': {
    args: { task_id: string };
    result: { status: TaskStatus; assigned: boolean | null; transitions: { to: TaskStatus }[] };
  };
  'task.suggest_assignees': { args: { task_id: string; limit?: number }; result: { items: Suggestion[] } };
  'asset.list': { args: { include_archived?: boolean }; result: { items: AssetRow[] } };
  'asset.get': { args: { id: string }; result: AssetDetail };
  'attachment.list': { args: { entity_type: AttachmentEntity; entity_id: string }; result: { items: Attachment[] } };
  'planning.range': {
    args: { from: string; to: string; employee_id?: string; team_id?: string; asset_id?: string; site_id?: string };
    result: PlanningRange;
  };
}
