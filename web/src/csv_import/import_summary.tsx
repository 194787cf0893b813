/**
 * The end of an import: what was created, updated, left unchanged, and the lines in error
 * with their line numbers in the file (nothing of those lines was written). Says so when
 * the import was stopped, or refused part way (the pieces before were written).
 */
import { useEffect, useRef } from 'preact/hooks';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { href } from '../shell/route';
import { LinesTable } from './lines_table';
import type { ImportOutcome } from './run_import';
import { Totals } from './totals';

export function ImportSummary({ outcome, total, seconds, onAgain }: { outcome: ImportOutcome; total: number; seconds: number; onAgain: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const complete = !outcome.cancelled && outcome.failure === null;
  return (
    <section class="card import-summary" aria-labelledby="import-summary-title" data-testid="import-summary" data-complete={complete ? 'true' : 'false'}>
      <h3 ref={title} id="import-summary-title" class="card__title" tabIndex={-1}>
        {complete ? t('import.summary.done') : outcome.cancelled ? t('import.summary.cancelled') : t('import.summary.failed')}
      </h3>
      <p role="status">{t('import.summary.text', { done: new Intl.NumberFormat(i18n.language).format(outcome.done), total: new Intl.NumberFormat(i18n.language).format(total), seconds: new Intl.NumberFormat(i18n.language).format(seconds) })}</p>
      {outcome.failure !== null && (
        <p class="field__error" role="alert" data-testid="import-summary-failure">
          {coreErrorMessage(i18n, 'import', outcome.failure)}
        </p>
      )}
      <Totals totals={outcome.totals} testId="import-summary-totals" />
      {outcome.errors.length > 0 && (
        <>
          <h4 class="import-subtitle">{t('import.summary.errors', { n: outcome.errors.length })}</h4>
          <LinesTable lines={outcome.errors} testId="import-summary-errors" caption={t('import.summary.errors_caption')} />
        </>
      )}
      <div class="import-actions">
        <a class="button button--primary" href={href('stock')} data-testid="import-to-stock">
          {t('import.summary.to_stock')}
        </a>
        <button type="button" class="button button--secondary" onClick={onAgain} data-testid="import-again">
          {t('import.summary.again')}
        </button>
      </div>
    </section>
  );
}
