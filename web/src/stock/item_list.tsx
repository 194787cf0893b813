/**
 * The item list: search as you type (item.search, 150 ms after the last key), filters
 * (category, archived, location, under minimum) and a virtualised list of 56px rows that
 * pages the core's results as the user scrolls, so 100,000 items scroll smoothly. The CSV
 * exports open in a dialog (export_dialog.tsx).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Category } from '../core/contract';
import { useCore, useReceived } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { href, useRouteQuery } from '../shell/route';
import type { Location } from './contract';
import { ExportDialog } from './export_dialog';
import { type ListSource, useLocationSource, useSearchSource, useUnderMinSource } from './list_sources';
import { useVirtualizer } from './use_virtualizer';
import { unitLabel } from '../i18n/units';
import { labelsHref } from '../print/label_sheet';

const kRowHeight = 64;
const kDebounceMs = 150;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** True on screens wide enough to show every filter; phones fold them away. */
function useWide(): boolean {
  const [wide, setWide] = useState(() => matchMedia('(min-width: 600px)').matches);
  useEffect(() => {
    const query = matchMedia('(min-width: 600px)');
    const change = () => setWide(query.matches);
    query.addEventListener('change', change);
    return () => query.removeEventListener('change', change);
  }, []);
  return wide;
}

export function ItemList() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const received = useReceived();
  // The address may carry filters (a dashboard widget's link: "#/stock?under_min=1&category=…");
  // a new address sets them again.
  const query = useRouteQuery();
  const [q, setQ] = useState(() => query.get('q') ?? '');
  const [categoryId, setCategoryId] = useState(() => query.get('category') ?? '');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [locationId, setLocationId] = useState(() => query.get('location') ?? '');
  const [underMin, setUnderMin] = useState(() => query.get('under_min') === '1');
  const queryText = query.toString();
  const firstQuery = useRef(queryText);
  useEffect(() => {
    if (queryText === firstQuery.current) return;
    firstQuery.current = queryText;
    const next = new URLSearchParams(queryText);
    setQ(next.get('q') ?? '');
    setCategoryId(next.get('category') ?? '');
    setLocationId(next.get('location') ?? '');
    setUnderMin(next.get('under_min') === '1');
  }, [queryText]);
  const [exporting, setExporting] = useState(false);
  const [categories, setCategories] = useState<Category[]>([]);
  const [locations, setLocations] = useState<Location[]>([]);
  const debouncedQ = useDebounced(q, kDebounceMs);
  const wide = useWide();

  useEffect(() => {
    core.query('category.list', {}).then(({ items }) => setCategories(items), () => undefined);
    if (can('location.list')) core.query('location.list', {}).then(({ items }) => setLocations(items), () => undefined);
  }, [core, received]);

  const mode = underMin ? 'under-min' : locationId !== '' ? 'location' : 'search';
  const search = useSearchSource(core, { q: debouncedQ, category_id: categoryId, include_archived: includeArchived }, mode === 'search', received);
  const byLocation = useLocationSource(core, locationId, mode === 'location', received);
  const shortfalls = useUnderMinSource(core, locationId, categoryId, mode === 'under-min', received);
  const source = mode === 'search' ? search : mode === 'location' ? byLocation : shortfalls;

  let summary = '';
  if (source.error !== null) summary = t('stock.list.failed', { message: coreErrorMessage(i18n, 'stock', source.error) });
  else if (source.count === null) summary = t('stock.list.loading');
  else if (!source.exact) summary = t('stock.list.more_than', { n: source.count });
  else if (source.count === 0) summary = t('stock.list.empty');
  else summary = t('stock.list.count', { n: source.count });

  const filters = (
    <>
      <div class="field">
        <label class="field__label" for="stock-category">
          {t('stock.list.category')}
        </label>
        <select
          id="stock-category"
          class="field__input"
          value={categoryId}
          disabled={mode === 'location'}
          onChange={(event) => setCategoryId(event.currentTarget.value)}
          data-testid="stock-filter-category"
        >
          <option value="">{t('stock.list.all_categories')}</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {'\u00a0'.repeat(category.depth * 2) + category.name}
            </option>
          ))}
        </select>
      </div>
      {locations.length > 0 && (
        <div class="field">
          <label class="field__label" for="stock-location">
            {t('stock.list.location')}
          </label>
          <select
            id="stock-location"
            class="field__input"
            value={locationId}
            onChange={(event) => setLocationId(event.currentTarget.value)}
            data-testid="stock-filter-location"
          >
            <option value="">{t('stock.list.all_locations')}</option>
            {locations.map((location) => (
              <option key={location.id} value={location.id}>
                {'\u00a0'.repeat(location.depth * 2) + location.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="stock-filters__checks">
        <label class="check">
          <input
            type="checkbox"
            checked={includeArchived}
            disabled={mode !== 'search'}
            onChange={(event) => setIncludeArchived(event.currentTarget.checked)}
            data-testid="stock-filter-archived"
          />
          {t('stock.list.include_archived')}
        </label>
        {can('dashboard.items_under_min') && (
          <label class="check">
            <input type="checkbox" checked={underMin} onChange={(event) => setUnderMin(event.currentTarget.checked)} data-testid="stock-filter-under-min" />
            {t('stock.list.under_min')}
          </label>
        )}
      </div>
    </>
  );
  const active = [categoryId !== '', locationId !== '', includeArchived, underMin].filter(Boolean).length;
  return (
    <section class="screen stock" aria-labelledby="stock-title" data-testid="stock-list-screen">
      <div class="screen__head stock__head">
        <h2 id="stock-title" class="screen__title">
          {t('stock.list.title')}
        </h2>
        <div class="stock__actions">
          {(can('csv.export_items') || can('csv.export_movements')) && (
            <button type="button" class="button button--secondary" onClick={() => setExporting(true)} data-testid="stock-export">
              {t('stock.export.open')}
            </button>
          )}
          {can('csv.items_import') && (
            <a class="button button--secondary" href={href('stock', 'import')} data-testid="stock-import">
              {t('import.link')}
            </a>
          )}
          <a class="button button--secondary" href={labelsHref(q, categoryId)} data-testid="stock-print-labels">{t('stock.list.print_labels')}</a>
          {can('item.create') && (
            <a class="button button--primary" href={href('stock', 'new')} data-testid="stock-new-item">
              {t('stock.list.new')}
            </a>
          )}
        </div>
      </div>
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
      <form class="card stock-filters" role="search" onSubmit={(event) => event.preventDefault()} aria-label={t('stock.list.filters')}>
        <div class="field stock-filters__search">
          <label class="field__label" for="stock-q">
            {t('stock.list.search_label')}
          </label>
          <input
            id="stock-q"
            class="field__input"
            type="search"
            autoComplete="off"
            enterKeyHint="search"
            value={q}
            disabled={mode !== 'search'}
            aria-describedby="stock-q-hint"
            placeholder={t('stock.list.search_placeholder')}
            onInput={(event) => setQ(event.currentTarget.value)}
            data-testid="stock-search"
          />
          <p id="stock-q-hint" class="field__hint">
            {mode === 'search' ? t('stock.list.search_hint') : t('stock.list.search_off')}
          </p>
        </div>
        {wide ? (
          filters
        ) : (
          <details class="stock-filters__more" data-testid="stock-filters-more">
            <summary class="button button--secondary">{t('stock.list.more_filters', { n: active })}</summary>
            {filters}
          </details>
        )}
      </form>
      <p class="stock-list__summary" role="status" aria-live="polite" data-testid="stock-list-summary" data-count={source.count ?? ''}>
        {summary}
      </p>
      <VirtualItems source={source} mode={mode} query={JSON.stringify([mode, debouncedQ, categoryId, includeArchived, locationId])} />
    </section>
  );
}

function VirtualItems({ source, mode, query }: { source: ListSource; mode: string; query: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const scroller = useRef<HTMLDivElement>(null);
  const count = source.count ?? 0;
  const virtualizer = useVirtualizer({ count, rowHeight: kRowHeight, getScrollElement: () => scroller.current });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? -1;
  useEffect(() => {
    if (last >= first) source.want(first, last);
  });
  // A new query starts at its top.
  useEffect(() => {
    if (scroller.current !== null) scroller.current.scrollTop = 0;
  }, [query]);
  // The list fills the rest of the window (at least 5 rows), so only the list scrolls.
  const [height, setHeight] = useState(480);
  useLayoutEffect(() => {
    const fit = () => {
      const element = scroller.current;
      if (element === null) return;
      const top = element.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(5 * kRowHeight, Math.floor(window.innerHeight - top - 16)));
    };
    fit();
    addEventListener('resize', fit);
    return () => removeEventListener('resize', fit);
  }, [source.count === null]);

  return (
    <div ref={scroller} class="stock-list" style={{ height: `${height}px` }} data-testid="stock-list" tabIndex={-1} aria-busy={source.count === null ? 'true' : 'false'}>
      <ul class="stock-list__inner" style={{ height: `${virtualizer.getTotalSize()}px` }} aria-label={t('stock.list.title')}>
        {rows.map((virtual) => {
          const row = source.row(virtual.index);
          return (
            <li
              key={virtual.index}
              class="stock-row"
              style={{ transform: `translateY(${virtual.start}px)`, height: `${kRowHeight}px` }}
              aria-setsize={count}
              aria-posinset={virtual.index + 1}
              data-testid="stock-row"
              data-index={virtual.index}
            >
              {row === undefined || row.reference === '' ? (
                <span class="stock-row__placeholder" aria-hidden="true" />
              ) : (
                <a class={`stock-row__link${row.archived ? ' stock-row__link--archived' : ''}`} href={href('stock', 'item', row.id)} data-testid="stock-row-link">
                  <span class="stock-row__reference">{row.reference}</span>
                  <span class="stock-row__label">{row.label}</span>
                  {row.archived && <span class="badge">{t('stock.archived')}</span>}
                  {row.qty === null && <span class="stock-row__qty" data-testid="stock-row-hidden">{t('stock.blind_hidden')}</span>}
                  {row.qty !== undefined && row.qty !== null && (
                    <span class={`stock-row__qty${row.qty.startsWith('-') ? ' stock-row__qty--negative' : ''}`}>
                      {mode === 'under-min'
                        ? t('stock.list.qty_of_min', { qty: row.qty, min: row.min ?? '' })
                        : `${row.qty} ${unitLabel(i18n, row.unit)}`}
                      {row.location ? <span class="stock-row__where"> · {row.location}</span> : null}
                    </span>
                  )}
                  {row.qty === undefined && <span class="stock-row__unit">{unitLabel(i18n, row.unit)}</span>}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
