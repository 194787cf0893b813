/**
 * Entry point of the dedicated Worker that owns the C++ core and its SQLite database.
 *
 * Thin on purpose: it loads the Emscripten module, opens the database once, forwards
 * `mutate`/`query` calls (converting objects to JSON strings and back), keeps the signed-in
 * session in the core, and runs the sync loop (sync_loop.ts) over the core's client half. It
 * holds no business rule. Every call resolves with a `CoreReply` (see protocol.ts); a load
 * failure, an unparsable reply or an exception escaping the module becomes an `internal`
 * error value instead of a rejected promise.
 *
 * Storage: the database is `/invento.db` in the Origin Private File System, through the
 * C++ "opfs-sahpool" VFS over the access handles that opfs_pool.ts acquires here first.
 * A database that fails its integrity check (or cannot be read at all) is rebuilt: the
 * unsent changes that can still be read are kept, the rest comes back from the server.
 * When the handles cannot be had (no OPFS, another tab holds them, opening fails), the
 * worker opens ":memory:" instead and `start()` says so with a reason, for the UI to warn.
 */
import * as Comlink from 'comlink';
import createCore, { type InventoCoreModule } from './dist/invento_core.mjs';
import wasmUrl from './dist/invento_core.wasm?url';
import { readAttachment, saveAttachment } from './attachment_upload';
import { acquirePool, type SyncAccessHandle } from './opfs_pool';
import type {
  Actor,
  CoreErrorCode,
  CoreErrorInfo,
  CoreReply,
  CoreState,
  CoreVersions,
  CoreWorkerApi,
  Recovery,
  SessionUser,
  SyncStatus,
} from './protocol';
import { SyncLoop, type PullApplied, type StoredSession } from './sync_loop';

const kDatabasePath = '/invento.db';
const kOpfsVfs = 'opfs-sahpool';
const kOrigin = self.location.origin;
const kCheckpointDelayMs = 500;
/** The background integrity check waits this long after opening (first screen first). */
const kIntegrityStartDelayMs = 1500;

/** The module with its database open, and where that database lives. */
type Loaded = { module: InventoCoreModule; storage: Omit<CoreState, 'versions'>; handles: SyncAccessHandle[] };

/** The core's flat envelope, as returned by the bindings. */
type RawReply = { ok: true; result?: unknown } | ({ ok: false } & CoreErrorInfo);

function failure(code: CoreErrorCode, message: string): { ok: false; error: CoreErrorInfo } {
  return { ok: false, error: { code, message } };
}

