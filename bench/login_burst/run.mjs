/**
 * Does a burst of sign-ins (Argon2id, ~50 ms each at the production cost) hold up the
 * other requests? Starts the built server on a fresh database with PASSWORD_HASH_COST
 * =interactive, then measures the latency of GET /api/health and of a static file (the
 * web app's index.html) — the named alternative in the same run is the same requests on
 * the idle server, just before the burst.
 *
 *   node bench/login_burst/run.mjs [--logins 8] [--rounds 5]
 *
 * Needs build/sync-server/invento-server and web/dist (bash scripts/setup.sh).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const kLogins = arg('logins', 8);
const kRounds = arg('rounds', 5);

async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'invento-login-burst-'));
  const server = spawn(join(root, 'build/sync-server/invento-server'), ['serve'], {
    env: { ...process.env, PORT: '0', DATABASE_URL: join(dir, 'invento.db'), WEB_ROOT: join(root, 'web/dist'),
      PASSWORD_HASH_COST: 'interactive' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stderr.resume();
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[0-9.]+:[0-9]+)/);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { url, stop: () => { server.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }); } };
}

async function timed(url, init) {
  const t0 = performance.now();
  const r = await fetch(url, init);
  await r.arrayBuffer();
  return { ms: performance.now() - t0, status: r.status };
}

const login = (url) => timed(`${url}/api/login`, {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'admin', password: 'Admin123!' }),
});

// Probes health and index.html every 20 ms while `during` runs; returns the latencies.
async function probe(url, during) {
  const health = [];
  const page = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      health.push((await timed(`${url}/api/health`)).ms);
      page.push((await timed(`${url}/index.html`)).ms);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const result = await during();
  running = false;
  await loop;
  return { health, page, result };
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const f = (x) => x.toFixed(1);

const { url, stop } = await startServer();
try {
  await login(url);  // warm up (first hash allocates its 64 MiB)
  const idle = { health: [], page: [] };
  const burst = { health: [], page: [], logins: [] };
  for (let round = 0; round < kRounds; ++round) {
    const quiet = await probe(url, () => new Promise((r) => setTimeout(r, 500)));
    idle.health.push(...quiet.health);
    idle.page.push(...quiet.page);
    const busy = await probe(url, () => Promise.all(Array.from({ length: kLogins }, () => login(url))));
    burst.health.push(...busy.health);
    burst.page.push(...busy.page);
    for (const l of busy.result) {
      if (l.status !== 200) throw new Error(`login answered ${l.status}`);
      burst.logins.push(l.ms);
    }
  }
  console.log(`| requests | idle p50 / p95 / max (ms) | during ${kLogins} concurrent sign-ins p50 / p95 / max (ms) |`);
  console.log('|---|---|---|');
  for (const [name, a, b] of [['GET /api/health', idle.health, burst.health], ['GET /index.html', idle.page, burst.page]]) {
    console.log(`| ${name} | ${f(pct(a, 50))} / ${f(pct(a, 95))} / ${f(Math.max(...a))} | ${f(pct(b, 50))} / ${f(pct(b, 95))} / ${f(Math.max(...b))} |`);
  }
  console.log(`| the sign-ins themselves | | ${f(pct(burst.logins, 50))} / ${f(pct(burst.logins, 95))} / ${f(Math.max(...burst.logins))} |`);
  console.log(`(${kRounds} rounds; ${idle.health.length} idle and ${burst.health.length} busy probes of each)`);
} finally {
  stop();
}
