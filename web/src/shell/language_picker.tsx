/** The header's language selector; the choice is saved and applied to the whole page. */
import { kLanguages, useI18n, type Language } from '../i18n/i18n';

export function LanguagePicker() {
  const { language, setLanguage, t } = useI18n();
  return (
    <div class="language-picker">
      <label for="language-select">{t('language.label')}</label>
      <select
        id="language-select"
        data-testid="language-picker"
        value={language}
        onChange={(event) => setLanguage(event.currentTarget.value as Language)}
      >
        {kLanguages.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
