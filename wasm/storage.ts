/**
 * Where the worker's database lives, and keeping it healthy. Opening, rebuilding and
 * checking are the core's (core/sync/recovery.h); this module only supplies the platform:
 * the OPFS handles (opfs_pool.ts), the fresh client ids, the snapshot bytes, and the
 * timers (checkpoint after writes, background integrity check).
 *
 * The database is `/invento.db` in the Origin Private File System, through the C++
 * "opfs-sahpool" VFS over the access handles acquired here first. A database that cannot
 * be opened as a database (`corrupt`) is rebuilt: the unsent changes that can still be
 * read are kept, the rest comes back from the server. When the handles cannot be had (no
 * OPFS, another tab holds them, opening fails), the database is ":memory:" and the state
 * says so with a reason, for the UI to warn.
 */
import createCore, { type InventoCoreModule } from './dist/invento_core.mjs';
import wasmUrl from './dist/invento_core.wasm?url';
import { describe, internalError, invoke } from './core_call';
import { acquirePool, type SyncAccessHandle } from './opfs_pool';
import type { CoreReply, CoreState, Recovery } from './protocol';

const kDatabasePath = '/invento.db';
const kOpfsVfs = 'opfs-sahpool';
const kCheckpointDelayMs = 500;
/** The background integrity check waits this long after opening (first screen first). */
const kIntegrityStartDelayMs = 1500;

/** The module with its database open, and where that database lives. */
export type Loaded = { module: InventoCoreModule; storage: Omit<CoreState, 'versions'>; handles: SyncAccessHandle[] };

type Opened = { integrity: string; client_id: string; timings?: Record<string, number> };
type Rebuilt = { kept: number; lost: number; client_id: string; errors: string[] };

/** Opens the OPFS database; rebuilds it when it is damaged. */
function openOnOpfs(module: InventoCoreModule): CoreReply<Omit<CoreState, 'versions'>> {
  const t0 = performance.now();
  const opened = invoke<Opened>(() => module.open(kDatabasePath, kOpfsVfs, crypto.randomUUID()));
  let problem: string;
  if (opened.ok && opened.result.integrity === 'ok') {
    // Opening time (ms), for the startup benchmark.
    return { ok: true, result: { storage: 'opfs', ...opened.result, timings: { open: performance.now() - t0 } } };
  } else if (opened.ok) {
    problem = opened.result.integrity;
  } else if (opened.error.code === 'corrupt') {
    problem = opened.error.message;
  } else {
    return opened;
  }
  console.warn(`invento: the local database is damaged (${problem}); rebuilding it`);
  const rebuilt = invoke<Rebuilt>(() => module.rebuild(kDatabasePath, kOpfsVfs, crypto.randomUUID()));
  if (!rebuilt.ok) return rebuilt;
  const recovery: Recovery = { kept: rebuilt.result.kept, lost: rebuilt.result.lost, problem };
  return { ok: true, result: { storage: 'opfs', integrity: 'ok', client_id: rebuilt.result.client_id, recovery } };
}

/** Loads the module and opens the database on OPFS if the pool can be had, else in memory (with the reason). */
export async function loadStorage(): Promise<CoreReply<Loaded>> {
  const pool = acquirePool();
  let module: InventoCoreModule;
  try {
    module = await createCore({ locateFile: () => wasmUrl });
  } catch (thrown) {
    return internalError(`the core could not be loaded: ${describe(thrown)}`);
  }
  const handles = await pool;
  let fallback: Omit<CoreState, 'versions' | 'integrity' | 'client_id'>;
  if (handles.ok) {
    module.sahPool = handles.handles;
    const opened = openOnOpfs(module);
    if (opened.ok) return { ok: true, result: { module, storage: opened.result, handles: handles.handles } };
    for (const handle of handles.handles) handle.close();
    fallback = { storage: 'memory', reason: 'failed', detail: `${opened.error.code}: ${opened.error.message}` };
  } else {
    fallback = { storage: 'memory', reason: handles.reason, detail: handles.detail };
  }
  console.warn(`invento: database kept in memory only (${fallback.reason}: ${fallback.detail})`);
  const opened = invoke<Opened>(() => module.open(':memory:', '', crypto.randomUUID()));
  if (!opened.ok) return opened;
  return { ok: true, result: { module, storage: { ...fallback, ...opened.result }, handles: [] } };
}

/** Recreates the database now (on request), keeping the unsent changes it can read. */
export function rebuildDatabase(module: InventoCoreModule): CoreReply<Recovery> {
  const rebuilt = invoke<Rebuilt>(() => module.rebuild(kDatabasePath, kOpfsVfs, crypto.randomUUID()));
  if (!rebuilt.ok) return rebuilt;
  return { ok: true, result: { kept: rebuilt.result.kept, lost: rebuilt.result.lost, problem: 'rebuilt on request' } };
}

/** Makes the server's snapshot the database (the core falls back to an empty one when it cannot). */
export function installSnapshot(module: InventoCoreModule, bytes: ArrayBuffer): CoreReply<{ snapshot: boolean; errors: string[] }> {
  module.snapshot = bytes;
  try {
    return invoke(() => module.installSnapshot(kDatabasePath, kOpfsVfs, crypto.randomUUID()));
  } finally {
    module.snapshot = undefined;
  }
}

/** The database's schema version (versions() answers with the bare object, not an envelope). */
export function schemaVersion(module: InventoCoreModule): number {
  return (JSON.parse(module.versions()) as { schema: number }).schema;
}

/**
 * Commits are not flushed one by one (synchronous=NORMAL, see wasm/bindings.cc): a
 * checkpoint flushes them shortly after the last write of a burst.
 */
export class Checkpointer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly module: InventoCoreModule) {}

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.stopped) return;
      const reply = invoke(() => this.module.checkpoint());
      if (!reply.ok) console.warn(`invento: checkpoint failed: ${reply.error.message}`);
    }, kCheckpointDelayMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}

/**
 * The full integrity check, one table per step with a pause between steps so calls from
 * the page are answered meanwhile: "ok" or "<table>: <problems>". `stopped` says the
 * database was handed over (the check then ends with that reply).
 */
export async function checkIntegrity(
  loaded: CoreReply<Loaded>,
  stopped: () => CoreReply<string> | null,
): Promise<CoreReply<string>> {
  if (!loaded.ok) return loaded;
  if (loaded.result.storage.storage !== 'opfs') return { ok: true, result: 'ok' };
  const { module } = loaded.result;
  await new Promise((resolve) => setTimeout(resolve, kIntegrityStartDelayMs));
  for (let index: number | null = 0; index !== null; ) {
    const halt = stopped();
    if (halt) return halt;
    const step = invoke<{ table: string | null; result: string; next: number | null }>(() => module.checkTable(index ?? 0));
    if (!step.ok) return { ok: true, result: `${step.error.code}: ${step.error.message}` };
    if (step.result.result !== 'ok') return { ok: true, result: `${step.result.table}: ${step.result.result}` };
    index = step.result.next;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { ok: true, result: 'ok' };
}

/** Closes the database and releases the OPFS handles (another tab takes over). */
export function closeStorage(loaded: Loaded): void {
  loaded.module.close();
  for (const handle of loaded.handles) handle.close();
}
