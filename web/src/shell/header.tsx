/** Top bar: product name and the language picker. */
import { useI18n } from '../i18n/i18n';
import { LanguagePicker } from './language_picker';

export function Header() {
  const { t } = useI18n();
  return (
    <header class="app-header">
      <a class="skip-link" href="#main">
        {t('app.skip_to_content')}
      </a>
      <div class="app-header__brand">
        <img class="app-header__logo" src="/icons/icon.svg" alt="" width={40} height={40} />
        <div>
          <h1 class="app-header__title">{t('app.title')}</h1>
          <p class="app-header__subtitle">{t('app.subtitle')}</p>
        </div>
      </div>
      <LanguagePicker />
    </header>
  );
}
