/**
 * Creating (pm.create) or editing (pm.update) a preventive plan of an asset. Calendar plans:
 * every N days/weeks/months/years from a first due date, generated some days ahead. Meter
 * plans: every N units of one of the asset's meters, from a base (default: the meter's
 * current total), generated some units ahead and due some days after. Both: estimated hours,
 * a checklist (one item per line) and a team. The trigger and meter never change once made.
 * The core checks the schedule and names the field it refuses.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { TextField } from './asset_fields';
import { PlanPreview } from './plan_preview';
import { label, orNull, today } from './assets_core';
import { type AssetDetail, type IntervalUnit, kIntervalUnits, type Plan, type PlanFields, type PlanPreviewArgs } from './contract';

type Trigger = 'calendar' | 'meter';
const kTexts = ['title', 'interval_n', 'start_date', 'lead_days', 'meter_interval', 'meter_base', 'lead_units', 'due_days', 'estimated_hours'] as const;
type TextKey = (typeof kTexts)[number];

function initial(plan: Plan | null): Record<TextKey, string> {
  const s = (v: string | number | null | undefined, fallback = '') => (v === null || v === undefined ? fallback : String(v));
  return {
    title: s(plan?.title), interval_n: s(plan?.interval_n, '1'), start_date: s(plan?.start_date, today()), lead_days: s(plan?.lead_days, '0'),
    meter_interval: s(plan?.meter_interval), meter_base: s(plan?.meter_base), lead_units: s(plan?.lead_units, '0'), due_days: s(plan?.due_days, '7'),
    estimated_hours: plan === null || plan.estimated_hours === '0' ? '' : plan.estimated_hours,
  };
}

interface Props {
  asset: AssetDetail;
  /** null: a new plan. */
  plan: Plan | null;
  checklist: string;
  onDone(saved: boolean): void;
}

