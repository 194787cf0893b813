/**
 * The dashboard's core names (types only): the widgets of the signed-in user
 * (core/dashboard/widgets.h) and the figures a widget draws (core/dashboard/figures.h).
 * Every figure is computed by the core; the UI only formats cents, milli-units and dates.
 * The widgets are ordinary replicated rows, so a widget added on one device reaches the
 * user's other devices by sync.
 */
import type { StockAlert } from '../stock/contract';
import type { TaskStatus } from '../work/contract';

export type WidgetType = 'number' | 'bar' | 'pie' | 'doughnut' | 'line' | 'table' | 'list';
export type Bucket = 'day' | 'week' | 'month';

/** The arguments of the data sources a widget may carry (each source reads some of them). */
export interface WidgetFilters {
  location_id?: string;
  category_id?: string;
  client_id?: string;
  project_id?: string;
  asset_id?: string;
  team_id?: string;
  status?: string;
  type?: string;
  open_only?: boolean;
  as_of?: string;
  from?: string;
  to?: string;
  bucket?: Bucket;
}

export interface Widget {
  /** A stored widget's id, or "default-N" for the role's default layout (not stored). */
  id: string;
  type: WidgetType;
  data_source: DataSource;
  title: string | null;
  filters: WidgetFilters;
  position: number;
  width: number;
  height: number;
}

export interface StockByCategory {
  rows: { id: string | null; name: string; value_cents: number }[];
  total_cents: number;
}
export interface ItemsUnderMin {
  count: number;
  items: StockAlert[];
}
export interface ProjectsByStatus {
  rows: { status: string; count: number }[];
}
export interface TaskFigures {
  by_status: { status: TaskStatus; count: number }[];
  in_progress: number;
  on_hold: number;
  overdue: number;
  overdue_items: { id: string; title: string; status: TaskStatus; priority: string; due_date: string | null }[];
}
export interface CostVsBudget {
  items: { project_id: string; code: string; name: string; status: string; budget_cents: number; cost_cents: number; forecast_cents: number; consumed_pct: string | null; progress_pct: string | null; alerts: string[] }[];
  total_budget_cents: number;
  total_cost_cents: number;
}
export interface WorkOrderFigures {
  rows: { type: string; priority: string; count: number }[];
  by_type: { type: string; count: number }[];
  by_priority: { priority: string; count: number }[];
  total: number;
}
export interface MaintenanceKpis {
  reliability: { failures: number; repairs: number; mttr_hours: string | null; mtbf_hours: string | null; availability: string | null };
  compliance: { due: number; on_time: number; late: number; missed: number; rate: string | null };
}
export interface Movements {
  from: string;
  to: string;
  bucket: Bucket;
  rows: { period: string; total: number; receipt: number; issue: number; transfer: number; adjustment: number; count: number }[];
}
export interface Workload {
  from: string;
  to: string;
  rows: { employee_id: string; name: string; tasks: number; planned_hours: number; absent_days: number }[];
}

/** Each data source's result. */
export interface SourceResults {
  'dashboard.stock_by_category': StockByCategory;
  'dashboard.items_under_min': ItemsUnderMin;
  'dashboard.projects_by_status': ProjectsByStatus;
  'dashboard.tasks': TaskFigures;
  'dashboard.cost_vs_budget': CostVsBudget;
  'dashboard.work_orders': WorkOrderFigures;
  'dashboard.maintenance_kpis': MaintenanceKpis;
  'dashboard.movements': Movements;
  'dashboard.workload': Workload;
}
export type DataSource = keyof SourceResults;
export type SourceResult = SourceResults[DataSource];

type Figure<N extends DataSource> = { args: WidgetFilters; result: SourceResults[N] };

export interface DashboardQueries {
  'dashboard.widgets': { args: Record<string, never>; result: { items: Widget[]; defaults?: boolean } };
  'dashboard.widget_data': { args: { id: string }; result: SourceResult };
  'dashboard.stock_by_category': Figure<'dashboard.stock_by_category'>;
  // dashboard.items_under_min is declared by stock/contract.ts (the stock list's filter).
  'dashboard.projects_by_status': Figure<'dashboard.projects_by_status'>;
  'dashboard.tasks': Figure<'dashboard.tasks'>;
  'dashboard.cost_vs_budget': Figure<'dashboard.cost_vs_budget'>;
  'dashboard.work_orders': Figure<'dashboard.work_orders'>;
  'dashboard.maintenance_kpis': Figure<'dashboard.maintenance_kpis'>;
  'dashboard.movements': Figure<'dashboard.movements'>;
  'dashboard.workload': Figure<'dashboard.workload'>;
}

/** The fields a widget is written with (widget_add; widget_update takes any of them). */
export interface WidgetFields {
  type: WidgetType;
  data_source: DataSource;
  title: string | null;
  filters: WidgetFilters;
  width: number;
  height?: number;
  position?: number;
}

export interface DashboardMutators {
  'dashboard.widget_add': { args: WidgetFields & { id: string }; result: { id: string } };
  'dashboard.widget_update': { args: Partial<WidgetFields> & { id: string }; result: { id: string } };
  'dashboard.widget_remove': { args: { id: string }; result: { id: string } };
  /** Replaces the actor's widgets with the role's default layout, stored (ids in layout order,
   * derived from `id`, a new id for this reset, so the device and the server agree on them). */
  'dashboard.reset': { args: { id: string }; result: { ids: string[] } };
}
