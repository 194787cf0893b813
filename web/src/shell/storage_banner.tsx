/**
 * A banner shown only when the device storage is not doing its job: the database is in
 * memory (data will be lost when the page closes, with the worker's reason), or the
 * startup integrity check found problems. Renders nothing otherwise.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CoreState } from '../../../wasm/protocol';
import { useCore } from '../core/core_context';
import { useI18n } from '../i18n/i18n';

export function StorageBanner() {
  const core = useCore();
  const { t } = useI18n();
  const [state, setState] = useState<CoreState | null>(null);

  useEffect(() => {
    let live = true;
    // A failed start is shown by StatusLine.
    core.ready.then((ready) => live && setState(ready), () => undefined);
    return () => {
      live = false;
    };
  }, [core]);

  if (state === null) return null;
  if (state.storage === 'memory') {
    return (
      <div class="banner banner--warning" role="alert" data-testid="storage-banner" data-reason={state.reason}>
        <p class="banner__title">{t('storage.memory.title')}</p>
        <p class="banner__text">{t(`storage.memory.${state.reason ?? 'failed'}`, { detail: state.detail ?? '' })}</p>
      </div>
    );
  }
  if (state.integrity !== 'ok') {
    return (
      <div class="banner banner--warning" role="alert" data-testid="storage-banner" data-reason="integrity">
        <p class="banner__title">{t('storage.integrity.title')}</p>
        <p class="banner__text">{t('storage.integrity.problems', { detail: state.integrity })}</p>
      </div>
    );
  }
  return null;
}
