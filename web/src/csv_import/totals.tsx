/** The counts of an import report (lines to create, update, leave unchanged, in error, opening stock). */
import { useI18n } from '../i18n/i18n';
import type { CsvTotals } from './contract';

const kKeys = ['create', 'update', 'unchanged', 'error', 'opening_stock'] as const;

export function Totals({ totals, testId }: { totals: CsvTotals; testId: string }) {
  const { t, language } = useI18n();
  const number = new Intl.NumberFormat(language);
  return (
    <dl class="import-totals" data-testid={testId}>
      <div class="import-totals__cell">
        <dt>{t('import.totals.lines')}</dt>
        <dd data-total="lines" data-value={totals.lines}>
          {number.format(totals.lines)}
        </dd>
      </div>
      {kKeys.map((key) => (
        <div key={key} class={`import-totals__cell import-totals__cell--${key}`}>
          <dt>{t(`import.totals.${key}`)}</dt>
          <dd data-total={key} data-value={totals[key]}>
            {number.format(totals[key])}
          </dd>
        </div>
      ))}
    </dl>
  );
}
