#!/usr/bin/env node
/**
 * The dashboard, in headless Chromium: time from navigation (location.hash = "#/dashboard",
 * from the settings screen) to every widget painted (the grid's data-painted="yes": numbers,
 * tables and lists rendered, charts drawn by Chart.js). Median of several runs, and in the
 * same run the named alternative: the widgets' figures asked of the core one after the other
 * (localStorage "invento.bench.dashboard_fetch" = "sequential") instead of all at once. The
 * first opening (the dashboard's and Chart.js's chunks not loaded yet) is reported apart.
 *
 *   node bench/dashboard/dashboard.bench.mjs [--items N] [--orders N] [--movements N] [--runs N]
 *       a private server (WEB_DIST: the built web app, default web/dist) seeded with N items
 *       in 10 categories, each with a stock receipt, N work orders (defaults 5000, 2000) over
 *       40 projects, assigned to 20 technicians and spread over a year (about 55 a day for
 *       20,000: done up to two weeks ago, open after), and N more stock movements (receipts,
 *       issues and transfers over 4 locations; default 0) — the issue's database is
 *       --items 100000 --movements 900000 --orders 20000 (1,000,000 movements in all);
 *   node bench/dashboard/dashboard.bench.mjs --url http://host:port --user NAME --password PW
 *       [--profile DIR] [--runs N]
 *       an existing server and its data (e.g. the 100k items / 1M movements / 20k work
 *       orders database): nothing is seeded; --profile reuses a browser profile that has
 *       already synced, so the initial sync is not paid again.
 * The user sees their dashboard (their role's default layout when they have none).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchPersistent } from '../../tests/e2e/lib/browser.mjs';
import { startPrivateServer } from '../../tests/e2e/lib/test_server.mjs';

const { values: opts } = parseArgs({
  options: {
    url: { type: 'string' },
    user: { type: 'string', default: 'admin' },
    password: { type: 'string', default: 'Bench-admin-pass-1' },
    profile: { type: 'string' },
    items: { type: 'string', default: '5000' },
    orders: { type: 'string', default: '2000' },
    movements: { type: 'string', default: '0' },
    runs: { type: 'string', default: '9' },
  },
});
const kRuns = Number(opts.runs);

async function post(base, path, body, token) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function pushAll(base, token, mutations) {
  const clientId = randomUUID();
  for (let first = 0; first < mutations.length; first += 1000) {
    const batch = mutations.slice(first, first + 1000).map(([name, args], i) => ({ id: first + i + 1, name, at: Date.now(), args }));
    const result = await post(base, '/api/push', { client_id: clientId, mutations: batch }, token);
    const rejected = result.results.filter((r) => r.status !== 'accepted');
    if (rejected.length > 0) throw new Error(`seed rejected: ${JSON.stringify(rejected[0])}`);
  }
}

/** Items in 10 categories with a receipt each (some under their minimum), more movements,
 * projects, technicians and work orders assigned to them. */
