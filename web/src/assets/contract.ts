/**
 * Assets and preventive maintenance: the core's asset, meter and preventive-plan mutators and
 * queries used by the Assets screens (core/maintenance/{assets,reliability,meters,pm_plans,
 * pm_generate,pm_queries,attachments}.h). Types only: the core validates and decides (tree
 * rules, unique sibling names, readings never going backwards, schedules, who may do what).
 * Quantities travel as decimal strings ("2.5"), instants as ms since the epoch, days as
 * 'YYYY-MM-DD'.
 *
 * Names other areas use too (asset.list, asset.get, meter.record, attachment.add,
 * attachment.list; team.list) are declared once in core/contracts/{maintenance,people}.ts,
 * with the asset types (AssetRow, AssetDetail ...), re-exported here for the screens.
 */

export {
  kAssetKinds,
  kAssetStatuses,
  kCriticalities,
  type AssetDetail,
  type AssetKind,
  type AssetMeter,
  type AssetRow,
  type AssetStatus,
  type Criticality,
  type StatusEvent,
} from '../core/contracts/maintenance';
import type { AssetKind, AssetStatus, Criticality, StatusEvent } from '../core/contracts/maintenance';

export type IntervalUnit = 'day' | 'week' | 'month' | 'year';
export const kIntervalUnits: readonly IntervalUnit[] = ['day', 'week', 'month', 'year'];

type Optional = string | null;


export interface AssetHistory {
  work_orders: {
    id: string;
    title: string;
    type: string;
    priority: string;
    status: string;
    due_date: string | null;
    created_at: number;
    completed_at: number | null;
    pm_plan_id: string | null;
  }[];
  downtime: { start: number; end: number | null; duration_ms: number | null }[];
  downtime_ms: number;
  status_events: StatusEvent[];
}

export interface Reliability {
  failures: number;
  repairs: number;
  downtime_ms: number;
  mttr_hours: string | null;
  mtbf_hours: string | null;
  availability: string | null;
}

export interface Reading {
  id: string;
  value: string;
  read_at: number;
  reset: boolean | number;
  total: string;
  task_id: string | null;
  note: string | null;
}

export interface ChecklistTemplateItem {
  label: string;
  required?: boolean;
}

/** A row of pm.list. */
export interface Plan {
  id: string;
  title: string;
  asset_id: string;
  asset: string;
  trigger: 'calendar' | 'meter';
  task_type: 'preventive' | 'inspection';
  priority: string;
  interval_n: number | null;
  interval_unit: IntervalUnit | null;
  start_date: string | null;
  lead_days: number | null;
  meter_id: string | null;
  meter_interval: string | null;
  meter_base: string | null;
  lead_units: string | null;
  due_days: number | null;
  estimated_hours: string;
  team_id: string | null;
  active: boolean;
  last_due_date: string | null;
  last_meter_k: number | null;
}

/** A row of pm.due: the next occurrence the core computed. */
export interface PlanDue {
  plan_id: string;
  title: string;
  asset_id: string;
  asset: string;
  trigger: 'calendar' | 'meter';
  next_due_date?: string;
  next_threshold?: string;
  meter_total?: string;
  remaining?: string;
  open_work_orders: { task_id: string; due_date: string | null; status: string; overdue: boolean }[];
  overdue: boolean;
  due_soon: boolean;
}

export interface Compliance {
  due: number;
  on_time: number;
  late: number;
  missed: number;
  rate: string | null;
}

/** The plan fields pm.create and pm.update share (schedule fields by trigger). */
export interface PlanFields {
  title?: string;
  description?: Optional;
  priority?: string;
  interval_n?: number;
  interval_unit?: IntervalUnit;
  start_date?: string;
  lead_days?: number;
  meter_interval?: string;
  lead_units?: string;
  due_days?: number;
  estimated_hours?: string;
  checklist?: ChecklistTemplateItem[];
  team_id?: Optional;
}

interface AssetFields {
  name?: string;
  parent_id?: Optional;
  code?: Optional;
  serial_number?: Optional;
  manufacturer?: Optional;
  model?: Optional;
  commissioned_on?: Optional;
  criticality?: Criticality;
  notes?: Optional;
}

export interface AssetsMutators {
  'asset.create': { args: { id: string; kind: AssetKind; name: string } & AssetFields; result: { id: string } };
  /** A present `parent_id` moves the asset (null: to the top level). */
  'asset.update': { args: { id: string } & AssetFields; result: { id: string } };
  'asset.archive': { args: { id: string; archived: boolean }; result: unknown };
  'asset.set_status': {
    args: { id: string; asset_id: string; status: AssetStatus; note?: string };
    result: { asset_id: string; status: AssetStatus };
  };
  'meter.create': { args: { id: string; asset_id: string; name: string; unit: string }; result: { id: string } };
  'pm.create': {
    args: { id: string; asset_id: string; trigger: 'calendar' | 'meter'; title: string; meter_id?: string; meter_base?: string } & PlanFields;
    result: { id: string };
  };
  'pm.update': { args: { id: string } & PlanFields; result: { id: string } };
  'pm.set_active': { args: { id: string; active: boolean }; result: unknown };
  'pm.generate': {
    args: { as_of: string; plan_id?: string };
    result: { created: { task_id: string; plan_id: string; occurrence: string; due_date: string }[]; existing: number; truncated: boolean };
  };
}

export interface AssetsQueries {
  'asset.history': { args: { id: string }; result: AssetHistory };
  'asset.kpi': { args: { from: number; to: number; asset_id?: string }; result: { assets: Reliability[]; total: Reliability } };
  'meter.readings': { args: { meter_id: string; limit?: number }; result: { unit: string; total: string; items: Reading[] } };
  'pm.list': { args: { asset_id?: string; include_inactive?: boolean }; result: { items: Plan[] } };
  'pm.due': { args: { as_of: string; horizon_days?: number; asset_id?: string }; result: { items: PlanDue[] } };
  'pm.compliance': { args: { from: string; to: string; as_of?: string; asset_id?: string }; result: Compliance };
  'pm.preview': { args: PlanPreviewArgs; result: PlanPreview };
}

/** The schedule a plan editor is about to save (pm_queries.h, pm.preview). */
export type PlanPreviewArgs = { count?: number } & (
  | { trigger: 'calendar'; interval_n: number; interval_unit: IntervalUnit; start_date: string; lead_days?: number; from?: string }
  | { trigger: 'meter'; meter_id: string; meter_interval: string; meter_base?: string; lead_units?: string }
);
export interface PlanPreview {
  /** Calendar: due_date and generated_on; meter: threshold, generated_at and remaining. */
  items: { due_date?: string; generated_on?: string; threshold?: string; generated_at?: string; remaining?: string }[];
  meter_total?: string;
}
