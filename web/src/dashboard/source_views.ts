/**
 * Each data source's result as a View (views.ts): which figure is the headline, which rows
 * make the chart, the table and the list. Labels come from the catalogs; every number is
 * the core's, only formatted.
 */
import type { I18n } from '../i18n/i18n';
import { priorityLabel, statusLabel } from '../work/work_core';
import type { DataSource, SourceResults } from './contract';
import { count, day, decimal, kListLines, money, shortDay, type View } from './views';

type Viewer<N extends DataSource> = (i18n: I18n, data: SourceResults[N]) => View;

const stockByCategory: Viewer<'dashboard.stock_by_category'> = (i18n, d) => ({
  headline: { value: money(i18n, d.total_cents), label: i18n.t('dashboard.headline.stock_value') },
  series: {
    labels: d.rows.map((r) => (r.id === null ? i18n.t('dashboard.no_category') : r.name)),
    datasets: [{ label: i18n.t('dashboard.dataset.value'), values: d.rows.map((r) => r.value_cents) }],
    format: (v) => money(i18n, v),
  },
});

/**
 * The core sends the count and the first items only; what a table or a list cannot show is
 * said in its last line.
 */
const itemsUnderMin: Viewer<'dashboard.items_under_min'> = (i18n, d) => {
  const more = (shown: number) => (d.count > shown ? i18n.t('dashboard.more_items', { n: count(i18n, d.count - shown) }) : null);
  const line = (a: (typeof d.items)[number]) => i18n.t('dashboard.under_min_line', { item: `${a.reference} ${a.label}`, qty: decimal(i18n, a.qty), min: decimal(i18n, a.min_qty ?? null) });
  const listed = d.count > kListLines ? d.items.slice(0, kListLines - 1) : d.items;
  const listMore = more(listed.length);
  const tableMore = more(d.items.length);
  return {
    headline: { value: count(i18n, d.count), label: i18n.t('dashboard.headline.under_min') },
    table: {
      headers: [i18n.t('dashboard.col.item'), i18n.t('dashboard.col.location'), i18n.t('dashboard.col.qty'), i18n.t('dashboard.col.min')],
      rows: [
        ...d.items.map((a) => [`${a.reference} ${a.label}`, a.location ?? '—', decimal(i18n, a.qty), decimal(i18n, a.min_qty ?? null)]),
        ...(tableMore ? [[tableMore, '', '', '']] : []),
      ],
    },
    list: [...listed.map(line), ...(listMore ? [listMore] : [])],
  };
};

const projectsByStatus: Viewer<'dashboard.projects_by_status'> = (i18n, d) => ({
  headline: {
    value: count(i18n, d.rows.find((r) => r.status === 'active')?.count ?? 0),
    label: i18n.t('dashboard.headline.active_projects'),
  },
  series: {
    labels: d.rows.map((r) => i18n.lookup(`projects.status.${r.status}`) ?? r.status),
    datasets: [{ label: i18n.t('dashboard.dataset.projects'), values: d.rows.map((r) => r.count) }],
    format: (v) => count(i18n, v),
  },
});

const tasks: Viewer<'dashboard.tasks'> = (i18n, d) => ({
  headline: { value: count(i18n, d.overdue), label: i18n.t('dashboard.headline.overdue') },
  series: {
    labels: d.by_status.map((r) => statusLabel(i18n, r.status)),
    datasets: [{ label: i18n.t('dashboard.dataset.orders'), values: d.by_status.map((r) => r.count) }],
    format: (v) => count(i18n, v),
  },
  list: d.overdue_items.map((o) => i18n.t('dashboard.overdue_line', { title: o.title, due: day(i18n, o.due_date), priority: priorityLabel(i18n, o.priority) })),
});

const costVsBudget: Viewer<'dashboard.cost_vs_budget'> = (i18n, d) => ({
  headline: {
    value: i18n.t('dashboard.of', { part: money(i18n, d.total_cost_cents), whole: money(i18n, d.total_budget_cents) }),
    label: i18n.t('dashboard.headline.cost_budget'),
  },
  series: {
    labels: d.items.map((p) => p.code),
    datasets: [
      { label: i18n.t('dashboard.dataset.budget'), values: d.items.map((p) => p.budget_cents) },
      { label: i18n.t('dashboard.dataset.cost'), values: d.items.map((p) => p.cost_cents) },
      { label: i18n.t('dashboard.dataset.forecast'), values: d.items.map((p) => p.forecast_cents) },
    ],
    format: (v) => money(i18n, v),
  },
  list: d.items.map((p) => i18n.t('dashboard.project_line', { name: `${p.code} ${p.name}`, pct: decimal(i18n, p.consumed_pct) })),
});

