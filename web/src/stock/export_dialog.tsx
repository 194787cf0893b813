/**
 * CSV exports from the stock list, in a dialog: the items (csv.export_items) and the stock
 * movements between two dates (csv.export_movements, from the start of the first day to the
 * end of the last, in local time). The UI language is the export's locale (separator,
 * decimals, headers); the core writes the file, the page only saves it.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { Dialog } from '../shell/dialog';
import { usePermissions } from '../shell/permissions';
import type { CsvFile } from './contract';
import { downloadText } from '../shell/download';

/**
 * "2026-12-04" -> local midnight of that day (plus `days`) in ms; NaN for an empty or broken
 * date, which the core refuses.
 */
function startOfDay(date: string, days = 0): number {
  const [y, m, d] = date.split('-').map(Number);
  return y === undefined || m === undefined || d === undefined ? Number.NaN : new Date(y, m - 1, d + days).getTime();
}

function isoDate(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

export function ExportDialog({ onClose }: { onClose(): void }) {
  const core = useCore();
  const { t, language } = useI18n();
  const { can } = usePermissions();
  const items = useAction('stock');
  const movements = useAction('stock');
  const today = new Date();
  const [from, setFrom] = useState(isoDate(new Date(today.getFullYear(), today.getMonth(), 1)));
  const [to, setTo] = useState(isoDate(today));
  const [saved, setSaved] = useState<CsvFile | null>(null);

  const save = (file: CsvFile) => {
    downloadText(file.filename, file.content);
    setSaved(file);
  };
  const exportItems = () => {
    setSaved(null);
    void items.run(() => core.query('csv.export_items', { locale: language }).then(save));
  };
  const exportMovements = (event: Event) => {
    event.preventDefault();
    setSaved(null);
    // The last day is included: the range ends at the start of the next day.
    const range = { from: startOfDay(from), to: startOfDay(to, 1) };
    void movements.run(() => core.query('csv.export_movements', { locale: language, ...range }).then(save));
  };

  return (
    <Dialog title={t('stock.export.title')} onClose={onClose} testId="export-dialog">
      {can('csv.export_items') && (
        <section class="export__part" aria-labelledby="export-items-title">
          <h3 id="export-items-title" class="export__title">{t('stock.export.items')}</h3>
          <p class="field__hint">{t('stock.export.items_hint')}</p>
          <p class="field__error" role="alert">{items.message}</p>
          <button type="button" class="button button--primary" onClick={exportItems} aria-disabled={items.busy ? 'true' : undefined} data-autofocus data-testid="export-items">
            {t('stock.export.items_button')}
          </button>
        </section>
      )}
      {can('csv.export_movements') && (
        <form class="export__part" onSubmit={exportMovements} noValidate aria-labelledby="export-movements-title">
          <h3 id="export-movements-title" class="export__title">{t('stock.export.movements')}</h3>
          <div class="export__dates">
            <div class="field">
              <label class="field__label" for="export-from">{t('stock.export.from')}</label>
              <input id="export-from" class="field__input" type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} data-testid="export-from" />
            </div>
            <div class="field">
              <label class="field__label" for="export-to">{t('stock.export.to')}</label>
              <input id="export-to" class="field__input" type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} data-testid="export-to" />
            </div>
          </div>
          <p class="field__error" role="alert" data-testid="export-movements-error">{movements.message}</p>
          <button type="submit" class="button button--primary" aria-disabled={movements.busy ? 'true' : undefined} data-testid="export-movements">
            {t('stock.export.movements_button')}
          </button>
        </form>
      )}
      <p class="form__notice" role="status" data-testid="export-notice">
        {saved === null ? '' : t('stock.export.done', { filename: saved.filename, n: saved.rows })}
      </p>
      <div class="dialog__actions">
        <button type="button" class="button button--secondary" onClick={onClose} data-testid="export-close">
          {t('stock.export.close')}
        </button>
      </div>
    </Dialog>
  );
}
