/**
 * The device's sync loop, in the core's worker: it carries the core's client half
 * (core/sync/client.h, reached through `SyncCore`) over HTTP and WebSocket. It decides only
 * WHEN to sync and how to talk to the server; what to send and how to rebase is the core's.
 *
 * Triggers: start, `online`, a timer (every minute), WebSocket pokes ("version N" newer than
 * what we have), the UI (visibility change, "sync now", after each local change).
 * Failures: network errors, 5xx and 429 are retried with exponential backoff and jitter
 * (1 s, 2 s, 4 s … capped at 60 s, each ×0.5–1.5); an expired session or a refused request
 * is not retried automatically and is shown to the user. One sync at a time: a trigger that
 * arrives during a sync runs another round right after it.
 *
 * Status (SyncStatus in protocol.ts) is pushed to every watcher on each change.
 */
import { uploadPendingAttachments } from './attachment_upload';
import type { CoreErrorCode, CoreReply, Rejection, SyncStatus } from './protocol';

export interface StoredSession {
  token: string;
  user: { id: string; role: string };
}

/** What the core says after rebasing on one pull page (SyncClient::ApplyPull). */
export interface PullApplied {
  done: boolean;
  rows: number;
  pending: number;
  until: number;
  reached: number;
}

/** The core calls the loop needs (wasm/bindings.cc), already parsed. */
export interface SyncCore {
  session(): StoredSession | null;
  pushRequest(max: number): CoreReply<{ client_id?: string; mutations?: unknown[] }>;
  applyPush(response: unknown): CoreReply<unknown>;
  pullRequest(): CoreReply<Record<string, unknown>>;
  /** Takes the pull response as the server's text: the core parses it (once). */
  applyPull(responseText: string): CoreReply<PullApplied>;
  state(): CoreReply<{ pending: number; cookie: number; last_pull_at?: number | null; rejections: Rejection[] }>;
  /** The device's schema version, or null when snapshots cannot be used (database in memory). */
  snapshotSchema(): number | null;
  /** Makes the server's snapshot the local database (wasm/bindings.cc, InstallSnapshot). */
  installSnapshot(bytes: ArrayBuffer): CoreReply<{ snapshot: boolean; errors: string[] }>;
}

const kPushBatch = 500;
const kPullPage = 5000;  // the server's maximum (core/sync/protocol.h)
const kPeriodMs = 60_000;
const kRequestTimeoutMs = 30_000;
const kMaxBackoffMs = 60_000;

class SyncFailure extends Error {
  constructor(
    readonly code: CoreErrorCode,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

function jitter(ms: number): number {
  return Math.round(ms * (0.5 + Math.random()));
}

export class SyncLoop {
  private status: SyncStatus;
  private readonly watchers = new Set<(status: SyncStatus) => void>();
  private running = false;
  private again = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private periodTimer: ReturnType<typeof setInterval> | undefined;
  private socket: WebSocket | null = null;
  private socketTimer: ReturnType<typeof setTimeout> | undefined;
  private socketFailures = 0;
  private stopped = false;
  private readonly onOnline = () => {
    this.update({ online: true });
    this.failures = 0;
    this.connectSocket();
    this.trigger('online');
  };
  private readonly onOffline = () => {
    this.update({ online: false });
    this.socket?.close();
  };

  constructor(
    private readonly core: SyncCore,
    private readonly origin: string,
  ) {
    this.status = {
      online: navigator.onLine,
      signedIn: false,
      live: false,
      phase: 'idle',
      pending: 0,
      lastSuccessAt: null,
      lastError: null,
      nextRetryAt: null,
      progress: null,
      rejections: [],
      received: 0,
    };
  }

  start(): void {
    addEventListener('online', this.onOnline);
    addEventListener('offline', this.onOffline);
    this.periodTimer = setInterval(() => {
      if (this.status.nextRetryAt === null) this.trigger('timer');
    }, kPeriodMs);
    this.refresh();
    this.connectSocket();
    this.trigger('start');
  }

  /** Stops every timer and the socket (the database is about to close). */
  stop(): void {
    this.stopped = true;
    removeEventListener('online', this.onOnline);
    removeEventListener('offline', this.onOffline);
    clearInterval(this.periodTimer);
    clearTimeout(this.retryTimer);
    clearTimeout(this.socketTimer);
    this.socket?.close();
  }

  /**
   * The page's view of the network (its online/offline events), which a worker does not
   * always get (e.g. under DevTools network emulation).
   */
  setOnline(online: boolean): void {
    if (online === this.status.online) return;
    if (online) this.onOnline();
    else this.onOffline();
  }

  watch(watcher: (status: SyncStatus) => void): void {
    this.watchers.add(watcher);
    watcher(this.status);
  }

  /** Re-reads pending changes, rejections and the session from the core, and notifies. */
  refresh(): void {
    const state = this.core.state();
    const signedIn = this.core.session() !== null;
    if (state.ok) {
      // After a restart the last sync is the one the database remembers (kept across reloads).
      const lastSuccessAt = this.status.lastSuccessAt ?? state.result.last_pull_at ?? null;
      this.update({ pending: state.result.pending, rejections: state.result.rejections, signedIn, lastSuccessAt });
    }
    else this.update({ signedIn });
  }

  /**
   * One more mutation in the outbox (each local change adds exactly one). Watchers are not
   * told: the mutation's reply carries the count; returns it.
   */
  countLocalChange(): number {
    this.status = { ...this.status, pending: this.status.pending + 1 };
    return this.status.pending;
  }

  /** A new session (sign-in) or none (sign-out): reconnects and syncs. */
  sessionChanged(): void {
    this.failures = 0;
    this.update({ lastError: null, nextRetryAt: null });
    this.socket?.close();
    this.refresh();
    this.connectSocket();
    this.trigger('session');
  }

  trigger(reason: string): void {
    if (this.stopped) return;
    // Offline, nothing is attempted (no failed request, no backoff): `online` triggers.
    if (!this.status.online) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.retryTimer);
    void this.run(reason);
  }

  private update(change: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...change };
    for (const watcher of this.watchers) {
      try {
        watcher(this.status);
      } catch {
        this.watchers.delete(watcher);  // the page that watched is gone
      }
    }
  }

