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
  | 'failed_precondition'
  | 'internal'
  // Sign-in and sync (from the server, or the worker when the network fails):
  | 'unauthenticated'
  | 'too_many_attempts'
  | 'password_change_required'
  | 'network'
  | 'server';

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
  /**
   * Startup check: "ok" when the file opened and its schema reads; a failure there rebuilds
   * the database (see `recovery`). The full check runs afterwards: `integrity()`.
   */
  integrity: string;
  /** This device database's sync client id (a new one when the database was created). */
  client_id: string;
  /** Set when the database was found damaged at startup and rebuilt. */
  recovery?: Recovery;
  /** Where opening the database spent its time (ms), for the startup benchmark. */
  timings?: Record<string, number>;
}

/**
 * The local database was damaged and has been recreated: `kept` unsent changes were read
 * back and will be sent, `lost` could not be; every other row comes back from the server at
 * the next sync. `problem` is what the integrity check said.
 */
export interface Recovery {
  kept: number;
  lost: number;
  problem: string;
}

/** The signed-in user, as the server described them at sign-in. */
export interface SessionUser {
  id: string;
  username: string;
  display_name: string;
  role: Actor['role'];
  must_change_password: boolean;
}

/** A change the server refused, kept until the user dismisses it. */
export interface Rejection {
  mutation_id: number;
  name: string;
  args: unknown;
  code: string;
  message: string;
  at: number;
}

/** What the sync loop is doing, pushed to the UI on every change. */
export interface SyncStatus {
  /** The browser's idea of the network (navigator.onLine in the worker). */
  online: boolean;
  signedIn: boolean;
  /** The WebSocket for pokes is open and authenticated. */
  live: boolean;
  phase: 'idle' | 'pushing' | 'pulling';
  /** Changes made here and not yet confirmed by the server. */
  pending: number;
  /** Epoch ms of the last complete push + pull. */
  lastSuccessAt: number | null;
  lastError: { code: CoreErrorCode; message: string; at: number } | null;
  /** When the next automatic attempt is due after a failure (epoch ms). */
  nextRetryAt: number | null;
  /**
   * During a pull: rows received so far, pages, the server version being caught up to
   * (`until`) and the version reached (`reached`, so reached/until is the fraction done).
   * During a fresh device's first sync from a snapshot: `bytes` received of `totalBytes`.
   */
  progress: {
    rows: number;
    pages: number;
    until: number | null;
    reached: number;
    bytes?: number;
    totalBytes?: number | null;
  } | null;
  rejections: Rejection[];
  /** Incremented each time a pull wrote rows: screens re-read their data when it changes. */
  received: number;
}

/** Who performs a call: the signed-in user (taken from the stored session by the worker). */
export interface Actor {
  user_id: string;
  role: 'admin' | 'manager' | 'technician' | 'consultant';
}

/** What the worker exposes. `args` and the result are JSON-compatible objects. */
export interface CoreWorkerApi {
  /** Waits until the module is loaded and the database is open; returns its state. */
  start(): Promise<CoreReply<CoreState>>;
  /** Runs a mutator as the signed-in user and queues it for the server. */
  /**
   * A successful reply also says how many changes are now waiting to be sent (`pending`),
   * so the page's sync status counts this one before it shows the result.
   */
  mutate(name: string, args: unknown): Promise<CoreReply<unknown> & { pending?: number }>;
  query(name: string, args: unknown): Promise<CoreReply<unknown>>;
  /** The stored session's user, or null when nobody is signed in on this device. */
  session(): Promise<CoreReply<SessionUser | null>>;
  /** Signs in against the server (needs the network) and keeps the session locally. */
  signIn(username: string, password: string): Promise<CoreReply<SessionUser>>;
  changePassword(current: string, next: string): Promise<CoreReply<SessionUser>>;
  /** Revokes the session on the server when reachable and forgets it here. */
  signOut(): Promise<CoreReply<null>>;
  /**
   * User and session administration on the server (`/api/admin/...`, and `/api/audit` whose
   * CSV export comes back as {content}), with the stored
   * session's token: needs the network (`network` error offline). The server checks the role.
   */
  admin(method: 'GET' | 'POST', path: string, body: unknown): Promise<CoreReply<Record<string, unknown>>>;
  /** The page's online/offline state (forwarded from its window events). */
  setOnline(online: boolean): Promise<void>;
  /** Starts a sync now (reason is for logs: "button", "visible", ...). */
  syncNow(reason: string): Promise<void>;
  /** Calls `listener` (a Comlink proxy) with the sync status now and on every change. */
  watchSync(listener: (status: SyncStatus) => void): Promise<void>;
  dismissRejection(mutationId: number): Promise<CoreReply<null>>;
  /** Closes the database and releases its OPFS handles (another tab takes over). */
  close(): Promise<void>;
  /**
   * The full integrity check (PRAGMA quick_check, table by table in the background after
   * startup): "ok", or "<table>: <problems>".
   */
  integrity(): Promise<CoreReply<string>>;
  /** Recreates the local database now, keeping the unsent changes it can read. */
  rebuild(): Promise<CoreReply<Recovery>>;
  /** Keeps attachment bytes on the device (OPFS) and queues their upload (attachment_upload.ts). */
  saveAttachment(sha256: string, bytes: ArrayBuffer): Promise<CoreReply<null>>;
  /** Attachment bytes from the device, else from the server; null when unavailable. */
  readAttachment(sha256: string): Promise<CoreReply<Blob | null>>;
}
