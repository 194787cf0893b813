/**
 * "A new version is available — Reload to update": shown while a new version of the app
 * waits (see service_worker.ts). Nothing happens until the button is pressed, so nobody
 * is interrupted in the middle of their work. Renders nothing otherwise.
 */
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { applyUpdate, subscribeUpdateState, updateState, type UpdateState } from './service_worker';

export function UpdatePrompt() {
  const { t } = useI18n();
  const [state, setState] = useState<UpdateState>(updateState);

  useEffect(() => {
    setState(updateState());
    return subscribeUpdateState(setState);
  }, []);

  const applying = state === 'applying';
  // The live region stays in the page so that screen readers announce the prompt when it
  // appears inside it.
  return (
    <div role="status" data-testid="update-region">
      {state !== 'none' && (
        <div class="banner banner--info update-prompt" data-testid="update-prompt" data-state={state}>
          <p class="banner__text">{t('update.available')}</p>
          <button
            type="button"
            class="button button--primary"
            data-testid="update-reload"
            aria-disabled={applying ? 'true' : undefined}
            onClick={() => {
              if (!applying) void applyUpdate();
            }}
          >
            {applying ? t('update.reloading') : t('update.reload')}
          </button>
        </div>
      )}
    </div>
  );
}
