/**
 * Dedicated worker: the app's core module (wasm/dist/invento_core.mjs or a build of it) on
 * OPFS, as wasm/worker.ts runs it: handles first, then open('/invento.db', 'opfs-sahpool').
 * Answers 'mutate' messages one at a time (JSON in, JSON out, like the app's worker), so
 * the page can time the round trip page -> worker -> core -> page.
 */
const kPoolDirectory = 'bench-core-pool';
let module;
let sessionActor = null;

async function start(moduleUrl) {
  const root = await navigator.storage.getDirectory();
  const dir = await root.getDirectoryHandle(kPoolDirectory, { create: true });
  const handles = [];
  for (let i = 0; i < 6; ++i) {
    const file = await dir.getFileHandle(`slot-${i}`, { create: true });
    handles.push(await file.createSyncAccessHandle());
  }
  const { default: create } = await import(moduleUrl);
  module = await create({ locateFile: (path) => new URL(path, moduleUrl).href });
  module.sahPool = handles;
  // open(path, vfs, freshClientId) since the sync client; open(path, vfs) before.
  let reply;
  try {
    reply = module.open('/invento.db', 'opfs-sahpool', crypto.randomUUID());
  } catch (e) {
    if (!String(e).includes('BindingError')) throw e;
    reply = module.open('/invento.db', 'opfs-sahpool');
  }
  const opened = JSON.parse(reply);
  if (!opened.ok) throw new Error(`open: ${opened.code}: ${opened.message}`);
  return { integrity: opened.result.integrity, versions: JSON.parse(module.versions()) };
}

self.onmessage = async ({ data }) => {
  try {
    if (data.cmd === 'start') {
      self.postMessage({ ok: true, ...(await start(data.moduleUrl)) });
    } else if (data.cmd === 'mutate') {
      // Since the core owns the actor (syncApplyPull(response, nowMs)): mutate(name, args,
      // nowMs) as the stored session's user, set once per actor, outside the timing.
      const actorFromSession = module.syncApplyPull?.argCount === 2;
      if (actorFromSession && sessionActor !== JSON.stringify(data.actor)) {
        sessionActor = JSON.stringify(data.actor);
        module.setSession(JSON.stringify({ token: 'bench', user: { id: data.actor.user_id, role: data.actor.role } }));
      }
      const t0 = performance.now();
      const call = [data.name, JSON.stringify(data.args), JSON.stringify(data.actor)];
      // mutate(name, args, actor, nowMs) since the sync client; (name, args, actor) before.
      const reply = JSON.parse(
        actorFromSession
          ? module.mutate(data.name, JSON.stringify(data.args), Date.now())
          : module.mutate.argCount === 3
            ? module.mutate(...call)
            : module.mutate(...call, Date.now()),
      );
      self.postMessage({ ok: reply.ok, reply, coreMs: performance.now() - t0 });
    } else if (data.cmd === 'stop') {
      for (const h of module.sahPool) h.close();
      self.postMessage({ ok: true });
    }
  } catch (e) {
    self.postMessage({ ok: false, error: String(e && e.stack ? e.stack : e) });
  }
};
