/**
 * The desk's filters and sort: every value goes to the core's task.list as it is (the core
 * filters and sorts). Text search is debounced by the list; overdue means "due before today
 * and not finished", as the core defines it (overdue_as_of = today on this device).
 */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n';
import { statusLabel, priorityLabel } from '../work/work_core';
import { kPriorities, kStatuses, kTypes, type SortKey } from './contract';
import { typeLabel } from './orders_core';
import { optionText, type References } from './use_references';

export interface FilterValues {
  q: string;
  status: string;
  type: string;
  priority: string;
  asset: string;
  site: string;
  /** "e:<employee id>" or "t:<team id>". */
  assignee: string;
  overdue: boolean;
  from: string;
  to: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
}

export const kNoFilters: FilterValues = {
  q: '', status: '', type: '', priority: '', asset: '', site: '', assignee: '', overdue: false, from: '', to: '', sort: 'due', dir: 'asc',
};

/**
 * The filters an address asks for ("#/orders?status=planned&overdue=1", the dashboard's
 * links): known keys only, and a status, type or priority the desk does not offer is ignored.
 */
export function filtersFromQuery(query: URLSearchParams): FilterValues {
  const pick = <T extends string>(key: string, allowed: readonly T[]): T | '' => {
    const value = query.get(key) ?? '';
    return (allowed as readonly string[]).includes(value) ? (value as T) : '';
  };
  const text = (key: string) => query.get(key) ?? '';
  return {
    ...kNoFilters,
    q: text('q'),
    status: pick('status', [...kStatuses, 'open'] as const),
    type: pick('type', kTypes),
    priority: pick('priority', kPriorities),
    asset: text('asset'),
    site: text('site'),
    assignee: text('assignee'),
    overdue: query.get('overdue') === '1',
    from: text('from'),
    to: text('to'),
  };
}

const kSorts: SortKey[] = ['due', 'priority', 'status', 'title', 'planned_start'];

function Select({ id, label, value, onChange, children }: { id: string; label: string; value: string; onChange(value: string): void; children: ComponentChildren }) {
  return (
    <div class="field">
      <label class="field__label" for={`orders-filter-${id}`}>{label}</label>
      <select id={`orders-filter-${id}`} class="field__input" value={value} onChange={(e) => onChange(e.currentTarget.value)} data-testid={`orders-filter-${id}`}>
        {children}
      </select>
    </div>
  );
}

export function OrderFilters({ values, onChange, references }: { values: FilterValues; onChange(values: FilterValues): void; references: References }) {
  const i18n = useI18n();
  const { t } = i18n;
  const set = <K extends keyof FilterValues>(key: K, value: FilterValues[K]) => onChange({ ...values, [key]: value });
  const all = <option value="">{t('orders.filter.all')}</option>;
  return (
    <form class="card orders-filters" role="search" aria-label={t('orders.filter.label')} onSubmit={(e) => e.preventDefault()}>
      <div class="field orders-filters__search">
        <label class="field__label" for="orders-filter-q">{t('orders.filter.q')}</label>
        <input id="orders-filter-q" class="field__input" type="search" autoComplete="off" value={values.q}
          onInput={(e) => set('q', e.currentTarget.value)} data-testid="orders-filter-q" />
      </div>
      <Select id="status" label={t('orders.field.status')} value={values.status} onChange={(v) => set('status', v)}>
        {all}
        <option value="open">{t('orders.filter.open')}</option>
        {kStatuses.map((s) => <option key={s} value={s}>{statusLabel(i18n, s)}</option>)}
      </Select>
      <Select id="type" label={t('orders.field.type')} value={values.type} onChange={(v) => set('type', v)}>
        {all}
        {kTypes.map((s) => <option key={s} value={s}>{typeLabel(i18n, s)}</option>)}
      </Select>
      <Select id="priority" label={t('orders.field.priority')} value={values.priority} onChange={(v) => set('priority', v)}>
        {all}
        {kPriorities.map((s) => <option key={s} value={s}>{priorityLabel(i18n, s)}</option>)}
      </Select>
      <Select id="asset" label={t('orders.field.asset')} value={values.asset} onChange={(v) => set('asset', v)}>
        {all}
        {references.assets.map((o) => <option key={o.id} value={o.id}>{optionText(o)}</option>)}
      </Select>
      <Select id="site" label={t('orders.field.site')} value={values.site} onChange={(v) => set('site', v)}>
        {all}
        {references.locations.map((o) => <option key={o.id} value={o.id}>{optionText(o)}</option>)}
      </Select>
      <Select id="assignee" label={t('orders.filter.assignee')} value={values.assignee} onChange={(v) => set('assignee', v)}>
        {all}
        <optgroup label={t('orders.filter.employees')}>
          {references.employees.map((o) => <option key={o.id} value={`e:${o.id}`}>{o.name}</option>)}
        </optgroup>
        <optgroup label={t('orders.filter.teams')}>
          {references.teams.map((o) => <option key={o.id} value={`t:${o.id}`}>{o.name}</option>)}
        </optgroup>
      </Select>
      <div class="field">
        <label class="field__label" for="orders-filter-from">{t('orders.filter.from')}</label>
        <input id="orders-filter-from" class="field__input" type="date" value={values.from} onInput={(e) => set('from', e.currentTarget.value)} data-testid="orders-filter-from" />
      </div>
      <div class="field">
        <label class="field__label" for="orders-filter-to">{t('orders.filter.to')}</label>
        <input id="orders-filter-to" class="field__input" type="date" value={values.to} onInput={(e) => set('to', e.currentTarget.value)} data-testid="orders-filter-to" />
      </div>
      <Select id="sort" label={t('orders.filter.sort')} value={values.sort} onChange={(v) => set('sort', v as SortKey)}>
        {kSorts.map((s) => <option key={s} value={s}>{t(`orders.sort.${s}`)}</option>)}
      </Select>
      <Select id="dir" label={t('orders.filter.dir')} value={values.dir} onChange={(v) => set('dir', v as 'asc' | 'desc')}>
        <option value="asc">{t('orders.sort.asc')}</option>
        <option value="desc">{t('orders.sort.desc')}</option>
      </Select>
      <label class="check orders-filters__check">
        <input type="checkbox" checked={values.overdue} onChange={(e) => set('overdue', e.currentTarget.checked)} data-testid="orders-filter-overdue" />
        {t('orders.filter.overdue')}
      </label>
      <button type="button" class="button" onClick={() => onChange(kNoFilters)} data-testid="orders-filter-reset">{t('orders.filter.reset')}</button>
    </form>
  );
}
