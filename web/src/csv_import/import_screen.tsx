/**
 * CSV IMPORT OF ITEMS (#/stock/import, roles that may run csv.items_import): choose a file,
 * see the core's preview (csv.items_preview, nothing written), then apply it piece by piece
 * (csv_chunks.ts, run_import.ts) with a progress bar and a way to stop, and read the
 * summary. One id_seed per chosen file: the preview and every piece use it, so the item ids
 * the core derives are the same on this device, on the server and on a retry.
 */
import { useRef, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { CoreError } from '../core/core_error';
import { newId } from '../core/new_id';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import type { CsvReport } from './contract';
import { CsvShapeError, splitCsv } from './csv_chunks';
import { FileChooser, type SeparatorChoice } from './file_chooser';
import './import.css';
import { ImportProgress } from './import_progress';
import { ImportSummary } from './import_summary';
import { PreviewPanel } from './preview_panel';
import { type ImportOutcome, runImport } from './run_import';

// 64 KiB per mutation (core/sync/protocol.h), less the other arguments and a margin.
const kPieceBudget = 60_000;

interface Chosen {
  name: string;
  text: string;
  seed: string;
}

export function ImportScreen() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const [separator, setSeparator] = useState<SeparatorChoice>('auto');
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [report, setReport] = useState<CsvReport | null>(null);
  const [reading, setReading] = useState(false);
  const [failure, setFailure] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [stopping, setStopping] = useState(false);
  const [outcome, setOutcome] = useState<{ result: ImportOutcome; total: number; seconds: number } | null>(null);
  const cancel = useRef(false);

  if (!can('csv.items_import')) return <p class="list__message list__message--error">{t('errors.forbidden')}</p>;

  async function preview(file: Chosen, choice: SeparatorChoice) {
    setReading(true);
    setFailure('');
    setReport(null);
    setOutcome(null);
    try {
      const sep = choice === 'auto' ? {} : { separator: choice };
      setReport(await core.query('csv.items_preview', { csv: file.text, id_seed: file.seed, ...sep }));
    } catch (thrown) {
      setFailure(coreErrorMessage(i18n, 'import', CoreError.from(thrown)));
    } finally {
      setReading(false);
    }
  }

  async function choose(file: File) {
    let text: string;
    try {
      text = await file.text();
    } catch {
      setFailure(t('import.error.unreadable'));
      return;
    }
    const next = { name: file.name, text, seed: newId() };
    setChosen(next);
    await preview(next, separator);
  }

  async function apply() {
    if (chosen === null || report === null) return;
    let pieces;
    try {
      pieces = splitCsv(chosen.text, report.separator, kPieceBudget);
    } catch (thrown) {
      setFailure(thrown instanceof CsvShapeError ? thrown.message : String(thrown));
      return;
    }
    const total = pieces.reduce((sum, piece) => sum + piece.records, 0);
    const started = performance.now();
    cancel.current = false;
    setStopping(false);
    setProgress({ done: 0, total });
    const result = await runImport(
      core,
      pieces,
      { separator: report.separator, seed: chosen.seed },
      (partial) => setProgress({ done: partial.done, total }),
      () => cancel.current,
    );
    setProgress(null);
    setReport(null);
    setOutcome({ result, total, seconds: Math.round((performance.now() - started) / 100) / 10 });
  }

  function again() {
    setChosen(null);
    setReport(null);
    setOutcome(null);
    setFailure('');
  }

  const applying = progress !== null;
  return (
    <section class="screen import" aria-labelledby="import-title" data-testid="import-screen">
      <div class="screen__head">
        <h2 id="import-title" class="screen__title">
          {t('import.title')}
        </h2>
        <a class="button button--secondary" href={href('stock')} data-testid="import-back">
          {t('import.back')}
        </a>
      </div>
      <p class="import-intro">{t('import.intro')}</p>
      {outcome === null && !applying && (
        <FileChooser
          separator={separator}
          disabled={reading}
          onSeparator={(choice) => {
            setSeparator(choice);
            if (chosen !== null) void preview(chosen, choice);
          }}
          onFile={(file) => void choose(file)}
        />
      )}
      <p class="import-status" role="status" aria-live="polite" data-testid="import-status">
        {reading ? t('import.reading', { file: chosen?.name ?? '' }) : ''}
      </p>
      {failure !== '' && (
        <p class="banner banner--warning" role="alert" data-testid="import-failure">
          {failure}
        </p>
      )}
      {report !== null && chosen !== null && !applying && <PreviewPanel report={report} fileName={chosen.name} busy={applying} onApply={() => void apply()} />}
      {progress !== null && (
        <ImportProgress
          done={progress.done}
          total={progress.total}
          stopping={stopping}
          onCancel={() => {
            cancel.current = true;
            setStopping(true);
          }}
        />
      )}
      {outcome !== null && <ImportSummary outcome={outcome.result} total={outcome.total} seconds={outcome.seconds} onAgain={again} />}
    </section>
  );
}
