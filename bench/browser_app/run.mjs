#!/usr/bin/env node
/**
 * App-level browser figures of the browser-runtime issue, in one run against a private
 * server (real binary, throwaway database) and the built web app, in headless Chromium:
 *
 *   1. initial sync of N items (default 100,000) into a fresh browser profile: from the
 *      sign-in click to the end of the first sync (the server's snapshot downloaded and
 *      installed, the rest pulled); and the same row by row (snapshots off, a second server
 *      process on the same database) into another fresh profile, unless argv[3] is
 *      "no-compare";
 *   2. mutation and query round trips through the worker (page -> Comlink -> worker ->
 *      C++ core -> OPFS, and back), offline so no sync traffic interferes: p50/p95/p99;
 *   3. app cold start with the network off (service worker + OPFS): navigation to the
 *      first frame showing the signed-in category screen with its rows, median of several
 *      starts.
 *
 * Named references: the PouchDB figures measured on this machine for the issue (100,000
 * documents browser -> server -> fresh browser: 49 s), and for the round trip an empty
 * query through the same worker (the floor of the message path).
 *
 * Run from the repository root after the build (scripts/setup.sh):
 *   node bench/browser_app/run.mjs [items] [no-compare]
 * It uses tests/e2e's playwright-core and the server at build/sync-server/invento-server.
 * The page exposes its core bridge only when localStorage "invento.bench" is "1".
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchPersistent } from '../../tests/e2e/lib/browser.mjs';
import { startPrivateServer } from '../../tests/e2e/lib/test_server.mjs';

const kItems = Number(process.argv[2] ?? 100_000);
const kRoundTrips = 2000;
const kColdStarts = 7;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), n: sorted.length };
}

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

async function seed(base, password) {
  let { token } = await post(base, '/api/login', { username: 'admin', password: 'Admin123!' });
  await post(base, '/api/password', { current_password: 'Admin123!', new_password: password }, token);
  ({ token } = await post(base, '/api/login', { username: 'admin', password }));
  const clientId = randomUUID();
  const started = Date.now();
  for (let first = 1; first <= kItems; first += 1000) {
    const mutations = [];
    for (let id = first; id < Math.min(first + 1000, kItems + 1); ++id) {
      mutations.push({
        id,
        name: 'item.create',
        at: Date.now(),
        args: { id: randomUUID(), reference: `BENCH-${String(id).padStart(6, '0')}`, label: `Roulement à billes ${id} mm` },
      });
    }
    const result = await post(base, '/api/push', { client_id: clientId, mutations }, token);
    const rejected = result.results.filter((r) => r.status !== 'accepted');
    if (rejected.length > 0) throw new Error(`seed rejected: ${JSON.stringify(rejected[0])}`);
  }
  return (Date.now() - started) / 1000;
}

/**
 * Signs in on a fresh profile and times the first sync: from the sign-in click to the sync
 * bar's first "last success". Returns the page (still open), seconds, items on the device.
 */
async function firstSync(context, password) {
  await context.addInitScript(() => localStorage.setItem('invento.bench', '1'));
  const page = await context.newPage();
  await page.goto('/');
  await page.getByTestId('signin-username').waitFor({ timeout: 60_000 });
  await page.getByTestId('signin-username').fill('admin');
  await page.getByTestId('signin-password').fill(password);
  let lastProgress = '';
  const started = Date.now();
  await page.getByTestId('signin-submit').click();
  for (;;) {
    const state = await page.evaluate(() => {
      const status = document.querySelector('[data-testid="sync-status"]');
      const progress = document.querySelector('[data-testid="sync-progress"] label')?.textContent ?? '';
      return { last: status?.getAttribute('data-last-success') ?? '', progress };
    });
    if (state.progress) lastProgress = state.progress;
    if (state.last !== '') break;
    if (Date.now() - started > 600_000) throw new Error('initial sync did not finish in 10 min');
    await page.waitForTimeout(20);
  }
  const syncSeconds = (Date.now() - started) / 1000;
  const total = await page.evaluate(async () => (await window.__inventoCore.query('item.search', { q: '', limit: 1 })).total);
  return { page, syncSeconds, total, lastProgress };
}

