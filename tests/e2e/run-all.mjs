#!/usr/bin/env node
/** Runs every *.test.mjs in this folder with node's test runner; exits non-zero on failure. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(here)
  .filter((name) => name.endsWith('.test.mjs'))
  .sort()
  .map((name) => `${here}${name}`);
if (files.length === 0) {
  console.error(`no *.test.mjs in ${here}`);
  process.exit(1);
}
// One file at a time: each launches its own Chromium, and the machine is small.
const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
