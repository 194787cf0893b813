/**
 * The UI's only door to the core: a typed request/reply bridge to the dedicated Worker
 * (wasm/worker.ts), carried by Comlink.
 *
 * - `ready` resolves with the core's state (versions, where the database lives, startup
 *   integrity check, a rebuild if one happened) once the module is loaded and the database
 *   is open; it rejects with a CoreError if the worker or the module fails.
 * - `mutate`/`query` calls made before that are queued behind `ready`. They run as the
 *   signed-in user, whom the worker takes from the stored session (the UI never names an
 *   actor); the server checks again with its own session.
 * - A refusal (`{ok:false}`) rejects with a `CoreError` carrying its code, message and
 *   field. The bridge never interprets arguments: the core decides.
 */
import * as Comlink from 'comlink';
import type { CoreReply, CoreState, CoreWorkerApi, Recovery, SessionUser, SyncStatus } from '../../../wasm/protocol';
import type { MutatorName, Mutators, QueryName, Queries } from './contract';
import { CoreError } from './core_error';

export interface CoreBridge {
  readonly ready: Promise<CoreState>;
  mutate<N extends MutatorName>(name: N, args: Mutators[N]['args']): Promise<Mutators[N]['result']>;
  query<N extends QueryName>(name: N, args: Queries[N]['args']): Promise<Queries[N]['result']>;
  session(): Promise<SessionUser | null>;
  signIn(username: string, password: string): Promise<SessionUser>;
  changePassword(current: string, next: string): Promise<SessionUser>;
  signOut(): Promise<void>;
  syncNow(reason: string): void;
  /** `listener` gets the sync status now and on every change; returns the way to stop. */
  watchSync(listener: (status: SyncStatus) => void): () => void;
  dismissRejection(mutationId: number): Promise<void>;
  /** Closes the database, releases its storage and stops the worker (another tab takes over). */
  close(): Promise<void>;
  /** The background integrity check's verdict: "ok" or the problems found. */
  integrity(): Promise<string>;
  /** Recreates the local database (unsent changes that can be read are kept). */
  rebuild(): Promise<Recovery>;
  /** User and session administration on the server (needs the network; CoreError 'network' offline). */
  admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** Keeps attachment bytes on the device and uploads them when online. */
  saveAttachment(sha256: string, bytes: ArrayBuffer): Promise<void>;
  /** Attachment bytes (local copy, else downloaded with the session); null when unavailable. */
  readAttachment(sha256: string): Promise<Blob | null>;
}

function unwrap<T>(reply: CoreReply<unknown>): T {
  if (!reply.ok) throw new CoreError(reply.error);
  return reply.result as T;
}

/** Starts the worker and returns the bridge to it. Call once per page (per ownership). */
export function createCoreBridge(): CoreBridge {
  const worker = new Worker(new URL('../../../wasm/worker.ts', import.meta.url), {
    type: 'module',
    name: 'invento-core',
  });
  const remote = Comlink.wrap<CoreWorkerApi>(worker);

  // A worker that fails to load (missing script, syntax error, CSP refusal) only
  // reports through 'error' events; without this, `ready` would never settle.
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const detail = event.message ? `: ${event.message}` : '';
      reject(new CoreError({ code: 'internal', message: `the core worker failed to start${detail}` }));
    });
  });

  const ready = Promise.race([remote.start().then((reply) => unwrap<CoreState>(reply)), crashed]);

  // The page's network events, forwarded: a worker does not always get its own.
  const network = () => void remote.setOnline(navigator.onLine);
  network();
  addEventListener('online', network);
  addEventListener('offline', network);
  // Avoid an unhandled rejection when nobody awaits `ready` before a call fails.
  ready.catch(() => undefined);

  // One watcher in the worker, fanned out here to every component that watches.
  const listeners = new Set<(status: SyncStatus) => void>();
  let latest: SyncStatus | null = null;
  let watching = false;
  // Watchers hear of a new status at the next animation frame, once per frame however many
  // changes arrived meanwhile: a burst of mutations re-renders the sync bar once, not once
  // per call (each render and relayout delayed the next reply).
  let frameRequested = false;
  const publish = (status: SyncStatus) => {
    latest = status;
    if (frameRequested) return;
    frameRequested = true;
    requestAnimationFrame(() => {
      frameRequested = false;
      const current = latest;
      if (current !== null) for (const each of listeners) each(current);
    });
  };

  return {
    ready,
    async mutate(name, args) {
      await ready;
      const reply = await remote.mutate(name, args);
      if (reply.ok && reply.pending !== undefined && latest !== null && latest.pending !== reply.pending) {
        publish({ ...latest, pending: reply.pending });
      }
      return unwrap(reply);
    },
    async query(name, args) {
      await ready;
      return unwrap(await remote.query(name, args));
    },
    async session() {
      await ready;
      return unwrap<SessionUser | null>(await remote.session());
    },
    async signIn(username, password) {
      await ready;
      return unwrap<SessionUser>(await remote.signIn(username, password));
    },
    async changePassword(current, next) {
      await ready;
      return unwrap<SessionUser>(await remote.changePassword(current, next));
    },
    async signOut() {
      await ready;
      unwrap(await remote.signOut());
    },
    syncNow(reason) {
      void remote.syncNow(reason);
    },
    watchSync(listener) {
      listeners.add(listener);
      if (latest !== null) listener(latest);
      if (!watching) {
        watching = true;
        void remote.watchSync(
          Comlink.proxy((status: SyncStatus) => publish(status)),
        );
      }
      return () => listeners.delete(listener);
    },
    async admin<T>(method: 'GET' | 'POST', path: string, body?: unknown) {
      await ready;
      return unwrap<T>(await remote.admin(method, path, body ?? {}));
    },
    async integrity() {
      await ready;
      return unwrap<string>(await remote.integrity());
    },
    async rebuild() {
      await ready;
      return unwrap<Recovery>(await remote.rebuild());
    },
    async saveAttachment(sha256, bytes) {
      await ready;
      unwrap(await remote.saveAttachment(sha256, Comlink.transfer(bytes, [bytes])));
    },
    async readAttachment(sha256) {
      await ready;
      return unwrap<Blob | null>(await remote.readAttachment(sha256));
    },
    async dismissRejection(mutationId) {
      unwrap(await remote.dismissRejection(mutationId));
    },
    async close() {
      removeEventListener('online', network);
      removeEventListener('offline', network);
      try {
        await Promise.race([remote.close(), new Promise((resolve) => setTimeout(resolve, 3000))]);
      } finally {
        worker.terminate();
      }
    },
  };
}