const workOrders: Viewer<'dashboard.work_orders'> = (i18n, d) => ({
  headline: { value: count(i18n, d.total), label: i18n.t('dashboard.headline.work_orders') },
  series: {
    labels: d.by_type.map((r) => i18n.lookup(`orders.type.${r.type}`) ?? r.type),
    datasets: [{ label: i18n.t('dashboard.dataset.orders'), values: d.by_type.map((r) => r.count) }],
    format: (v) => count(i18n, v),
  },
  list: d.by_priority.map((r) => i18n.t('dashboard.line', { label: priorityLabel(i18n, r.priority), value: count(i18n, r.count) })),
});

const maintenanceKpis: Viewer<'dashboard.maintenance_kpis'> = (i18n, d) => {
  const lines: [string, string][] = [
    [i18n.t('dashboard.kpi.compliance'), d.compliance.rate === null ? '—' : i18n.t('dashboard.percent', { value: decimal(i18n, d.compliance.rate) })],
    [i18n.t('dashboard.kpi.mttr'), d.reliability.mttr_hours === null ? '—' : i18n.t('dashboard.hours', { value: decimal(i18n, d.reliability.mttr_hours) })],
    [i18n.t('dashboard.kpi.mtbf'), d.reliability.mtbf_hours === null ? '—' : i18n.t('dashboard.hours', { value: decimal(i18n, d.reliability.mtbf_hours) })],
    [i18n.t('dashboard.kpi.availability'), d.reliability.availability === null ? '—' : i18n.t('dashboard.percent', { value: decimal(i18n, d.reliability.availability) })],
    [i18n.t('dashboard.kpi.failures'), count(i18n, d.reliability.failures)],
    [i18n.t('dashboard.kpi.pm_due'), count(i18n, d.compliance.due)],
  ];
  return {
    headline: { value: lines[0]![1], label: lines[0]![0] },
    table: { headers: [i18n.t('dashboard.col.kpi'), i18n.t('dashboard.col.value')], rows: lines },
    list: lines.map(([label, value]) => i18n.t('dashboard.line', { label, value })),
  };
};

const movements: Viewer<'dashboard.movements'> = (i18n, d) => ({
  series: {
    labels: d.rows.map((r) => shortDay(i18n, r.period)),
    datasets: (['receipt', 'issue', 'transfer', 'adjustment'] as const).map((kind) => ({
      label: i18n.t(`dashboard.movement.${kind}`),
      values: d.rows.map((r) => r[kind]),
    })),
    format: (v) => count(i18n, v),
  },
});

const workload: Viewer<'dashboard.workload'> = (i18n, d) => ({
  series: {
    labels: d.rows.map((r) => r.name),
    datasets: [{ label: i18n.t('dashboard.dataset.hours'), values: d.rows.map((r) => r.planned_hours) }],
    format: (v) => decimal(i18n, v),
  },
  table: {
    headers: [i18n.t('dashboard.col.employee'), i18n.t('dashboard.col.tasks'), i18n.t('dashboard.col.hours'), i18n.t('dashboard.col.absent')],
    rows: d.rows.map((r) => [r.name, count(i18n, r.tasks), decimal(i18n, r.planned_hours), count(i18n, r.absent_days)]),
  },
});

const kViewers: { [N in DataSource]: Viewer<N> } = {
  'dashboard.stock_by_category': stockByCategory,
  'dashboard.items_under_min': itemsUnderMin,
  'dashboard.projects_by_status': projectsByStatus,
  'dashboard.tasks': tasks,
  'dashboard.cost_vs_budget': costVsBudget,
  'dashboard.work_orders': workOrders,
  'dashboard.maintenance_kpis': maintenanceKpis,
  'dashboard.movements': movements,
  'dashboard.workload': workload,
};

export function viewOf<N extends DataSource>(i18n: I18n, source: N, data: SourceResults[N]): View {
  return kViewers[source](i18n, data);
}
