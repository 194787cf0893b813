/**
 * The CSV import of items (core/stock/csv_io.h): csv.items_preview (a query that writes
 * nothing) and csv.items_import (a mutator). Types only: the core reads the file, maps the
 * columns, validates each line with the mutators' own rules and decides every action.
 */

export type CsvAction = 'create' | 'update' | 'unchanged' | 'error';

export interface CsvProblem {
  /** The CSV column the problem is about (reference, unit_price...), null for the whole line. */
  column: string | null;
  code?: string;
  message: string;
}

export interface CsvLine {
  /** 1-based line where the record starts, as a spreadsheet numbers rows (header = 1). */
  line: number;
  reference: string;
  action: CsvAction;
  item_id?: string;
  stock?: 'opening' | 'kept';
  errors: CsvProblem[];
  warnings: CsvProblem[];
}

export interface CsvTotals {
  lines: number;
  create: number;
  update: number;
  unchanged: number;
  error: number;
  opening_stock: number;
}

export interface CsvReport {
  separator: ';' | ',';
  columns: { index: number; header: string; column: string | null }[];
  warnings: { column: string; message: string }[];
  lines: CsvLine[];
  totals: CsvTotals;
}

export interface CsvImportArgs {
  csv: string;
  separator?: ';' | ',';
  id_seed: string;
}

export interface CsvImportMutators {
  'csv.items_import': { args: CsvImportArgs; result: CsvReport };
}

export interface CsvImportQueries {
  'csv.items_preview': { args: { csv: string; separator?: ';' | ','; id_seed?: string }; result: CsvReport };
}
