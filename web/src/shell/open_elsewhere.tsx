/** Shown by a tab that does not own the database: Invento is open in another tab. */
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { Header } from './header';

export type ElsewhereState = 'claiming' | 'open' | 'handed-over' | 'taking-over';

export function OpenElsewhere({ state, onUseHere }: { state: ElsewhereState; onUseHere: () => void }) {
  const { t } = useI18n();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (state === 'open' || state === 'handed-over') button.current?.focus();
  }, [state]);
  return (
    <>
      <Header />
      <main id="main" class="app-main" tabIndex={-1}>
        {state !== 'claiming' && (
          <section class="card elsewhere" data-testid="open-elsewhere" data-state={state} aria-labelledby="elsewhere-title">
            <h2 id="elsewhere-title" class="card__title">
              {t(state === 'handed-over' ? 'elsewhere.handed_over.title' : 'elsewhere.open.title')}
            </h2>
            <p>{t('elsewhere.explain')}</p>
            <button
              ref={button}
              type="button"
              class="button button--primary"
              onClick={onUseHere}
              aria-disabled={state === 'taking-over' ? 'true' : undefined}
              disabled={state === 'taking-over'}
              data-testid="use-here"
            >
              {state === 'taking-over' ? t('elsewhere.taking_over') : t('elsewhere.use_here')}
            </button>
          </section>
        )}
      </main>
    </>
  );
}
