/**
 * Orchestrates one benchmark run in the page: for each repetition and each variant (ours,
 * official), a fresh OPFS directory, one worker for W1-W4, then a NEW worker for the cold
 * open (W5). The order of the variants alternates between repetitions. Results are raw
 * per-repetition figures; run.mjs takes the medians.
 */
import { kSchema, kSizes, prefixQueries } from './bench_data.mjs';

const kDirs = { ours: 'bench-ours-pool', official: 'bench-official-pool', core: 'bench-core-pool' };

async function clearOpfs() {
  const root = await navigator.storage.getDirectory();
  for (const name of Object.values(kDirs)) {
    try {
      await root.removeEntry(name, { recursive: true });
    } catch (e) {
      if (e.name !== 'NotFoundError') throw e;
    }
  }
}

function runWorker(url, message) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { type: 'module' });
    worker.onmessage = ({ data }) => {
      worker.terminate();
      data.ok ? resolve(data) : reject(new Error(data.error));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`worker error: ${e.message}`));
    };
    worker.postMessage(message);
  });
}

async function runVariant(variant, queries, sizes) {
  const url = variant.kind === 'official' ? './official_worker.mjs' : './ours_worker.mjs';
  const message = { moduleUrl: variant.moduleUrl, pragmas: variant.pragmas || '', sizes, queries, schema: kSchema };
  const main = await runWorker(url, { ...message, phase: 'main' });
  const cold = await runWorker(url, { ...message, phase: 'cold' });
  return { ...main, ...cold };
}

/** Core mutation round trips (page -> worker -> core -> page), `n` category.create. */
async function runCore(moduleUrl, n) {
  const worker = new Worker('./core_worker.mjs', { type: 'module' });
  const call = (message) =>
    new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => (data.ok ? resolve(data) : reject(new Error(data.error || JSON.stringify(data.reply))));
      worker.postMessage(message);
    });
  try {
    const started = await call({ cmd: 'start', moduleUrl });
    const actor = { user_id: 'bench', role: 'admin' };
    const roundTrips = [];
    const coreMs = [];
    for (let i = 0; i < n; ++i) {
      const id = crypto.randomUUID();
      const t0 = performance.now();
      const r = await call({ cmd: 'mutate', name: 'category.create', args: { id, name: `Category ${i} ${id.slice(0, 8)}` }, actor });
      roundTrips.push(performance.now() - t0);
      coreMs.push(r.coreMs);
    }
    await call({ cmd: 'stop' });
    return { ...started, roundTrips, coreMs };
  } finally {
    worker.terminate();
  }
}

window.runBench = async ({ reps, variants, core, mutations, scale }) => {
  const sizes = Object.fromEntries(
    Object.entries(kSizes).map(([k, v]) => [k, k === 'w1Transactions' || k === 'w4Queries' ? v : Math.round(v * scale)]));
  const queries = prefixQueries(sizes.w4Queries);
  const results = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let rep = 0; rep < reps; ++rep) {
    const order = rep % 2 ? [...variants].reverse() : variants;
    for (const variant of order) {
      await clearOpfs();
      console.log(`repetition ${rep + 1}/${reps}: ${variant.name}`);
      results[variant.name].push(await runVariant(variant, queries, sizes));
    }
  }
  const coreResults = [];
  for (const c of core) {
    await clearOpfs();
    coreResults.push({ name: c.name, ...(await runCore(c.moduleUrl, mutations)) });
  }
  await clearOpfs();
  return { results, core: coreResults, userAgent: navigator.userAgent, sizes, queries: queries.length };
};
window.benchReady = true;
