/**
 * Vite build of the web app. The root is web/; the core's worker entry and the wasm
 * module live in ../wasm and are bundled from there (the worker as an ES module).
 *
 * `vite preview` sends the same Content-Security-Policy as the sync server, so a
 * preview run shows CSP violations before they reach production.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const webModules = fileURLToPath(new URL('./node_modules/', import.meta.url));

export const kContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "worker-src 'self'",
].join('; ');

export default defineConfig({
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  resolve: {
    // ../wasm/worker.ts has no node_modules above it: resolve its packages from web/.
    alias: [{ find: /^comlink$/, replacement: `${webModules}comlink/dist/esm/comlink.mjs` }],
    // One copy of Preact for the app and any library (hooks break with two).
    dedupe: ['preact'],
  },
  server: {
    fs: {
      // ../wasm (worker.ts, dist/invento_core.*) is outside the web/ root.
      allow: [repoRoot],
    },
  },
  preview: {
    headers: { 'Content-Security-Policy': kContentSecurityPolicy },
  },
  worker: {
    format: 'es',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Keep the wasm a separate, cacheable file even if it were small.
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
    sourcemap: true,
  },
});
