/**
 * The one wrapper around the calendar library (@event-calendar/core, MIT, Svelte-built):
 * creates it on mount, passes changed options with setOption, destroys it on unmount. Its CSS
 * is imported here so that it only ships in the planning chunk.
 */
import { type Calendar, createCalendar, DayGrid, destroyCalendar, Interaction, ResourceTimeline, TimeGrid } from '@event-calendar/core';
import '@event-calendar/core/index.css';
import { useEffect, useRef } from 'preact/hooks';

export type CalendarOptions = Calendar.Options;

const kPlugins = [DayGrid, TimeGrid, ResourceTimeline, Interaction];
/** Read by the library at creation only: the resource week has one column per day. */
const kViews: NonNullable<CalendarOptions['views']> = { resourceTimelineWeek: { slotDuration: { days: 1 } } };

/**
 * The library's grid roles are not valid ARIA in several views (role="row" and "rowheader"
 * outside their required parents, a rowgroup without rows: axe-core critical). They are
 * dropped: the layout is read as plain text, each event stays a focusable, labelled button
 * opening our dialog. Day headers keep a data attribute for the tests.
 */
const kGridRoles = new Set(['table', 'grid', 'rowgroup', 'row', 'columnheader', 'rowheader', 'cell', 'gridcell']);
function repairRoles(root: HTMLElement): void {
  for (const el of root.querySelectorAll('[role]')) {
    const role = el.getAttribute('role') ?? '';
    if (!kGridRoles.has(role)) continue;
    if (role === 'columnheader') el.setAttribute('data-planning-head', '');
    el.removeAttribute('role');
    el.removeAttribute('aria-colindex');
    el.removeAttribute('aria-colspan');
  }
}

/** `hold()` true (an event is being dragged): option changes wait for the next render. */
export function CalendarView({ options, onReady, hold }: { options: CalendarOptions; onReady?: (calendar: Calendar) => void; hold?: () => boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const calendar = useRef<Calendar | null>(null);
  const applied = useRef<CalendarOptions>({});
  useEffect(() => {
    if (host.current === null) return undefined;
    const created = createCalendar(host.current, kPlugins, { ...options, views: kViews });
    calendar.current = created;
    applied.current = { ...options };
    onReady?.(created);
    const element = host.current;
    const observer = new MutationObserver(() => repairRoles(element));
    observer.observe(element, { childList: true, subtree: true, attributes: true, attributeFilter: ['role'] });
    repairRoles(element);
    return () => {
      observer.disconnect();
      calendar.current = null;
      void destroyCalendar(created);
    };
  }, []);
  useEffect(() => {
    const current = calendar.current;
    if (current === null || hold?.() === true) return;
    for (const key of Object.keys(options) as (keyof CalendarOptions)[]) {
      if (applied.current[key] === options[key]) continue;
      current.setOption(key, options[key]);
    }
    applied.current = { ...options };
  });
  return <div ref={host} class="planning-calendar" data-testid="planning-calendar" />;
}
