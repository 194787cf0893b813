/**
 * "Restore the default layout": replaces the user's own widgets with their role's default
 * layout, so it asks once more before doing it (the question takes the button's place, and
 * focus moves to the confirming button; cancelling brings it back).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

export function RestoreControl({ busy, onRestore }: { busy: boolean; onRestore(): void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const [moved, setMoved] = useState(false);
  useEffect(() => {
    if (!moved) return;
    (asking ? confirm : ask).current?.focus();
    setMoved(false);
  }, [asking, moved]);
  if (!asking) {
    return (
      <button ref={ask} type="button" class="button button--secondary" onClick={() => { setAsking(true); setMoved(true); }} data-testid="dashboard-restore">
        {t('dashboard.restore')}
      </button>
    );
  }
  return (
    <div class="dashboard__confirm" role="group" aria-labelledby="dashboard-restore-question">
      <p id="dashboard-restore-question">{t('dashboard.restore_question')}</p>
      <button ref={confirm} type="button" class="button button--primary" aria-disabled={busy ? 'true' : undefined} onClick={onRestore} data-testid="dashboard-restore-confirm">
        {t('dashboard.restore_confirm')}
      </button>
      <button type="button" class="button button--secondary" onClick={() => { setAsking(false); setMoved(true); }} data-testid="dashboard-restore-cancel">
        {t('dashboard.cancel')}
      </button>
    </div>
  );
}
