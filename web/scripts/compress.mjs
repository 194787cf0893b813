/**
 * Precompresses the built app (after `vite build`): for every text or wasm file in dist/
 * larger than 1 KiB, writes `<file>.gz` (gzip -9) and `<file>.br` (Brotli, quality 11)
 * beside it when they are smaller than the file. The sync server sends one of them when
 * the browser accepts it (sync-server/static_files.cc); nothing compresses per request.
 * Runs after the service worker was generated, so the .gz/.br copies are not precached
 * twice (the browser caches the decoded response).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const kCompressible = /\.(html|js|mjs|css|wasm|svg|json|webmanifest|txt|ico|map)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let before = 0;
let gz = 0;
let br = 0;
for (const path of files(dist)) {
  if (!kCompressible.test(path)) continue;
  const data = readFileSync(path);
  if (data.length < 1024) continue;
  const gzipped = gzipSync(data, { level: 9 });
  const brotli = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  before += data.length;
  if (gzipped.length < data.length) {
    writeFileSync(`${path}.gz`, gzipped);
    gz += gzipped.length;
  }
  if (brotli.length < data.length) {
    writeFileSync(`${path}.br`, brotli);
    br += brotli.length;
  }
}
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`precompressed ${kb(before)}: gzip ${kb(gz)}, brotli ${kb(br)}`);
