/**
 * The form that adds a widget or changes one: data source, type (those that suit the
 * source), title, width, and the filters the source takes (site/location, category, period,
 * bucket, open only). The core checks the filters by running the source with them; its
 * refusal is shown here. Focus goes to the first field when it opens.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import type { Action } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import type { Bucket, DataSource, Widget, WidgetFields, WidgetFilters, WidgetType } from './contract';
import { kSources, kWidths, sourceInfo } from './sources';

interface Props {
  widget: Widget | null;
  action: Action;
  onSave(fields: WidgetFields): void;
  onCancel(): void;
}

function indent(depth: number): string {
  return '\u00a0\u00a0'.repeat(Math.max(0, depth));
}

/** A filter that picks one id of a list (a location, a category, a team), or all of them. */
function IdFilter({ label, all, value, options, onChange, testId }: {
  label: string; all: string; value: string | undefined; options: { id: string; text: string }[]; onChange(value: string): void; testId: string;
}) {
  return (
    <label class="field">
      <span class="field__label">{label}</span>
      <select class="field__input" value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value)} data-testid={testId}>
        <option value="">{all}</option>
        {options.map((o) => <option key={o.id} value={o.id}>{o.text}</option>)}
      </select>
    </label>
  );
}

export function WidgetEditor({ widget, action, onSave, onCancel }: Props) {
  const core = useCore();
  const { t } = useI18n();
  const first = useRef<HTMLSelectElement>(null);
  const [source, setSource] = useState<DataSource>(widget?.data_source ?? 'dashboard.stock_by_category');
  const [type, setType] = useState<WidgetType>(widget?.type ?? 'bar');
  const [title, setTitle] = useState(widget?.title ?? '');
  const [width, setWidth] = useState(widget?.width ?? 6);
  const [filters, setFilters] = useState<WidgetFilters>(widget?.filters ?? {});
  const info = sourceInfo(source);
  const types = info?.types ?? [type];
  const offers = new Set(info?.filters ?? []);
  const lists = useLoaded(async () => {
    const [locations, categories, teams] = await Promise.all([
      core.query('location.list', {}),
      core.query('category.list', {}),
      offers.has('team') ? core.query('team.list', {}) : Promise.resolve({ items: [] as { id: string; name: string }[] }),
    ]);
    return { locations: locations.items, categories: categories.items, teams: teams.items };
  }, [core, offers.has('team')]);

  useEffect(() => first.current?.focus(), []);

  const chooseSource = (id: DataSource) => {
    setSource(id);
    const next = sourceInfo(id);
    if (next && !next.types.includes(type)) setType(next.types[0]!);
    setFilters({});
  };
  const setFilter = (name: keyof WidgetFilters, value: string | boolean) =>
    setFilters((current) => {
      const copy: Record<string, unknown> = { ...current };
      if (value === '' || value === false) delete copy[name];
      else copy[name] = value;
      return copy as WidgetFilters;
    });
  const submit = (event: Event) => {
    event.preventDefault();
    onSave({ type, data_source: source, title: title.trim() === '' ? null : title.trim(), filters, width });
  };
  const prefix = widget === null ? 'widget-new' : 'widget-edit';

  return (
    <form class="dashboard__editor card form" onSubmit={submit} data-testid="widget-editor" aria-labelledby={`${prefix}-heading`}>
      <h2 class="card__title" id={`${prefix}-heading`}>{t(widget === null ? 'dashboard.add_title' : 'dashboard.edit_title')}</h2>
      <div class="dashboard__editor-fields">
        <label class="field">
          <span class="field__label">{t('dashboard.field.source')}</span>
          <select ref={first} class="field__input" value={source} onChange={(e) => chooseSource(e.currentTarget.value as DataSource)} data-testid="widget-source">
            {kSources.map((s) => (
              <option key={s.id} value={s.id}>{t(s.label)}</option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field__label">{t('dashboard.field.type')}</span>
          <select class="field__input" value={type} onChange={(e) => setType(e.currentTarget.value as WidgetType)} data-testid="widget-type">
            {types.map((ty) => (
              <option key={ty} value={ty}>{t(`dashboard.type.${ty}`)}</option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field__label">{t('dashboard.field.title')}</span>
          <input class="field__input" value={title} maxLength={120} placeholder={info ? t(info.label) : ''} onInput={(e) => setTitle(e.currentTarget.value)} data-testid="widget-title-input" />
        </label>
        <label class="field">
          <span class="field__label">{t('dashboard.field.width')}</span>
          <select class="field__input" value={String(width)} onChange={(e) => setWidth(Number(e.currentTarget.value))} data-testid="widget-width">
            {kWidths.map((w) => (
              <option key={w} value={String(w)}>{t(`dashboard.width.${w}`)}</option>
            ))}
          </select>
        </label>
        {offers.has('location') && (
          <IdFilter label={t('dashboard.field.location')} all={t('dashboard.all')} value={filters.location_id} testId="widget-location"
            options={(lists.data?.locations ?? []).map((l) => ({ id: l.id, text: indent(l.depth) + l.name }))} onChange={(v) => setFilter('location_id', v)} />
        )}
        {offers.has('category') && (
          <IdFilter label={t('dashboard.field.category')} all={t('dashboard.all')} value={filters.category_id} testId="widget-category"
            options={(lists.data?.categories ?? []).map((c) => ({ id: c.id, text: indent(c.depth) + c.name }))} onChange={(v) => setFilter('category_id', v)} />
        )}
        {offers.has('team') && (
          <IdFilter label={t('dashboard.field.team')} all={t('dashboard.all')} value={filters.team_id} testId="widget-team"
            options={(lists.data?.teams ?? []).map((team) => ({ id: team.id, text: team.name }))} onChange={(v) => setFilter('team_id', v)} />
        )}
        {offers.has('period') && (
          <>
            <label class="field">
              <span class="field__label">{t('dashboard.field.from')}</span>
              <input type="date" class="field__input" value={filters.from ?? ''} onInput={(e) => setFilter('from', e.currentTarget.value)} data-testid="widget-from" />
            </label>
            <label class="field">
              <span class="field__label">{t('dashboard.field.to')}</span>
              <input type="date" class="field__input" value={filters.to ?? ''} onInput={(e) => setFilter('to', e.currentTarget.value)} data-testid="widget-to" />
            </label>
          </>
        )}
        {offers.has('bucket') && (
          <label class="field">
            <span class="field__label">{t('dashboard.field.bucket')}</span>
            <select class="field__input" value={filters.bucket ?? 'day'} onChange={(e) => setFilter('bucket', e.currentTarget.value as Bucket)} data-testid="widget-bucket">
              {(['day', 'week', 'month'] as const).map((b) => (
                <option key={b} value={b}>{t(`dashboard.bucket.${b}`)}</option>
              ))}
            </select>
          </label>
        )}
        {offers.has('open_only') && (
          <label class="dashboard__check">
            <input type="checkbox" checked={filters.open_only === true} onChange={(e) => setFilter('open_only', e.currentTarget.checked)} data-testid="widget-open-only" />
            <span>{t('dashboard.field.open_only')}</span>
          </label>
        )}
      </div>
      <p class="field__hint">{t('dashboard.filters_hint')}</p>
      {action.message !== '' && <p class="field__error" role="alert" data-testid="widget-error">{action.message}</p>}
      <div class="dashboard__editor-actions">
        <button type="submit" class="button button--primary" aria-disabled={action.busy ? 'true' : undefined} data-testid="widget-save">
          {t(widget === null ? 'dashboard.add' : 'dashboard.save')}
        </button>
        <button type="button" class="button button--secondary" onClick={onCancel} data-testid="widget-cancel">{t('dashboard.cancel')}</button>
      </div>
    </form>
  );
}
