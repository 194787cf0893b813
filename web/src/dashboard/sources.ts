/**
 * The data sources offered when adding a widget: which types suit each one, which filters
 * the editor offers for it (they are the source's own arguments, checked by the core), and
 * the list screen behind it (the widget's link).
 */
import type { MessageKey } from '../i18n/i18n';
import { href, hrefWith } from '../shell/route';
import type { DataSource, Widget, WidgetType } from './contract';

/** A filter of the editor: location (site), category and team ids, a date range, a bucket, open only. */
export type FilterField = 'location' | 'category' | 'team' | 'period' | 'bucket' | 'open_only';

export interface SourceInfo {
  id: DataSource;
  label: MessageKey;
  types: WidgetType[];
  filters: FilterField[];
  /** The list behind the widget, filtered as the widget is (the list reads the address). */
  link(widget: Widget): string;
}

const kCharts: WidgetType[] = ['bar', 'doughnut', 'line', 'table', 'list'];

/** The stock list with the widget's category and location (#/stock?category=…&location=…). */
const stockList = (extra: Record<string, string> = {}) => (w: Widget) =>
  hrefWith(['stock'], { category: w.filters.category_id, location: w.filters.location_id, ...extra });
const plain = (...parts: string[]) => () => href(...parts);

export const kSources: readonly SourceInfo[] = [
  { id: 'dashboard.stock_by_category', label: 'dashboard.source.stock_by_category', types: ['number', ...kCharts], filters: ['location', 'category'], link: stockList() },
  { id: 'dashboard.items_under_min', label: 'dashboard.source.items_under_min', types: ['number', 'table', 'list'], filters: ['location', 'category'], link: stockList({ under_min: '1' }) },
  { id: 'dashboard.movements', label: 'dashboard.source.movements', types: ['line', 'bar', 'table'], filters: ['location', 'category', 'period', 'bucket'], link: stockList() },
  { id: 'dashboard.tasks', label: 'dashboard.source.tasks', types: ['number', ...kCharts], filters: [], link: (w) => hrefWith(['orders'], { overdue: w.type === 'number' ? '1' : undefined }) },
  { id: 'dashboard.work_orders', label: 'dashboard.source.work_orders', types: ['number', ...kCharts], filters: ['open_only'], link: (w) => hrefWith(['orders'], { status: w.filters.open_only ? 'open' : undefined }) },
  { id: 'dashboard.maintenance_kpis', label: 'dashboard.source.maintenance_kpis', types: ['number', 'table', 'list'], filters: ['period'], link: plain('assets', 'plans') },
  { id: 'dashboard.projects_by_status', label: 'dashboard.source.projects_by_status', types: ['number', 'bar', 'doughnut', 'table', 'list'], filters: [], link: plain('projects') },
  { id: 'dashboard.cost_vs_budget', label: 'dashboard.source.cost_vs_budget', types: ['number', 'bar', 'table', 'list'], filters: [], link: plain('projects') },
  { id: 'dashboard.workload', label: 'dashboard.source.workload', types: ['bar', 'table'], filters: ['team', 'period'], link: (w) => hrefWith(['planning'], { team: w.filters.team_id }) },
];

export function sourceInfo(id: string): SourceInfo | undefined {
  return kSources.find((s) => s.id === id);
}

export const kWidths = [3, 4, 6, 8, 12] as const;
