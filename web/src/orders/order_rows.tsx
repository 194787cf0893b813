/**
 * The desk's virtualised rows (the stock list's useVirtualizer, fixed 72 px rows): only the
 * rows in view are in the page, each asked from the source as it scrolls into view. A row
 * shows the title (a link to the edit form for planners, to the read-only detail otherwise),
 * status, priority, due day, asset or site, and assignees; planners get a checkbox per row.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { href } from '../shell/route';
import { useVirtualizer } from '../stock/use_virtualizer';
import { priorityLabel, statusLabel } from '../work/work_core';
import type { OrderRow } from './contract';
import type { OrderSource } from './order_source';
import { formatWhen, shortDay } from './orders_core';

export const kRowHeight = 72;

interface Props {
  source: OrderSource;
  query: string;
  selectable: boolean;
  editable: boolean;
  selected: Map<string, OrderRow>;
  onToggle(row: OrderRow, on: boolean): void;
}

export function OrderRows({ source, query, selectable, editable, selected, onToggle }: Props) {
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
    <div ref={scroller} class="orders-list" style={{ height: `${height}px` }} data-testid="orders-list" tabIndex={-1} aria-busy={source.count === null ? 'true' : 'false'}>
      <ul class="orders-list__inner" style={{ height: `${virtualizer.getTotalSize()}px` }} aria-label={t('orders.list.title')}>
        {rows.map((virtual) => {
          const row = source.row(virtual.index);
          return (
            <li key={virtual.index} class={`orders-row${selectable ? ' orders-row--selectable' : ''}`}
              style={{ transform: `translateY(${virtual.start}px)`, height: `${kRowHeight}px` }}
              aria-setsize={count} aria-posinset={virtual.index + 1} data-testid="orders-row" data-index={virtual.index} data-id={row?.id ?? ''}>
              {row === undefined ? (
                <span class="orders-row__placeholder" aria-hidden="true" />
              ) : (
                <>
                  {selectable && (
                    <label class="orders-row__check">
                      <input type="checkbox" checked={selected.has(row.id)} onChange={(e) => onToggle(row, e.currentTarget.checked)}
                        data-testid="orders-row-select" />
                      <span class="visually-hidden">{t('orders.list.select', { title: row.title })}</span>
                    </label>
                  )}
                  <a class="orders-row__link" href={editable ? href('orders', row.id) : href('work', row.id)} data-testid="orders-row-link">
                    <span class="orders-row__title" data-testid="orders-row-title">{row.title}</span>
                    <span class="orders-row__meta">
                      <span class={`work-status work-status--${row.status}`} data-testid="orders-row-status">{statusLabel(i18n, row.status)}</span>
                      <span class={`orders-priority orders-priority--${row.priority}`}>{priorityLabel(i18n, row.priority)}</span>
                    </span>
                    <span class="orders-row__due">{row.due_date ? t('orders.list.due', { day: shortDay(i18n, row.due_date) }) : t('orders.list.no_due')}</span>
                    <span class="orders-row__where">
                      {[row.planned_start !== null ? formatWhen(i18n, row.planned_start) : null, row.asset, row.location].filter(Boolean).join(' · ')}
                    </span>
                    <span class="orders-row__who" data-testid="orders-row-who">{row.assignees ?? t('orders.list.unassigned')}</span>
                  </a>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
