/**
 * "Export the stock" of a location: the core writes the spreadsheet (csv.export_stock, in the
 * UI's language: French uses ';' and decimal commas) and the browser saves it as a file.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { downloadText } from '../shell/download';
import type { Location } from '../stock/contract';

export function ExportStockButton({ location }: { location: Location }) {
  const core = useCore();
  const { t, language } = useI18n();
  const action = useAction('places');
  const [done, setDone] = useState('');

  async function exportStock() {
    setDone('');
    const out: { filename?: string; rows?: number } = {};
    const ok = await action.run(async () => {
      const result = await core.query('csv.export_stock', { locale: language, location_id: location.id });
      downloadText(result.filename, result.content);
      out.filename = result.filename;
      out.rows = result.rows;
    });
    if (ok) setDone(t('places.export.done', { filename: out.filename ?? '', rows: out.rows ?? 0 }));
  }

  return (
    <div class="places__export">
      <button type="button" class="button button--secondary" onClick={() => void exportStock()} aria-disabled={action.busy ? 'true' : undefined}
        data-testid="location-export">
        {t('places.export.button')}
      </button>
      <p class="form__notice" role="status" data-testid="location-export-done">
        {done}
      </p>
      {action.message !== '' && <p class="field__error" role="alert">{action.message}</p>}
    </div>
  );
}
