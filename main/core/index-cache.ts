/**
 * The persistent index: every checked article's summary, sha256 and file stamp, kept in the app's
 * data folder so a library reopens without reading its files again. An entry is used only while its
 * file's stamp (size, mtime, ctime) is unchanged; anything else is read again. The cache is only
 * ever a shortcut: a damaged, foreign or outdated cache file is ignored, and edits still compare
 * the file's sha256 before writing. This file finds, reads and writes it; index-codec.ts lays it out.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArticleId } from '../../shared/article.js';
import { decodeIndex, type CachedEntry } from './index-codec.js';

/** The cache file of a library: one per library root, named by a hash of its real path. */
export function cacheFileOf(cacheFolder: string, root: string): string {
  return join(cacheFolder, `${createHash('sha256').update(root).digest('hex').slice(0, 24)}.index`);
}

/** Reads a library's cache; null when there is none or it cannot be used. */
export async function loadIndex(file: string, root: string, reader: string): Promise<Map<ArticleId, CachedEntry> | null> {
  const bytes = await readWhole(file).catch(() => null);
  return bytes === null ? null : decodeIndex(bytes, root, reader);
}

/** Parts of the cache file read at once. */
const READ_PART = 8 * 1024 * 1024;
const READS_AT_ONCE = 4;

/**
 * A file's bytes, read in parts (of 8 MB) at once (more reads only if it grew meanwhile). Reading
 * into new memory is mostly the kernel mapping its pages, 13 µs per 4 KB page on our machines:
 * 150 ms for the 42 MB index of 100,000 articles in one read (or in `readFile`'s 512 KB parts),
 * 80-100 ms in parts, which the thread pool takes on every core.
 */
export async function readWhole(file: string, part = READ_PART): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    // A byte of room beyond the size: the read that finds the end needs no bigger buffer.
    let bytes = Buffer.allocUnsafe(size + 1);
    const parts = Array.from({ length: Math.ceil(size / part) }, (_, k) => k * part);
    let length = 0;
    for (let k = 0; k < parts.length; k += READS_AT_ONCE) {
      const reads = parts.slice(k, k + READS_AT_ONCE).map((at) => readFully(handle, bytes, at, Math.min(size, at + part)));
      for (const got of await Promise.all(reads)) length += got;
    }
    if (length < size) return Buffer.alloc(0); // it shrank meanwhile (only a rename replaces it): nothing to decode
    for (;;) {
      if (length === bytes.length) bytes = Buffer.concat([bytes, Buffer.allocUnsafe(Math.max(64 * 1024, bytes.length))]);
      const { bytesRead } = await handle.read(bytes, length, bytes.length - length, length);
      if (bytesRead === 0) return bytes.subarray(0, length);
      length += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/** Reads `from` to `to` of the file into the same place of `bytes`; answers how many bytes it read (fewer at its end). */
async function readFully(handle: FileHandle, bytes: Buffer, from: number, to: number): Promise<number> {
  let at = from;
  while (at < to) {
    const { bytesRead } = await handle.read(bytes, at, to - at, at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return at - from;
}

/** Writes a library's cache atomically (temp file, fsync, rename), creating the folder. */
export async function saveIndex(file: string, bytes: Buffer): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}
