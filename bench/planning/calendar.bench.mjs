/**
 * The planning calendar with 2,000 work orders in one week, in headless Chromium (not part
 * of the test suites):
 *   - time from switching the view (the calendar's setOption, no new query) to the week
 *     painted with all 2,000 work orders shown (drawn, or counted in a crowded cell's "+n"
 *     event, planning_core.ts groupCrowded), for the technicians' resource week and the plain
 *     week; median of 7. Named alternative in the same run: the same views with every work
 *     order drawn (localStorage invento.bench.planning_cells = all, no "+n" cells);
 *   - a drop's mutator round trip: task.update {id, planned_start, planned_end} through the
 *     Worker and the C++ core, offline (no sync traffic), p50/p99 of 300, with the calendar
 *     open (it re-reads and re-renders after each change) and with another screen open.
 * The browser has an on-disk profile (launchPersistentContext), as an installed app has: an
 * incognito context keeps OPFS in memory behind the browser process, which made every
 * mutation's commit 8-10 ms here (even a category.create) and hid the core's own cost.
 * Run against a private server and a build:
 *   (cd web && npx vite build --outDir /tmp/dist-planning)
 *   tests/e2e/run-one.sh /tmp/dist-planning ../../bench/planning/calendar.bench.mjs
 * Figures are logged, never asserted (docs/benchmarks.md keeps them).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { coreState, launchPersistent, waitForSync } from '../../tests/e2e/lib/browser.mjs';
import { pushAsAdmin } from '../../tests/e2e/lib/server_api.mjs';

const kOrders = Number(process.env.ORDERS ?? 2000);
const kPeople = 20;

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: at(50), p99: at(99), min: sorted[0], max: sorted.at(-1), n: sorted.length };
}

async function seed() {
  const people = Array.from({ length: kPeople }, () => randomUUID());
  await pushAsAdmin(people.map((id, i) => ['employee.create', { id, name: `Technicien banc ${i + 1}` }]));
  const tasks = [];
  for (let i = 0; i < kOrders; ++i) {
    const day = 2 + (i % 5);  // Monday 2 June 2031 .. Friday
    const hour = 7 + (i % 10);
    const start = new Date(2031, 5, day, hour).getTime();
    tasks.push(['task.create', { id: randomUUID(), title: `OT banc ${i + 1}`, status: 'planned', planned_start: start, planned_end: start + 3_600_000 }]);
  }
  for (let i = 0; i < tasks.length; i += 500) {
    const batch = tasks.slice(i, i + 500);
    await pushAsAdmin([...batch, ...batch.map(([, t], j) => ['task.assign', { id: randomUUID(), task_id: t.id, employee_id: people[(i + j) % kPeople] }])]);
  }
  return tasks.map(([, t]) => t);
}

/** Milliseconds from choosing `view` in the select to `count` work orders shown and a frame painted. */
function switchTo(page, view, count) {
  return page.evaluate(
    ([view, count]) =>
      new Promise((resolve) => {
        const select = document.querySelector('[data-testid="planning-view"]');
        const t0 = performance.now();
        select.value = view;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        const check = () => {
          let n = document.querySelectorAll('.planning-calendar .ec-event.planning-event').length;
          for (const more of document.querySelectorAll('.planning-calendar .ec-event.planning-more')) n += Number(/\+(\d+)/.exec(more.textContent)?.[1] ?? 0);
          if (n >= count) requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
          else requestAnimationFrame(check);
        };
        check();
      }),
    [view, count],
  );
}

test(`planning calendar with ${kOrders} work orders in a week`, { timeout: 900_000 }, async () => {
  let t = Date.now();
  const tasks = await seed();
  console.log(`# seeded ${kOrders} orders for ${kPeople} technicians: ${Date.now() - t} ms`);
  const profile = mkdtempSync(join(tmpdir(), 'invento-bench-planning-'));
  const context = await launchPersistent(profile);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1440, height: 900 });
  try {
    await page.addInitScript(() => localStorage.setItem('invento.bench', '1'));
    await page.goto('/#/settings');
    await coreState(page);
    t = Date.now();
    await waitForSync(page, (s) => s.lastSuccess !== '' && s.state !== 'syncing', 'initial sync', 600_000);
    console.log(`# initial sync: ${Date.now() - t} ms`);
    const rounds = async (what) => {
      await page.evaluate(() => (location.hash = '#/planning/2031-06-02'));
      await page.locator('[data-testid="planning-screen"][data-loaded="true"]').waitFor({ timeout: 120_000 });
      await page.locator('.planning-calendar .ec-event').first().waitFor({ timeout: 120_000 });
      const resource = [];
      const week = [];
      for (let i = 0; i < 8; ++i) {
        const r = await switchTo(page, 'employees', kOrders);
        const w = await switchTo(page, 'week', kOrders);
        if (i > 0) { resource.push(r); week.push(w); }  // the first round warms up
      }
      const drawn = await page.locator('.planning-calendar .ec-event.planning-event').count();
      console.log(`# ${what}: plain week shows ${drawn} events for ${kOrders} orders`);
      console.log(`# ${what}: resource week (technicians), view switch -> ${kOrders} orders shown (ms):`, summary(resource));
      console.log(`# ${what}: plain week (timeGridWeek), view switch -> ${kOrders} orders shown (ms):`, summary(week));
    };
    await rounds('crowded cells grouped (the app)');
    // The alternative: every work order drawn. The flag is read when the chunk loads: reload.
    await page.evaluate(() => { localStorage.setItem('invento.bench.planning_cells', 'all'); location.hash = '#/settings'; });
    await page.reload();
    await coreState(page);
    await rounds('every order drawn (alternative)');
    await page.evaluate(() => localStorage.removeItem('invento.bench.planning_cells'));
    await page.reload();
    await coreState(page);
    await page.evaluate(() => (location.hash = '#/planning/2031-06-02'));
    await page.locator('[data-testid="planning-screen"][data-loaded="true"]').waitFor({ timeout: 120_000 });

    await context.setOffline(true);
    await page.waitForFunction(() => document.querySelector('[data-testid="sync-status"]')?.getAttribute('data-state') === 'offline');
    const trips = (ids) => page.evaluate(async (ids) => {
      const core = window.__inventoCore;
      const out = [];
      const base = new Date(2031, 5, 9, 8).getTime();
      for (let i = 0; i < 320; ++i) {
        const start = base + (i % 40) * 3_600_000;
        const t0 = performance.now();
        await core.mutate('task.update', { id: ids[i % ids.length], planned_start: start, planned_end: start + 3_600_000 });
        if (i >= 20) out.push(performance.now() - t0);
      }
      return out;
    }, ids);
    const ids = tasks.map((x) => x.id);
    // With the calendar open (each change re-reads planning.range and re-renders the week),
    // then with another screen open (the core's round trip alone).
    console.log('# drop mutator round trip, task.update offline, calendar open (ms):', summary(await trips(ids.slice(0, 100))));
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.waitForTimeout(2000);
    console.log('# drop mutator round trip, task.update offline, calendar closed (ms):', summary(await trips(ids.slice(100, 200))));
    console.log(`# load average (1 min) at the end: ${loadavg()[0].toFixed(2)}; ${new Date().toISOString()}`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
