/**
 * The count's results as a spreadsheet (csv.export_count, in the interface's language:
 * ';' and decimal comma in French). The core builds the file, hiding what a blind count
 * hides from the role; the page only hands it to the browser as a download.
 */
import { useAction } from '../core/use_action';
import { useCore } from '../core/core_context';
import { useI18n } from '../i18n/i18n';
import { downloadText } from '../shell/download';
import { usePermissions } from '../shell/permissions';

export function CountExport({ sessionId }: { sessionId: string }) {
  const core = useCore();
  const { t, language } = useI18n();
  const { can } = usePermissions();
  const action = useAction('count');
  if (!can('csv.export_count')) return null;
  return (
    <div class="count-export">
      <button
        type="button"
        class="button count-button--secondary"
        aria-disabled={action.busy ? 'true' : undefined}
        onClick={() =>
          void action.run(async () => {
            const { filename, content } = await core.query('csv.export_count', { locale: language, session_id: sessionId });
            downloadText(filename, content);
          })
        }
        data-testid="count-export"
      >
        {t('count.export.button')}
      </button>
      <p class="field__error" aria-live="assertive" data-testid="count-export-error">
        {action.message}
      </p>
    </div>
  );
}
