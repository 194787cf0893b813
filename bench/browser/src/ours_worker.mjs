/**
 * Dedicated worker: the workloads on OUR build (sqlite_bench.cc over wasm/opfs_sah_pool.cc).
 * The OPFS handles are acquired here first, as wasm/opfs_pool.ts does in the app (6 slot
 * files in one directory); the C++ VFS then reads and writes them synchronously.
 * Messages: {phase: 'main' | 'cold', moduleUrl, sizes, queries} -> {ok, ...timings} | {ok: false, error}.
 */
const kPoolDirectory = 'bench-ours-pool';
const kPoolSize = 6;
/** Connection settings unless the variant gives its own (run.mjs --variant NAME=DIR@SQL). */
const kDefaultPragmas = 'PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;';

async function acquirePool() {
  const root = await navigator.storage.getDirectory();
  const dir = await root.getDirectoryHandle(kPoolDirectory, { create: true });
  const handles = [];
  for (let i = 0; i < kPoolSize; ++i) {
    const file = await dir.getFileHandle(`slot-${i}`, { create: true });
    handles.push(await file.createSyncAccessHandle());
  }
  return handles;
}

function check(module, value, what) {
  if (value < 0) throw new Error(`${what}: ${module.lastError()}`);
  return value;
}

async function load(moduleUrl, pragmas) {
  const pool = acquirePool();
  const { default: create } = await import(moduleUrl);
  const module = await create({ locateFile: (path) => new URL(path, moduleUrl).href });
  const tLoaded = performance.now();
  module.sahPool = await pool;
  const tPool = performance.now();
  check(module, module.open('/bench.db', 'opfs-sahpool', pragmas || kDefaultPragmas), 'open');
  return { module, tLoaded, tPool };
}

function release(module) {
  check(module, module.close(), 'close');
  for (const h of module.sahPool) h.close();
}

async function main({ moduleUrl, pragmas, sizes, queries }) {
  const { module } = await load(moduleUrl, pragmas);
  const out = { sqlite: module.sqliteVersion() };
  const time = (name, fn) => {
    const t0 = performance.now();
    const v = fn();
    out[name] = performance.now() - t0;
    return v;
  };
  check(module, module.exec(self.kSchema), 'schema');
  check(module, time('w1', () => module.w1(sizes.w1Rows, sizes.w1Transactions)), 'w1');
  out.w2Check = check(module, time('w2', () => module.w2(sizes.w2Lookups, sizes.w1Rows)), 'w2');
  check(module, time('w3a', () => module.w3a(sizes.w3Rows)), 'w3a');
  out.w3bGroups = check(module, time('w3b', () => module.w3b()), 'w3b');
  // Work a write-ahead log defers to later (the app: idle time): copying the log into the
  // database. Nothing to do with a rollback journal.
  check(module, time('checkpoint', () => module.exec('PRAGMA wal_checkpoint(TRUNCATE)')), 'checkpoint');
  check(module, time('w4Load', () => module.w4Load(sizes.w4Docs)), 'w4Load');
  const per = [];
  let hits = 0;
  for (const q of queries) {
    const t0 = performance.now();
    hits += check(module, module.w4Query(q), 'w4');
    per.push(performance.now() - t0);
  }
  out.w4 = per;
  out.w4Hits = hits;
  release(module);
  return out;
}

async function cold({ moduleUrl, pragmas, sizes }) {
  const { module, tLoaded, tPool } = await load(moduleUrl, pragmas);
  const qty = check(module, module.w5First(sizes.w5Id), 'w5');
  const tFirst = performance.now();
  release(module);
  return { w5: tFirst, w5Loaded: tLoaded, w5Pool: tPool, w5Qty: qty };
}

self.onmessage = async ({ data }) => {
  try {
    self.kSchema = data.schema;
    const result = data.phase === 'main' ? await main(data) : await cold(data);
    self.postMessage({ ok: true, ...result });
  } catch (e) {
    self.postMessage({ ok: false, error: String(e && e.stack ? e.stack : e) });
  }
};
