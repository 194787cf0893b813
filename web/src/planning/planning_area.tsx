/**
 * THE PLANNING CALENDAR (#/planning): month, week, day, and the resource view (one row per
 * technician or per team) of planning.range for the visible days, with absences and the
 * preventive work the core says is due. Dragging an event (when the role may run
 * task.update / task.assign) runs the core's mutators (planning_moves.ts); the core's warnings
 * and refusals show in a live region above the calendar, a refused drop goes back.
 */
import type { Calendar } from '@event-calendar/core';
import { useMemo, useRef, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { CoreError } from '../core/core_error';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { useRouteFilters } from '../shell/route';
import { type CalendarOptions, CalendarView } from './calendar_view';
import type { PlanningTask } from './contract';
import { EventDialog } from './event_dialog';
import { MoreDialog } from './more_dialog';
import { buildEvents, dayOf, daysBetween, isResourceView, kNobody, libraryView, type PlanningView, rangeOf, type Resource, taskShape } from './planning_core';
import { applyMove, type Move } from './planning_moves';
import { type PlanningFilters, PlanningToolbar } from './planning_toolbar';
import './planning.css';

/** bench/planning/calendar.bench.mjs's alternative: every work order drawn, no "+n" cells. */
const kDrawAll = typeof localStorage !== 'undefined' && localStorage.getItem('invento.bench.planning_cells') === 'all';

interface Named { id: string; name: string; archived?: boolean; members?: { employee_id: string }[] }

/** `path`: [] this week, or ['YYYY-MM-DD'] the period around that day (a deep link). */
export function PlanningArea({ path }: { path: string[] }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const [view, setView] = useState<PlanningView>('week');
  // The address may carry a team or a site (a dashboard widget's link).
  const [filters, setFilters] = useRouteFilters<PlanningFilters>((q) => ({ team: q.get('team') ?? '', site: q.get('site') ?? '', type: '' }));
  const [range, setRange] = useState<{ from: string; to: string; title: string } | null>(null);
  const [messages, setMessages] = useState<{ warnings: string[]; error: string | null }>({ warnings: [], error: null });
  const [open, setOpen] = useState<PlanningTask | null>(null);
  // The work orders behind a "+n" event of a crowded cell.
  const [more, setMore] = useState<{ day: string; tasks: PlanningTask[] } | null>(null);
  const calendar = useRef<Calendar | null>(null);
  // A sync that brings rows during a drag must not redraw the calendar under the pointer.
  const dragging = useRef(false);

  const lists = useLoaded(async () => {
    const [employees, teams, sites] = await Promise.all([
      core.query('employee.list', {}), core.query('team.list', {}), core.query('location.list', {}),
    ]);
    return { employees: employees.items as Named[], teams: teams.items as Named[], sites: sites.items as Named[] };
  }, [core]);
  const data = useLoaded(async () => {
    if (range === null) return null;
    const [planning, due] = await Promise.all([
      core.query('planning.range', { from: range.from, to: range.to, ...(filters.team ? { team_id: filters.team } : {}), ...(filters.site ? { site_id: filters.site } : {}) }),
      core.query('pm.due', { as_of: range.from, horizon_days: daysBetween(range.from, range.to) }),
    ]);
    return { planning, due: due.items };
  }, [core, range?.from, range?.to, filters.team, filters.site]);

  const members = useMemo(() => new Map((lists.data?.teams ?? []).map((team) => [team.id, (team.members ?? []).map((m) => m.employee_id)])), [lists.data]);
  const rows: Resource[] = useMemo(() => {
    const nobody = { id: kNobody, title: t('planning.nobody') };
    if (view === 'teams') return [...(lists.data?.teams ?? []).filter((x) => !x.archived && (!filters.team || x.id === filters.team)).map((x) => ({ id: x.id, title: x.name })), nobody];
    const inTeam = filters.team ? new Set(members.get(filters.team) ?? []) : null;
    return [...(lists.data?.employees ?? []).filter((x) => !x.archived && (inTeam === null || inTeam.has(x.id))).map((x) => ({ id: x.id, title: x.name })), nobody];
  }, [lists.data, view, filters.team, members, t]);
  const events = useMemo(() => {
    if (data.data === null || range === null) return [];
    return buildEvents(i18n, { range: data.data.planning, due: data.data.due, view, type: filters.type, members, from: range.from, to: range.to, ...(kDrawAll ? { cellLimit: Infinity } : {}) });
  }, [data.data, view, filters.type, members, i18n, range?.from, range?.to]);

  const rowKind: 'team' | 'employee' | null = view === 'teams' ? 'team' : view === 'employees' ? 'employee' : null;
  const run = async (move: Move, revert?: () => void) => {
    setMessages({ warnings: [], error: null });
    try {
      const warnings = await applyMove(core, i18n, move);
      setMessages({ warnings, error: null });
    } catch (thrown) {
      revert?.();
      setMessages({ warnings: [], error: coreErrorMessage(i18n, 'planning', CoreError.from(thrown)) });
    }
    data.reload();
  };
  const handlers = useRef({ run, rowKind });
  handlers.current = { run, rowKind };

  const options = useMemo<CalendarOptions>(() => ({
    view: libraryView(view),
    ...(path[0] !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(path[0]) ? { date: path[0] } : {}),
    headerToolbar: { start: '', center: '', end: '' },
    locale: i18n.language,
    firstDay: 1,
    allDayContent: t('planning.all_day'),
    height: view === 'week' || view === 'day' ? '640px' : 'auto',
    scrollTime: '07:00:00',
    editable: can('task.update'),
    eventStartEditable: can('task.update'),
    eventDurationEditable: false,
    resources: rows,
    events: events as unknown as NonNullable<CalendarOptions['events']>,
    datesSet: (info) => {
      const { from, to } = rangeOf(info.start, info.end);
      const title = info.view.title;
      setRange((old) => (old !== null && old.from === from && old.to === to && old.title === title ? old : { from, to, title }));
    },
    eventClick: (info) => {
      const props = info.event.extendedProps as { task?: PlanningTask; more?: PlanningTask[] };
      if (props.task !== undefined) setOpen(props.task);
      else if (props.more !== undefined && info.event.start !== null) setMore({ day: dayOf(info.event.start), tasks: props.more });
    },
    eventDragStart: () => {
      dragging.current = true;
    },
    eventDragStop: () => {
      dragging.current = false;
    },
    eventDrop: (info) => {
      const task = (info.event.extendedProps as { task?: PlanningTask }).task;
      if (task === undefined || info.event.start === null) return info.revert();
      const move: Move = { task };
      const delta = info.event.start.getTime() - (info.oldEvent.start?.getTime() ?? 0);
      if (delta !== 0) {
        const shape = taskShape(task);
        if (shape === 'due') move.times = { due_date: dayOf(info.event.start) };
        else move.times = { planned_start: (task.planned_start ?? 0) + delta, planned_end: shape === 'window' ? (task.planned_end ?? 0) + delta : null };
      }
      const kind = handlers.current.rowKind;
      if (kind !== null && info.oldResource !== undefined && info.newResource !== undefined) {
        if (kind === 'employee' ? !can('task.assign') : !can('task.assign')) return info.revert();
        move.row = { kind, from: info.oldResource.id, to: info.newResource.id };
      }
      void handlers.current.run(move, info.revert);
    },
  }), [view, i18n, rows, events, can, path[0], t]);

  const step = (which: 'prev' | 'today' | 'next') => {
    const c = calendar.current;
    if (c === null) return;
    if (which === 'prev') c.prev();
    else if (which === 'next') c.next();
    else c.gotoDate(new Date());
  };
  const loadError = data.error ?? lists.error;
  return (
    <section class="planning" data-testid="planning-screen" data-view={view} data-from={range?.from ?? ''} data-loaded={data.data !== null ? 'true' : 'false'}>
      <h1 class="visually-hidden">{t('nav.planning')}</h1>
      <PlanningToolbar
        title={range?.title ?? ''}
        view={view}
        filters={filters}
        teams={(lists.data?.teams ?? []).filter((x) => !x.archived)}
        sites={lists.data?.sites ?? []}
        onView={setView}
        onFilters={setFilters}
        onStep={step}
      />
      <div class="planning-messages" role="status" aria-live="polite" data-testid="planning-messages">
        {messages.error !== null && <p class="planning-messages__error" data-testid="planning-error">{messages.error}</p>}
        {messages.warnings.length > 0 && (
          <ul class="planning-messages__warnings">
            {messages.warnings.map((w, i) => <li key={i} data-testid="planning-warning">{w}</li>)}
          </ul>
        )}
        {loadError !== null && <p class="planning-messages__error">{coreErrorMessage(i18n, 'planning', loadError)}</p>}
      </div>
      <p class="planning-hint">{can('task.update') ? t('planning.hint_edit') : t('planning.hint_read')}</p>
      <CalendarView options={options} onReady={(c) => (calendar.current = c)} hold={() => dragging.current} />
      {more !== null && open === null && (
        <MoreDialog
          day={more.day}
          tasks={more.tasks}
          onClose={() => setMore(null)}
          onPick={(task) => {
            setMore(null);
            setOpen(task);
          }}
        />
      )}
      {open !== null && (
        <EventDialog
          task={open}
          rows={isResourceView(view) ? rows : []}
          rowKind={rowKind}
          onClose={() => setOpen(null)}
          onSave={(move) => {
            setOpen(null);
            void run(move);
          }}
        />
      )}
    </section>
  );
}
