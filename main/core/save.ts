/** The one place that writes article files: atomically, and only over the bytes that were read. */
import { createHash, randomBytes } from 'node:crypto';
import { open, rename, stat, unlink, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fail, ok, type Result } from '../../shared/result.js';

/** sha256 of a file's bytes, hex: how the core knows a file is still what it read. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Replaces `path` with `bytes` if the file still hashes to `expectedHash`: a temp file beside it,
 * fsync, rename over it, fsync the folder; the file's mode is kept. Another program's change wins.
 */
export async function UNSAFE_replaceFile(path: string, bytes: Uint8Array, expectedHash: string): Promise<Result<void>> {
  let mode: number;
  let current: Buffer;
  try {
    mode = (await stat(path)).mode & 0o7777;
    current = await readFile(path);
  } catch (e) {
    return fail('io', `could not read ${basename(path)} before saving: ${errorText(e)}`);
  }
  if (contentHash(current) !== expectedHash) {
    return fail('conflict', `${basename(path)} was changed by another program since Masthead read it; their version is kept and your change was not saved`);
  }
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.masthead-tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(bytes);
      await handle.chmod(mode); // the umask may have trimmed the mode given to open()
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    return fail('io', `could not save ${basename(path)}: ${errorText(e)}`);
  }
  await syncFolder(dirname(path));
  return ok(undefined);
}

/** Makes the rename itself durable; some platforms cannot open folders, which is harmless there. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot fsync a directory handle; the rename is still atomic there.
  }
}

const ERROR_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'the file or folder no longer exists',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  ENOSPC: 'the disk is full',
  EROFS: 'the disk is read-only',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EMFILE: 'too many files are open',
  EBUSY: 'the file is in use',
};

/** A file-system error in words, without the absolute paths Node puts in its messages. */
export function errorText(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : undefined;
  if (code !== undefined) return ERROR_WORDS[code] ?? `system error ${code}`;
  return e instanceof Error ? e.message : String(e);
}
