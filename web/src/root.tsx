/**
 * The page: language, then which tab owns the database (core/owner.ts), then the app.
 * A tab that does not own the database shows OpenElsewhere with "use here"; the owner that
 * is asked to hand over closes its core and shows the same screen.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { App } from './app';
import { createCoreBridge, type CoreBridge } from './core/bridge';
import { claim, takeOver, type Ownership } from './core/owner';
import { I18nContext, initialLanguage, makeI18n, saveLanguage, type Language } from './i18n/i18n';
import { OpenElsewhere } from './shell/open_elsewhere';

/**
 * bench/browser_app measures calls through the worker from the page: it sets
 * localStorage "invento.bench" to "1" and finds the bridge at window.__inventoCore. Off
 * otherwise.
 */
function exposeForBenchmarks(core: CoreBridge): void {
  try {
    if (localStorage.getItem('invento.bench') === '1') (window as unknown as { __inventoCore: CoreBridge }).__inventoCore = core;
  } catch {
    // no localStorage: no benchmark hook
  }
}

type Phase =
  | { kind: 'claiming' }
  | { kind: 'owner'; core: CoreBridge }
  | { kind: 'elsewhere'; handedOver: boolean }
  | { kind: 'taking-over' };

export function Root() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const i18n = useMemo(
    () =>
      makeI18n(language, (next) => {
        saveLanguage(next);
        setLanguage(next);
      }),
    [language],
  );
  const [phase, setPhase] = useState<Phase>({ kind: 'claiming' });

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = i18n.t('app.title');
  }, [language, i18n]);

  const own = (ownership: Ownership) => {
    const core = createCoreBridge();
    exposeForBenchmarks(core);
    ownership.onTakeOverRequested(async () => {
      await core.close();
      setPhase({ kind: 'elsewhere', handedOver: true });
    });
    setPhase({ kind: 'owner', core });
  };

  useEffect(() => {
    void claim().then((ownership) => {
      if (ownership) own(ownership);
      else setPhase({ kind: 'elsewhere', handedOver: false });
    });
  }, []);

  const useHere = () => {
    setPhase({ kind: 'taking-over' });
    void takeOver().then(own);
  };

  return (
    <I18nContext.Provider value={i18n}>
      {phase.kind === 'owner' ? (
        <App core={phase.core} />
      ) : (
        <OpenElsewhere
          state={phase.kind === 'claiming' ? 'claiming' : phase.kind === 'taking-over' ? 'taking-over' : phase.handedOver ? 'handed-over' : 'open'}
          onUseHere={useHere}
        />
      )}
    </I18nContext.Provider>
  );
}
