// CSV import and export of stock data, for spreadsheets (Excel, LibreOffice), in French or
// English. The CSV grammar itself is core/csv/csv.h; this is the domain half.
//
// IMPORT (items, and opening stock per location)
// csv.items_preview {csv: string <= 10 MB, separator?: ";"|",", id_seed?: uuid} -> report
// csv.items_import  {csv: string <= 10 MB, separator?: ";"|",", id_seed: uuid}  -> report
//   Input: UTF-8 with or without BOM; ';' or ',' (detected on the header when not given);
//   quoted fields may hold separators, doubled quotes and line breaks; decimal comma or
//   point; spaces and no-break spaces inside numbers are ignored ("1 234,50"). Line 1 is the
//   header; lines are numbered as the spreadsheet shows them (a multi-line record counts as
//   the line where it starts). Blank and all-empty lines are skipped.
//   Columns (header names case-, accent- and punctuation-insensitive, French or English):
//   reference (required), label, description, category, unit, unit_price, supplier,
//   supplier_ref, barcode, min_qty, location, qty. Aliases: csv_support.cc. Unknown columns
//   are ignored with a warning; a column given twice or no reference column fails the call.
//   - category, supplier, location: by name (folded), by "Parent > Child" path when a name
//     is shared, locations also by code. Never created by the import: unknown -> line error.
//   - unit_price in currency units ("12,34" -> 1234 cents, at most 2 decimals);
//     min_qty and qty are quantities (at most 3 decimals).
//   - A cell "'=..." (apostrophe before = + - @, as our exports write it) loses the apostrophe.
//   Matching is by reference (trimmed, case- and accent-insensitive, live items, archived
//   ones included); an import never rewrites an existing reference. Per line, action:
//     create     - no item has that reference: item.create;
//     update     - item.update with ONLY the fields whose value differs;
//     unchanged  - every given field already has that value: nothing is written;
//     error      - errors [{column, code, message}]: nothing of that line is written.
//   Empty cells: an absent column or an empty cell never changes label, unit, unit_price or
//   min_qty (defaults on create); an empty cell in a present description, category,
//   supplier, supplier_ref or barcode column clears that field (a record shorter than the
//   header has no cell there: nothing changes).
//   Opening stock (location + qty): "stock": "opening" when a stock.receipt of qty is
//   recorded, "kept" when ignored. RULE: an opening quantity is a starting point, not a
//   delta: it is applied only to an item x location with NO ledger history (no live
//   movement or count of that item there); otherwise it is ignored with a warning giving the
//   current on-hand (use a count to correct stock). qty 0 records nothing; a negative qty is
//   the receipt's own error. qty without location is a line error.
//   Validation is the mutators' own: each line runs its mutators (item.create/item.update,
//   stock.receipt via RunMutator, with the caller's role) inside a savepoint; a failure
//   rolls that line back and its Status becomes the line error (field mapped to a column).
//   Lines run in file order and see the effects of earlier lines (a barcode used twice in a
//   file fails on the second line; a reference repeated on several lines, e.g. one line per
//   location, creates the item once). The preview does exactly this inside a savepoint that
//   is ALWAYS rolled back (the query writes nothing, even on failure); the import keeps the
//   valid lines, re-running their mutators in the caller's WriteTx (so undo/replication see
//   ordinary item/stock rows).
//   Ids: created items and opening receipts get ids derived from id_seed and the folded
//   reference (+ location id): csvio::DeriveId. A device and the server running the same
//   import agree on every id, and a retried/replayed mutation cannot duplicate rows. The
//   preview uses id_seed when given (pass the one the import will use), else a fixed seed.
//   Report: {separator, columns: [{index, header, column|null}], warnings: [{column, message}],
//            lines: [{line, reference, action, item_id?, stock?, errors: [...], warnings: [...]}],
//            totals: {lines, create, update, unchanged, error, opening_stock}}
//   Whole-call failures (invalid_argument, field "csv"): oversized or non-string csv,
//   invalid UTF-8, unterminated quote, text after a closing quote (message "line N: ..."),
//   no header, no reference column, a column given twice.
//   Re-importing the same file changes nothing (all unchanged, stock kept).
//
// EXPORT: queries returning {filename, content, rows}; content is UTF-8 with BOM and CRLF.
//   locale "fr": ';' separator, decimal comma, French headers; "en": ',' and '.'.
//   Free-text cells starting with = + - @ get a leading apostrophe (csv::NeutralizeFormula).
//   Categories, suppliers and locations are written by name, or as a "Parent > Child" path
//   when the name alone is shared by several live rows (so the import resolves it back).
//   Failures: invalid_argument for bad arguments; not_found for an unknown location/session.
//
// Roles (auth/permissions.cc): preview and import admin and manager (the preview runs the
// import's mutators, so it needs the import's rights); exports admin, manager, consultant.
// Performance: a line costs a trial run plus, on import, a replay; 10,000 new items with
// opening stock take about 10 s natively (dominated by the mutators themselves).
// csv.export_items     {locale, include_archived?=false}: the import columns (reference ...
//                      min_qty), live items by reference; re-imports as all "unchanged".
// csv.export_stock     {locale, location_id?}: location, reference, label, unit, qty,
//                      unit_price, value for every item x location with non-zero on-hand.
// csv.export_movements {locale, from, to}: movements with from <= occurred_at < to (ms),
//                      oldest first, date "YYYY-MM-DD HH:MM" in UTC; at most 100000 rows
//                      (more -> invalid_argument on "to": narrow the range).
// csv.export_count     {locale, session_id}: count.review as a sheet: counted, expected,
//                      variance and variance value (expected/variance columns absent when
//                      the review hides them: blind count seen by a technician/consultant);
//                      uncounted items last with an empty "counted".
#pragma once

#include "core/mutators/registry.h"

namespace invento::stock {

void RegisterCsvImport(Registry& registry);  // csv_import.cc
void RegisterCsvExport(Registry& registry);  // csv_export.cc

}  // namespace invento::stock
