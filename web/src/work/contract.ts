/**
 * Mutators and queries used by the work screens (types only; the rules are in the C++ core).
 * Shapes follow the header comments of core/maintenance/{task_queries,task_workflow,
 * task_status,checklist,meters,materials,time_entries,attachments,assets}.h. Quantities and
 * hours travel as decimal strings ("2.5"), instants as ms since the epoch, days as
 * 'YYYY-MM-DD'.
 *
 * `WorkMutators`/`WorkQueries` hold the names only these screens use (joined into
 * core/contract.ts). Names the stock screens also declare (locations, on-hand, item search)
 * are in `WorkSharedQueries`, reached through `workQuery` (work_core.ts), so the two areas
 * never have to agree on one declaration.
 */

export type TaskStatus = 'draft' | 'planned' | 'in_progress' | 'on_hold' | 'done' | 'closed' | 'cancelled';

export interface TaskSummary {
  id: string;
  title: string;
  type: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  status: TaskStatus;
  project_id: string | null;
  asset_id: string | null;
  location_id: string | null;
  planned_start: number | null;
  planned_end: number | null;
  due_date: string | null;
  estimated_hours: string;
  completed_at: number | null;
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

export interface TaskAttachment {
  id: string;
  sha256: string;
  filename: string;
  mime: string;
  size_bytes: number;
  uploaded_at: number;
  actor_id: string;
}

export interface TaskDetail extends TaskSummary {
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

export interface AssetSummary {
  id: string;
  name: string;
  code: string | null;
  client_id: string | null;
  location_id: string | null;
  depth: number;
}

export interface MeterInfo {
  id: string;
  name: string;
  unit: string;
  total: string;
  archived?: boolean | number;
}

export interface WorkMutators {
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
    result: { id: string; total: string };
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
      entity_type: 'task';
      entity_id: string;
      sha256: string;
      filename: string;
      mime: string;
      size_bytes: number;
    };
    result: { id: string };
  };
}

export interface WorkQueries {
  'task.list': {
    args: { mine?: boolean; status?: TaskStatus; overdue_as_of?: string; limit?: number };
    result: { items: TaskSummary[] };
  };
  'task.get': { args: { id: string }; result: TaskDetail };
  'task.transitions': {
    args: { task_id: string };
    result: { status: TaskStatus; assigned: boolean | null; transitions: { to: TaskStatus }[] };
  };
  'asset.list': { args: { include_archived?: boolean }; result: { items: AssetSummary[] } };
  'asset.get': { args: { id: string }; result: { id: string; name: string; meters: MeterInfo[] } };
  'client.list': { args: { include_archived?: boolean }; result: { items: { id: string; name: string }[] } };
}

/** Queries the stock screens declare too: typed here, called through work_core.ts. */
export interface WorkSharedQueries {
  'location.list': {
    args: { include_archived?: boolean };
    result: { items: { id: string; name: string; kind: string; depth: number; archived?: boolean | number }[] };
  };
  'location.mine': { args: Record<string, never>; result: { items: string[] } };
  'stock.onhand': {
    args: { item_id?: string; location_id?: string };
    result: { rows: { item_id: string; location_id: string; qty: string }[] };
  };
  'item.search': {
    args: { q: string; limit?: number };
    result: { items: { id: string; reference: string; label: string; unit: string }[] };
  };
}
