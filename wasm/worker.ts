/**
 * Entry point of the dedicated Worker that owns the C++ core and its SQLite database: the
 * façade the page calls through Comlink (CoreWorkerApi in protocol.ts). Thin on purpose: it
 * forwards each call to the core (converting objects to JSON strings and back, core_call.ts),
 * to the database's platform side (storage.ts: OPFS, rebuild, checkpoints, integrity), to
 * the session (session.ts: sign-in and the server calls made with the token) and to the
 * sync loop (sync_loop.ts). It holds no business rule: the core decides, and acts as the
 * signed-in user it derives from the stored session. Every call resolves with a
 * `CoreReply`: a load failure, an unparsable reply or an exception escaping the module
 * becomes an `internal` error value instead of a rejected promise.
 */
import * as Comlink from 'comlink';
import { readAttachment, saveAttachment } from './attachment_upload';
import { call, describe, failure, invoke } from './core_call';
import type { CoreErrorInfo, CoreReply, CoreVersions, CoreWorkerApi, SyncStatus } from './protocol';
import { Session } from './session';
import {
  Checkpointer,
  checkIntegrity,
  closeStorage,
  installSnapshot,
  loadStorage,
  rebuildDatabase,
  schemaVersion,
  type Loaded,
} from './storage';
import { SyncLoop, type PullApplied } from './sync_loop';

const kOrigin = self.location.origin;

/** The open database with what the worker keeps beside it. */
type Device = Loaded & { session: Session; checkpoints: Checkpointer };

function handedOver(): { ok: false; error: CoreErrorInfo } {
  return failure('failed_precondition', 'the database was handed over to another tab');
}

// Started at once (not on the first call) so loading overlaps with the page's startup.
const loading: Promise<CoreReply<Device>> = loadStorage().then((core): CoreReply<Device> =>
  core.ok
    ? {
        ok: true,
        result: { ...core.result, session: new Session(core.result.module, kOrigin), checkpoints: new Checkpointer(core.result.module) },
      }
    : core,
);
let device: Promise<CoreReply<Device>> = loading;
let closed = false;

async function opened(): Promise<CoreReply<Device>> {
  if (closed) return handedOver();
  return device;
}

const sync = loading.then((core) => {
  if (!core.ok) return null;
  const { module, session, checkpoints } = core.result;
  const loop = new SyncLoop(
    {
      // Not before the password the server requires is changed (it would refuse with 403).
      session: () => {
        const current = session.current();
        return current && !current.user.must_change_password ? current : null;
      },
      pushRequest: (max) => invoke(() => module.syncPushRequest(max)),
      applyPush: (response) => invoke(() => module.syncApplyPush(JSON.stringify(response), Date.now())),
      pullRequest: () => invoke(() => module.syncPullRequest()),
      applyPull: (responseText) => {
        const reply = invoke<PullApplied>(() => module.syncApplyPull(responseText, Date.now()));
        checkpoints.schedule();
        return reply;
      },
      state: () => invoke(() => module.syncState()),
      snapshotSchema: () => (core.result.storage.storage === 'opfs' ? schemaVersion(module) : null),
      installSnapshot: (bytes) => {
        session.forget();
        try {
          return installSnapshot(module, bytes);
        } finally {
          checkpoints.schedule();
        }
      },
    },
    kOrigin,
  );
  loop.start();
  return loop;
});

/** The full integrity check, in the background once the database is open. */
const integrity: Promise<CoreReply<string>> = loading.then((core) =>
  checkIntegrity(core, () => (closed ? handedOver() : null)),
);

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
    // The core acts as the signed-in user (its sync client holds the session).
    if (!core.result.session.current()) return failure('unauthenticated', 'sign in first');
    const reply = invoke(() => core.result.module.mutate(name, JSON.stringify(args), Date.now()));
    if (!reply.ok) return reply;
    core.result.checkpoints.schedule();
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
    return invoke(() => core.result.module.query(name, JSON.stringify(args)));
  },
  async session() {
    const core = await opened();
    if (!core.ok) return core;
    return { ok: true, result: core.result.session.current()?.user ?? null };
  },
  async signIn(username: string, password: string) {
    const core = await opened();
    if (!core.ok) return core;
    const reply = await core.result.session.signIn(username, password);
    if (reply.ok) (await sync)?.sessionChanged();
    return reply;
  },
  async changePassword(current: string, next: string) {
    const core = await opened();
    if (!core.ok) return core;
    const reply = await core.result.session.changePassword(current, next);
    if (reply.ok) (await sync)?.sessionChanged();
    return reply;
  },
  async signOut() {
    const core = await opened();
    if (!core.ok) return core;
    const reply = await core.result.session.signOut();
    if (reply.ok) (await sync)?.sessionChanged();
    return reply;
  },
  async admin(method: 'GET' | 'POST', path: string, body: unknown) {
    // A pass-through with the session's token: the server decides who may do what.
    const audit = path === '/api/audit' || path.startsWith('/api/audit?');
    if (!path.startsWith('/api/admin/') && !audit) return failure('invalid_argument', `not an administration path: ${path}`);
    const core = await opened();
    if (!core.ok) return core;
    return core.result.session.admin(method, path, body);
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
    core.result.session.forget();
    const rebuilt = rebuildDatabase(core.result.module);
    if (!rebuilt.ok) return rebuilt;
    (await sync)?.sessionChanged();
    return rebuilt;
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
    const session = core.result.session.current();
    return { ok: true, result: await readAttachment(kOrigin, session?.token ?? null, sha256) };
  },
  async close() {
    const core = await device;
    closed = true;
    if (core.ok) core.result.checkpoints.stop();
    (await sync)?.stop();
    if (!core.ok) return;
    closeStorage(core.result);
    device = Promise.resolve(handedOver());
  },
};

Comlink.expose(api);
