/**
 * Applies a CSV file piece by piece (csv_chunks.ts): csv.items_import once per piece, all with
 * the same id_seed so the ids the core derives are the file's, whatever the cut. Lines the
 * preview found in error are sent too: the core writes nothing of a line in error and
 * reports it again, which gives the summary its errors with the file's line numbers.
 * Stops after the current piece when cancelled, or at the first refused piece.
 */
import type { CoreBridge } from '../core/bridge';
import { CoreError } from '../core/core_error';
import type { CsvPiece } from './csv_chunks';
import type { CsvLine, CsvTotals } from './contract';

export interface ImportOutcome {
  totals: CsvTotals;
  /** Lines in error, numbered as in the file. */
  errors: CsvLine[];
  /** Records sent (and answered) so far. */
  done: number;
  cancelled: boolean;
  failure: CoreError | null;
}

export function emptyTotals(): CsvTotals {
  return { lines: 0, create: 0, update: 0, unchanged: 0, error: 0, opening_stock: 0 };
}

export async function runImport(
  core: CoreBridge,
  pieces: CsvPiece[],
  options: { separator: ';' | ','; seed: string },
  onProgress: (outcome: ImportOutcome) => void,
  cancelled: () => boolean,
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { totals: emptyTotals(), errors: [], done: 0, cancelled: false, failure: null };
  for (const piece of pieces) {
    if (cancelled()) {
      outcome.cancelled = true;
      break;
    }
    try {
      const report = await core.mutate('csv.items_import', { csv: piece.csv, separator: options.separator, id_seed: options.seed });
      for (const key of Object.keys(outcome.totals) as (keyof CsvTotals)[]) outcome.totals[key] += report.totals[key];
      for (const line of report.lines) {
        if (line.action === 'error') outcome.errors.push({ ...line, line: line.line + piece.lineOffset });
      }
    } catch (thrown) {
      outcome.failure = CoreError.from(thrown);
      break;
    }
    outcome.done += piece.records;
    onProgress({ ...outcome, errors: [...outcome.errors] });
  }
  return outcome;
}
