/**
 * An editable list of small records inside a form (a client's contacts, its addresses): one
 * fieldset per row with its inputs and a "Remove" button, and an "Add" button. Values are
 * kept as typed; the core checks them when the form is sent.
 */
import { useI18n } from '../i18n/i18n';

interface FieldDef<T> {
  key: keyof T & string;
  label: string;
  type?: 'text' | 'email' | 'tel';
}

interface Props<T> {
  legend: string;
  idPrefix: string;
  rows: T[];
  onChange(rows: T[]): void;
  blank: T;
  fields: FieldDef<T>[];
  addLabel: string;
  removeLabel(n: number): string;
}

export function RowsEditor<T extends object>({ legend, idPrefix, rows, onChange, blank, fields, addLabel, removeLabel }: Props<T>) {
  const { t } = useI18n();
  const set = (index: number, key: keyof T, value: string) => onChange(rows.map((row, i) => (i === index ? { ...row, [key]: value } : row)));
  return (
    <fieldset class="projects__rows" data-testid={`${idPrefix}s`}>
      <legend class="field__label">{legend}</legend>
      {rows.length === 0 && <p class="projects__sub">{t('projects.rows.none')}</p>}
      {rows.map((row, index) => (
        <div key={index} class="projects__row" data-testid={idPrefix}>
          {fields.map((f) => (
            <div class="field" key={f.key}>
              <label class="field__label" for={`${idPrefix}-${index}-${f.key}`}>{f.label}</label>
              <input id={`${idPrefix}-${index}-${f.key}`} class="field__input" type={(f.type ?? 'text') as 'text'} autoComplete="off"
                value={String((row as Record<string, unknown>)[f.key] ?? '')} onInput={(e) => set(index, f.key, e.currentTarget.value)}
                data-testid={`${idPrefix}-${f.key}`} />
            </div>
          ))}
          <button type="button" class="button button--secondary" aria-label={removeLabel(index + 1)} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            {t('projects.remove')}
          </button>
        </div>
      ))}
      <button type="button" class="button button--secondary" onClick={() => onChange([...rows, { ...blank }])} data-testid={`${idPrefix}-add`}>
        {addLabel}
      </button>
    </fieldset>
  );
}