async function seed(base) {
  let { token } = await post(base, '/api/login', { username: 'admin', password: 'Admin123!' });
  await post(base, '/api/password', { current_password: 'Admin123!', new_password: opts.password }, token);
  ({ token } = await post(base, '/api/login', { username: 'admin', password: opts.password }));
  const places = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const [store] = places;
  const categories = Array.from({ length: 10 }, () => randomUUID());
  const m = places.map((id, i) => ['location.create', { id, kind: i < 2 ? 'warehouse' : 'vehicle', name: `Lieu banc ${i + 1}` }]);
  categories.forEach((id, i) => m.push(['category.create', { id, name: `Catégorie ${i + 1}`, parent_id: null }]));
  const items = [];
  for (let n = 0; n < Number(opts.items); n += 1) {
    const id = randomUUID();
    items.push(id);
    m.push(['item.create', { id, reference: `DB-${n}`, label: `Article ${n}`, category_id: categories[n % 10], unit_price_cents: 100 + (n % 900), min_qty: n % 7 === 0 ? '50' : undefined }]);
    m.push(['stock.receipt', { id: randomUUID(), item_id: id, location_id: store, qty: String(1 + (n % 40)) }]);
  }
  // Receipts into every place, then issues and transfers that stay within what was received.
  for (let n = 0; n < Number(opts.movements); n += 1) {
    const item_id = items[n % items.length];
    const round = Math.floor(n / items.length);
    const place = places[round % places.length];
    if (round % 3 === 0) m.push(['stock.receipt', { id: randomUUID(), item_id, location_id: place, qty: '5' }]);
    else if (round % 3 === 1) m.push(['stock.transfer', { id: randomUUID(), item_id, from_location_id: places[(round - 1) % places.length], to_location_id: place, qty: '2' }]);
    else m.push(['stock.issue', { id: randomUUID(), item_id, location_id: places[(round - 1) % places.length], qty: '1' }]);
  }
  const people = Array.from({ length: 20 }, () => randomUUID());
  people.forEach((id, i) => m.push(['employee.create', { id, name: `Technicien banc ${i + 1}` }]));
  const projects = Array.from({ length: 40 }, () => randomUUID());
  projects.forEach((id, i) => m.push(['project.create', { id, code: `PB-${i + 1}`, name: `Projet banc ${i + 1}`, status: 'active', budget_cents: 5_000_000 }]));
  // Work orders spread as a 20-technician company makes them: about 55 a day over a year
  // (nine months back, three ahead), done in the past, open from two weeks ago on.
  const day = 86_400_000;
  const today = Date.now() - (Date.now() % day);
  for (let n = 0; n < Number(opts.orders); n += 1) {
    const id = randomUUID();
    const offset = (n % 365) - 270;
    const start = today + offset * day + (7 + (n % 10)) * 3_600_000;
    m.push(['task.create', { id, title: `OT ${n}`, status: n % 9 === 0 ? 'draft' : 'planned', type: ['corrective', 'preventive', 'inspection'][n % 3], due_date: n % 5 === 0 ? '2020-01-01' : '2031-06-01', project_id: projects[n % projects.length], planned_start: start, planned_end: start + 2 * 3_600_000, estimated_hours: '2' }]);
    m.push(['task.assign', { id: randomUUID(), task_id: id, employee_id: people[n % people.length] }]);
    if (n % 9 === 0) continue;
    if (offset < 0) m.push(['task.set_status', { id: randomUUID(), task_id: id, status: 'in_progress' }]);
    if (offset < -14) m.push(['task.set_status', { id: randomUUID(), task_id: id, status: 'done', completion_note: 'Fait (banc)' }]);
  }
  const started = Date.now();
  await pushAll(base, token, m);
  return (Date.now() - started) / 1000;
}

async function signIn(page) {
  await page.goto('/#/settings');
  await page.waitForFunction(() => document.querySelector('[data-testid="signin-screen"]') || document.querySelector('[data-testid="screen-settings"]'), undefined, { timeout: 60_000 });
  if ((await page.getByTestId('signin-screen').count()) > 0) {
    await page.getByTestId('signin-username').fill(opts.user);
    await page.getByTestId('signin-password').fill(opts.password);
    await page.getByTestId('signin-submit').click();
  }
  await page.getByTestId('screen-settings').waitFor({ timeout: 60_000 });
  // The first sync done (the dashboard then reads a settled database).
  await page.waitForFunction(() => (document.querySelector('[data-testid="sync-status"]')?.getAttribute('data-last-success') ?? '') !== '', undefined, { timeout: 1_800_000, polling: 200 });
}

