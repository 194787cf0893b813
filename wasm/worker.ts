/**
 * Entry point of the dedicated Worker that owns the C++ core and its SQLite database.
 *
 * Thin on purpose: it loads the Emscripten module, opens the database once, and
 * forwards `mutate`/`query` calls, converting objects to JSON strings and back. It holds
 * no business rule. Every call resolves with a `CoreReply` (see protocol.ts); a load
 * failure, an unparsable reply or an exception escaping the module becomes an
 * `internal` error value instead of a rejected promise.
 *
 * Storage: the database is `/invento.db` in the Origin Private File System, through the
 * C++ "opfs-sahpool" VFS over the access handles that opfs_pool.ts acquires here first.
 * When they cannot be had (no OPFS, another tab holds them, opening fails), the worker
 * opens ":memory:" instead and `start()` says so with a reason, for the UI to warn.
 */
import * as Comlink from 'comlink';
import createCore, { type InventoCoreModule } from './dist/invento_core.mjs';
import wasmUrl from './dist/invento_core.wasm?url';
import { acquirePool } from './opfs_pool';
import type {
  Actor,
  CoreErrorInfo,
  CoreReply,
  CoreState,
  CoreVersions,
  CoreWorkerApi,
} from './protocol';

const kDatabasePath = '/invento.db';
const kOpfsVfs = 'opfs-sahpool';

/** The module with its database open, and where that database lives. */
type Loaded = { module: InventoCoreModule; storage: Omit<CoreState, 'versions'> };

/** The core's flat envelope, as returned by the bindings. */
type RawReply = { ok: true; result?: unknown } | ({ ok: false } & CoreErrorInfo);

function internalError(message: string): { ok: false; error: CoreErrorInfo } {
  return { ok: false, error: { code: 'internal', message } };
}

function describe(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  // A C++ exception escaping embind arrives as a bare number (a pointer).
  return `unexpected exception from the core (${String(thrown)})`;
}

/** Calls into the module and parses the JSON it returns. */
function call(fn: () => string): { ok: true; value: unknown } | { ok: false; error: CoreErrorInfo } {
  try {
    return { ok: true, value: JSON.parse(fn()) };
  } catch (thrown) {
    return internalError(describe(thrown));
  }
}

/** Calls a module function that answers with the core's envelope; returns a CoreReply. */
function invoke<T>(fn: () => string): CoreReply<T> {
  const parsed = call(fn);
  if (!parsed.ok) return parsed;
  const raw = parsed.value as RawReply;
  if (typeof raw !== 'object' || raw === null || typeof raw.ok !== 'boolean') {
    return internalError('malformed reply from the core');
  }
  if (raw.ok) return { ok: true, result: raw.result as T };
  const error: CoreErrorInfo = { code: raw.code, message: raw.message };
  if (raw.field !== undefined) error.field = raw.field;
  return { ok: false, error };
}

/** Opens the database on OPFS if the pool can be had, else in memory (with the reason). */
async function load(): Promise<CoreReply<Loaded>> {
  const pool = acquirePool();
  let module: InventoCoreModule;
  try {
    module = await createCore({ locateFile: () => wasmUrl });
  } catch (thrown) {
    return internalError(`the core could not be loaded: ${describe(thrown)}`);
  }
  const handles = await pool;
  let fallback: Omit<CoreState, 'versions' | 'integrity'>;
  if (handles.ok) {
    module.sahPool = handles.handles;
    const opened = invoke<{ integrity: string }>(() => module.open(kDatabasePath, kOpfsVfs));
    if (opened.ok) return { ok: true, result: { module, storage: { storage: 'opfs', ...opened.result } } };
    fallback = { storage: 'memory', reason: 'failed', detail: `${opened.error.code}: ${opened.error.message}` };
  } else {
    fallback = { storage: 'memory', reason: handles.reason, detail: handles.detail };
  }
  console.warn(`invento: database kept in memory only (${fallback.reason}: ${fallback.detail})`);
  const opened = invoke<{ integrity: string }>(() => module.open(':memory:', ''));
  if (!opened.ok) return opened;
  return { ok: true, result: { module, storage: { ...fallback, ...opened.result } } };
}

// Started at once (not on the first call) so loading overlaps with the page's startup.
const loaded = load();

const api: CoreWorkerApi = {
  async start() {
    const core = await loaded;
    if (!core.ok) return core;
    // versions() answers with the bare object, not an envelope.
    const versions = call(() => core.result.module.versions());
    if (!versions.ok) return versions;
    return { ok: true, result: { versions: versions.value as CoreVersions, ...core.result.storage } };
  },
  async mutate(name: string, args: unknown, actor: Actor) {
    const core = await loaded;
    if (!core.ok) return core;
    return invoke(() => core.result.module.mutate(name, JSON.stringify(args), JSON.stringify(actor)));
  },
  async query(name: string, args: unknown, actor: Actor) {
    const core = await loaded;
    if (!core.ok) return core;
    return invoke(() => core.result.module.query(name, JSON.stringify(args), JSON.stringify(actor)));
  },
};

Comlink.expose(api);
