/**
 * Choosing the CSV file: a file field (keyboard and touch) inside a zone that also takes a
 * dropped file, and the separator (automatic, ';' or ','), which the core detects on the
 * header line when left automatic.
 */
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

export type SeparatorChoice = 'auto' | ';' | ',';

export function FileChooser({
  separator,
  disabled,
  onSeparator,
  onFile,
}: {
  separator: SeparatorChoice;
  disabled: boolean;
  onSeparator: (separator: SeparatorChoice) => void;
  onFile: (file: File) => void;
}) {
  const { t } = useI18n();
  const [over, setOver] = useState(false);
  return (
    <section class="card import-choose" aria-labelledby="import-choose-title">
      <h3 id="import-choose-title" class="card__title">
        {t('import.choose.title')}
      </h3>
      <div
        class={`import-drop${over ? ' import-drop--over' : ''}`}
        data-testid="import-drop"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          const file = event.dataTransfer?.files[0];
          if (file !== undefined && !disabled) onFile(file);
        }}
      >
        <label class="field__label" for="import-file">
          {t('import.choose.file')}
        </label>
        <input
          id="import-file"
          class="field__input import-drop__input"
          type="file"
          accept=".csv,text/csv,text/plain"
          disabled={disabled}
          aria-describedby="import-file-hint"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file !== undefined) onFile(file);
            event.currentTarget.value = '';
          }}
          data-testid="import-file"
        />
        <p id="import-file-hint" class="field__hint">
          {t('import.choose.hint')}
        </p>
      </div>
      <div class="field import-choose__separator">
        <label class="field__label" for="import-separator">
          {t('import.choose.separator')}
        </label>
        <select
          id="import-separator"
          class="field__input"
          value={separator}
          disabled={disabled}
          onChange={(event) => onSeparator(event.currentTarget.value as SeparatorChoice)}
          data-testid="import-separator"
        >
          <option value="auto">{t('import.choose.separator_auto')}</option>
          <option value=";">{t('import.choose.separator_semicolon')}</option>
          <option value=",">{t('import.choose.separator_comma')}</option>
        </select>
      </div>
    </section>
  );
}
