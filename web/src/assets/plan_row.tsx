/**
 * One preventive plan: its schedule, the next due date or meter threshold the core computed
 * (pm.due), its open work orders, and — for roles that may — edit, activate/deactivate
 * (pm.set_active) and "generate now" (pm.generate for this plan as of today), which lists
 * the work orders it created.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import { formatDay, label, today } from './assets_core';
import type { Plan, PlanDue } from './contract';

interface Props {
  plan: Plan;
  due: PlanDue | undefined;
  /** Shown on the all-plans list: the asset's name, linking to its page. */
  showAsset?: boolean;
  onEdit?: () => void;
  onChanged(): void;
}

export function PlanRow({ plan, due, showAsset = false, onEdit, onChanged }: Props) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const action = useAction('assets.plan');
  const [created, setCreated] = useState<{ task_id: string; due_date: string }[] | null>(null);

  const schedule =
    plan.trigger === 'calendar'
      ? t('assets.plan.every_calendar', { n: plan.interval_n ?? 1, unit: label(i18n, 'unit', plan.interval_unit ?? 'month') })
      : t('assets.plan.every_meter', { n: plan.meter_interval ?? '' });
  let next = t('assets.plan.next_inactive');
  if (due?.next_due_date !== undefined) next = t('assets.plan.next_date', { date: formatDay(i18n, due.next_due_date) });
  else if (due?.next_threshold !== undefined)
    next = t('assets.plan.next_threshold', { threshold: due.next_threshold, total: due.meter_total ?? '', remaining: due.remaining ?? '' });

  async function generate() {
    setCreated(null);
    let result: { task_id: string; due_date: string }[] = [];
    const ok = await action.run(async () => {
      result = (await core.mutate('pm.generate', { as_of: today(), plan_id: plan.id })).created;
    });
    if (ok) {
      setCreated(result);
      onChanged();
    }
  }

  return (
    <li class="assets__plan" data-testid="plan-row" data-title={plan.title} data-active={plan.active ? 'yes' : 'no'}>
      <div class="assets__plan-head">
        <span class="list__name">{plan.title}</span>
        {!plan.active && <span class="badge">{t('assets.plan.inactive')}</span>}
        {due?.overdue === true && <span class="badge assets__status--down">{t('assets.plan.overdue')}</span>}
      </div>
      {showAsset && (
        <a class="assets__asset-link" href={href('assets', 'asset', plan.asset_id)}>
          {plan.asset}
        </a>
      )}
      <p class="assets__sub">
        {label(i18n, 'trigger', plan.trigger)} · {schedule}
      </p>
      <p class="assets__next" data-testid="plan-next">{next}</p>
      {(due?.open_work_orders.length ?? 0) > 0 && (
        <p class="assets__sub" data-testid="plan-open">
          {t('assets.plan.open', { n: due?.open_work_orders.length ?? 0 })}
        </p>
      )}
      {(can('pm.update') || can('pm.set_active') || can('pm.generate')) && (
        <div class="assets__buttons">
          {can('pm.update') && onEdit !== undefined && (
            <button type="button" class="button button--secondary" onClick={onEdit} aria-label={t('assets.plan.edit_named', { title: plan.title })} data-testid="plan-edit">
              {t('assets.plan.edit_button')}
            </button>
          )}
          {can('pm.set_active') && (
            <button type="button" class="button button--secondary" data-testid="plan-active"
              onClick={() => void action.run(() => core.mutate('pm.set_active', { id: plan.id, active: !plan.active })).then((ok) => ok && onChanged())}>
              {plan.active ? t('assets.plan.deactivate') : t('assets.plan.activate')}
            </button>
          )}
          {can('pm.generate') && plan.active && (
            <button type="button" class="button button--primary" onClick={() => void generate()} data-testid="plan-generate">
              {t('assets.plan.generate')}
            </button>
          )}
        </div>
      )}
      {action.message !== '' && <p class="field__error" role="alert">{action.message}</p>}
      {created !== null && (
        <div class="form__notice" role="status" data-testid="plan-generated">
          {created.length === 0 ? t('assets.plan.generated_none') : t('assets.plan.generated', { n: created.length })}
          {created.length > 0 && (
            <ul class="assets__created">
              {created.map((c) => (
                <li key={c.task_id}>
                  <a href={href('work', c.task_id)} data-testid="plan-generated-task">{t('assets.plan.generated_item', { date: formatDay(i18n, c.due_date) })}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </li>
  );
}
