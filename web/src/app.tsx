/** The application shell: providers, header, core status and the current screen. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { CategoriesScreen } from './categories/categories_screen';
import type { CoreBridge } from './core/bridge';
import { CoreContext } from './core/core_context';
import { I18nContext, initialLanguage, makeI18n, saveLanguage, type Language } from './i18n/i18n';
import { Header } from './shell/header';
import { StatusLine } from './shell/status_line';
import { StorageBanner } from './shell/storage_banner';
import { UpdatePrompt } from './shell/update_prompt';

export function App({ core }: { core: CoreBridge }) {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const i18n = useMemo(
    () =>
      makeI18n(language, (next) => {
        saveLanguage(next);
        setLanguage(next);
      }),
    [language],
  );

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = i18n.t('app.title');
  }, [language, i18n]);

  return (
    <CoreContext.Provider value={core}>
      <I18nContext.Provider value={i18n}>
        <Header />
        <main id="main" class="app-main" tabIndex={-1}>
          <UpdatePrompt />
          <StatusLine />
          <StorageBanner />
          <CategoriesScreen />
        </main>
      </I18nContext.Provider>
    </CoreContext.Provider>
  );
}
