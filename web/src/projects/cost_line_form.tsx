/**
 * The fields of a cost line (label, amount in euros, date, note), to add one
 * (project.add_cost, inline under the list) or edit one (project.update_cost, in a dialog).
 * The core validates; its refusal shows beside the field it names.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { today } from '../work/work_core';
import type { CostLine } from './contract';
import { centsForInput, optional, typedCents } from './projects_core';

interface Props {
  projectId: string;
  line: CostLine | null;
  onSaved(): void;
  onCancel?(): void;
}

export function CostLineForm({ projectId, line, onSaved, onCancel }: Props) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const action = useAction('projects');
  const [label, setLabel] = useState(line?.label ?? '');
  const [amount, setAmount] = useState(line ? centsForInput(i18n, line.amount_cents) : '');
  const [date, setDate] = useState(line?.incurred_on ?? today());
  const [note, setNote] = useState(line?.note ?? '');
  const prefix = line === null ? 'cost-new' : 'cost-edit';

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const fields = { label, amount_cents: typedCents(amount), incurred_on: date, note: optional(note) };
    const ok = await action.run(() =>
      line === null ? core.mutate('project.add_cost', { id: newId(), project_id: projectId, ...fields }) : core.mutate('project.update_cost', { id: line.id, ...fields }),
    );
    if (!ok) return;
    if (line === null) {
      setLabel('');
      setAmount('');
      setNote('');
    }
    onSaved();
  }

  const errorOf = (f: string) => (action.error?.field === f ? action.message : '');
  const otherError = action.error !== null && !['label', 'amount_cents', 'incurred_on', 'note'].includes(action.error.field ?? '') ? action.message : '';
  const input = (f: string, name: string, value: string, set: (v: string) => void, extra: Record<string, unknown> = {}) => (
    <div class="field">
      <label class="field__label" for={`${prefix}-${name}`}>{t(`projects.costs.${name}` as 'projects.costs.label')}</label>
      <input id={`${prefix}-${name}`} class="field__input" autoComplete="off" value={value} onInput={(e) => set(e.currentTarget.value)}
        aria-invalid={errorOf(f) ? 'true' : undefined} aria-describedby={`${prefix}-${name}-error`} data-testid={`${prefix}-${name}`} {...extra} />
      <p id={`${prefix}-${name}-error`} class="field__error" aria-live="assertive">{errorOf(f)}</p>
    </div>
  );
  return (
    <form class={line === null ? 'projects__inline projects__cost-form' : 'form'} onSubmit={submit} noValidate aria-label={line === null ? t('projects.costs.new') : undefined} data-testid={`${prefix}-form`}>
      {input('label', 'label', label, setLabel, line === null ? {} : { 'data-autofocus': true })}
      {input('amount_cents', 'amount', amount, setAmount, { inputMode: 'decimal' })}
      {input('incurred_on', 'date', date, setDate, { type: 'date' })}
      {input('note', 'note', note, setNote)}
      <p class="field__error" role="alert">{otherError}</p>
      <div class={line === null ? 'projects__form-end' : 'dialog__actions'}>
        {onCancel && <button type="button" class="button button--secondary" onClick={onCancel}>{t('projects.cancel')}</button>}
        <button type="submit" class="button button--primary" aria-disabled={action.busy ? 'true' : undefined} data-testid={`${prefix}-save`}>
          {line === null ? t('projects.costs.add') : t('projects.save')}
        </button>
      </div>
    </form>
  );
}
