/**
 * Adding or editing an attribute definition: name, type (fixed once created), unit,
 * required, and for a choice attribute its choices (one per line). What was typed goes to
 * the core, which refuses a duplicate name, a choice list that is empty or repeats itself.
 */
import { useState } from 'preact/hooks';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import type { AttributeDef } from '../stock/contract';
import type { AttributeType } from './contract';

export interface AttributeFields {
  name: string;
  unit: string | null;
  required: boolean;
  choices?: string[];
}

interface Props {
  idPrefix: string;
  title: string;
  submit: string;
  /** The definition being edited; absent when adding one. */
  initial?: AttributeDef;
  onSave(fields: AttributeFields, type: AttributeType): Promise<unknown>;
  onSaved(): void;
}

const kTypes: readonly AttributeType[] = ['text', 'number', 'date', 'choice'];

export function AttributeForm({ idPrefix, title, submit, initial, onSave, onSaved }: Props) {
  const { t } = useI18n();
  const action = useAction('categories.attributes');
  const [name, setName] = useState(initial?.name ?? '');
  const [type, setType] = useState<AttributeType>(initial?.type ?? 'text');
  const [unit, setUnit] = useState(initial?.unit ?? '');
  const [required, setRequired] = useState(initial?.required ?? false);
  const [choices, setChoices] = useState((initial?.choices ?? []).join('\n'));
  const [saved, setSaved] = useState('');

  async function send(event: SubmitEvent) {
    event.preventDefault();
    setSaved('');
    const fields: AttributeFields = { name, unit: unit.trim() === '' ? null : unit, required };
    if (type === 'choice') fields.choices = choices.split('\n').map((line) => line.trim()).filter((line) => line !== '');
    const ok = await action.run(() => onSave(fields, type));
    if (!ok) return;
    if (initial === undefined) {
      setSaved(name);
      setName('');
      setUnit('');
      setRequired(false);
      setChoices('');
    }
    onSaved();
  }

  const field = action.error?.field;
  const nameError = field === 'name' ? action.message : '';
  const choicesError = field === 'choices' ? action.message : '';
  const general = action.message !== '' && field !== 'name' && field !== 'choices' ? action.message : '';
  const id = (part: string) => `${idPrefix}-${part}`;
  return (
    <form class="categories__attr-form form" onSubmit={send} noValidate aria-labelledby={id('title')} data-testid="attribute-form">
      <h5 id={id('title')} class="categories__section-title">
        {title}
      </h5>
      <div class="field">
        <label class="field__label" for={id('name')}>
          {t('categories.attributes.name')}
        </label>
        <input id={id('name')} class="field__input" autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)}
          aria-invalid={nameError !== '' ? 'true' : undefined} aria-describedby={id('name-error')} data-testid="attribute-name" />
        <p id={id('name-error')} class="field__error" aria-live="assertive" data-testid="attribute-name-error">
          {nameError}
        </p>
      </div>
      {initial === undefined && (
        <div class="field">
          <label class="field__label" for={id('type')}>
            {t('categories.attributes.type')}
          </label>
          <select id={id('type')} class="field__input" value={type} onChange={(e) => setType(e.currentTarget.value as AttributeType)} data-testid="attribute-type">
            {kTypes.map((each) => (
              <option key={each} value={each}>
                {t(`categories.attributes.type.${each}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="field">
        <label class="field__label" for={id('unit')}>
          {t('categories.attributes.unit')}
        </label>
        <input id={id('unit')} class="field__input" autoComplete="off" value={unit} onInput={(e) => setUnit(e.currentTarget.value)} data-testid="attribute-unit" />
      </div>
      {type === 'choice' && (
        <div class="field">
          <label class="field__label" for={id('choices')}>
            {t('categories.attributes.choices')}
          </label>
          <p id={id('choices-hint')} class="field__hint">
            {t('categories.attributes.choices_hint')}
          </p>
          <textarea id={id('choices')} class="field__input" rows={4} value={choices} onInput={(e) => setChoices(e.currentTarget.value)}
            aria-invalid={choicesError !== '' ? 'true' : undefined} aria-describedby={`${id('choices-hint')} ${id('choices-error')}`} data-testid="attribute-choices" />
          <p id={id('choices-error')} class="field__error" aria-live="assertive" data-testid="attribute-choices-error">
            {choicesError}
          </p>
        </div>
      )}
      <label class="check">
        <input type="checkbox" checked={required} onChange={(e) => setRequired(e.currentTarget.checked)} data-testid="attribute-required" />
        {t('categories.attributes.required_label')}
      </label>
      <p class="field__error" role="alert" data-testid="attribute-error">
        {general}
      </p>
      <button type="submit" class="button button--primary" aria-disabled={action.busy ? 'true' : undefined} data-testid="attribute-submit">
        {submit}
      </button>
      <p class="form__notice" role="status" data-testid="attribute-notice">
        {saved !== '' ? t('categories.attributes.created', { name: saved }) : ''}
      </p>
    </form>
  );
}
