/**
 * What the core found in the file before anything is written (csv.items_preview): totals,
 * how each header was understood, file-level warnings, then the lines — those in error
 * first — and the button that applies the valid lines.
 */
import { useMemo, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import type { CsvLine, CsvReport } from './contract';
import { columnLabel, LinesTable } from './lines_table';
import { Totals } from './totals';

/** Errors first, then lines with warnings, then the rest; each group in file order. */
function ordered(lines: CsvLine[]): CsvLine[] {
  const rank = (line: CsvLine) => (line.action === 'error' ? 0 : line.warnings.length > 0 ? 1 : 2);
  return [...lines].sort((a, b) => rank(a) - rank(b) || a.line - b.line);
}

export function PreviewPanel({ report, fileName, onApply, busy }: { report: CsvReport; fileName: string; onApply: () => void; busy: boolean }) {
  const { t, lookup, language } = useI18n();
  const [show, setShow] = useState<'errors' | 'all'>(report.totals.error > 0 ? 'errors' : 'all');
  const all = useMemo(() => ordered(report.lines), [report]);
  const errors = useMemo(() => all.filter((line) => line.action === 'error'), [all]);
  // Nothing to write: every valid line is already as the file says (a re-import).
  const nothing = report.totals.create + report.totals.update + report.totals.opening_stock === 0;
  return (
    <section class="card import-preview" aria-labelledby="import-preview-title" data-testid="import-preview">
      <h3 id="import-preview-title" class="card__title">
        {t('import.preview.title', { file: fileName })}
      </h3>
      <Totals totals={report.totals} testId="import-preview-totals" />
      <details class="import-columns" open={report.warnings.length > 0}>
        <summary class="import-columns__summary">{t('import.preview.columns', { n: report.columns.length })}</summary>
        <ul class="import-columns__list" data-testid="import-columns">
          {report.columns.map((column) => (
            <li key={column.index} data-column={column.column ?? ''}>
              <span class="import-columns__header">{column.header === '' ? '—' : column.header}</span>
              <span aria-hidden="true"> → </span>
              <span class={column.column === null ? 'import-columns__ignored' : ''}>
                {column.column === null ? t('import.preview.ignored') : columnLabel(t, lookup, column.column)}
              </span>
            </li>
          ))}
        </ul>
      </details>
      {report.warnings.length > 0 && (
        <ul class="banner banner--warning import-warnings" data-testid="import-file-warnings">
          {report.warnings.map((warning, index) => (
            <li key={index}>
              <strong>{warning.column}</strong> : {warning.message}
            </li>
          ))}
        </ul>
      )}
      <div class="field import-show">
        <label class="field__label" for="import-show">
          {t('import.preview.show')}
        </label>
        <select id="import-show" class="field__input" value={show} onChange={(event) => setShow(event.currentTarget.value as 'errors' | 'all')} data-testid="import-show">
          <option value="errors">{t('import.preview.show_errors', { n: errors.length })}</option>
          <option value="all">{t('import.preview.show_all', { n: all.length })}</option>
        </select>
      </div>
      <LinesTable key={show} lines={show === 'errors' ? errors : all} testId="import-preview-lines" caption={t('import.preview.lines_caption')} />
      <div class="import-actions">
        <button
          type="button"
          class="button button--primary"
          disabled={nothing}
          aria-disabled={busy ? 'true' : undefined}
          onClick={() => !busy && onApply()}
          data-testid="import-apply"
        >
          {t('import.preview.apply', { n: new Intl.NumberFormat(language).format(report.totals.lines - report.totals.error) })}
        </button>
        <p class="field__hint" data-testid="import-apply-hint">
          {nothing ? t('import.preview.nothing') : t('import.preview.apply_hint')}
        </p>
      </div>
    </section>
  );
}