function internalError(message: string): { ok: false; error: CoreErrorInfo } {
  return failure('internal', message);
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

// Started at once (not on the first call) so loading overlaps with the page's startup.
let loaded = load();
let closed = false;

/**
 * The signed-in session, read from the database once and kept until it changes: every call
 * needs the actor, and reading it each time cost a query and two JSON conversions per call.
 * Changed only through saveSession(), or by replacing the database (forgetSession()).
 */
let sessionCache: { value: (StoredSession & { user: SessionUser }) | null } | null = null;

function forgetSession(): void {
  sessionCache = null;
}

function storedSession(module: InventoCoreModule): (StoredSession & { user: SessionUser }) | null {
  if (sessionCache === null) {
    const reply = invoke<(StoredSession & { user: SessionUser }) | null>(() => module.getSession());
    if (!reply.ok) return null;
    sessionCache = { value: reply.result };
  }
  return sessionCache.value;
}

function actorOf(module: InventoCoreModule): Actor | null {
  const session = storedSession(module);
  return session ? { user_id: session.user.id, role: session.user.role } : null;
}

/** Reads-only actor when nobody is signed in (the UI shows the sign-in screen then). */
const kNobody: Actor = { user_id: '', role: 'consultant' };

const sync = loaded.then((core) => {
  if (!core.ok) return null;
  const { module } = core.result;
  const loop = new SyncLoop(
    {
      // Not before the password the server requires is changed (it would refuse with 403).
      session: () => {
        const session = storedSession(module);
        return session && !session.user.must_change_password ? session : null;
      },
      pushRequest: (max) => invoke(() => module.syncPushRequest(max)),
      applyPush: (response) => invoke(() => module.syncApplyPush(JSON.stringify(response), Date.now())),
      pullRequest: () => invoke(() => module.syncPullRequest()),
      applyPull: (responseText) => {
        const reply = invoke<PullApplied>(() =>
          module.syncApplyPull(responseText, JSON.stringify(actorOf(module) ?? kNobody), Date.now()),
        );
        scheduleCheckpoint(module);
        return reply;
      },
      state: () => invoke(() => module.syncState()),
      snapshotSchema: () => (core.result.storage.storage === 'opfs' ? (JSON.parse(module.versions()) as { schema: number }).schema : null),
      installSnapshot: (bytes) => {
        module.snapshot = bytes;
        forgetSession();
        try {
          return invoke(() => module.installSnapshot(kDatabasePath, kOpfsVfs, crypto.randomUUID()));
        } finally {
          module.snapshot = undefined;
          scheduleCheckpoint(module);
        }
      },
    },
    kOrigin,
  );
  loop.start();
  return loop;
});

/**
 * The full integrity check, one table per step with a pause between steps so calls from
 * the page are answered meanwhile. Starts once the database is open.
 */
const integrity: Promise<CoreReply<string>> = loaded.then(async (core) => {
  if (!core.ok) return core;
  if (core.result.storage.storage !== 'opfs') return { ok: true, result: 'ok' };
  const { module } = core.result;
  await new Promise((resolve) => setTimeout(resolve, kIntegrityStartDelayMs));
  for (let index: number | null = 0; index !== null; ) {
    if (closed) return handedOver();
    const step = invoke<{ table: string | null; result: string; next: number | null }>(() => module.checkTable(index ?? 0));
    if (!step.ok) return { ok: true, result: `${step.error.code}: ${step.error.message}` };
    if (step.result.result !== 'ok') return { ok: true, result: `${step.result.table}: ${step.result.result}` };
    index = step.result.next;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { ok: true, result: 'ok' };
});

/** POSTs to the server for sign-in and password calls; errors become CoreReply values. */
function postJson(path: string, body: unknown, token?: string): Promise<CoreReply<Record<string, unknown>>> {
  return requestJson('POST', path, body, token);
}

/** One JSON call to the server (GET has no body); errors become CoreReply values. */
async function requestJson(
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  token?: string,
): Promise<CoreReply<Record<string, unknown>>> {
  let response: Response;
  try {
    response = await fetch(`${kOrigin}${path}`, {
      method,
      headers: {
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(20_000),
      cache: 'no-store',
    });
  } catch (thrown) {
    return failure('network', describe(thrown));
  }
  let payload: Record<string, unknown> = {};
  try {
    // The audit trail's CSV export (GET /api/audit?format=csv) comes back as {content}.
    if (response.ok && (response.headers.get('content-type') ?? '').startsWith('text/csv')) payload = { content: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()) };  // keeps the BOM
    else payload = (await response.json()) as Record<string, unknown>;
  } catch {
    // an empty or non-JSON body: the status says enough
  }
  if (response.ok) return { ok: true, result: payload };
  let message = typeof payload.message === 'string' ? payload.message : `HTTP ${response.status}`;
  const retryAfter = response.headers.get('retry-after');
  if (response.status === 429 && retryAfter) message = `${retryAfter}`;
  const code = (typeof payload.code === 'string' ? payload.code : 'server') as CoreErrorCode;
  const error: CoreErrorInfo = { code, message };
  if (typeof payload.field === 'string') error.field = payload.field;
  return { ok: false, error };
}

function handedOver(): { ok: false; error: CoreErrorInfo } {
  return failure('failed_precondition', 'the database was handed over to another tab');
}

async function opened(): Promise<CoreReply<Loaded>> {
  if (closed) return handedOver();
  return loaded;
}

/**
 * Commits are not flushed one by one (synchronous=NORMAL, see wasm/bindings.cc): a
 * checkpoint flushes them shortly after the last write of a burst.
 */
let checkpointTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * After local changes: the sync status is re-read from the database and a sync triggered
 * once, shortly after, not inside each call (the pending count is bumped at once by
 * countLocalChange): a burst of changes makes one refresh and one push.
 */
let changeTimer: ReturnType<typeof setTimeout> | undefined;
const kAfterChangeDelayMs = 50;

function afterLocalChange(): void {
  if (changeTimer !== undefined) return;
  changeTimer = setTimeout(() => {
    changeTimer = undefined;
    void sync.then((loop) => {
      loop?.refresh();
      loop?.trigger('change');
    });
  }, kAfterChangeDelayMs);
}

function scheduleCheckpoint(module: InventoCoreModule): void {
  clearTimeout(checkpointTimer);
  checkpointTimer = setTimeout(() => {
    if (closed) return;
    const reply = invoke(() => module.checkpoint());
    if (!reply.ok) console.warn(`invento: checkpoint failed: ${reply.error.message}`);
  }, kCheckpointDelayMs);
}

function saveSession(module: InventoCoreModule, session: StoredSession | null): CoreReply<unknown> {
  forgetSession();
  return invoke(() => module.setSession(JSON.stringify(session)));
}

const api: CoreWorkerApi = {
  async start() {
    const core = await opened();
    if (!core.ok) return core;
    // versions() answers with the bare object, not an envelope.
    const versions = call(() => core.result.module.versions());
    if (!versions.ok) return versions;
    return { ok: true, result: { versions: versions.value as CoreVersions, ...core.result.storage } };
  },
  async mutate(name: string, args: unknown) {
    const core = await opened();
    if (!core.ok) return core;
    const actor = actorOf(core.result.module);
    if (!actor) return failure('unauthenticated', 'sign in first');
    const reply = invoke(() => core.result.module.mutate(name, JSON.stringify(args), JSON.stringify(actor), Date.now()));
    if (!reply.ok) return reply;
    scheduleCheckpoint(core.result.module);
    afterLocalChange();
    // The reply carries the new pending count, so the page never shows "everything is sent"
    // while this change is not (without a status message per call); the full refresh from
    // the database follows shortly.
    const pending = (await sync)?.countLocalChange();
    return pending === undefined ? reply : { ...reply, pending };
  },
  async query(name: string, args: unknown) {
    const core = await opened();
    if (!core.ok) return core;
    const actor = actorOf(core.result.module) ?? kNobody;
    return invoke(() => core.result.module.query(name, JSON.stringify(args), JSON.stringify(actor)));
  },
  async session() {
    const core = await opened();
    if (!core.ok) return core;
    return { ok: true, result: storedSession(core.result.module)?.user ?? null };
  },
  async signIn(username: string, password: string) {
    const core = await opened();
    if (!core.ok) return core;
    const { module } = core.result;
    const reply = await postJson('/api/login', { username, password });
    if (!reply.ok) return reply;
    const token = String(reply.result.token ?? '');
    const user = reply.result.user as SessionUser;
    // Another person's unsent changes on this device are never sent under a new name.
    const previous = storedSession(module);
    const state = invoke<{ pending: number }>(() => module.syncState());
    if (previous && previous.user.id !== user.id && state.ok && state.result.pending > 0) {
      await postJson('/api/logout', {}, token);
      return failure(
        'failed_precondition',
        `${previous.user.display_name || previous.user.username} has ${state.result.pending} unsent changes on this device`,
      );
    }
    const saved = saveSession(module, { token, user });
    if (!saved.ok) return saved;
    (await sync)?.sessionChanged();
    return { ok: true, result: user };
  },
  async changePassword(current: string, next: string) {
    const core = await opened();
    if (!core.ok) return core;
    const { module } = core.result;
    const session = storedSession(module);
    if (!session) return failure('unauthenticated', 'sign in first');
    const reply = await postJson('/api/password', { current_password: current, new_password: next }, session.token);
    if (!reply.ok) return reply;
    const user = { ...session.user, must_change_password: false };
    const saved = saveSession(module, { token: session.token, user });
    if (!saved.ok) return saved;
    (await sync)?.sessionChanged();
    return { ok: true, result: user };
  },
  async signOut() {
    const core = await opened();
    if (!core.ok) return core;
    const { module } = core.result;
    const session = storedSession(module);
    if (session) await postJson('/api/logout', {}, session.token);  // best effort: offline, it just expires
    const cleared = saveSession(module, null);
    if (!cleared.ok) return cleared;
    (await sync)?.sessionChanged();
    return { ok: true, result: null };
  },
  async admin(method: 'GET' | 'POST', path: string, body: unknown) {
    // A pass-through with the session's token: the server decides who may do what.
    const audit = path === '/api/audit' || path.startsWith('/api/audit?');
    if (!path.startsWith('/api/admin/') && !audit) return failure('invalid_argument', `not an administration path: ${path}`);
    const core = await opened();
    if (!core.ok) return core;
    const session = storedSession(core.result.module);
    if (!session) return failure('unauthenticated', 'sign in first');
    if (!navigator.onLine) return failure('network', 'offline');
    return requestJson(method, path, body, session.token);
  },
  async setOnline(online: boolean) {
    (await sync)?.setOnline(online);
  },
  async syncNow(reason: string) {
    (await sync)?.trigger(reason);
  },
  async watchSync(listener: (status: SyncStatus) => void) {
    (await sync)?.watch(listener);
  },
  async dismissRejection(mutationId: number) {
    const core = await opened();
    if (!core.ok) return core;
    const reply = invoke<null>(() => core.result.module.syncDismiss(mutationId));
    (await sync)?.refresh();
    return reply;
  },
  async integrity() {
    return integrity;
  },
  async rebuild() {
    const core = await opened();
    if (!core.ok) return core;
    const { module } = core.result;
    forgetSession();
    const rebuilt = invoke<Rebuilt>(() => module.rebuild(kDatabasePath, kOpfsVfs, crypto.randomUUID()));
    if (!rebuilt.ok) return rebuilt;
    (await sync)?.sessionChanged();
    return { ok: true, result: { kept: rebuilt.result.kept, lost: rebuilt.result.lost, problem: 'rebuilt on request' } };
  },
  async saveAttachment(sha256: string, bytes: ArrayBuffer) {
    try {
      await saveAttachment(sha256, bytes);
    } catch (thrown) {
      return failure('io_error', describe(thrown));
    }
    (await sync)?.trigger('attachment');
    return { ok: true, result: null };
  },
  async readAttachment(sha256: string) {
    const core = await opened();
    if (!core.ok) return core;
    const session = storedSession(core.result.module);
    return { ok: true, result: await readAttachment(kOrigin, session?.token ?? null, sha256) };
  },
  async close() {
    const core = await loaded;
    closed = true;
    clearTimeout(checkpointTimer);
    (await sync)?.stop();
    if (!core.ok) return;
    core.result.module.close();
    for (const handle of core.result.handles) handle.close();
    loaded = Promise.resolve(handedOver());
  },
};

Comlink.expose(api);
