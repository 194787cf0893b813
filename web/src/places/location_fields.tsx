/**
 * The fields a location form shows (name, code, and the location it sits in), each with the
 * core's error under it when the core names that field. Used by creation and edition.
 */
import { useI18n } from '../i18n/i18n';
import type { Location } from '../stock/contract';
import { optionText } from './location_kind';

export interface LocationDraft {
  name: string;
  code: string;
  parent_id: string;
}

interface Props {
  prefix: string;
  draft: LocationDraft;
  setDraft(draft: LocationDraft): void;
  /** Where it may be placed: the tree as the core lists it (the core refuses a wrong place). */
  locations: Location[];
  errorFor(field: string): string;
}

export function LocationFields({ prefix, draft, setDraft, locations, errorFor }: Props) {
  const { t } = useI18n();
  const input = (key: 'name' | 'code', label: string) => (
    <div class="field">
      <label class="field__label" for={`${prefix}-${key}`}>
        {label}
      </label>
      <input id={`${prefix}-${key}`} class="field__input" name={key} autoComplete="off" value={draft[key]}
        onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
        aria-invalid={errorFor(key) ? 'true' : undefined} aria-describedby={`${prefix}-${key}-error`} data-testid={`${prefix}-${key}`} />
      <p id={`${prefix}-${key}-error`} class="field__error" aria-live="assertive">
        {errorFor(key)}
      </p>
    </div>
  );
  return (
    <>
      {input('name', t('places.field.name'))}
      {input('code', t('places.field.code'))}
      <div class="field">
        <label class="field__label" for={`${prefix}-parent`}>
          {t('places.field.parent')}
        </label>
        <p id={`${prefix}-parent-hint`} class="field__hint">
          {t('places.field.parent_hint')}
        </p>
        <select id={`${prefix}-parent`} class="field__input" name="parent_id" value={draft.parent_id}
          onChange={(e) => setDraft({ ...draft, parent_id: e.currentTarget.value })}
          aria-invalid={errorFor('parent_id') ? 'true' : undefined} aria-describedby={`${prefix}-parent-hint ${prefix}-parent-error`}
          data-testid={`${prefix}-parent`}>
          <option value="">{t('places.field.no_parent')}</option>
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {optionText(t, l)}
            </option>
          ))}
        </select>
        <p id={`${prefix}-parent-error`} class="field__error" aria-live="assertive" data-testid={`${prefix}-parent-error`}>
          {errorFor('parent_id')}
        </p>
      </div>
    </>
  );
}
