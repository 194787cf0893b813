/**
 * Hand-written types for the Emscripten ES6 module built from wasm/bindings.cc
 * (`wasm/dist/invento_core.mjs` + `.wasm`, not committed; the generated loader has no
 * types of its own).
 *
 * Contract: every embind function takes and returns plain strings. Arguments and
 * results are JSON documents; a call never throws for a domain failure, it returns
 * the envelope `{"ok":false,"code":...,"message":...,"field"?:...}` instead. A C++
 * exception escaping the bindings would reach JS as a bare number: callers still guard
 * with try/catch and report it as `internal`.
 *
 * The declaration is a wildcard ambient module so it applies to the relative import
 * `./dist/invento_core.mjs` whether or not the build output exists yet.
 */
declare module '*/dist/invento_core.mjs' {
  /** The raw embind surface: JSON strings in, JSON strings out. */
  export interface InventoCoreModule {
    /** `{"core":"0.1.0","sqlite":"3.50.4","schema":1}` */
    versions(): string;
    /**
     * Opens (migrates, then quick-checks) the database at `path` with the SQLite VFS
     * `vfs`: "" for the default one (use ":memory:"), "opfs-sahpool" for OPFS, which
     * needs `sahPool` set first; starts its sync client with `freshClientId` the first time.
     * Envelope result: `{"integrity": "ok", "client_id": "..."}`.
     */
    open(path: string, vfs: string, freshClientId: string): string;
    /**
     * Recreates a damaged database, keeping the unsent changes it can still read.
     * Envelope result: `{"kept": n, "lost": n, "client_id": "...", "errors": [...]}`.
     */
    rebuild(path: string, vfs: string, freshClientId: string): string;
    /** Like rebuild, but the new database is the server snapshot the worker put in Module.snapshot (an ArrayBuffer); falls back to an empty database when it cannot be used. */
    installSnapshot(path: string, vfs: string, freshClientId: string): string;
    /** Closes the database (its VFS files stay; the worker then closes the handles). */
    close(): string;
    /** Flushes recent commits to storage (WAL checkpoint). Envelope result: null. */
    checkpoint(): string;
    /**
     * Integrity check of the `index`-th table and its indexes (background check, one table a
     * call). Envelope result: `{"table", "result": "ok" | problems, "next": index + 1 | null}`.
     */
    checkTable(index: number): string;
    /**
     * The OPFS FileSystemSyncAccessHandles the "opfs-sahpool" VFS uses, one per pool
     * file; set by the worker before `open`. Never touched by anything else.
     */
    sahPool?: readonly object[];
    /** The server snapshot installSnapshot() writes as the database file (set only around that call). */
    snapshot?: ArrayBuffer | undefined;
    /**
     * Runs the named mutator as the signed-in user (the core derives the actor from the
     * session given to `setSession`) and queues it: `(name, argsJson, nowMs)` -> envelope.
     */
    mutate(name: string, argsJson: string, nowMs: number): string;
    /** Runs the named read-only query as the signed-in user (a consultant when signed out). */
    query(name: string, argsJson: string): string;
    /** The next push body (`{}` when nothing is pending), at most `max` mutations. */
    syncPushRequest(max: number): string;
    syncApplyPush(responseJson: string, nowMs: number): string;
    /** The next pull body. */
    syncPullRequest(): string;
    /** Rebases on one pull page, re-running pending changes as the signed-in user: `{"done", "rows", "pending", "rejected"}`. */
    syncApplyPull(responseJson: string, nowMs: number): string;
    /** `{"client_id", "pending", "cookie", "clock_offset_ms", "rejections"}` */
    syncState(): string;
    syncDismiss(mutationId: number): string;
    /** The stored session JSON or null. */
    getSession(): string;
    /** Stores (or with "null" clears) the session; its user becomes the actor of every call. Refused unless `{token, user: {id, role}}`. */
    setSession(sessionJson: string): string;
  }

  /** The subset of Emscripten's module options the worker passes. */
  export interface InventoCoreModuleOptions {
    /** Maps a file the loader needs (the .wasm) to the URL it is served from. */
    locateFile?: (path: string, scriptDirectory: string) => string;
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }

  /** The MODULARIZE factory (`-sEXPORT_NAME=createCore`). Rejects if the wasm fails to load. */
  export default function createCore(options?: InventoCoreModuleOptions): Promise<InventoCoreModule>;
}
