/**
 * Runs the web's unit tests (web/test/*.test.ts) with node's test runner: each file is
 * bundled by esbuild (vite's own, already installed) into a temporary folder, then
 * `node --test` runs them. No browser: the core is faked in each test.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const testDir = join(web, 'test');
const files = readdirSync(testDir).filter((name) => name.endsWith('.test.ts'));
const out = mkdtempSync(join(tmpdir(), 'invento-unit-'));
try {
  await build({
    entryPoints: files.map((name) => join(testDir, name)),
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  });
  const outputs = readdirSync(out).filter((name) => name.endsWith('.test.mjs')).map((name) => join(out, name));
  const run = spawnSync(process.execPath, ['--test', ...outputs], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
