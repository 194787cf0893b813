/**
 * Stock alerts (#/alerts): what the core's alert.list computes from the ledger (below the
 * item's or a location's minimum, negative stock, not counted recently), in the core's
 * order, each linking to its item. "Mark as seen" (alert.ack) for the roles that
 * may; the core hides an acknowledged alert until it gets worse.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import type { StockAlert } from '../stock/contract';
import './alerts.css';
import { alertsChanged } from './alerts_badge';

/** Never counted: the core's severity for stock held at a location with no count at all. */
const kNeverCounted = 1_000_000;
/** The alerts shown at once (a database that was never counted has one per item and place). */
const kShown = 500;

export function AlertsScreen() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [withSeen, setWithSeen] = useState(false);
  const [acked, setAcked] = useState(false);
  const alerts = useLoaded(() => core.query('alert.list', { include_acknowledged: withSeen, limit: kShown }), [core, withSeen]);
  const items = alerts.data?.alerts ?? [];
  const more = alerts.data?.more === true;

  return (
    <section class="screen alerts" aria-labelledby="alerts-title" data-testid="alerts-screen">
      <h2 id="alerts-title" class="screen__title">
        {t('alerts.title')}
      </h2>
      <label class="check">
        <input type="checkbox" checked={withSeen} onChange={(e) => setWithSeen(e.currentTarget.checked)} data-testid="alerts-show-seen" />
        {t('alerts.show_acknowledged')}
      </label>
      <p class="form__notice" role="status" data-testid="alerts-notice">
        {acked ? t('alerts.acked') : ''}
      </p>
      <section class="card" aria-labelledby="alerts-list-title">
        <h3 id="alerts-list-title" class="card__title">
          {t('alerts.list')}
          {alerts.data !== null && <span class="card__count">{more ? `${items.length}+` : items.length}</span>}
        </h3>
        {more && (
          <p class="list__message" data-testid="alerts-more">
            {t('alerts.more', { n: items.length })}
          </p>
        )}
        {alerts.error !== null && (
          <p class="list__message list__message--error">{t('alerts.failed', { message: coreErrorMessage(i18n, 'alerts', alerts.error) })}</p>
        )}
        {alerts.data === null && alerts.error === null && <p class="list__message">{t('alerts.loading')}</p>}
        {alerts.data !== null && items.length === 0 && (
          <p class="list__message" data-testid="alerts-empty">
            {t('alerts.empty')}
          </p>
        )}
        <ul class="list" data-testid="alert-list" aria-busy={alerts.data === null ? 'true' : 'false'}>
          {items.map((alert) => (
            <AlertRow
              key={alert.key}
              alert={alert}
              onAcked={() => {
                setAcked(true);
                alerts.reload();
                alertsChanged();
              }}
            />
          ))}
        </ul>
      </section>
    </section>
  );
}

function AlertRow({ alert, onAcked }: { alert: StockAlert; onAcked(): void }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const ack = useAction('alerts');
  const kind = i18n.lookup(`alerts.kind.${alert.kind}`) ?? alert.kind;
  let figures = alert.min_qty !== undefined ? t('alerts.qty_min', { qty: alert.qty, min: alert.min_qty }) : t('alerts.qty', { qty: alert.qty });
  if (alert.kind === 'not_counted' && alert.severity >= kNeverCounted) figures += ` · ${t('alerts.never_counted')}`;
  return (
    <li class={`list__item alerts__row alerts__row--${alert.kind}`} data-testid="alert-item" data-kind={alert.kind} data-item={alert.item_id}>
      <a class="alerts__link" href={href('stock', 'item', alert.item_id)} data-testid="alert-link">
        <span class="alerts__kind">{kind}</span>
        <span class="list__name">
          <span class="alerts__reference">{alert.reference}</span> {alert.label}
        </span>
        <span class="alerts__meta">
          {alert.location ? t('alerts.at', { location: alert.location }) : t('alerts.all_locations')} · {figures}
        </span>
      </a>
      {alert.acknowledged && <span class="badge">{t('alerts.acknowledged')}</span>}
      {can('alert.ack') && !alert.acknowledged && (
        <button
          type="button"
          class="button button--secondary"
          aria-label={t('alerts.ack_named', { kind, reference: alert.reference })}
          onClick={() => void ack.run(() => core.mutate('alert.ack', { id: newId(), alert_key: alert.key })).then((ok) => ok && onAcked())}
          data-testid="alert-ack"
        >
          {t('alerts.ack')}
        </button>
      )}
      {ack.message !== '' && (
        <p class="field__error alerts__error" role="alert">
          {ack.message}
        </p>
      )}
    </li>
  );
}
