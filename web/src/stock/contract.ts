/**
 * Mutators and queries used by the stock screens (types only; the rules are in the C++ core).
 * Shapes follow the header comments of core/stock/{search,items,ledger,attributes,
 * suppliers_locations,location_access,alerts}.h, core/dashboard/figures.h and
 * core/maintenance/attachments.h. Quantities travel as decimal strings ("2.5"); money as
 * integer cents.
 */
import type { ItemSummary, Location, OnHandRow } from '../core/contracts/stock';

export type { Attachment } from '../core/contracts/maintenance';
export type { ItemSearchResult, ItemSummary, Location, OnHandRow } from '../core/contracts/stock';

export type AttributeValues = Record<string, string | number | null>;

export interface Item {
  id: string;
  reference: string;
  label: string;
  description: string | null;
  category_id: string | null;
  unit: string;
  unit_price_cents: number;
  supplier_id: string | null;
  supplier_ref: string | null;
  barcode: string | null;
  min_qty: string;
  attributes: AttributeValues;
  archived: boolean;
  location_mins: { location_id: string; location: string; min_qty: string }[];
}

/** item.create / item.update arguments (update: any subset but id; null clears). */
export interface ItemFields {
  reference?: string;
  label?: string;
  description?: string | null;
  category_id?: string | null;
  unit?: string;
  unit_price_cents?: number;
  supplier_id?: string | null;
  supplier_ref?: string | null;
  barcode?: string | null;
  min_qty?: string;
  attributes?: AttributeValues;
}

export interface AttributeDef {
  id: string;
  category_id: string;
  name: string;
  type: 'text' | 'number' | 'date' | 'choice';
  unit: string | null;
  required: boolean;
  choices: string[] | null;
  position: number;
  archived: boolean;
}

export interface Supplier {
  id: string;
  name: string;
  contact: string | null;
  email: string | null;
  phone: string | null;
  notes: string | null;
  archived: boolean;
}

export interface Movement {
  id: string;
  item_id: string;
  reference: string;
  kind: 'receipt' | 'issue' | 'transfer' | 'adjust' | 'count' | 'reverse' | string;
  from_location_id: string | null;
  to_location_id: string | null;
  /** null (and `hidden`) while a blind count at its location hides the quantity (counts.h). */
  qty: string | null;
  qty_milli: number | null;
  unit_cost_cents: number | null;
  hidden?: true;
  task_id: string | null;
  reason: string | null;
  note: string | null;
  occurred_at: number;
  actor_id: string | null;
  pending: boolean;
}

export interface StockAlert {
  key: string;
  kind: string;
  item_id: string;
  reference: string;
  label: string;
  location_id?: string | null;
  location?: string | null;
  qty: string;
  min_qty?: string;
  severity: number;
  acknowledged: boolean;
}

/** A CSV export: UTF-8 text (with BOM, CRLF) to save under `filename`. */
export interface CsvFile {
  filename: string;
  content: string;
  rows: number;
}

type MovementCommon = { id: string; item_id: string; qty: string; note?: string };

export interface StockMutators {
  'item.create': { args: ItemFields & { id: string; reference: string; label: string }; result: { id: string } };
  'item.update': { args: ItemFields & { id: string }; result: { id: string } };
  'stock.receipt': { args: MovementCommon & { location_id: string }; result: { id: string } };
  'stock.issue': { args: MovementCommon & { location_id: string }; result: { id: string } };
  'item.set_location_min': {
    args: { id: string; item_id: string; location_id: string; min_qty: string | null };
    result: { id: string; removed?: boolean };
  };
  'stock.transfer': {
    args: MovementCommon & { from_location_id: string; to_location_id: string };
    result: { id: string };
  };
}

export interface StockQueries {
  'item.get': { args: { id: string }; result: Item };
  'attribute.list': { args: { category_id: string }; result: { items: AttributeDef[] } };
  'supplier.list': { args: { include_archived?: boolean }; result: { items: Supplier[] } };
  'stock.movements': {
    args: { item_id?: string; location_id?: string; limit?: number; offset?: number };
    result: { rows: Movement[]; limit: number; offset: number };
  };
  'dashboard.items_under_min': {
    args: { location_id?: string; category_id?: string };
    result: { count: number; items: StockAlert[] };
  };
  'csv.export_items': { args: { locale: 'fr' | 'en'; include_archived?: boolean }; result: CsvFile };
  'csv.export_movements': { args: { locale: 'fr' | 'en'; from: number; to: number }; result: CsvFile };
}
