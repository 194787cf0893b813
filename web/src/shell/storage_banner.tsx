/**
 * A banner shown only when the device storage is not doing its job: the database is in
 * memory (data will be lost when the page closes, with the worker's reason), the startup
 * check found it damaged and it was rebuilt (how many unsent changes were kept or lost),
 * or it was missing (a new one is being filled from the server). Renders nothing otherwise.
 *
 * "Missing" is noticed by comparing the database's sync client id with the one this
 * browser saw last (localStorage): a new id on a device that had one means the data was
 * deleted (site data cleared, storage evicted).
 */
import { useEffect, useState } from 'preact/hooks';
import type { CoreState } from '../core/protocol';
import { useCore } from '../core/core_context';
import { useI18n } from '../i18n/i18n';

const kClientIdKey = 'invento.client-id';

export function StorageBanner() {
  const core = useCore();
  const { t } = useI18n();
  const [state, setState] = useState<CoreState | null>(null);

  const [missing, setMissing] = useState(false);
  // The background check's verdict when it found problems.
  const [damage, setDamage] = useState<string | null>(null);
  const [rebuilding, setRebuilding] = useState(false);

  useEffect(() => {
    let live = true;
    core.integrity().then(
      (verdict) => live && verdict !== 'ok' && setDamage(verdict),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [core]);

  useEffect(() => {
    let live = true;
    // A failed start is shown by StatusLine.
    core.ready.then(
      (ready) => {
        if (!live) return;
        setState(ready);
        if (ready.storage !== 'opfs' || ready.client_id === '') return;
        try {
          const previous = localStorage.getItem(kClientIdKey);
          if (previous !== null && previous !== ready.client_id && ready.recovery === undefined) setMissing(true);
          localStorage.setItem(kClientIdKey, ready.client_id);
        } catch {
          // no localStorage: nothing to compare with
        }
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [core]);

  if (state === null) return null;
  if (damage !== null) {
    const rebuild = () => {
      setRebuilding(true);
      void core.rebuild().finally(() => location.reload());
    };
    return (
      <div class="banner banner--warning" role="alert" data-testid="storage-banner" data-reason="integrity">
        <p class="banner__title">{t('storage.integrity.title')}</p>
        <p class="banner__text">{t('storage.integrity.problems', { detail: damage })}</p>
        <button type="button" class="button" onClick={rebuild} aria-disabled={rebuilding ? 'true' : undefined}
          data-testid="storage-rebuild">
          {t('storage.integrity.rebuild')}
        </button>
      </div>
    );
  }
  if (state.storage === 'memory') {
    return (
      <div class="banner banner--warning" role="alert" data-testid="storage-banner" data-reason={state.reason}>
        <p class="banner__title">{t('storage.memory.title')}</p>
        <p class="banner__text">{t(`storage.memory.${state.reason ?? 'failed'}`, { detail: state.detail ?? '' })}</p>
      </div>
    );
  }
  if (state.recovery) {
    return (
      <div class="banner banner--warning" role="alert" data-testid="storage-banner" data-reason="rebuilt"
        data-kept={state.recovery.kept} data-lost={state.recovery.lost}>
        <p class="banner__title">{t('storage.rebuilt.title')}</p>
        <p class="banner__text">
          {t('storage.rebuilt.text', { kept: state.recovery.kept })}
          {state.recovery.lost > 0 && ` ${t('storage.rebuilt.lost', { lost: state.recovery.lost })}`}
        </p>
        <p class="banner__text banner__detail">{t('storage.rebuilt.detail', { detail: state.recovery.problem })}</p>
      </div>
    );
  }
  if (missing) {
    return (
      <div class="banner banner--info" role="status" data-testid="storage-banner" data-reason="missing">
        <p class="banner__title">{t('storage.missing.title')}</p>
        <p class="banner__text">{t('storage.missing.text')}</p>
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
