/** File stamps (size, mtime, ctime): how the persistent index knows a file still holds what was read. */
import { statSync } from 'node:fs';

/**
 * What a file's metadata said just before its bytes were read: the key of the index cache. A file
 * whose stamp is the same at the next open still holds the bytes that were read.
 */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

/**
 * File times have a granularity (a few ms on most disks, 2 s on FAT): a file changed within that
 * long of being read may change again without its stamp moving, so such a stamp is not trusted.
 */
export const RACY_MS = 2000;

/** The stamp of a file's metadata. */
export function stampOf(info: { size: number; mtimeMs: number; ctimeMs: number }): FileStamp {
  return { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs };
}

/** Whether two stamps are the same: the file was not written between them. */
export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/** The stamps of many files, flat (size, mtime, ctime per file; NaN where a file cannot be stat'ed). */
export function stampMany(paths: readonly string[]): Float64Array<ArrayBuffer> {
  const out = new Float64Array(paths.length * 3).fill(Number.NaN);
  for (let i = 0; i < paths.length; i++) {
    let info;
    try {
      info = statSync(paths[i]!, { throwIfNoEntry: false });
    } catch {
      continue; // unreadable metadata: the file is read again, which reports why
    }
    if (info === undefined || !info.isFile()) continue;
    out[i * 3] = info.size;
    out[i * 3 + 1] = info.mtimeMs;
    out[i * 3 + 2] = info.ctimeMs;
  }
  return out;
}
