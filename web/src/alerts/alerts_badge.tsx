/**
 * The number of open stock alerts (alert.list), shown in the navigation beside "Alerts": up
 * to 99, then "99+" (the core stops at the 100th alert, so a database with 400,000
 * uncounted places does not compute them all on every change of screen).
 * Read again after each sync that brought rows or queued a change, on each change of screen,
 * and when a screen here says it changed something alerts depend on (alertsChanged()).
 */
import { useEffect, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useI18n } from '../i18n/i18n';
import './alerts.css';

const kChanged = 'invento:alerts-changed';
const kShown = 99;

/** Call after a change that may open or close alerts (acknowledgement, a minimum). */
export function alertsChanged(): void {
  window.dispatchEvent(new Event(kChanged));
}

export function AlertsBadge() {
  const core = useCore();
  const { t } = useI18n();
  const [count, setCount] = useState<{ n: number; more: boolean } | null>(null);

  useEffect(() => {
    let live = true;
    let last = '';
    const load = () => {
      core.query('alert.list', { limit: kShown + 1 }).then(
        ({ alerts, more }) => live && setCount({ n: Math.min(alerts.length, kShown), more: alerts.length > kShown || more === true }),
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

  if (count === null || count.n === 0) return null;
  return (
    <>
      <span class="app-nav__count" aria-hidden="true" data-testid="nav-alerts-count" data-count={count.more ? `${count.n}+` : count.n}>
        {count.more ? `${count.n}+` : count.n}
      </span>
      <span class="visually-hidden">{t(count.more ? 'alerts.open_count_more' : 'alerts.open_count', { n: count.n })}</span>
    </>
  );
}
