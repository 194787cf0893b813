/**
 * A new work order: its main fields (task.create); once created, it opens at the desk, where
 * checklist, materials, skills and assignees are added.
 */
import { useI18n } from '../i18n/i18n';
import { href, navigate } from '../shell/route';
import { OrderForm } from './order_form';
import { useReferences } from './use_references';

export function OrderNew() {
  const { t } = useI18n();
  const references = useReferences();
  return (
    <section class="screen orders orders--narrow" aria-labelledby="order-new-title" data-testid="order-new">
      <a class="button orders-back" href={href('orders')} data-testid="orders-back">
        <span aria-hidden="true">←</span> {t('orders.back')}
      </a>
      <h2 id="order-new-title" class="screen__title">{t('orders.form.new_title')}</h2>
      <OrderForm task={null} references={references} onSaved={(id) => navigate('orders', id)} />
    </section>
  );
}
