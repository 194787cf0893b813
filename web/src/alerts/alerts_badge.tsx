/**
 * The number of open stock alerts (alert.list), shown in the navigation beside "Alerts".
 * Read again after each sync that brought rows or queued a change, on each change of screen,
 * and when a screen here says it changed something alerts depend on (alertsChanged()).
 */
import { useEffect, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useI18n } from '../i18n/i18n';
import './alerts.css';

const kChanged = 'invento:alerts-changed';

/** Call after a change that may open or close alerts (acknowledgement, a minimum). */
export function alertsChanged(): void {
  window.dispatchEvent(new Event(kChanged));
}

export function AlertsBadge() {
  const core = useCore();
  const { t } = useI18n();
  const [count, setCount] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    let last = '';
    const load = () => {
      core.query('alert.list', {}).then(
        ({ alerts }) => live && setCount(alerts.length),
        () => live && setCount(null),
      );
    };
    const stop = core.watchSync((status) => {
      const key = `${status.received}:${status.pending}`;
      if (key === last) return;
      last = key;
      load();
    });
    addEventListener(kChanged, load);
    addEventListener('hashchange', load);
    load();
    return () => {
      live = false;
      stop();
      removeEventListener(kChanged, load);
      removeEventListener('hashchange', load);
    };
  }, [core]);

  if (count === null || count === 0) return null;
  return (
    <>
      <span class="app-nav__count" aria-hidden="true" data-testid="nav-alerts-count" data-count={count}>
        {count}
      </span>
      <span class="visually-hidden">{t('alerts.open_count', { n: count })}</span>
    </>
  );
}
