/**
 * The lines of an import report, 50 a page (a 10,000-line file stays responsive): line
 * number, reference, what happens to it, and its errors and warnings column by column.
 * The caller passes the lines already in the order to show (errors first).
 */
import { useState } from 'preact/hooks';
import { type MessageKey, useI18n } from '../i18n/i18n';
import type { CsvLine, CsvProblem } from './contract';

const kPageSize = 50;

export function columnLabel(t: (key: MessageKey) => string, lookup: (key: string) => string | null, column: string | null): string {
  if (column === null || column === '') return t('import.column.line');
  return lookup(`import.column.${column}`) ?? column;
}

export function LinesTable({ lines, testId, caption }: { lines: CsvLine[]; testId: string; caption: string }) {
  const { t, lookup } = useI18n();
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(lines.length / kPageSize));
  const current = Math.min(page, pages - 1);
  const shown = lines.slice(current * kPageSize, (current + 1) * kPageSize);
  const problem = (kind: 'error' | 'warning', p: CsvProblem, index: number) => (
    <li key={`${kind}-${index}`} class={`import-problem import-problem--${kind}`} data-testid={`import-${kind}`} data-column={p.column ?? ''}>
      <strong>{columnLabel(t, lookup, p.column)}</strong> : {p.message}
    </li>
  );
  if (lines.length === 0) return <p class="list__message">{t('import.lines.none')}</p>;
  return (
    <div class="import-lines" data-testid={testId} data-count={lines.length}>
      <div class="import-table-wrap">
        <table class="import-table">
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.lines.line')}</th>
              <th scope="col">{t('import.lines.reference')}</th>
              <th scope="col">{t('import.lines.action')}</th>
              <th scope="col">{t('import.lines.problems')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((line) => (
              <tr key={line.line} data-testid="import-line" data-line={line.line} data-action={line.action} data-reference={line.reference}>
                <td class="import-table__num">{line.line}</td>
                <th scope="row" class="import-table__ref">
                  {line.reference}
                </th>
                <td>
                  <span class={`badge import-action import-action--${line.action}`}>{t(`import.action.${line.action}`)}</span>
                </td>
                <td>
                  {line.errors.length + line.warnings.length > 0 && (
                    <ul class="import-problems">
                      {line.errors.map((p, i) => problem('error', p, i))}
                      {line.warnings.map((p, i) => problem('warning', p, i))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav class="import-pager" aria-label={t('import.lines.pages')}>
          <button type="button" class="button button--secondary" disabled={current === 0} onClick={() => setPage(current - 1)} data-testid={`${testId}-prev`}>
            {t('import.lines.previous')}
          </button>
          <span class="import-pager__where" aria-live="polite">
            {t('import.lines.page', { from: current * kPageSize + 1, to: current * kPageSize + shown.length, total: lines.length })}
          </span>
          <button type="button" class="button button--secondary" disabled={current >= pages - 1} onClick={() => setPage(current + 1)} data-testid={`${testId}-next`}>
            {t('import.lines.next')}
          </button>
        </nav>
      )}
    </div>
  );
}
