/**
 * Unit tests of the planning calendar's crowded cells (src/planning/planning_core.ts
 * groupCrowded through buildEvents): a day cell of a row keeps at most its limit of drawn
 * events, the rest become one "+n" event carrying exactly the hidden work orders; a work
 * order on two rows stays drawn where it fits; multi-day work orders and uncrowded cells are
 * untouched.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlanningTask } from '../src/core/contracts/maintenance';
import { makeI18n } from '../src/i18n/i18n';
import { buildEvents, type CalendarEvent, kCellLimit, type PlanningView } from '../src/planning/planning_core';

const i18n = makeI18n('en', () => undefined);

function task(id: string, day: string, hour: number, employees: string[], days = 1): PlanningTask {
  const start = new Date(`${day}T00:00:00`);
  start.setHours(hour);
  const end = new Date(start.getTime() + (days === 1 ? 3_600_000 : days * 86_400_000));
  return {
    id, title: `Order ${id}`, status: 'planned', type: 'corrective', priority: 'normal', project_id: null, asset_id: null,
    location_id: null, planned_start: start.getTime(), planned_end: end.getTime(), due_date: null,
    first_day: day, last_day: days === 1 ? day : '2031-06-0' + String(1 + days), employees, teams: [],
  };
}

function events(tasks: PlanningTask[], view: PlanningView): CalendarEvent[] {
  return buildEvents(i18n, {
    range: { tasks, projects: [], absences: [], conflicts: [] }, due: [], view, type: '', members: new Map(), from: '2031-06-02', to: '2031-06-08',
  });
}

const drawn = (list: CalendarEvent[]) => list.filter((e) => e.extendedProps.task !== undefined);
const summaries = (list: CalendarEvent[]) => list.filter((e) => e.extendedProps.more !== undefined);

test('a crowded technician-day keeps limit - 1 orders and one "+n" event with the others', () => {
  const limit = kCellLimit.employees;
  const tasks = Array.from({ length: 10 }, (_, i) => task(`a${i}`, '2031-06-02', 7 + i, ['alice']));
  const out = events(tasks, 'employees');
  assert.deepEqual(drawn(out).map((e) => e.id), ['a0', 'a1'].slice(0, limit - 1), 'the earliest stay');
  const [more, ...rest] = summaries(out);
  assert.equal(rest.length, 0);
  assert.deepEqual(more!.resourceIds, ['alice']);
  assert.equal(more!.start, '2031-06-02');
  assert.equal(more!.title, `+${10 - (limit - 1)} more work orders`);
  assert.deepEqual(more!.extendedProps.more!.map((t) => t.id), tasks.slice(limit - 1).map((t) => t.id), 'exactly the hidden ones, in order');
  assert.equal(more!.editable, false, 'a summary is not dragged');
});

test('cells at the limit, other days and other rows are not grouped', () => {
  const limit = kCellLimit.employees;
  const tasks = [
    ...Array.from({ length: limit }, (_, i) => task(`b${i}`, '2031-06-03', 8 + i, ['bob'])),
    task('c0', '2031-06-04', 9, ['bob']),
    task('d0', '2031-06-03', 9, ['dora']),
  ];
  const out = events(tasks, 'employees');
  assert.equal(summaries(out).length, 0);
  assert.equal(drawn(out).length, tasks.length);
});

test('an order on two rows is hidden only in the crowded one; multi-day orders always drawn', () => {
  const crowd = Array.from({ length: 5 }, (_, i) => task(`e${i}`, '2031-06-05', 7 + i, ['eve']));
  const shared = task('s', '2031-06-05', 20, ['eve', 'finn']);
  const long = task('l', '2031-06-05', 6, ['eve'], 3);
  const out = events([...crowd, shared, long], 'employees');
  const sharedOut = drawn(out).find((e) => e.id === 's');
  assert.deepEqual(sharedOut?.resourceIds, ['finn'], 'still drawn in the row where it fits');
  const more = summaries(out).find((e) => e.resourceIds[0] === 'eve');
  assert.ok(more?.extendedProps.more!.some((t) => t.id === 's'), 'and listed behind "+n" in the crowded row');
  assert.ok(drawn(out).some((e) => e.id === 'l'), 'the three-day order is drawn');
});

test('the plain week groups per day with its own limit; 2,000 orders become a few hundred events', () => {
  const tasks = Array.from({ length: 2000 }, (_, i) => task(`w${i}`, `2031-06-0${2 + (i % 5)}`, 7 + (i % 10), [`p${Math.floor(i / 5) % 20}`]));
  const week = events(tasks, 'week');
  assert.equal(drawn(week).length, 5 * (kCellLimit.week - 1));
  assert.equal(summaries(week).length, 5);
  const resource = events(tasks, 'employees');
  assert.equal(drawn(resource).length + summaries(resource).length, 20 * 5 * kCellLimit.employees);
  const represented = drawn(resource).length + summaries(resource).reduce((n, e) => n + e.extendedProps.more!.length, 0);
  assert.equal(represented, 2000, 'every order is drawn or listed');
});
