/**
 * The core's assignment warnings (absent, already booked, not working that day), shown
 * plainly after an assignment or a change of dates. A warning never blocks: it informs.
 */
import { useI18n } from '../i18n/i18n';
import type { AssignWarning } from './contract';
import { warningText } from './orders_core';

export function Warnings({ warnings }: { warnings: AssignWarning[] }) {
  const i18n = useI18n();
  if (warnings.length === 0) return null;
  return (
    <div class="orders-warnings" role="alert" data-testid="order-warnings">
      <p class="orders-warnings__title">{i18n.t('orders.warning.title')}</p>
      <ul>
        {warnings.map((w, i) => (
          <li key={i} data-testid="order-warning" data-code={w.code}>{warningText(i18n, w)}</li>
        ))}
      </ul>
    </div>
  );
}
