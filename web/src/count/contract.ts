/**
 * Mutators and queries used by the count screens (types only; the rules are in the C++ core,
 * core/stock/counts.h). Quantities travel as decimal strings ("2.5"), money as integer cents.
 * The item and location names the count screens also use (item.search, item.create,
 * location.list, location.mine) are declared once, in stock/contract.ts.
 */

export interface CountSession {
  id: string;
  location_id: string;
  location: string;
  name: string | null;
  scope: 'all' | 'category' | 'list';
  blind: boolean;
  repeat_mode: 'add' | 'replace';
  status: 'open' | 'closed';
  opened_at: number;
  closed_at: number | null;
  line_count: number;
}

/**
 * One item at one place of a review (a count of a warehouse counts its zones and bins: the
 * place is the session's location or one inside it); expected and variance are absent when
 * the core hides them (blind).
 */
export interface CountReviewLine {
  item_id: string;
  reference: string;
  label: string;
  unit: string;
  location_id: string;
  location: string;
  counted?: string;
  counted_at?: number;
  expected?: string;
  variance?: string;
  variance_value_cents?: number;
}

export interface CountReview {
  session: {
    id: string;
    location_id: string;
    name: string | null;
    scope: string;
    blind: boolean;
    repeat_mode: 'add' | 'replace';
    status: 'open' | 'closed';
    opened_at: number;
    closed_at: number | null;
  };
  lines: CountReviewLine[];
  uncounted: CountReviewLine[];
  expected_visible: boolean;
  variance_value_cents?: number;
}

export interface CountRecordResult {
  line_id: string;
  item_id: string;
  location_id: string;
  reference: string;
  label: string;
  counted: string;
  expected?: string;
}

type CountTarget = { item_id: string } | { barcode: string } | { reference: string };

export interface CountMutators {
  'count.open': {
    args: { id: string; location_id: string; name?: string; scope?: 'all'; blind?: boolean; repeat_mode?: 'add' | 'replace' };
    result: { id: string };
  };
  'count.record': { args: { id: string; session_id: string; qty: string; location_id?: string } & CountTarget; result: CountRecordResult };
  'count.undo_last': { args: { session_id: string }; result: { undone_line_id: string; item_id: string } };
  'count.close': { args: { session_id: string }; result: { id: string; observations: number } };
}

export interface CountQueries {
  'count.review': { args: { session_id: string }; result: CountReview };
  'csv.export_count': { args: { locale: 'fr' | 'en'; session_id: string }; result: { filename: string; content: string; rows: number } };
  'count.list': { args: { location_id?: string; status?: 'open' | 'closed' }; result: { items: CountSession[] } };
}