const server = await startPrivateServer();
// A normal on-disk profile, as a user's: in an incognito context Chromium keeps OPFS in
// memory behind the browser process, and every file call is several times slower.
const profile = mkdtempSync(join(tmpdir(), 'invento-bench-profile-'));
const context = await launchPersistent(profile, { baseURL: server.baseUrl });
const password = 'Bench-admin-pass-1';
try {
  const base = server.baseUrl;
  console.log(`server ${base}; seeding ${kItems} items…`);
  const seedSeconds = await seed(base, password);
  console.log(`seeded in ${seedSeconds.toFixed(1)} s`);
  const load = loadavg()[0];

  const first = await firstSync(context, password);
  const { page, syncSeconds, total } = first;
  console.log(`initial sync (snapshot path): ${total} items in ${syncSeconds.toFixed(2)} s (progress: ${first.lastProgress})`);

  // Round trips, offline (the sync loop then makes no request).
  await context.setOffline(true);
  await page.waitForFunction(() => document.querySelector('[data-testid="sync-status"]')?.getAttribute('data-state') === 'offline');
  const trips = await page.evaluate(async (count) => {
    const core = window.__inventoCore;
    const query = [];
    const mutate = [];
    for (let i = 0; i < 200; ++i) await core.query('category.list', {});  // warm-up
    for (let i = 0; i < count; ++i) {
      const t0 = performance.now();
      await core.query('category.list', {});
      query.push(performance.now() - t0);
    }
    for (let i = 0; i < count; ++i) {
      const t0 = performance.now();
      await core.mutate('category.create', { id: crypto.randomUUID(), name: `Banc ${i}`, parent_id: null });
      mutate.push(performance.now() - t0);
    }
    return { query, mutate };
  }, kRoundTrips);
  const mutateStats = summary(trips.mutate);
  const queryStats = summary(trips.query);
  console.log('mutation round trip (ms)', mutateStats);
  console.log('empty-list query round trip (ms)', queryStats);

  // Cold starts with the network off: a new page each time (the previous one closed first).
  await page.close();
  const starts = [];
  for (let i = 0; i < kColdStarts; ++i) {
    // The previous page's worker must be gone (its OPFS handles released), as when the app
    // is launched again later: give Chromium a moment after closing it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const cold = await context.newPage();
    // Measured in the page: the first frame after the signed-in screen shows its rows
    // (a DOM observer notes the moment, the next animation frame is when it is painted).
    // Polling from Node instead added the harness's own round trips (~100 ms) to each start.
    await cold.addInitScript(() => {
      const shown = () =>
        document.querySelector('[data-testid="app-main"]')?.getAttribute('data-user') === 'admin' &&
        document.querySelector('[data-testid="category-item"]') !== null;
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        requestAnimationFrame(() => { window.__shownAt = performance.now(); });
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true });
    });
    const t0 = Date.now();
    await cold.goto('/#/categories');
    await cold.waitForFunction(() => window.__shownAt !== undefined, undefined, { timeout: 30_000 });
    const ms = await cold.evaluate(() => window.__shownAt);
    const timings = await cold.evaluate(async () => (await window.__inventoCore.ready).timings);
    starts.push(ms);
    console.log(`cold start offline #${i + 1}: ${ms.toFixed(0)} ms (wall ${Date.now() - t0} ms); opening the database: ${JSON.stringify(timings)}`);
    await cold.close();
  }
  const startStats = summary(starts);

  // Named alternative in the same run: the same first sync pulled row by row (pages of 5,000
  // rows, each applied and indexed by the core), from a second server process on the SAME
  // database with snapshots off, into another fresh profile.
  let rowByRow = null;
  if (process.argv[3] !== 'no-compare') {
    const second = await startPrivateServer({ DATABASE_URL: join(server.webRoot, '..', 'invento.db'), SNAPSHOT_MIN_VERSION: '0' });
    const profile2 = mkdtempSync(join(tmpdir(), 'invento-bench-profile-'));
    const context2 = await launchPersistent(profile2, { baseURL: second.baseUrl });
    try {
      const r = await firstSync(context2, password);
      rowByRow = { seconds: r.syncSeconds, items: r.total };
      console.log(`initial sync (row by row, snapshots off): ${r.total} items in ${r.syncSeconds.toFixed(2)} s (progress: ${r.lastProgress})`);
    } finally {
      await context2.close();
      await second.stop();
      rmSync(profile2, { recursive: true, force: true });
    }
  }
  console.log(JSON.stringify({
    date: new Date().toISOString(),
    chromium: context.browser()?.version() ?? 'persistent context',
    load_average_1m_at_start: load,
    items: kItems,
    seed_push_seconds: seedSeconds,
    initial_sync_seconds: syncSeconds,
    items_in_browser: total,
    initial_sync_row_by_row: rowByRow,
    mutation_round_trip_ms: mutateStats,
    query_round_trip_ms: queryStats,
    cold_start_offline_ms: startStats,
  }, null, 2));
} finally {
  await context.close();
  await server.stop();
  rmSync(profile, { recursive: true, force: true });
}
