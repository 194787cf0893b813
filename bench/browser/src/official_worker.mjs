/**
 * Dedicated worker: the workloads on the official @sqlite.org/sqlite-wasm build with its
 * opfs-sahpool VFS, through its documented object API (prepare/bind/stepReset), with its
 * default pragmas. Rows are produced in JS by bench_data.mjs, the same rows as ours.
 * Messages: as ours_worker.mjs.
 */
import sqlite3InitModule from '/node_modules/@sqlite.org/sqlite-wasm/dist/index.mjs';
import { row, doc, rng } from './bench_data.mjs';

async function load() {
  const sqlite3 = await sqlite3InitModule();
  const tLoaded = performance.now();
  const pool = await sqlite3.installOpfsSAHPoolVfs({ name: 'bench-sahpool', directory: '/bench-official-pool' });
  const tPool = performance.now();
  const db = new pool.OpfsSAHPoolDb('/bench.db');
  return { sqlite3, pool, db, tLoaded, tPool };
}

function insertRows(db, table, rows, transactions, seed) {
  const st = db.prepare(`INSERT INTO ${table}(id, name, category, qty, price) VALUES(?,?,?,?,?)`);
  const next = rng(seed);
  const perTx = rows / transactions;
  let id = 1;
  for (let t = 0; t < transactions; ++t) {
    db.exec('BEGIN');
    for (let i = 0; i < perTx; ++i, ++id) st.bind(row(id, next)).stepReset();
    db.exec('COMMIT');
  }
  st.finalize();
}

async function main({ sizes, queries, schema }) {
  const { sqlite3, pool, db } = await load();
  const out = { sqlite: sqlite3.version.libVersion };
  const time = (name, fn) => {
    const t0 = performance.now();
    const v = fn();
    out[name] = performance.now() - t0;
    return v;
  };
  db.exec(schema);
  time('w1', () => insertRows(db, 't1', sizes.w1Rows, sizes.w1Transactions, 1));
  out.w2Check = time('w2', () => {
    const st = db.prepare('SELECT name, qty FROM t1 WHERE id = ?');
    const next = rng(2);
    let sum = 0;
    for (let i = 0; i < sizes.w2Lookups; ++i) {
      st.bind(1, 1 + (next() % sizes.w1Rows));
      if (st.step()) {
        st.getString(0);
        sum += st.getInt(1);
      }
      st.reset();
    }
    st.finalize();
    return sum;
  });
  time('w3a', () => insertRows(db, 't3', sizes.w3Rows, 1, 3));
  out.w3bGroups = time('w3b', () =>
    db.selectArrays('SELECT category, count(*), sum(qty), avg(price) FROM t3 GROUP BY category ORDER BY category').length);
  // Work a write-ahead log defers (none with its rollback journal): copying the log in.
  time('checkpoint', () => db.exec('PRAGMA wal_checkpoint(TRUNCATE)'));
  time('w4Load', () => {
    const st = db.prepare('INSERT INTO docs(rowid, title, body) VALUES(?,?,?)');
    const next = rng(4);
    db.exec('BEGIN');
    for (let i = 1; i <= sizes.w4Docs; ++i) st.bind([i, ...doc(next)]).stepReset();
    db.exec('COMMIT');
    st.finalize();
  });
  const st = db.prepare('SELECT rowid FROM docs WHERE docs MATCH ? LIMIT 50');
  const per = [];
  let hits = 0;
  for (const q of queries) {
    const t0 = performance.now();
    st.bind(1, q);
    while (st.step()) {
      st.getInt(0);
      ++hits;
    }
    st.reset();
    per.push(performance.now() - t0);
  }
  st.finalize();
  out.w4 = per;
  out.w4Hits = hits;
  db.close();
  pool.pauseVfs();
  return out;
}

async function cold({ sizes }) {
  const { pool, db, tLoaded, tPool } = await load();
  const [, qty] = db.selectArray('SELECT name, qty FROM t3 WHERE id = ?', [sizes.w5Id]);
  const tFirst = performance.now();
  db.close();
  pool.pauseVfs();
  return { w5: tFirst, w5Loaded: tLoaded, w5Pool: tPool, w5Qty: qty };
}

self.onmessage = async ({ data }) => {
  try {
    const result = data.phase === 'main' ? await main(data) : await cold(data);
    self.postMessage({ ok: true, ...result });
  } catch (e) {
    self.postMessage({ ok: false, error: String(e && e.stack ? e.stack : e) });
  }
};
