/**
 * The desk's rows: the core's task.list paged on demand (limit/offset, with_total) through
 * core/paged_rows.ts, in the manner of the stock list's useSearchSource: one request at a
 * time, always for the rows in view NOW, pages cached per query, replies to an older query
 * ignored. Nothing is filtered or sorted here: the core does both.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CoreBridge } from '../core/bridge';
import { CoreError } from '../core/core_error';
import { PagedRows, type FetchPage } from '../core/paged_rows';
import type { OrderFilters, OrderRow } from './contract';

export const kPageSize = 200;

export interface OrderSource {
  /** null while the first reply is awaited. */
  count: number | null;
  error: CoreError | null;
  row(index: number): OrderRow | undefined;
  /** Asks for the rows [first, last] (those in view); fetched if not cached. */
  want(first: number, last: number): void;
}

/** One page of the desk: task.list with the filters, counted. */
export function orderPageFetch(core: CoreBridge, filters: OrderFilters): FetchPage<OrderRow> {
  return async (offset, limit) => {
    const result = await core.query('task.list', { ...filters, with_total: true, limit, offset });
    return { rows: result.items, total: result.total ?? null, exact: true };
  };
}

export function useOrderSource(core: CoreBridge, filters: OrderFilters, refresh: number): OrderSource {
  const filtersKey = JSON.stringify(filters);
  const key = JSON.stringify([filters, refresh]);
  const [, setTick] = useState(0);
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const pager = useRef<PagedRows<OrderRow> | null>(null);
  pager.current ??= new PagedRows<OrderRow>(kPageSize, {
    page: (page) => {
      setCount(page.total);
      setError(null);
      setTick((n) => n + 1);
    },
    error: (thrown) => {
      setError(CoreError.from(thrown));
      setCount(0);
    },
  });
  const previousFilters = useRef('');

  useEffect(() => {
    // New filters: forget the pages and start at the top. The same filters again (a sync or a
    // change made here): keep showing the old pages until they are re-read.
    const same = previousFilters.current === filtersKey;
    previousFilters.current = filtersKey;
    if (!same) setCount(null);
    pager.current?.restart(orderPageFetch(core, filters), same);
  }, [key, core]);

  const rows = pager.current;
  return { count, error, row: (index) => rows.row(index), want: (first, last) => rows.want(first, last) };
}
