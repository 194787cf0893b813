/**
 * Creating (#/stock/new) and editing (#/stock/item/<id>/edit) an item with item.create /
 * item.update. What was typed goes to the core as is; the core's refusal is shown under
 * the field it names (reference taken -> under the reference, a missing required
 * attribute -> under that attribute, "attributes.<id>"). Custom attributes come from
 * attribute.list for the chosen category and are rendered by their type.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Category } from '../core/contract';
import { CoreError } from '../core/core_error';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { coreErrorMessage } from '../i18n/error_message';
import { type MessageKey, useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { href, navigate } from '../shell/route';
import type { AttributeDef, AttributeValues, ItemFields, Supplier } from './contract';

interface Draft {
  reference: string;
  label: string;
  description: string;
  category_id: string;
  unit: string;
  barcode: string;
  supplier_id: string;
  supplier_ref: string;
  price: string;
  min_qty: string;
  attributes: Record<string, string>;
}

const kEmpty: Draft = {
  reference: '',
  label: '',
  description: '',
  category_id: '',
  unit: 'piece',
  barcode: '',
  supplier_id: '',
  supplier_ref: '',
  price: '',
  min_qty: '0',
  attributes: {},
};

/** "12,50" -> 1250 cents; anything else is passed on as typed, for the core to refuse. */
function priceCents(text: string): number | string {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return 0;
  return /^\d+(\.\d{1,2})?$/.test(trimmed) ? Math.round(Number(trimmed) * 100) : text;
}

const orNull = (text: string) => (text.trim() === '' ? null : text);

function fields(draft: Draft, defs: AttributeDef[]): ItemFields {
  const attributes: AttributeValues = {};
  for (const def of defs) {
    const value = draft.attributes[def.id] ?? '';
    if (value !== '') attributes[def.id] = value;
  }
  return {
    reference: draft.reference,
    label: draft.label,
    description: orNull(draft.description),
    category_id: orNull(draft.category_id),
    unit: draft.unit,
    barcode: orNull(draft.barcode),
    supplier_id: orNull(draft.supplier_id),
    supplier_ref: orNull(draft.supplier_ref),
    unit_price_cents: priceCents(draft.price) as number,
    min_qty: draft.min_qty,
    attributes,
  };
}

