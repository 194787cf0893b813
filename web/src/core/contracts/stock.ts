/**
 * The stock module of the core (core/stock/: items, locations, the ledger): the queries
 * other areas use too, declared ONCE here with the shapes the C++ returns (items.cc
 * item.search, suppliers_locations.cc location.list/location.mine, ledger.cc stock.onhand).
 * Types only. Quantities travel as decimal strings ("2.5") with their milli-units, money as
 * integer cents. The stock screens' other names stay in web/src/stock/contract.ts.
 */

export interface ItemSummary {
  id: string;
  reference: string;
  label: string;
  barcode: string | null;
  unit: string;
  category_id: string | null;
  unit_price_cents: number;
  archived: boolean;
}

export interface ItemSearchResult {
  items: ItemSummary[];
  total: number;
  total_exact: boolean;
  limit: number;
  offset: number;
}

export interface Location {
  id: string;
  parent_id: string | null;
  kind: 'warehouse' | 'zone' | 'bin' | 'vehicle' | 'site';
  name: string;
  code: string | null;
  archived: boolean;
  depth: number;
}

export interface OnHandRow {
  item_id: string;
  location_id: string;
  location: string;
  /** null (and `hidden`) while a blind count there hides the book quantity from this role (counts.h). */
  qty: string | null;
  qty_milli: number | null;
  value_cents: number | null;
  last_count_at: number | null;
  hidden?: true;
}

export interface StockCoreQueries {
  'item.search': {
    args: { q: string; category_id?: string; include_archived?: boolean; limit?: number; offset?: number };
    result: ItemSearchResult;
  };
  'location.list': { args: { include_archived?: boolean }; result: { items: Location[] } };
  'location.mine': { args: Record<string, never>; result: { items: string[] } };
  'stock.onhand': {
    args: { item_id?: string; location_id?: string };
    result: { rows: OnHandRow[]; total: string; total_milli: number; value_cents: number };
  };
}
