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
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { CoreBridge } from '../core/bridge';
import { CoreError } from '../core/core_error';
import type { ItemSummary } from './contract';

export const kPageSize = 100;

export interface ListRow {
  id: string;
  reference: string;
  label: string;
  unit: string;
  archived: boolean;
  /** On hand shown on the row (location and under-minimum lists). */
  qty?: string;
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

export function useSearchSource(core: CoreBridge, params: SearchParams, active: boolean, refresh: number): ListSource {
  const paramsKey = JSON.stringify(params);
  const key = JSON.stringify([params, refresh]);
  // One request at a time, always for the rows in view NOW: a fling through 100,000 rows
  // does not queue the pages it flew past (deep offsets cost the core more).
  const state = useRef({ key: '', paramsKey: '', pages: new Map<number, ListRow[]>(), shown: new Map<number, ListRow[]>(), busy: false, first: 0, last: 0 });
  const [, setTick] = useState(0);
  const [count, setCount] = useState<number | null>(null);
  const [exact, setExact] = useState(true);
  const [error, setError] = useState<CoreError | null>(null);

  const pump = useCallback(() => {
    const s = state.current;
    if (s.busy) return;
    let page = -1;
    for (let p = Math.floor(s.first / kPageSize); p <= Math.floor(s.last / kPageSize); p++) {
      if (!s.pages.has(p)) {
        page = p;
        break;
      }
    }
    if (page < 0) return;
    s.busy = true;
    const forKey = s.key;
    const args = {
      q: params.q,
      include_archived: params.include_archived,
      limit: kPageSize,
      offset: page * kPageSize,
      ...(params.category_id !== '' ? { category_id: params.category_id } : {}),
    };
    core.query('item.search', args).then(
      (result) => {
        if (state.current.key !== forKey) return; // a reply to an older query
        state.current.busy = false;
        state.current.pages.set(page, result.items.map(fromSummary));
        setCount(result.total);
        setExact(result.total_exact);
        setError(null);
        setTick((n) => n + 1);
        pump();
      },
      (thrown) => {
        if (state.current.key !== forKey) return;
        state.current.busy = false;
        setError(CoreError.from(thrown));
      },
    );
  }, [core, params.q, params.category_id, params.include_archived]);

  useEffect(() => {
    if (!active) return;
    // A new query: forget the pages, keep showing the old count until the first reply. The
    // same query again (a sync brought rows): keep showing the old pages until re-read.
    const previous = state.current;
    const same = previous.paramsKey === paramsKey;
    const shown = same ? new Map([...previous.shown, ...previous.pages]) : new Map<number, ListRow[]>();
    state.current = { key, paramsKey, pages: new Map(), shown, busy: false, first: same ? previous.first : 0, last: same ? previous.last : 0 };
    pump();
  }, [key, active, pump]);

  return {
    count: active ? count : null,
    exact,
    error,
    row: (index) => {
      const page = Math.floor(index / kPageSize);
      return (state.current.pages.get(page) ?? state.current.shown.get(page))?.[index % kPageSize];
    },
    want: (first, last) => {
      if (!active) return;
      state.current.first = first;
      state.current.last = last;
      pump();
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