export function ItemForm({ id }: { id: string | null }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const [draft, setDraft] = useState<Draft | null>(id === null ? kEmpty : null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [suppliers, setSuppliers] = useState<Supplier[]>([]);
  const [defs, setDefs] = useState<AttributeDef[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const attributeError = useAttributeError();

  useEffect(() => {
    core.query('category.list', {}).then(({ items }) => setCategories(items.filter((c) => !c.archived)), () => undefined);
    if (can('supplier.list')) core.query('supplier.list', {}).then(({ items }) => setSuppliers(items), () => undefined);
    if (id !== null) {
      core.query('item.get', { id }).then(
        (item) =>
          setDraft({
            reference: item.reference,
            label: item.label,
            description: item.description ?? '',
            category_id: item.category_id ?? '',
            unit: item.unit,
            barcode: item.barcode ?? '',
            supplier_id: item.supplier_id ?? '',
            supplier_ref: item.supplier_ref ?? '',
            price: (item.unit_price_cents / 100).toFixed(2),
            min_qty: item.min_qty,
            attributes: Object.fromEntries(Object.entries(item.attributes).map(([k, v]) => [k, v === null ? '' : String(v)])),
          }),
        (thrown) => setError(CoreError.from(thrown)),
      );
    }
  }, [core, id]);

  const categoryId = draft?.category_id ?? '';
  useEffect(() => {
    if (categoryId === '') {
      setDefs([]);
      return;
    }
    let live = true;
    core.query('attribute.list', { category_id: categoryId }).then(
      ({ items }) => live && setDefs(items),
      () => live && setDefs([]),
    );
    return () => {
      live = false;
    };
  }, [core, categoryId]);

  if (!can(id === null ? 'item.create' : 'item.update')) {
    return <p class="list__message list__message--error">{t('errors.forbidden')}</p>;
  }
  if (draft === null) {
    return <p class="list__message" role="status">{error !== null ? coreErrorMessage(i18n, 'stock', error) : t('stock.detail.loading')}</p>;
  }

  const set = (key: keyof Omit<Draft, 'attributes'>) => (event: Event) =>
    setDraft({ ...draft, [key]: (event.currentTarget as HTMLInputElement).value });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy || draft === null) return;
    setBusy(true);
    setError(null);
    try {
      let target: string;
      if (id === null) {
        target = newId();
        await core.mutate('item.create', { id: target, ...fields(draft, defs), reference: draft.reference, label: draft.label });
      } else {
        target = id;
        await core.mutate('item.update', { id, ...fields(draft, defs) });
      }
      navigate('stock', 'item', target);
    } catch (thrown) {
      const failure = CoreError.from(thrown);
      setError(failure);
      // Focus the field the core names, so the error is read out and can be fixed.
      const name = failure.field === 'unit_price_cents' ? 'price' : failure.field;
      const input = name !== undefined ? form.current?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`) : null;
      (input ?? form.current?.querySelector<HTMLElement>('[data-testid="item-form-error"]'))?.focus();
    } finally {
      setBusy(false);
    }
  }

  const known = new Set([
    'reference', 'label', 'description', 'category_id', 'unit', 'barcode', 'supplier_id', 'supplier_ref', 'unit_price_cents', 'min_qty',
    ...defs.map((d) => `attributes.${d.id}`),
  ]);
  const errorFor = (field: string) => (error !== null && error.field === field ? coreErrorMessage(i18n, 'stock', error) : '');
  const general = error !== null && !known.has(error.field ?? '') ? coreErrorMessage(i18n, 'stock', error) : '';

  const text = (key: keyof Omit<Draft, 'attributes'>, label: MessageKey, field: string, extra: Record<string, string> = {}) => {
    const message = errorFor(field);
    const inputId = `item-${key}`;
    return (
      <div class="field">
        <label class="field__label" for={inputId}>
          {t(label)}
        </label>
        <input
          id={inputId}
          name={key === 'price' ? 'price' : field}
          class="field__input"
          type="text"
          autoComplete="off"
          value={draft[key]}
          onInput={set(key)}
          aria-invalid={message !== '' ? 'true' : undefined}
          aria-describedby={`${inputId}-error`}
          data-testid={inputId}
          {...extra}
        />
        <p id={`${inputId}-error`} class="field__error" aria-live="assertive" data-testid={`${inputId}-error`}>
          {message}
        </p>
      </div>
    );
  };

  const title = id === null ? t('stock.form.new_title') : t('stock.form.edit_title', { reference: draft.reference });
  return (
    <section class="screen stock" aria-labelledby="item-form-title">
      <nav class="stock__crumbs" aria-label={t('stock.detail.breadcrumb')}>
        <a class="button button--secondary" href={id === null ? href('stock') : href('stock', 'item', id)} data-testid="item-form-back">
          ← {id === null ? t('stock.back_to_list') : t('stock.back_to_item')}
        </a>
      </nav>
      <form ref={form} class="card form item-form" onSubmit={submit} noValidate aria-labelledby="item-form-title" data-testid="item-form">
        <h2 id="item-form-title" class="screen__title">
          {title}
        </h2>
        <div class="item-form__grid">
          {text('reference', 'stock.field.reference', 'reference', { required: 'true' })}
          {text('label', 'stock.field.label', 'label', { required: 'true' })}
          <div class="field">
            <label class="field__label" for="item-category">
              {t('stock.field.category')}
            </label>
            <select id="item-category" name="category_id" class="field__input" value={draft.category_id} onChange={set('category_id')} aria-describedby="item-category-error" data-testid="item-category">
              <option value="">{t('stock.form.no_category')}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {'\u00a0'.repeat(c.depth * 2) + c.name}
                </option>
              ))}
            </select>
            <p id="item-category-error" class="field__error" aria-live="assertive">
              {errorFor('category_id')}
            </p>
          </div>
          {text('unit', 'stock.field.unit', 'unit', { list: 'item-units' })}
          <datalist id="item-units">
            {['piece', 'm', 'kg', 'l', 'box', 'pair'].map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
          {text('barcode', 'stock.field.barcode', 'barcode')}
          {text('min_qty', 'stock.field.min_qty', 'min_qty', { inputMode: 'decimal' })}
          {suppliers.length > 0 && (
            <div class="field">
              <label class="field__label" for="item-supplier">
                {t('stock.field.supplier')}
              </label>
              <select id="item-supplier" name="supplier_id" class="field__input" value={draft.supplier_id} onChange={set('supplier_id')} aria-describedby="item-supplier-error">
                <option value="">{t('stock.form.no_supplier')}</option>
                {suppliers.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              <p id="item-supplier-error" class="field__error" aria-live="assertive">
                {errorFor('supplier_id')}
              </p>
            </div>
          )}
          {text('supplier_ref', 'stock.field.supplier_ref', 'supplier_ref')}
          {text('price', 'stock.field.price_input', 'unit_price_cents', { inputMode: 'decimal' })}
        </div>
        <div class="field">
          <label class="field__label" for="item-description">
            {t('stock.field.description')}
          </label>
          <textarea id="item-description" name="description" class="field__input" rows={3} value={draft.description} onInput={set('description')} aria-describedby="item-description-error" />
          <p id="item-description-error" class="field__error" aria-live="assertive">
            {errorFor('description')}
          </p>
        </div>
        {defs.length > 0 && (
          <fieldset class="item-form__attributes" data-testid="item-attributes">
            <legend>{t('stock.form.attributes')}</legend>
            <div class="item-form__grid">
              {defs.map((def) => (
                <AttributeField
                  key={def.id}
                  def={def}
                  value={draft.attributes[def.id] ?? ''}
                  error={errorFor(`attributes.${def.id}`) === '' ? '' : attributeError(def, draft.attributes[def.id] ?? '')}
                  onChange={(value) => setDraft({ ...draft, attributes: { ...draft.attributes, [def.id]: value } })}
                />
              ))}
            </div>
          </fieldset>
        )}
        <p class="field__error" role="alert" tabIndex={-1} data-testid="item-form-error">
          {general}
        </p>
        <div class="form__actions">
          <button class="button button--primary" type="submit" aria-disabled={busy ? 'true' : undefined} data-testid="item-submit">
            {busy ? t('stock.form.saving') : id === null ? t('stock.form.create') : t('stock.form.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The core refused this attribute: say why in the user's language (empty, or which format). */
function useAttributeError() {
  const { t } = useI18n();
  return (def: AttributeDef, value: string) =>
    value.trim() === '' ? t('stock.form.attribute_required', { name: def.name }) : t(`stock.form.attribute_invalid.${def.type}`, { name: def.name });
}

function AttributeField({ def, value, error, onChange }: { def: AttributeDef; value: string; error: string; onChange(value: string): void }) {
  const { t } = useI18n();
  const inputId = `item-attr-${def.id}`;
  const common = {
    id: inputId,
    name: `attributes.${def.id}`,
    class: 'field__input',
    ...(error !== '' ? { 'aria-invalid': 'true' as const } : {}),
    'aria-describedby': `${inputId}-error`,
    'data-testid': 'item-attribute',
    'data-name': def.name,
  };
  let input;
  if (def.type === 'choice') {
    input = (
      <select {...common} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        <option value="">{t('stock.none')}</option>
        {(def.choices ?? []).map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    );
  } else if (def.type === 'date') {
    input = <input {...common} type="date" value={value} onInput={(event) => onChange(event.currentTarget.value)} />;
  } else {
    input = (
      <input
        {...common}
        type="text"
        inputMode={def.type === 'number' ? 'decimal' : 'text'}
        autoComplete="off"
        value={value}
        onInput={(event) => onChange(event.currentTarget.value)}
      />
    );
  }
  return (
    <div class="field">
      <label class="field__label" for={inputId}>
        {def.name}
        {def.unit ? ` (${def.unit})` : ''}
        {def.required ? ` ${t('stock.form.required')}` : ''}
      </label>
      {input}
      <p id={`${inputId}-error`} class="field__error" aria-live="assertive" data-testid="item-attribute-error">
        {error}
      </p>
    </div>
  );
}
