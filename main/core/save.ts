/** The one place that writes article files: atomically, and only over the bytes that were read. */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fail, ok, type Result } from '../../shared/result.js';

/** sha256 of a file's bytes (or of its parts, in order), hex: how the core knows a file is still what it read. */
export function contentHash(bytes: Uint8Array | readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const part of bytes instanceof Uint8Array ? [bytes] : bytes) hash.update(part);
  return hash.digest('hex');
}

/**
 * Replaces `path` with `chunks` (its new bytes, in parts): a temp file beside it with the file's mode, fsync, rename over it,
 * fsync the folder. Synchronous on purpose: the caller reads, checks and writes in one step, so
 * nothing in this process comes between the bytes it checked and the bytes it replaces, and the
 * save costs one small write and two fsyncs (about 1 ms here) where asynchronous calls cost twice
 * that in thread-pool hops. Another program can still write in that millisecond, as with any editor.
 */
export function UNSAFE_replaceFileSync(path: string, chunks: readonly Uint8Array[], mode: number): Result<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.masthead-tmp`);
  try {
    const fd = openSync(temp, 'wx', mode);
    try {
      for (const chunk of chunks) {
        for (let written = 0; written < chunk.length; ) written += writeSync(fd, chunk, written, chunk.length - written);
      }
      fchmodSync(fd, mode); // the umask may have trimmed the mode given to open()
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    return fail('io', `could not save ${basename(path)}: ${errorText(e)}`);
  }
  syncFolder(dirname(path));
  return ok(undefined);
}

/** Makes the rename itself durable; some platforms cannot open folders, which is harmless there. */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
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
