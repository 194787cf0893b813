#!/usr/bin/env node
/**
 * Runs the browser SQLite benchmark in ONE headless Chromium (playwright-core driving
 * /usr/bin/chromium) and prints medians as a markdown table (docs/benchmarks.md, "Browser
 * SQLite"). Serves the pages, the workers, the official package and our module(s) from a
 * static server on 127.0.0.1 (a secure context: OPFS works there).
 *
 *   node run.mjs [--reps 5] [--variant ours=DIR]... [--core NAME=DIR]... [--mutations 300]
 *                [--json FILE] [--scale 0.1]
 *
 * --variant: a directory holding invento_sqlite_bench.mjs + .wasm (bench/browser/CMakeLists.txt),
 *   optionally followed by @SQL: the connection settings run at open instead of the default
 *   (rollback journal, synchronous=FULL), e.g. 'ours-app=DIR@PRAGMA locking_mode=EXCLUSIVE; ...';
 *   default ours=<repo>/build-wasm-bench/bench/browser/dist. Several may be given (e.g. an
 *   -O2 build next to the -Oz one): each is measured against the same official build.
 * --core: a directory holding invento_core.mjs + .wasm: times `category.create` round trips
 *   page -> worker -> core -> page on OPFS (the app's mutation path).
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg, tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { median, percentile } from './src/bench_data.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '../..');

function parseArgs(argv) {
  const opts = { reps: 5, variants: [], core: [], mutations: 300, json: null, scale: 1 };
  for (let i = 0; i < argv.length; ++i) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const pair = () => {
      const at = value.indexOf('=');
      const [dir, pragmas = ''] = value.slice(at + 1).split('@');
      return { name: value.slice(0, at), dir: resolve(dir), pragmas };
    };
    if (flag === '--reps') opts.reps = Number(value);
    else if (flag === '--variant') opts.variants.push(pair());
    else if (flag === '--core') opts.core.push(pair());
    else if (flag === '--mutations') opts.mutations = Number(value);
    else if (flag === '--json') opts.json = resolve(value);
    else if (flag === '--scale') opts.scale = Number(value);  // smaller data for a smoke test
    else throw new Error(`unknown argument ${flag}`);
    ++i;
  }
  if (opts.variants.length === 0) {
    opts.variants.push({ name: 'ours', dir: join(repo, 'build-wasm-bench/bench/browser/dist') });
  }
  return opts;
}

const kTypes = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

function serve(routes) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const route = routes.find(([prefix]) => path.startsWith(prefix));
    const file = route && resolve(route[1], `.${path.slice(route[0].length - 1)}`);
    if (!route || !file.startsWith(route[1])) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': kTypes[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

async function sizes(wasm, js) {
  const one = async (f) => ({ raw: (await stat(f)).size, gzip: gzipSync(readFileSync(f), { level: 9 }).length });
  return { wasm: await one(wasm), js: await one(js) };
}

const fmt = (x, d = 1) => (x === undefined ? '—' : x.toFixed(d));

function summarise(runs) {
  const m = (k) => median(runs.map((r) => r[k]));
  return {
    w1: m('w1'), w2: m('w2'), w3a: m('w3a'), w3b: m('w3b'), checkpoint: m('checkpoint'), w4Load: m('w4Load'),
    w4p50: median(runs.map((r) => percentile(r.w4, 50))),
    w4p95: median(runs.map((r) => percentile(r.w4, 95))),
    w5: m('w5'), w5Loaded: m('w5Loaded'), w5Pool: m('w5Pool'),
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const official = join(here, 'node_modules/@sqlite.org/sqlite-wasm/dist');
  const routes = [
    ['/src/', join(here, 'src')],
    ['/node_modules/', join(here, 'node_modules')],
    ...opts.variants.map((v) => [`/v/${v.name}/`, v.dir]),
    ...opts.core.map((c) => [`/core/${c.name}/`, c.dir]),
  ];
  const server = await serve(routes);
  const base = `http://127.0.0.1:${server.address().port}`;
  const load = [];
  const sampler = setInterval(() => load.push(loadavg()[0]), 1000);
  // A normal on-disk profile, as a user's. In a launch() context (incognito) Chromium keeps
  // OPFS in memory behind the browser process and every file call is several times slower:
  // the figures before 2026-11-27 23:00 were taken that way (docs/benchmarks.md).
  const profile = mkdtempSync(join(tmpdir(), 'invento-sqlite-bench-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let raw;
  let chromiumVersion = '';
  try {
    const page = await browser.newPage();
    chromiumVersion = await page.evaluate(() => navigator.userAgent);
    page.on('console', (msg) => { console.error(`[page] ${msg.text()}`); });
    page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) console.error(`[page] ${r.status()} ${r.url()}`); });
    page.on('crash', () => console.error('[page] crashed'));
    await page.goto(`${base}/src/index.html`);
    await page.waitForFunction(() => window.benchReady === true);
    const variants = [
      ...opts.variants.map((v) => ({ name: v.name, kind: 'ours', moduleUrl: `${base}/v/${v.name}/invento_sqlite_bench.mjs`, pragmas: v.pragmas })),
      { name: 'official', kind: 'official' },
    ];
    const core = opts.core.map((c) => ({ name: c.name, moduleUrl: `${base}/core/${c.name}/invento_core.mjs` }));
    const started = Date.now();
    raw = await page.evaluate((o) => window.runBench(o), { reps: opts.reps, variants, core, mutations: opts.mutations, scale: opts.scale });
    raw.seconds = (Date.now() - started) / 1000;
    raw.browserVersion = /Chrome\/([\d.]+)/.exec(chromiumVersion)?.[1] ?? chromiumVersion;
  } finally {
    clearInterval(sampler);
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }

  const size = { official: await sizes(join(official, 'sqlite3.wasm'), join(official, 'index.mjs')) };
  for (const v of opts.variants) size[v.name] = await sizes(join(v.dir, 'invento_sqlite_bench.wasm'), join(v.dir, 'invento_sqlite_bench.mjs'));
  for (const c of opts.core) size[`core:${c.name}`] = await sizes(join(c.dir, 'invento_core.wasm'), join(c.dir, 'invento_core.mjs'));

  const sum = Object.fromEntries(Object.entries(raw.results).map(([k, runs]) => [k, summarise(runs)]));
  const off = sum.official;
  const names = opts.variants.map((v) => v.name);
  const lines = [
    ['W1 10,000 inserts, 100 transactions (ms)', 'w1'],
    ['W2 10,000 primary-key selects (ms)', 'w2'],
    ['W3a 100,000 inserts, one transaction (ms)', 'w3a'],
    ['W3b grouped aggregate over 100,000 rows (ms)', 'w3b'],
    ['(deferred, not a target: checkpoint of what W1–W3 left in a write-ahead log, ms)', 'checkpoint'],
    ['W4 FTS5 prefix query p50 (ms)', 'w4p50', 3],
    ['W4 FTS5 prefix query p95 (ms)', 'w4p95', 3],
    ['W5 cold open to first result (ms)', 'w5'],
    ['(W5 of which: module loaded)', 'w5Loaded'],
    ['(W5 of which: VFS/handles ready)', 'w5Pool'],
    ['(setup, not a target: W4 load of 100,000 FTS5 rows, ms)', 'w4Load'],
  ];
  const out = [];
  out.push(`| workload | ${names.join(' | ')} | official | ${names.map((n) => `${n} / official`).join(' | ')} |`);
  out.push(`|---|${names.map(() => '---:|').join('')}---:|${names.map(() => '---:|').join('')}`);
  for (const [label, key, d = 1] of lines) {
    out.push(`| ${label} | ${names.map((n) => fmt(sum[n][key], d)).join(' | ')} | ${fmt(off[key], d)} | ${names.map((n) => fmt(sum[n][key] / off[key], 2)).join(' | ')} |`);
  }
  out.push('');
  out.push('| module | wasm raw | wasm gzip -9 | JS raw | JS gzip -9 | total gzip |');
  out.push('|---|---:|---:|---:|---:|---:|');
  for (const [k, s] of Object.entries(size)) {
    out.push(`| ${k} | ${s.wasm.raw} | ${s.wasm.gzip} | ${s.js.raw} | ${s.js.gzip} | ${s.wasm.gzip + s.js.gzip} |`);
  }
  for (const c of raw.core) {
    out.push('');
    out.push(`core ${c.name} (${JSON.stringify(c.versions)}, integrity ${c.integrity}): ${c.roundTrips.length} category.create on OPFS — ` +
      `round trip page->worker->core->page p50 ${fmt(percentile(c.roundTrips, 50), 3)} ms, p95 ${fmt(percentile(c.roundTrips, 95), 3)} ms; ` +
      `in the worker (JSON + core call) p50 ${fmt(percentile(c.coreMs, 50), 3)} ms, p95 ${fmt(percentile(c.coreMs, 95), 3)} ms`);
  }
  out.push('');
  const runs = Object.values(raw.results)[0];
  out.push(`Chromium ${raw.browserVersion} (${raw.userAgent}); SQLite ours ${runs[0].sqlite}, official ${raw.results.official[0].sqlite}; ` +
    `${opts.reps} repetitions, ${raw.queries} W4 queries each, medians; ${raw.seconds.toFixed(0)} s; ` +
    `load average during the run min ${fmt(Math.min(...load), 2)} / mean ${fmt(load.reduce((a, b) => a + b, 0) / load.length, 2)} / max ${fmt(Math.max(...load), 2)}; ` +
    `${cpus().length} CPUs (${cpus()[0].model}); ${new Date().toISOString()}`);
  console.log(out.join('\n'));
  if (opts.json) writeFileSync(opts.json, JSON.stringify({ raw, sum, size, load }, null, 1));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