/** Milliseconds from leaving #/settings for #/dashboard to the grid saying every widget is painted. */
async function openOnce(page, mode) {
  await page.evaluate((mode) => {
    localStorage.setItem('invento.bench.dashboard_fetch', mode);
    location.hash = '#/settings';
  }, mode);
  await page.getByTestId('screen-settings').waitFor();
  await page.waitForTimeout(300);
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const t0 = performance.now();
        const phases = {};
        location.hash = '#/dashboard';
        const check = () => {
          const now = performance.now() - t0;
          const grid = document.querySelector('[data-testid="dashboard-grid"]');
          if (grid && phases.layout === undefined && grid.children.length > 0) phases.layout = now;
          if (grid && phases.figures === undefined && grid.children.length > 0 && !grid.querySelector('[data-state="loading"]')) phases.figures = now;
          if (grid?.getAttribute('data-painted') === 'yes' && (grid.children.length > 0 || grid.getAttribute('data-count') === '0')) resolve({ total: now, ...phases });
          else if (now > 60_000) reject(new Error('the dashboard was not painted in 60 s'));
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
}

/** The core's default office layout (core/dashboard/widgets.cc), for cores without defaults. */
const kOfficeLayout = [
  ['number', 'dashboard.items_under_min', {}, 4],
  ['number', 'dashboard.tasks', {}, 4],
  ['number', 'dashboard.maintenance_kpis', {}, 4],
  ['bar', 'dashboard.tasks', {}, 6],
  ['bar', 'dashboard.stock_by_category', {}, 6],
  ['bar', 'dashboard.work_orders', {}, 6],
  ['table', 'dashboard.cost_vs_budget', {}, 12],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = opts.url ? null : await startPrivateServer();
const base = opts.url ?? server.baseUrl;
const profile = opts.profile ?? mkdtempSync(join(tmpdir(), 'invento-bench-dash-'));
let context;
try {
  if (server) console.log(`private server ${base}: seeded ${opts.items} items, ${opts.orders} work orders in ${(await seed(base)).toFixed(1)} s`);
  context = await launchPersistent(profile, { baseURL: base });
  await context.addInitScript(() => localStorage.setItem('invento.bench', '1'));
  const page = context.pages()[0] ?? (await context.newPage());
  const t = Date.now();
  await signIn(page);
  console.log(`signed in and synced in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  let first = (await openOnce(page, 'parallel')).total;
  if ((await page.getByTestId('widget').count()) === 0) {
    // A core without default layouts (before dashboard.reset): the office layout added as
    // the user's own widgets, through the page's core bridge.
    await page.evaluate(async (layout) => {
      for (const [type, data_source, filters, width] of layout) {
        await window.__inventoCore.mutate('dashboard.widget_add', { id: crypto.randomUUID(), type, data_source, filters, width });
      }
    }, kOfficeLayout);
    console.log('no default layout in this core: the office layout added as own widgets');
    first = (await openOnce(page, 'parallel')).total;
  }
  const widgets = await page.getByTestId('widget').evaluateAll((ws) => ws.map((w) => `${w.dataset.source.replace('dashboard.', '')}/${w.dataset.type}`));
  console.log(`widgets (${widgets.length}): ${widgets.join(', ')}`);
  console.log(`first opening (chunks not loaded yet): ${first.toFixed(0)} ms`);
  const samples = { parallel: [], sequential: [] };
  const phases = { parallel: [], sequential: [] };
  for (let i = 0; i < kRuns; i += 1) {
    for (const mode of i % 2 === 0 ? ['parallel', 'sequential'] : ['sequential', 'parallel']) {
      const run = await openOnce(page, mode);
      samples[mode].push(run.total);
      phases[mode].push(run);
    }
  }
  for (const [mode, xs] of Object.entries(samples)) {
    console.log(`${mode.padEnd(10)} median ${median(xs).toFixed(0)} ms  (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}; ${xs.map((x) => x.toFixed(0)).join(' ')})`);
    const p = phases[mode];
    console.log(`${''.padEnd(10)} of which: layout shown ${median(p.map((r) => r.layout)).toFixed(0)} ms, every figure back ${median(p.map((r) => r.figures)).toFixed(0)} ms (medians)`);
  }
  // Where the time goes: each widget's query alone through the worker (median of 3).
  const perQuery = await page.evaluate(async () => {
    const { items } = await window.__inventoCore.query('dashboard.widgets', {});
    const out = [];
    for (const w of items) {
      const times = [];
      for (let i = 0; i < 3; i += 1) {
        const t0 = performance.now();
        await window.__inventoCore.query(w.data_source, w.filters);
        times.push(performance.now() - t0);
      }
      out.push(`${w.data_source.replace('dashboard.', '')} ${times.sort((a, b) => a - b)[1].toFixed(0)} ms`);
    }
    // What else the landing screen asks (the getting-started list, the alerts badge).
    for (const [name, args] of [['item.search', { q: '', include_archived: true, limit: 1 }], ['location.list', { include_archived: true }], ['employee.list', { include_archived: true }], ['alert.list', {}], ['dashboard.widgets', {}]]) {
      const t0 = performance.now();
      await window.__inventoCore.query(name, args);
      out.push(`[${name} ${(performance.now() - t0).toFixed(0)} ms]`);
    }
    return out;
  });
  console.log(`each widget's query alone: ${perQuery.join(', ')}`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; ${new Date().toISOString()}`);
  await page.evaluate(() => localStorage.removeItem('invento.bench.dashboard_fetch'));
} finally {
  await context?.close();
  await server?.stop();
  if (!opts.profile) rmSync(profile, { recursive: true, force: true });
}
