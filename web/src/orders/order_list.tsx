/**
 * THE WORK-ORDER DESK: filters and sort (order_filters.tsx), the count of matching orders,
 * and a virtualised list of fixed-height rows paged from the core's task.list as the user
 * scrolls (order_source.ts, the stock list's virtualiser), so 20,000 orders scroll smoothly.
 * Planners (task.update) tick rows and act on them together (bulk_panel.tsx); a consultant
 * only reads (the rows open the work order's read-only detail).
 */
import { useEffect, useState } from 'preact/hooks';
import { useCore, useReceived } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { href, useRouteFilters } from '../shell/route';
import { today } from '../work/work_core';
import { BulkPanel } from './bulk_panel';
import type { OrderFilters as Filters, OrderRow, Priority, TaskStatus, TaskType } from './contract';
import { filtersFromQuery, OrderFilters, type FilterValues } from './order_filters';
import { OrderRows } from './order_rows';
import { useOrderSource } from './order_source';
import { useReferences } from './use_references';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The form's values as task.list arguments (empty values left out). */
function toFilters(values: FilterValues, q: string): Filters {
  const filters: Filters = { sort: values.sort, dir: values.dir };
  if (q.trim() !== '') filters.q = q.trim();
  if (values.status !== '') filters.status = values.status as TaskStatus | 'open';
  if (values.type !== '') filters.type = values.type as TaskType;
  if (values.priority !== '') filters.priority = values.priority as Priority;
  if (values.asset !== '') filters.asset_id = values.asset;
  if (values.site !== '') filters.location_id = values.site;
  if (values.assignee.startsWith('e:')) filters.employee_id = values.assignee.slice(2);
  if (values.assignee.startsWith('t:')) filters.team_id = values.assignee.slice(2);
  if (values.overdue) filters.overdue_as_of = today();
  if (values.from !== '') filters.from = values.from;
  if (values.to !== '') filters.to = values.to;
  return filters;
}

export function OrderList() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const received = useReceived();
  const references = useReferences();
  // The address may carry filters (a dashboard widget's link).
  const [values, setValues] = useRouteFilters<FilterValues>(filtersFromQuery);
  const [changed, setChanged] = useState(0);
  const [selected, setSelected] = useState<Map<string, OrderRow>>(new Map());
  // The bulk panel stays open after a run (with its summary) until closed.
  const [bulkOpen, setBulkOpen] = useState(false);
  const q = useDebounced(values.q, 200);
  const filters = toFilters(values, q);
  const source = useOrderSource(core, filters, received + changed);
  const planner = can('task.update');

  let summary = '';
  if (source.error !== null) summary = t('orders.list.failed', { message: coreErrorMessage(i18n, 'orders', source.error) });
  else if (source.count === null) summary = t('orders.list.loading');
  else if (source.count === 0) summary = t('orders.list.empty');
  else summary = t('orders.list.count', { n: new Intl.NumberFormat(i18n.language).format(source.count) });

  const toggle = (row: OrderRow, on: boolean) => {
    const next = new Map(selected);
    if (on) next.set(row.id, row);
    else next.delete(row.id);
    setSelected(next);
  };
  return (
    <section class="screen orders" aria-labelledby="orders-title" data-testid="orders-list-screen">
      <div class="screen__head">
        <h2 id="orders-title" class="screen__title">{t('orders.list.title')}</h2>
        {can('task.create') && (
          <a class="button button--primary" href={href('orders', 'new')} data-testid="orders-new">{t('orders.list.new')}</a>
        )}
      </div>
      <OrderFilters values={values} onChange={setValues} references={references} />
      {planner && (selected.size > 0 || bulkOpen) && (
        <BulkPanel
          selected={[...selected.values()]}
          references={references}
          onClear={() => {
            setSelected(new Map());
            setBulkOpen(false);
          }}
          onDone={() => {
            // The rows changed: untick them (their dates are re-read with the list).
            setSelected(new Map());
            setBulkOpen(true);
            setChanged((n) => n + 1);
          }}
        />
      )}
      <p class="orders-list__summary" role="status" aria-live="polite" data-testid="orders-summary" data-count={source.count ?? ''}>
        {summary}
      </p>
      <OrderRows source={source} query={JSON.stringify(filters)} selectable={planner} selected={selected} onToggle={toggle} editable={planner} />
    </section>
  );
}
