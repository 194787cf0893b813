/**
 * Where the item list's rows come from, as hooks that all return a `ListSource`:
 *
 * - useSearchSource: the core's item.search, paged (limit/offset) on demand as the user
 *   scrolls; pages are cached per query and replies to an older query are ignored.
 * - useUnderMinSource: dashboard.items_under_min (the core's under-minimum alerts).
 * - useLocationSource: stock.onhand at one location; the reference and label of the rows in
 *   view are read with item.get as they scroll into view (cached).
 *
 * None of them filters or computes anything: they only show what the core returns.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CoreBridge } from '../core/bridge';
import { CoreError } from '../core/core_error';
import { PagedRows, type FetchPage } from '../core/paged_rows';
import type { ItemSummary } from './contract';

export const kPageSize = 100;

export interface ListRow {
  id: string;
  reference: string;
  label: string;
  unit: string;
  archived: boolean;
  /** On hand shown on the row (location and under-minimum lists); null: hidden by a blind count. */
  qty?: string | null;
  /** Minimum and where, for under-minimum rows. */
  min?: string;
  location?: string | null;
}

export interface ListSource {
  /** null while the first reply is awaited. */
  count: number | null;
  exact: boolean;
  error: CoreError | null;
  row(index: number): ListRow | undefined;
  /** Asks for the rows [start, end] (those in view); fetched if not cached. */
  want(start: number, end: number): void;
}

export interface SearchParams {
  q: string;
  category_id: string;
  include_archived: boolean;
}

function fromSummary(item: ItemSummary): ListRow {
  return { id: item.id, reference: item.reference, label: item.label, unit: item.unit, archived: item.archived };
}

/** One page of item.search with the list's parameters. */
export function searchPageFetch(core: CoreBridge, params: SearchParams): FetchPage<ListRow> {
  return async (offset, limit) => {
    const result = await core.query('item.search', {
      q: params.q,
      include_archived: params.include_archived,
      limit,
      offset,
      ...(params.category_id !== '' ? { category_id: params.category_id } : {}),
    });
    return { rows: result.items.map(fromSummary), total: result.total, exact: result.total_exact };
  };
}

export function useSearchSource(core: CoreBridge, params: SearchParams, active: boolean, refresh: number): ListSource {
  const paramsKey = JSON.stringify(params);
  const key = JSON.stringify([params, refresh]);
  const [, setTick] = useState(0);
  const [count, setCount] = useState<number | null>(null);
  const [exact, setExact] = useState(true);
  const [error, setError] = useState<CoreError | null>(null);
  // Paged through core/paged_rows.ts: one request at a time, for the rows in view NOW.
  const pager = useRef<PagedRows<ListRow> | null>(null);
  pager.current ??= new PagedRows<ListRow>(kPageSize, {
    page: (page) => {
      setCount(page.total);
      setExact(page.exact);
      setError(null);
      setTick((n) => n + 1);
    },
    error: (thrown) => setError(CoreError.from(thrown)),
  });
  const previousParams = useRef('');

  useEffect(() => {
    if (!active) return;
    // A new query: forget the pages, keep showing the old count until the first reply. The
    // same query again (a sync brought rows): keep showing the old pages until re-read.
    const same = previousParams.current === paramsKey;
    previousParams.current = paramsKey;
    pager.current?.restart(searchPageFetch(core, params), same);
  }, [key, active, core]);

  const rows = pager.current;
  return {
    count: active ? count : null,
    exact,
    error,
    row: (index) => rows.row(index),
    want: (first, last) => {
      if (active) rows.want(first, last);
    },
  };
}

/** One query that returns every row at once; `load` maps the reply to rows. */
function useWholeSource(active: boolean, key: string, load: () => Promise<ListRow[]>): ListSource & { rows: ListRow[] | null } {
  const [rows, setRows] = useState<ListRow[] | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  useEffect(() => {
    if (!active) return;
    let live = true;
    setRows(null);
    load().then(
      (loaded) => {
        if (!live) return;
        setRows(loaded);
        setError(null);
      },
      (thrown) => live && setError(CoreError.from(thrown)),
    );
    return () => {
      live = false;
    };
  }, [active, key]);
  return { rows, count: rows?.length ?? null, exact: true, error, row: (index) => rows?.[index], want: () => undefined };
}

export function useUnderMinSource(core: CoreBridge, locationId: string, categoryId: string, active: boolean, refresh: number): ListSource {
  return useWholeSource(active, JSON.stringify([locationId, categoryId, refresh]), async () => {
    const { items } = await core.query('dashboard.items_under_min', {
      ...(locationId !== '' ? { location_id: locationId } : {}),
      ...(categoryId !== '' ? { category_id: categoryId } : {}),
    });
    return items.map((alert) => ({
      id: alert.item_id,
      reference: alert.reference,
      label: alert.label,
      unit: '',
      archived: false,
      qty: alert.qty,
      min: alert.min_qty ?? '',
      location: alert.location ?? null,
    }));
  });
}

export function useLocationSource(core: CoreBridge, locationId: string, active: boolean, refresh: number): ListSource {
  const details = useRef(new Map<string, ItemSummary | 'asked'>());
  const [, setTick] = useState(0);
  const whole = useWholeSource(active, JSON.stringify([locationId, refresh]), async () => {
    const { rows } = await core.query('stock.onhand', { location_id: locationId });
    return rows.map((row) => ({ id: row.item_id, reference: '', label: '', unit: '', archived: false, qty: row.qty }));
  });
  return {
    ...whole,
    row(index) {
      const row = whole.rows?.[index];
      if (row === undefined) return undefined;
      const item = details.current.get(row.id);
      return typeof item === 'object' ? { ...fromSummary(item), ...(row.qty !== undefined ? { qty: row.qty } : {}) } : row;
    },
    want(start, end) {
      for (let index = start; index <= end; index++) {
        const id = whole.rows?.[index]?.id;
        if (id === undefined || details.current.has(id)) continue;
        details.current.set(id, 'asked');
        core.query('item.get', { id }).then(
          (item) => {
            details.current.set(id, item);
            setTick((n) => n + 1);
          },
          () => details.current.delete(id),
        );
      }
    },
  };
}