export function PlanForm({ asset, plan, checklist: initialChecklist, onDone }: Props) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const action = useAction('assets.plan');
  const meters = asset.meters.filter((m) => !m.archived);
  const [trigger, setTrigger] = useState<Trigger>(plan?.trigger ?? 'calendar');
  const [unit, setUnit] = useState<IntervalUnit>(plan?.interval_unit ?? 'month');
  const [meterId, setMeterId] = useState(plan?.meter_id ?? meters[0]?.id ?? '');
  const [draft, setDraft] = useState(() => initial(plan));
  const [checklist, setChecklist] = useState(initialChecklist);
  const [team, setTeam] = useState(plan?.team_id ?? '');
  const teams = useLoaded(() => (can('team.list') ? core.query('team.list', {}) : Promise.resolve({ items: [] })), [core]);
  const prefix = plan === null ? 'plan-new' : `plan-edit`;
  const num = (text: string) => Number(text.trim());
  const dec = (text: string) => text.trim().replace(',', '.');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const fields: PlanFields = {
      title: draft.title,
      // pm.list does not return a plan's checklist: an edit sends one only when something was typed.
      ...(plan === null || checklist.trim() !== initialChecklist.trim()
        ? { checklist: checklist.split('\n').map((line) => line.trim()).filter((line) => line !== '').map((line) => ({ label: line })) }
        : {}),
      team_id: orNull(team),
      ...(draft.estimated_hours.trim() !== '' ? { estimated_hours: dec(draft.estimated_hours) } : {}),
      ...(trigger === 'calendar'
        ? { interval_n: num(draft.interval_n), interval_unit: unit, start_date: draft.start_date, lead_days: num(draft.lead_days) }
        : { meter_interval: dec(draft.meter_interval), lead_units: dec(draft.lead_units), due_days: num(draft.due_days) }),
    };
    const ok = await action.run(() =>
      plan === null
        ? core.mutate('pm.create', {
            id: newId(), asset_id: asset.id, trigger, title: draft.title, ...fields,
            ...(trigger === 'meter' ? { meter_id: meterId, ...(draft.meter_base.trim() !== '' ? { meter_base: dec(draft.meter_base) } : {}) } : {}),
          })
        : core.mutate('pm.update', { id: plan.id, ...fields }),
    );
    if (ok) onDone(true);
  }

  // What the preview shows: the schedule as typed, once its required fields are there.
  const previewMeter = plan?.meter_id ?? meterId;
  const previewArgs: PlanPreviewArgs | null =
    trigger === 'calendar'
      ? draft.interval_n.trim() !== '' && draft.start_date !== ''
        ? { trigger, interval_n: num(draft.interval_n), interval_unit: unit, start_date: draft.start_date, lead_days: num(draft.lead_days || '0'), from: today() }
        : null
      : draft.meter_interval.trim() !== '' && previewMeter !== ''
        ? {
            trigger, meter_id: previewMeter, meter_interval: dec(draft.meter_interval), lead_units: dec(draft.lead_units || '0'),
            ...(plan !== null && plan.meter_base !== null ? { meter_base: String(plan.meter_base) } : draft.meter_base.trim() !== '' ? { meter_base: dec(draft.meter_base) } : {}),
          }
        : null;
  const previewUnit = meters.find((m) => m.id === previewMeter)?.unit ?? '';

  const named: string[] = [...kTexts, 'interval_unit', 'meter_id', 'checklist', 'team_id'];
  const errorFor = (field: string) => (action.error?.field === field ? action.message : '');
  const general = action.error !== null && !named.includes(action.error.field ?? '') ? action.message : '';
  const text = (key: TextKey, mode?: 'decimal' | 'numeric', type?: 'date') => (
    <TextField id={`${prefix}-${key}`} name={key} text={t(`assets.plan.${key}`)} value={draft[key]} inputMode={mode} type={type}
      onInput={(value) => setDraft({ ...draft, [key]: value })} error={errorFor(key)} />
  );
  const select = (key: string, value: string, onChange: (v: string) => void, options: [string, string][]) => (
    <div class="field">
      <label class="field__label" for={`${prefix}-${key}`}>{t(`assets.plan.${key}` as 'assets.plan.trigger')}</label>
      <select id={`${prefix}-${key}`} class="field__input" value={value} onChange={(e) => onChange(e.currentTarget.value)}
        aria-describedby={`${prefix}-${key}-error`} data-testid={`${prefix}-${key}`}>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
      <p id={`${prefix}-${key}-error`} class="field__error" aria-live="assertive">{errorFor(key)}</p>
    </div>
  );
  return (
    <form class="form assets__subform" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title-h`} data-testid="plan-form">
      <h4 id={`${prefix}-title-h`} class="assets__subtitle">{plan === null ? t('assets.plan.new') : t('assets.plan.edit', { title: plan.title })}</h4>
      {text('title')}
      {plan === null && select('trigger', trigger, (v) => setTrigger(v as Trigger), [['calendar', t('assets.trigger.calendar')], ...(meters.length > 0 ? [['meter', t('assets.trigger.meter')] as [string, string]] : [])])}
      {trigger === 'calendar' ? (
        <div class="assets__row">
          {text('interval_n', 'numeric')}
          {select('interval_unit', unit, (v) => setUnit(v as IntervalUnit), kIntervalUnits.map((u) => [u, label(i18n, 'unit', u)]))}
          {text('start_date', undefined, 'date')}
          {text('lead_days', 'numeric')}
        </div>
      ) : (
        <div class="assets__row">
          {plan === null && select('meter_id', meterId, setMeterId, meters.map((m) => [m.id, `${m.name} (${m.unit})`]))}
          {text('meter_interval', 'decimal')}
          {plan === null && text('meter_base', 'decimal')}
          {text('lead_units', 'decimal')}
          {text('due_days', 'numeric')}
        </div>
      )}
      <PlanPreview args={previewArgs} unit={previewUnit} />
      {text('estimated_hours', 'decimal')}
      <div class="field">
        <label class="field__label" for={`${prefix}-checklist`}>{t('assets.plan.checklist')}</label>
        <p id={`${prefix}-checklist-hint`} class="field__hint">{plan === null ? t('assets.plan.checklist_hint') : t('assets.plan.checklist_keep')}</p>
        <textarea id={`${prefix}-checklist`} class="field__input" rows={3} value={checklist} onInput={(e) => setChecklist(e.currentTarget.value)}
          aria-describedby={`${prefix}-checklist-hint ${prefix}-checklist-error`} data-testid={`${prefix}-checklist`} />
        <p id={`${prefix}-checklist-error`} class="field__error" aria-live="assertive">{errorFor('checklist')}</p>
      </div>
      {can('team.list') && select('team_id', team, setTeam, [['', t('assets.plan.no_team')], ...(teams.data?.items ?? []).map((tm): [string, string] => [tm.id, tm.name])])}
      <p class="field__error" role="alert" data-testid="plan-error">{general}</p>
      <div class="assets__buttons">
        <button class="button button--primary" type="submit" aria-disabled={action.busy ? 'true' : undefined} data-testid="plan-save">
          {plan === null ? t('assets.plan.create') : t('assets.save')}
        </button>
        <button class="button button--secondary" type="button" onClick={() => onDone(false)} data-testid="plan-cancel">{t('assets.cancel')}</button>
      </div>
    </form>
  );
}