  private async run(reason: string): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        await this.syncOnce();
      } while (this.again && !this.stopped);
      this.failures = 0;
      if (this.core.session() !== null) {
        this.update({ lastSuccessAt: Date.now(), lastError: null, nextRetryAt: null });
      }
    } catch (thrown) {
      const failure =
        thrown instanceof SyncFailure
          ? thrown
          : new SyncFailure('internal', thrown instanceof Error ? thrown.message : String(thrown), true);
      this.failures += 1;
      let nextRetryAt: number | null = null;
      if (failure.retryable && !this.stopped) {
        const delay = jitter(Math.min(kMaxBackoffMs, 1000 * 2 ** (this.failures - 1)));
        nextRetryAt = Date.now() + delay;
        this.retryTimer = setTimeout(() => {
          this.update({ nextRetryAt: null });
          this.trigger('retry');
        }, delay);
      }
      console.info(`invento sync (${reason}) failed: ${failure.code}: ${failure.message}`);
      this.update({ lastError: { code: failure.code, message: failure.message, at: Date.now() }, nextRetryAt });
    } finally {
      this.running = false;
      this.update({ phase: 'idle', progress: null });
      this.refresh();
    }
  }

  private async syncOnce(): Promise<void> {
    const session = this.core.session();
    if (session === null) return;
    this.update({ phase: 'pushing' });
    // Photos' bytes first, so their rows seldom reach others before them (never blocks the push).
    await uploadPendingAttachments(this.origin, session.token).catch((thrown) => console.warn('invento: attachment upload failed', thrown));
    for (;;) {
      const request = this.core.pushRequest(kPushBatch);
      if (!request.ok) throw new SyncFailure(request.error.code, request.error.message, false);
      if (!request.result.mutations) break;
      const response = await this.post('/api/push', request.result, session.token);
      const applied = this.core.applyPush(response);
      if (!applied.ok) throw new SyncFailure(applied.error.code, applied.error.message, false);
      this.refresh();
    }
    this.update({ phase: 'pulling', progress: { rows: 0, pages: 0, until: null, reached: 0 } });
    const before = this.core.state();
    if (before.ok && before.result.cookie === 0 && before.result.pending === 0) {
      await this.firstSyncFromSnapshot(session.token);
    }
    for (;;) {
      const request = this.core.pullRequest();
      if (!request.ok) throw new SyncFailure(request.error.code, request.error.message, false);
      const text = await this.post('/api/pull', { ...request.result, limit: kPullPage }, session.token, true);
      const applied = this.core.applyPull(text as string);
      if (!applied.ok) throw new SyncFailure(applied.error.code, applied.error.message, false);
      const previous = this.status.progress ?? { rows: 0, pages: 0, until: null, reached: 0 };
      this.update({
        pending: applied.result.pending,
        received: this.status.received + (applied.result.rows > 0 ? 1 : 0),
        progress: {
          rows: previous.rows + applied.result.rows,
          pages: previous.pages + 1,
          until: applied.result.until,
          reached: applied.result.reached,
        },
      });
      if (applied.result.done) break;
    }
  }

  /**
   * A fresh device (never pulled, nothing pending) asks for the server's snapshot: one SQLite
   * file with every row and its indexes up to a version, instead of pulling and indexing
   * every row one by one (docs/sync-protocol.md). The server answers 204 when it holds too
   * little for that to pay and 409 when the schema versions differ; then, as after any
   * failure here, the rows are pulled one by one as usual.
   */
  private async firstSyncFromSnapshot(token: string): Promise<void> {
    const schema = this.core.snapshotSchema();
    if (schema === null) return;
    let response: Response;
    try {
      response = await fetch(`${this.origin}/api/snapshot`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ schema }),
        cache: 'no-store',
      });
    } catch (thrown) {
      throw new SyncFailure('network', thrown instanceof Error ? thrown.message : String(thrown), true);
    }
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      if (response.status === 401) throw new SyncFailure('unauthenticated', 'session expired', false);
      return;
    }
    // The file's own size: the body usually comes gzip-compressed and is counted as it is
    // decompressed.
    const total = Number(response.headers.get('x-invento-bytes')) || null;
    const chunks: Uint8Array[] = [];
    let received = 0;
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        this.update({ progress: { rows: 0, pages: 0, until: null, reached: 0, bytes: received, totalBytes: total } });
      }
    } catch (thrown) {
      throw new SyncFailure('network', thrown instanceof Error ? thrown.message : String(thrown), true);
    }
    const bytes = new Uint8Array(received);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    chunks.length = 0;
    const installed = this.core.installSnapshot(bytes.buffer);
    if (!installed.ok) throw new SyncFailure(installed.error.code, installed.error.message, false);
    if (!installed.result.snapshot) console.warn('invento: the snapshot could not be used', installed.result.errors);
    this.update({ received: this.status.received + 1 });
  }

  /** POSTs JSON; resolves with the parsed answer, or its text when `asText` (for the core). */
  private async post(path: string, body: unknown, token: string, asText = false): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(kRequestTimeoutMs),
        cache: 'no-store',
      });
    } catch (thrown) {
      throw new SyncFailure('network', thrown instanceof Error ? thrown.message : String(thrown), true);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (thrown) {
      throw new SyncFailure('network', thrown instanceof Error ? thrown.message : String(thrown), true);
    }
    if (response.ok && asText) return text;
    let payload: { code?: string; message?: string } = {};
    try {
      payload = JSON.parse(text) as typeof payload;
    } catch {
      if (response.ok) throw new SyncFailure('server', `unreadable answer from ${path}`, true);
    }
    if (response.ok) return payload;
    const message = payload.message ?? `HTTP ${response.status}`;
    if (response.status === 401) throw new SyncFailure('unauthenticated', message, false);
    if (response.status === 403 && payload.code === 'password_change_required') {
      throw new SyncFailure('password_change_required', message, false);
    }
    if (response.status === 429 || response.status >= 500) throw new SyncFailure('server', message, true);
    const code = (payload.code ?? 'server') as CoreErrorCode;
    throw new SyncFailure(code, message, false);
  }

  /** Keeps one authenticated WebSocket open while signed in and online; pokes trigger a sync. */
  private connectSocket(): void {
    clearTimeout(this.socketTimer);
    const session = this.core.session();
    if (this.stopped || session === null || !this.status.online || this.socket !== null) return;
    const socket = new WebSocket(`${this.origin.replace(/^http/, 'ws')}/api/ws`);
    this.socket = socket;
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'auth', token: session.token })));
    socket.addEventListener('message', (event) => {
      let message: { type?: string; version?: number } = {};
      try {
        message = JSON.parse(String(event.data)) as typeof message;
      } catch {
        return;
      }
      if (message.type === 'hello') {
        this.socketFailures = 0;
        this.update({ live: true });
      }
      if ((message.type === 'hello' || message.type === 'poke') && typeof message.version === 'number') {
        const state = this.core.state();
        if (!state.ok || message.version > state.result.cookie) this.trigger('poke');
      }
    });
    socket.addEventListener('close', () => {
      if (this.socket === socket) this.socket = null;
      this.update({ live: false });
      if (this.stopped || this.core.session() === null) return;
      this.socketFailures += 1;
      const delay = jitter(Math.min(30_000, 1000 * 2 ** Math.min(this.socketFailures, 5)));
      this.socketTimer = setTimeout(() => this.connectSocket(), delay);
    });
  }
}
