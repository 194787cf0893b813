/**
 * Form pieces shared by the asset forms: a text field and the "placed under" picker, each
 * with the core's error under it when the core names that field.
 */
import { useI18n } from '../i18n/i18n';
import { label } from './assets_core';
import type { AssetRow } from './contract';

interface TextProps {
  id: string;
  name: string;
  text: string;
  value: string;
  onInput(value: string): void;
  error: string;
  type?: 'text' | 'date' | undefined;
  inputMode?: 'decimal' | 'numeric' | undefined;
}

export function TextField({ id, name, text, value, onInput, error, type = 'text', inputMode }: TextProps) {
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {text}
      </label>
      {type === 'date' ? (
        <input id={id} class="field__input" name={name} type="date" value={value} onInput={(e) => onInput(e.currentTarget.value)}
          aria-invalid={error !== '' ? 'true' : undefined} aria-describedby={`${id}-error`} data-testid={id} />
      ) : (
        <input id={id} class="field__input" name={name} type="text" inputMode={inputMode} autoComplete="off" value={value}
          onInput={(e) => onInput(e.currentTarget.value)} aria-invalid={error !== '' ? 'true' : undefined} aria-describedby={`${id}-error`} data-testid={id} />
      )}
      <p id={`${id}-error`} class="field__error" aria-live="assertive" data-testid={`${id}-error`}>
        {error}
      </p>
    </div>
  );
}

interface ParentProps {
  id: string;
  value: string;
  onChange(value: string): void;
  /** Where it may be placed: the tree as the core lists it (the core refuses a wrong place). */
  assets: AssetRow[];
  error: string;
}

export function ParentField({ id, value, onChange, assets, error }: ParentProps) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {t('assets.field.parent')}
      </label>
      <p id={`${id}-hint`} class="field__hint">
        {t('assets.field.parent_hint')}
      </p>
      <select id={id} class="field__input" name="parent_id" value={value} onChange={(e) => onChange(e.currentTarget.value)}
        aria-invalid={error !== '' ? 'true' : undefined} aria-describedby={`${id}-hint ${id}-error`} data-testid={id}>
        <option value="">{t('assets.field.no_parent')}</option>
        {assets.map((a) => (
          <option key={a.id} value={a.id}>
            {`${'\u00a0\u00a0'.repeat(Math.min(a.depth, 6))}${a.name} (${label(i18n, 'kind', a.kind)})`}
          </option>
        ))}
      </select>
      <p id={`${id}-error`} class="field__error" aria-live="assertive" data-testid={`${id}-error`}>
        {error}
      </p>
    </div>
  );
}
