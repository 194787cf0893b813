/**
 * The data both sides write and query, generated identically: xorshift32 from fixed seeds
 * and one word list. Must match sqlite_bench.cc (kWords, Rng, BindRow, W4Load).
 */
export const kWords = [
  'valve', 'pump', 'bearing', 'filter', 'motor', 'gasket', 'sensor', 'relay',
  'boiler', 'fan', 'belt', 'seal', 'hose', 'nozzle', 'switch', 'cable',
  'brake', 'clutch', 'gear', 'shaft', 'spring', 'bolt', 'nut', 'washer',
  'screw', 'rivet', 'pipe', 'flange', 'elbow', 'tee', 'coupler', 'bushing',
  'piston', 'ring', 'cylinder', 'blade', 'rotor', 'stator', 'fuse', 'breaker',
  'lamp', 'ballast', 'ladder', 'glove', 'helmet', 'mask', 'oil', 'grease',
  'paint', 'primer', 'tape', 'glue', 'drill', 'saw', 'hammer', 'wrench',
  'pliers', 'meter', 'gauge', 'timer', 'thermostat', 'compressor', 'condenser',
  'evaporator',
];

/** xorshift32, as uint32 (same sequence as the C++ Rng). */
export function rng(seed) {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x;
  };
}

/** One row of t1/t3: [id, name, category, qty, price]. */
export function row(id, next) {
  const r = next();
  const n = kWords.length;
  return [id, `${kWords[r % n]} ${kWords[(r >>> 8) % n]} ${id}`, r % 100, r % 1000, (r % 100000) / 100];
}

/** W4 document `i` from the generator: [title (3 words), body (8 words)]. */
export function doc(next) {
  const n = kWords.length;
  const words = (k) => Array.from({ length: k }, () => kWords[next() % n]).join(' ');
  return [words(3), words(8)];
}

/** The W4 queries: `count` prefix queries of 2 to 4 letters of a word ("val*"). */
export function prefixQueries(count) {
  const next = rng(5);
  const out = [];
  for (let i = 0; i < count; ++i) {
    const w = kWords[next() % kWords.length];
    out.push(`${w.slice(0, 2 + (next() % 3))}*`);
  }
  return out;
}

export const kSchema = `
  CREATE TABLE t1(id INTEGER PRIMARY KEY, name TEXT NOT NULL, category INTEGER NOT NULL,
                  qty INTEGER NOT NULL, price REAL NOT NULL);
  CREATE TABLE t3(id INTEGER PRIMARY KEY, name TEXT NOT NULL, category INTEGER NOT NULL,
                  qty INTEGER NOT NULL, price REAL NOT NULL);
  CREATE VIRTUAL TABLE docs USING fts5(title, body);`;

/** Sizes of the workloads (the brief of the benchmark, docs/benchmarks.md). */
export const kSizes = {
  w1Rows: 10000, w1Transactions: 100,
  w2Lookups: 10000,
  w3Rows: 100000,
  w4Docs: 100000, w4Queries: 500,
  w5Id: 50000,
};

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
