/**
 * Unit tests of the sync loop's retry schedule (wasm/sync_loop.ts): after a retryable failure
 * it waits 1 s, 2 s, 4 s … capped at 60 s (each ×0.5–1.5 jitter), starts again at 1 s after a
 * success, and does not retry a refusal (401). The core, fetch, timers, WebSocket and the
 * worker's globals are fakes; no network.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { SyncStatus } from '../../wasm/protocol';
import { SyncLoop, type SyncCore } from '../../wasm/sync_loop';

const realSetImmediate = setImmediate;
const g = globalThis as unknown as Record<string, unknown>;
const saved = new Map<string, unknown>();

interface Timer {
  id: number;
  fn: () => void;
  delay: number;
}
let timers: Timer[] = [];
let nextId = 1;
/** What fetch does for each request; a network failure by default. */
let answer: (url: string) => Promise<Response> = () => Promise.reject(new TypeError('fetch failed'));
let random = 0.5;

function stub(name: string, value: unknown): void {
  if (!saved.has(name)) saved.set(name, g[name]);
  g[name] = value;
}

beforeEach(() => {
  timers = [];
  random = 0.5; // jitter ×1 exactly
  answer = () => Promise.reject(new TypeError('fetch failed'));
  stub('setTimeout', (fn: () => void, delay: number) => {
    const id = nextId++;
    timers.push({ id, fn, delay });
    return id;
  });
  stub('clearTimeout', (id: number) => {
    timers = timers.filter((t) => t.id !== id);
  });
  stub('setInterval', () => 0);
  stub('clearInterval', () => undefined);
  stub('addEventListener', () => undefined);
  stub('removeEventListener', () => undefined);
  stub('fetch', (url: string) => answer(url));
  stub('WebSocket', class {
    addEventListener(): void {}
    send(): void {}
    close(): void {}
  });
  Object.defineProperty(globalThis, 'navigator', {
    configurable: true,
    value: { onLine: true, storage: { getDirectory: () => Promise.reject(new Error('no OPFS here')) } },
  });
  saved.set('random', Math.random);
  Math.random = () => random;
  // Quiet the loop's own logs.
  saved.set('info', console.info);
  saved.set('warn', console.warn);
  console.info = () => undefined;
  console.warn = () => undefined;
});

afterEach(() => {
  Math.random = saved.get('random') as () => number;
  console.info = saved.get('info') as typeof console.info;
  console.warn = saved.get('warn') as typeof console.warn;
  saved.delete('random');
  saved.delete('info');
  saved.delete('warn');
  for (const [name, value] of saved) g[name] = value;
  saved.clear();
});

function fakeCore(): SyncCore {
  return {
    session: () => ({ token: 't', user: { id: 'u', role: 'admin' } }),
    pushRequest: () => ({ ok: true, result: {} }),
    applyPush: () => ({ ok: true, result: {} }),
    pullRequest: () => ({ ok: true, result: { cookie: 1 } }),
    applyPull: () => ({ ok: true, result: { done: true, rows: 0, pending: 0, until: 1, reached: 1 } }),
    state: () => ({ ok: true, result: { pending: 0, cookie: 1, rejections: [] } }),
    snapshotSchema: () => null,
    installSnapshot: () => ({ ok: true, result: { snapshot: false, errors: [] } }),
  };
}

/** Lets the loop's promises run until it is idle again. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => realSetImmediate(resolve));
}

/** Fires the pending retry timer (there must be exactly one) and lets the round run. */
async function fireRetry(): Promise<void> {
  assert.equal(timers.length, 1, 'one retry scheduled');
  const [timer] = timers;
  timers = [];
  timer!.fn();
  await settle();
}

async function started(): Promise<{ loop: SyncLoop; statuses: SyncStatus[] }> {
  const loop = new SyncLoop(fakeCore(), 'http://invento.test');
  const statuses: SyncStatus[] = [];
  loop.watch((status) => statuses.push(status));
  loop.start();
  await settle();
  return { loop, statuses };
}

test('a network failure is retried after 1 s, 2 s, 4 s … capped at 60 s', async () => {
  const { loop, statuses } = await started();
  const delays: number[] = [];
  for (let round = 0; round < 9; round++) {
    delays.push(timers[0]!.delay);
    await fireRetry();
  }
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  const last = statuses.at(-1)!;
  assert.equal(last.lastError?.code, 'network');
  assert.ok(last.nextRetryAt !== null && last.nextRetryAt > Date.now() + 59_000);
  loop.stop();
});

test('each delay is jittered between ×0.5 and ×1.5', async () => {
  random = 0;
  const { loop } = await started();
  assert.equal(timers[0]!.delay, 500);
  random = 0.999;
  await fireRetry();
  assert.equal(timers[0]!.delay, Math.round(2000 * 1.499));
  loop.stop();
});

test('a success resets the backoff: the next failure waits 1 s again', async () => {
  const { loop, statuses } = await started();
  await fireRetry();
  await fireRetry();
  assert.equal(timers[0]!.delay, 4000);
  answer = () => Promise.resolve(new Response('{"changes":[]}', { status: 200 }));
  await fireRetry();
  assert.equal(timers.length, 0, 'nothing scheduled after a success');
  const ok = statuses.at(-1)!;
  assert.equal(ok.lastError, null);
  assert.equal(ok.nextRetryAt, null);
  assert.ok(ok.lastSuccessAt !== null);
  answer = () => Promise.reject(new TypeError('fetch failed'));
  loop.trigger('ui');
  await settle();
  assert.equal(timers[0]!.delay, 1000);
  loop.stop();
});

test('a server error (5xx, 429) is retried; an expired session (401) is not', async () => {
  answer = () => Promise.resolve(new Response('{"message":"busy"}', { status: 503 }));
  const { loop, statuses } = await started();
  assert.equal(timers[0]!.delay, 1000);
  assert.equal(statuses.at(-1)!.lastError?.code, 'server');
  answer = () => Promise.resolve(new Response('{"message":"expired"}', { status: 401 }));
  await fireRetry();
  assert.equal(timers.length, 0, 'no retry after 401');
  assert.equal(statuses.at(-1)!.lastError?.code, 'unauthenticated');
  assert.equal(statuses.at(-1)!.nextRetryAt, null);
  loop.stop();
});

test('offline, nothing is attempted and nothing is scheduled', async () => {
  let fetched = 0;
  answer = () => {
    fetched += 1;
    return Promise.reject(new TypeError('fetch failed'));
  };
  const loop = new SyncLoop(fakeCore(), 'http://invento.test');
  loop.setOnline(false);
  loop.start();
  await settle();
  assert.equal(fetched, 0);
  assert.equal(timers.length, 0);
  loop.stop();
});
