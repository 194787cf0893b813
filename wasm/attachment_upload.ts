/**
 * Attachment bytes on the device and their transport, in the core's worker.
 *
 * A photo is kept in the Origin Private File System under `attachments/<sha256>` (never in
 * the database's own folder, see opfs_pool.ts), with an empty marker
 * `attachments-pending/<sha256>` until the server has it. The metadata row travels through
 * push/pull (attachment.add); the bytes travel here, content-addressed
 * (docs/sync-protocol.md, "Attachments"):
 *
 * - `uploadPendingAttachments` PUTs each pending file to /api/attachments/<sha256> with the
 *   session's bearer token, before each push (so a row seldom reaches others before its
 *   bytes). 200/201 drop the marker; a network error or 5xx stops the round (retried at the
 *   next sync); a refusal the server will repeat (400, 413, 415) drops the marker with a
 *   warning, so one bad file does not block the others forever.
 * - `readAttachment` answers from the local copy, else downloads (GET, bearer) and keeps it.
 */

const kFilesDir = 'attachments';
const kPendingDir = 'attachments-pending';
const kSha256 = /^[0-9a-f]{64}$/;
const kTimeoutMs = 60_000;

async function dir(name: string): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(name, { create: true });
}

async function writeFile(folder: FileSystemDirectoryHandle, name: string, bytes: ArrayBuffer): Promise<void> {
  const handle = await folder.getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  await writable.write(bytes);
  await writable.close();
}

async function localFile(sha256: string): Promise<File | null> {
  try {
    return await (await (await dir(kFilesDir)).getFileHandle(sha256)).getFile();
  } catch {
    return null;
  }
}

/** Keeps the bytes on the device and marks them for upload. */
export async function saveAttachment(sha256: string, bytes: ArrayBuffer): Promise<void> {
  if (!kSha256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  await writeFile(await dir(kFilesDir), sha256, bytes);
  await writeFile(await dir(kPendingDir), sha256, new ArrayBuffer(0));
}

/** The bytes from the device, else from the server (kept locally); null when neither has them. */
export async function readAttachment(origin: string, token: string | null, sha256: string): Promise<Blob | null> {
  if (!kSha256.test(sha256)) return null;
  const local = await localFile(sha256);
  if (local !== null && local.size > 0) return local;
  if (token === null || !navigator.onLine) return null;
  let response: Response;
  try {
    response = await fetch(`${origin}/api/attachments/${sha256}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(kTimeoutMs),
    });
  } catch {
    return null;
  }
  if (!response.ok) return null;
  const blob = await response.blob();
  try {
    await writeFile(await dir(kFilesDir), sha256, await blob.arrayBuffer());
  } catch {
    // a cache only: showing the image matters more than keeping it
  }
  return blob;
}

let uploading: Promise<number> | null = null;

/** Uploads every pending file; resolves with how many are still pending. One round at a time. */
export function uploadPendingAttachments(origin: string, token: string): Promise<number> {
  uploading ??= uploadRound(origin, token).finally(() => {
    uploading = null;
  });
  return uploading;
}

async function uploadRound(origin: string, token: string): Promise<number> {
  const pending = await dir(kPendingDir);
  const names: string[] = [];
  for await (const name of (pending as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
  let left = names.length;
  for (const sha256 of names) {
    const file = await localFile(sha256);
    if (file === null) {
      await pending.removeEntry(sha256);  // nothing to send any more
      left -= 1;
      continue;
    }
    let response: Response;
    try {
      response = await fetch(`${origin}/api/attachments/${sha256}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': file.type || 'application/octet-stream' },
        body: file,
        signal: AbortSignal.timeout(kTimeoutMs + file.size / 64),
      });
    } catch {
      return left;  // offline or timed out: the next sync tries again
    }
    if (response.ok || [400, 413, 415].includes(response.status)) {
      if (!response.ok) {
        console.warn(`invento: attachment ${sha256} refused by the server (HTTP ${response.status}): ${await response.text()}`);
      }
      await pending.removeEntry(sha256);
      left -= 1;
    } else {
      return left;  // 401/403/5xx: not now
    }
  }
  return left;
}
