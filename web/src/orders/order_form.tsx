/**
 * A work order's main fields, for task.create (a new one) and task.update (an existing one):
 * title, description, type, priority, project, asset, site, planned window, due day and
 * estimate. Nothing is checked here: the core refuses an empty title or an end before the
 * start, and its message shows under the field it names. task.update's warnings (assignees
 * absent or double-booked on the new dates) are shown after saving.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { priorityLabel } from '../work/work_core';
import { type AssignWarning, kPriorities, kTypes, type OrderDetail, type Priority, type TaskFields, type TaskType } from './contract';
import { fromLocalInput, toLocalInput, typeLabel } from './orders_core';
import { optionText, type References } from './use_references';
import { Warnings } from './warnings';

interface Props {
  task: OrderDetail | null;
  references: References;
  onSaved(id: string, created: boolean): void;
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

export function OrderForm({ task, references, onSaved }: Props) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const action = useAction('orders');
  const [title, setTitle] = useState(task?.title ?? '');
  const [description, setDescription] = useState(task?.description ?? '');
  const [type, setType] = useState<TaskType>((task?.type as TaskType | undefined) ?? 'corrective');
  const [priority, setPriority] = useState<Priority>(task?.priority ?? 'normal');
  const [status, setStatus] = useState<'draft' | 'planned'>('draft');
  const [project, setProject] = useState(task?.project_id ?? '');
  const [asset, setAsset] = useState(task?.asset_id ?? '');
  const [site, setSite] = useState(task?.location_id ?? '');
  const [start, setStart] = useState(toLocalInput(task?.planned_start ?? null));
  const [end, setEnd] = useState(toLocalInput(task?.planned_end ?? null));
  const [due, setDue] = useState(task?.due_date ?? '');
  const [hours, setHours] = useState(task && task.estimated_hours !== '0' ? task.estimated_hours : '');
  const [warnings, setWarnings] = useState<AssignWarning[] | null>(null);
  const [saved, setSaved] = useState(false);

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(false);
    const fields: TaskFields = {
      title,
      description: orNull(description),
      type,
      priority,
      project_id: orNull(project),
      asset_id: orNull(asset),
      location_id: orNull(site),
      planned_start: fromLocalInput(start),
      planned_end: fromLocalInput(end),
      due_date: orNull(due),
      estimated_hours: orNull(hours.replace(',', '.')),
    };
    if (task === null) {
      const id = newId();
      // On creation an empty optional field is simply not sent.
      const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)) as Partial<TaskFields>;
      if (await action.run(() => core.mutate('task.create', { ...given, id, title, status }))) onSaved(id, true);
      return;
    }
    let reply: AssignWarning[] = [];
    const ok = await action.run(async () => {
      reply = (await core.mutate('task.update', { ...fields, id: task.id })).warnings;
    });
    if (ok) {
      setWarnings(reply);
      setSaved(true);
      onSaved(task.id, false);
    }
  }

  const errorFor = (field: string) => (action.error?.field === field ? action.message : '');
  const kFields = ['title', 'planned_start', 'planned_end', 'due_date', 'estimated_hours'];
  const general = action.error !== null && !kFields.includes(action.error.field ?? '') ? action.message : '';
  const text = (id: string, label: string, value: string, set: (v: string) => void, type: 'text' | 'date' | 'datetime-local' = 'text', field = id) => (
    <div class="field">
      <label class="field__label" for={`order-${id}`}>{label}</label>
      <input id={`order-${id}`} class="field__input" {...({ type } as { type: 'text' })} autoComplete="off" value={value} onInput={(e) => set(e.currentTarget.value)}
        aria-invalid={errorFor(field) ? 'true' : undefined} aria-describedby={`order-${id}-error`} data-testid={`order-${id}`} />
      <p id={`order-${id}-error`} class="field__error" aria-live="assertive">{errorFor(field)}</p>
    </div>
  );
  const select = (id: string, label: string, value: string, set: (v: string) => void, options: { id: string; name: string }[], none?: string) => (
    <div class="field">
      <label class="field__label" for={`order-${id}`}>{label}</label>
      <select id={`order-${id}`} class="field__input" value={value} onChange={(e) => set(e.currentTarget.value)} data-testid={`order-${id}`}>
        {none !== undefined && <option value="">{none}</option>}
        {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </select>
    </div>
  );
  const tree = (options: References['assets']) => options.map((o) => ({ id: o.id, name: optionText(o) }));
  return (
    <form class="card orders-form" onSubmit={save} noValidate data-testid="order-form">
      <h3 class="card__title">{task === null ? t('orders.form.new_title') : t('orders.form.edit_title')}</h3>
      <div class="orders-form__grid">
        <div class="orders-form__wide">{text('title', t('orders.field.title'), title, setTitle)}</div>
        {select('type', t('orders.field.type'), type, (v) => setType(v as TaskType), kTypes.map((k) => ({ id: k, name: typeLabel(i18n, k) })))}
        {select('priority', t('orders.field.priority'), priority, (v) => setPriority(v as Priority), kPriorities.map((k) => ({ id: k, name: priorityLabel(i18n, k) })))}
        {task === null &&
          select('status', t('orders.field.status'), status, (v) => setStatus(v as 'draft' | 'planned'), [
            { id: 'draft', name: t('work.status.draft') },
            { id: 'planned', name: t('work.status.planned') },
          ])}
        {select('project', t('orders.field.project'), project, setProject, references.projects, t('orders.form.none'))}
        {select('asset', t('orders.field.asset'), asset, setAsset, tree(references.assets), t('orders.form.none'))}
        {select('site', t('orders.field.site'), site, setSite, tree(references.locations), t('orders.form.none'))}
        {text('start', t('orders.field.planned_start'), start, setStart, 'datetime-local', 'planned_start')}
        {text('end', t('orders.field.planned_end'), end, setEnd, 'datetime-local', 'planned_end')}
        {text('due', t('orders.field.due_date'), due, setDue, 'date', 'due_date')}
        {text('hours', t('orders.field.estimated_hours'), hours, setHours, 'text', 'estimated_hours')}
        <div class="field orders-form__wide">
          <label class="field__label" for="order-description">{t('orders.field.description')}</label>
          <textarea id="order-description" class="field__input" rows={3} value={description} onInput={(e) => setDescription(e.currentTarget.value)} data-testid="order-description" />
        </div>
      </div>
      <p class="field__error" role="alert" data-testid="order-form-error">{general}</p>
      {saved && <p class="orders-ok" role="status" data-testid="order-saved">{t('orders.form.saved')}</p>}
      {warnings !== null && <Warnings warnings={warnings} />}
      <button type="submit" class="button button--primary" aria-disabled={action.busy ? 'true' : undefined} data-testid="order-save">
        {task === null ? t('orders.form.create') : t('orders.form.save')}
      </button>
    </form>
  );
}
