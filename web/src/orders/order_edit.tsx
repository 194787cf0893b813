/**
 * One work order at the desk: its main fields (order_form.tsx), status changes limited to
 * the transitions the core offers (MY WORK's StatusSection, task.transitions), assignees with
 * suggestions and warnings, required skills, checklist and planned materials. Each section
 * re-reads the order (task.get) after a change or a sync.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useCore, useReceived } from '../core/core_context';
import { CoreError } from '../core/core_error';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { href } from '../shell/route';
import { StatusSection } from '../work/status_section';
import { AssigneesSection } from './assignees_section';
import { ChecklistEditor } from './checklist_editor';
import type { OrderDetail } from './contract';
import { MaterialsEditor } from './materials_editor';
import { OrderForm } from './order_form';
import { SkillsEditor } from './skills_editor';
import { useReferences } from './use_references';

export function OrderEdit({ taskId }: { taskId: string }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const references = useReferences();
  const received = useReceived();
  const [task, setTask] = useState<OrderDetail | null>(null);
  const [failure, setFailure] = useState<CoreError | null>(null);

  const reload = useCallback(async () => {
    try {
      setTask(await core.query('task.get', { id: taskId }));
      setFailure(null);
    } catch (thrown) {
      setFailure(CoreError.from(thrown));
    }
  }, [core, taskId]);
  useEffect(() => {
    void reload();
  }, [reload, received]);

  const back = (
    <a class="button orders-back" href={href('orders')} data-testid="orders-back">
      <span aria-hidden="true">←</span> {t('orders.back')}
    </a>
  );
  if (task === null) {
    return (
      <section class="screen orders" aria-labelledby="order-title">
        {back}
        <h2 id="order-title" class="screen__title">{t('orders.form.edit_title')}</h2>
        <p class={`list__message${failure ? ' list__message--error' : ''}`} role={failure ? 'alert' : undefined}>
          {failure ? coreErrorMessage(i18n, 'orders', failure) : t('orders.list.loading')}
        </p>
      </section>
    );
  }
  return (
    <section class="screen orders" aria-labelledby="order-title" data-testid="order-edit" data-status={task.status}>
      <div class="orders-edit__head">
        {back}
        <a class="button" href={href('work', task.id)} data-testid="order-open-detail">{t('orders.open_detail')}</a>
      </div>
      <h2 id="order-title" class="screen__title" data-testid="order-heading">{task.title}</h2>
      <div class="orders-edit">
        <div class="orders-edit__main">
          <OrderForm task={task} references={references} onSaved={() => void reload()} />
          <ChecklistEditor task={task} reload={reload} />
          <MaterialsEditor task={task} references={references} reload={reload} />
        </div>
        <div class="orders-edit__side work">
          <StatusSection task={task} reload={reload} />
          <AssigneesSection task={task} references={references} reload={reload} />
          <SkillsEditor task={task} references={references} reload={reload} />
        </div>
      </div>
    </section>
  );
}
