/**
 * The signed-in session in the worker, and the calls to the server made with it (sign-in,
 * password, sign-out, administration pass-through).
 *
 * The session is stored by the core (SyncClient::SetSession), which derives the actor of
 * every mutation and query from it: the worker never names an actor. This module keeps a
 * copy of the stored session (read once, until it changes) for what the worker itself
 * needs: the bearer token and the user shown to the page. Changed only through save(), or
 * forgotten when the database is replaced (forget()).
 */
import type { InventoCoreModule } from './dist/invento_core.mjs';
import { describe, failure, invoke } from './core_call';
import type { CoreErrorCode, CoreErrorInfo, CoreReply, SessionUser } from './protocol';
import type { StoredSession } from './sync_loop';

export type SignedIn = StoredSession & { user: SessionUser };

const kRequestTimeoutMs = 20_000;

/** One JSON call to the server (GET has no body); errors become CoreReply values. */
export async function requestJson(
  origin: string,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  token?: string,
): Promise<CoreReply<Record<string, unknown>>> {
  let response: Response;
  try {
    response = await fetch(`${origin}${path}`, {
      method,
      headers: {
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(kRequestTimeoutMs),
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

export class Session {
  private cache: { value: SignedIn | null } | null = null;

  constructor(
    private readonly module: InventoCoreModule,
    private readonly origin: string,
  ) {}

  /** The stored session, or null when nobody is signed in. */
  current(): SignedIn | null {
    if (this.cache === null) {
      const reply = invoke<SignedIn | null>(() => this.module.getSession());
      if (!reply.ok) return null;
      this.cache = { value: reply.result };
    }
    return this.cache.value;
  }

  /** The database was replaced (rebuilt, snapshot): read the session again next time. */
  forget(): void {
    this.cache = null;
  }

  /** Stores the session in the core (null signs out); the core then acts as its user. */
  save(session: StoredSession | null): CoreReply<unknown> {
    this.forget();
    return invoke(() => this.module.setSession(JSON.stringify(session)));
  }

  private post(path: string, body: unknown, token?: string): Promise<CoreReply<Record<string, unknown>>> {
    return requestJson(this.origin, 'POST', path, body, token);
  }

  /** Signs in against the server (needs the network) and keeps the session. */
  async signIn(username: string, password: string): Promise<CoreReply<SessionUser>> {
    const reply = await this.post('/api/login', { username, password });
    if (!reply.ok) return reply;
    const token = String(reply.result.token ?? '');
    const user = reply.result.user as SessionUser;
    // Another person's unsent changes on this device are never sent under a new name.
    const previous = this.current();
    const state = invoke<{ pending: number }>(() => this.module.syncState());
    if (previous && previous.user.id !== user.id && state.ok && state.result.pending > 0) {
      await this.post('/api/logout', {}, token);
      return failure(
        'failed_precondition',
        `${previous.user.display_name || previous.user.username} has ${state.result.pending} unsent changes on this device`,
      );
    }
    const saved = this.save({ token, user });
    if (!saved.ok) return saved;
    return { ok: true, result: user };
  }

  async changePassword(current: string, next: string): Promise<CoreReply<SessionUser>> {
    const session = this.current();
    if (!session) return failure('unauthenticated', 'sign in first');
    const reply = await this.post('/api/password', { current_password: current, new_password: next }, session.token);
    if (!reply.ok) return reply;
    const user = { ...session.user, must_change_password: false };
    const saved = this.save({ token: session.token, user });
    if (!saved.ok) return saved;
    return { ok: true, result: user };
  }

  /** Revokes the session on the server when reachable and forgets it here. */
  async signOut(): Promise<CoreReply<null>> {
    const session = this.current();
    if (session) await this.post('/api/logout', {}, session.token);  // best effort: offline, it just expires
    const cleared = this.save(null);
    if (!cleared.ok) return cleared;
    return { ok: true, result: null };
  }

  /** An administration call with the session's token: the server decides who may do what. */
  async admin(method: 'GET' | 'POST', path: string, body: unknown): Promise<CoreReply<Record<string, unknown>>> {
    const session = this.current();
    if (!session) return failure('unauthenticated', 'sign in first');
    if (!navigator.onLine) return failure('network', 'offline');
    return requestJson(this.origin, method, path, body, session.token);
  }
}
