/**
 * A sheet of item QR labels (item.search: a category and/or a search text, as the stock list
 * filters them), laid out as a grid of labels on A4. The choice is in the address
 * ("#/print/labels?q=…&category=…"), so the stock list can link here with its filters.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { href } from '../shell/route';
import { QrLabel } from '../stock/qr_label';
import { PrintPage } from './print_page';

const kLimit = 120;

export function labelsHref(q: string, categoryId: string): string {
  const params = new URLSearchParams();
  if (q.trim() !== '') params.set('q', q.trim());
  if (categoryId !== '') params.set('category', categoryId);
  return href('print', `labels?${params.toString()}`);
}

export function LabelSheet({ params }: { params: URLSearchParams }) {
  const core = useCore();
  const { t } = useI18n();
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const [text, setText] = useState(q);
  const [categoryId, setCategoryId] = useState(category);
  const categories = useLoaded(() => core.query('category.list', {}), [core]);
  const items = useLoaded(() => core.query('item.search', { q, ...(category !== '' ? { category_id: category } : {}), limit: kLimit }), [core, q, category]);
  const found = items.data;
  const categoryName = categories.data?.items.find((c) => c.id === category)?.name;
  const what = [categoryName, q !== '' ? `« ${q} »` : ''].filter((x) => x).join(' · ') || t('print.labels.all');
  return (
    <PrintPage title={t('print.labels.title', { what })} back={{ href: href('stock'), label: t('print.labels.back') }} ready={found !== null} error={items.error} testId="print-labels">
      <form class="print-toolbar print-labels-form" onSubmit={(e) => { e.preventDefault(); window.location.hash = labelsHref(text, categoryId); }}>
        <div class="field">
          <label class="field__label" for="labels-q">{t('print.labels.search')}</label>
          <input id="labels-q" class="field__input" type="search" autoComplete="off" value={text} onInput={(e) => setText(e.currentTarget.value)} data-testid="labels-q" />
        </div>
        <div class="field">
          <label class="field__label" for="labels-category">{t('print.labels.category')}</label>
          <select id="labels-category" class="field__input" value={categoryId} onChange={(e) => setCategoryId(e.currentTarget.value)} data-testid="labels-category">
            <option value="">{t('print.labels.any_category')}</option>
            {(categories.data?.items ?? []).map((c) => <option key={c.id} value={c.id}>{'\u00a0'.repeat(c.depth * 2) + c.name}</option>)}
          </select>
        </div>
        <button type="submit" class="button button--secondary" data-testid="labels-show">{t('print.labels.show')}</button>
      </form>
      {found && (
        <>
          {found.items.length === 0 && <p>{t('print.labels.none')}</p>}
          {found.total > found.items.length && <p class="print-small print-screen-only">{t('print.labels.limited', { shown: found.items.length, total: found.total })}</p>}
          <div class="print-labels" data-testid="print-label-grid">
            {found.items.map((item) => <QrLabel key={item.id} reference={item.reference} label={item.label} barcode={item.barcode} />)}
          </div>
        </>
      )}
    </PrintPage>
  );
}
