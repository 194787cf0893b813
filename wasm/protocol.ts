/**
 * The typed message contract between the UI (web/src/core/bridge.ts) and the core's
 * dedicated Worker (wasm/worker.ts). Comlink carries the calls; this file is the shape
 * of what crosses, shared by both sides so a change breaks the type check on both.
 *
 * Every method resolves (never rejects) with a `CoreReply`: domain failures are values
 * `{ ok: false, error: { code, message, field? } }` that the bridge turns into a
 * `CoreError`. Arguments and results are plain structured-clonable objects; JSON is
 * only used at the wasm boundary inside the worker.
 */

/** The machine-readable failure codes the core returns (see conventions.md). */
export type CoreErrorCode =
  | 'invalid_argument'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'io_error'
  | 'corrupt'
  | 'internal';

/** A structured failure, as produced by the core (or by the worker for load failures). */
export interface CoreErrorInfo {
  code: CoreErrorCode;
  /** Human text from the core (English); the UI may replace it with a translation. */
  message: string;
  /** The argument the failure is about, when there is one (e.g. "name"). */
  field?: string;
}

export type CoreReply<T> = { ok: true; result: T } | { ok: false; error: CoreErrorInfo };

/** `m.versions()` */
export interface CoreVersions {
  core: string;
  sqlite: string;
  schema: number;
}

/** Where the database lives: persistent OPFS, or memory (lost when the page closes). */
export type StorageKind = 'opfs' | 'memory';

/**
 * Why the database is in memory: the browser has no OPFS synchronous access handles
 * (`unsupported`), another tab still holds them (`busy`), or opening failed (`failed`).
 */
export type StorageFailure = 'unsupported' | 'busy' | 'failed';

/** What `start()` reports once the database is open. */
export interface CoreState {
  versions: CoreVersions;
  storage: StorageKind;
  /** Only when `storage` is "memory". */
  reason?: StorageFailure;
  /** Technical detail of the failure (English, for logs and support). */
  detail?: string;
  /** Result of `PRAGMA quick_check` at startup: "ok", or the problems found. */
  integrity: string;
}

/** Who performs a call. For now always the local admin; later it comes from the session. */
export interface Actor {
  user_id: string;
  role: 'admin' | 'manager' | 'technician' | 'consultant';
}

/** What the worker exposes. `args` and the result are JSON-compatible objects. */
export interface CoreWorkerApi {
  /** Waits until the module is loaded and the database is open; returns its state. */
  start(): Promise<CoreReply<CoreState>>;
  mutate(name: string, args: unknown, actor: Actor): Promise<CoreReply<unknown>>;
  query(name: string, args: unknown, actor: Actor): Promise<CoreReply<unknown>>;
}
