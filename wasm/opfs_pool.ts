/**
 * Acquires the pool of OPFS synchronous access handles that the C++ VFS
 * (opfs_sah_pool.cc, "opfs-sahpool") reads and writes. Runs in the dedicated worker,
 * before the database is opened, because createSyncAccessHandle() is asynchronous while
 * every SQLite VFS call must be synchronous.
 *
 * The pool is `kPoolSize` files `slot-0`… in the OPFS directory `kPoolDirectory`. The
 * files hold no meaning here: which SQLite file each one holds is written in its header
 * by the C++ side.
 *
 * Failure is a value: `{ ok: false, reason, detail }` with reason
 * - `unsupported`: no OPFS or no createSyncAccessHandle in this browser/context;
 * - `busy`: the handles stay held by someone else (another tab, or a previous page whose
 *   worker Chromium has not released yet — retried with backoff first);
 * - `failed`: any other error.
 * Handles already acquired are closed before failing, so a later attempt can take them.
 */
import type { StorageFailure } from './protocol';

export const kPoolDirectory = 'invento-sahpool';
export const kPoolSize = 6;
/** Delays between attempts while a handle is still held (about 6 s in total). */
const kRetryDelaysMs = [100, 200, 400, 800, 1600, 3000];

/** The part of FileSystemSyncAccessHandle the VFS uses (lib.dom lacks it in windows). */
export interface SyncAccessHandle {
  read(buffer: Uint8Array, options?: { at: number }): number;
  write(buffer: Uint8Array, options?: { at: number }): number;
  truncate(size: number): void;
  getSize(): number;
  flush(): void;
  close(): void;
}

type SyncFileHandle = FileSystemFileHandle & { createSyncAccessHandle(): Promise<SyncAccessHandle> };

export type PoolResult =
  | { ok: true; handles: SyncAccessHandle[] }
  | { ok: false; reason: StorageFailure; detail: string };

function errorName(thrown: unknown): string {
  return thrown instanceof DOMException || thrown instanceof Error ? thrown.name : '';
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openHandle(file: SyncFileHandle): Promise<SyncAccessHandle> {
  for (let attempt = 0; ; ++attempt) {
    try {
      return await file.createSyncAccessHandle();
    } catch (thrown) {
      // NoModificationAllowedError: another handle is open on this file.
      const retryable = errorName(thrown) === 'NoModificationAllowedError';
      const delay = kRetryDelaysMs[attempt];
      if (!retryable || delay === undefined) throw thrown;
      await sleep(delay);
    }
  }
}

export async function acquirePool(): Promise<PoolResult> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  const fileHandle = (globalThis as { FileSystemFileHandle?: { prototype: object } }).FileSystemFileHandle;
  if (typeof storage?.getDirectory !== 'function' || !fileHandle || !('createSyncAccessHandle' in fileHandle.prototype)) {
    return { ok: false, reason: 'unsupported', detail: 'OPFS synchronous access handles are not available' };
  }
  const handles: SyncAccessHandle[] = [];
  try {
    const root = await storage.getDirectory();
    const dir = await root.getDirectoryHandle(kPoolDirectory, { create: true });
    for (let i = 0; i < kPoolSize; ++i) {
      const file = (await dir.getFileHandle(`slot-${i}`, { create: true })) as SyncFileHandle;
      handles.push(await openHandle(file));
    }
    return { ok: true, handles };
  } catch (thrown) {
    for (const handle of handles) handle.close();
    const reason = errorName(thrown) === 'NoModificationAllowedError' ? 'busy' : 'failed';
    return { ok: false, reason, detail: describe(thrown) };
  }
}
