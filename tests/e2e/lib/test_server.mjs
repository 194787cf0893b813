/**
 * Starts a private Invento server for one test, serving a copy of the built web app that
 * the test may change (e.g. to deploy a "new version"), on a free port, with its own
 * throwaway database. `stop()` kills it and deletes the copy.
 *
 * Environment: INVENTO_SERVER (default build/sync-server/invento-server of this
 * checkout), WEB_DIST (default web/dist of this checkout).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const kRepo = fileURLToPath(new URL('../../../', import.meta.url));
export const kServerBinary = process.env.INVENTO_SERVER ?? join(kRepo, 'build/sync-server/invento-server');
const kWebDist = process.env.WEB_DIST ?? join(kRepo, 'web/dist');

/** Resolves to { baseUrl, webRoot, dir, stop, restart, run, seedOutput } once the server answers /api/health;
 * `extraEnv` adds server settings (e.g. SNAPSHOT_MIN_VERSION). With `seedDemo`, the database
 * is first filled by `invento-server seed-demo`, whose report is `seedOutput`. */
export async function startPrivateServer(extraEnv = {}, { seedDemo = false } = {}) {
  if (!existsSync(kServerBinary)) throw new Error(`no server binary at ${kServerBinary} (set INVENTO_SERVER)`);
  if (!existsSync(join(kWebDist, 'index.html'))) throw new Error(`no built web app at ${kWebDist} (npm run build in web/)`);
  const dir = mkdtempSync(join(tmpdir(), 'invento-e2e-'));
  const webRoot = join(dir, 'web');
  cpSync(kWebDist, webRoot, { recursive: true });
  const env = {
    ...process.env,
    PORT: '0',
    BIND_ADDRESS: '127.0.0.1',
    DATABASE_URL: join(dir, 'invento.db'),
    WEB_ROOT: webRoot,
    PASSWORD_HASH_COST: 'min',
    ...extraEnv,
  };
  let seedOutput = '';
  if (seedDemo) {
    const seeded = spawnSync(kServerBinary, ['seed-demo'], { cwd: dir, env, encoding: 'utf8' });
    if (seeded.status !== 0) throw new Error(`seed-demo failed (${seeded.status}): ${seeded.stderr}`);
    seedOutput = seeded.stdout;
  }
  let child = null;
  let output = '';
  const kill = async () => {
    if (child !== null && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  };
  const stop = async () => {
    await kill();
    rmSync(dir, { recursive: true, force: true });
  };
  /** Starts `serve` and resolves to its URL once it answers /api/health. */
  const launch = async (serveEnv) => {
    output = '';
    child = spawn(kServerBinary, ['serve'], { cwd: dir, env: serveEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 15_000);
      const onData = (chunk) => {
        output += chunk;
        const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code}):\n${output}`));
      });
    });
    const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
    if (!health.ok) throw new Error(`GET /api/health -> ${health.status}`);
    return url;
  };
  /** Runs a subcommand of the server binary on this server's database (it may be running). */
  const run = (args) => spawnSync(kServerBinary, args, { cwd: dir, env, encoding: 'utf8' });
  try {
    const baseUrl = await launch(env);
    /** Stops the server, awaits `between()`, and starts it again on the same address (same origin for the browser). */
    const restart = async (between) => {
      await kill();
      await between();
      await launch({ ...env, PORT: new URL(baseUrl).port });
    };
    return { baseUrl, webRoot, dir, stop, restart, run, seedOutput };
  } catch (error) {
    await stop();
    throw error;
  }
}
