/** Reads files for the index, synchronously: the unit of work of the read pool. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ArticleId, ArticleSummary } from '../../shared/article.js';
import { unreadableSummary, withFile } from './article-model.js';
import type { ScannedFile } from './library-paths.js';
import { RACY_MS, sameStamp, stampOf, type FileStamp } from './file-stamp.js';
import { scanArena } from './line-scan.js';
import { quickSummary } from './quick-read.js';
import { quickApprovable } from './published-line.js';
import { parseArticleFile, startsWithDashes, type ParsedFile } from './read-article.js';
import { contentHash, errorText } from './save.js';

/** How a file is read: `quick` lists it with the fast reader where it can, `full` checks it. */
export type ReadMode = 'quick' | 'full';

/** What the index learns from one file. `stamp` is null when it cannot vouch for the bytes read. */
export type ReadResult =
  | {
      readonly id: ArticleId;
      readonly kind: 'entry';
      readonly summary: ArticleSummary;
      readonly hash: string | null;
      readonly stamp: FileStamp | null;
      /** The full check vouched for the quick approve on these bytes (see published-line.ts). */
      readonly quickApprove: boolean;
    }
  | { readonly id: ArticleId; readonly kind: 'gone' };

export type { FileStamp } from './file-stamp.js';

/**
 * Reads and parses a batch of files: first every file's bytes, then every parse. The file system
 * calls run back to back (as in a plain read loop) instead of each after a parse that has filled the
 * caches with other data: about a tenth faster per file on our machines. `timing` hears how long
 * the reads took (see read-ahead.ts).
 */
export function readBatch(files: readonly ScannedFile[], mode: ReadMode, timing?: { readMs: number }): ReadResult[] {
  let used = 0;
  const start = timing === undefined ? 0 : performance.now();
  const loaded = files.map((f) => {
    const room = { buffer: arena.subarray(used) };
    const got = load(f.id, f.path, room, mode);
    if ('bytes' in got && room.buffer.buffer === arena.buffer) used += got.bytes.length;
    return got;
  });
  if (timing !== undefined) timing.readMs = performance.now() - start;
  return loaded.map((got, i) => parseRead(files[i]!.id, got, mode));
}

type Loaded = { bytes: Buffer; stamp: FileStamp | null; mode: number | null; links: number } | ReadResult;

/**
 * A file's bytes, stamp and mode, or what the index learns from a file that cannot be read. The list
 * pass takes no stamp or mode: nothing it reads is kept as checked (see `parseRead`), so it spares the `fstat`.
 */
function load(id: ArticleId, path: string, reuse: { buffer: Buffer }, mode: ReadMode): Loaded {
  try {
    return mode === 'quick' ? { bytes: readBytes(path, reuse), stamp: null, mode: null, links: 1 } : readWithStamp(path, reuse);
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { id, kind: 'gone' };
    const summary = unreadableSummary(id, [{ level: 'error', code: 'unreadable', message: `the file cannot be read: ${errorText(e)}` }]);
    return { id, kind: 'entry', summary, hash: '', stamp: null, quickApprove: false };
  }
}

/** What the index learns from bytes already read, as `readBatch` would, without a stamp: for the read threads' warm-up. */
export function resultOfBytes(id: ArticleId, bytes: Buffer, mode: ReadMode): ReadResult {
  return parseRead(id, { bytes, stamp: null, mode: null, links: 1 }, mode);
}

/**
 * What the index learns from bytes read. In the list pass, a file the fast reader cannot answer for
 * is listed from the full parse but not vouched for (no hash, no stamp): the check pass reads it
 * again with its stamp, as every other file.
 */
function parseRead(id: ArticleId, read: Loaded, mode: ReadMode): ReadResult {
  if (!('bytes' in read)) return read;
  const { bytes, stamp } = read;
  const quick = mode === 'quick' ? quickSummary(id, bytes) : null;
  if (quick !== null) return { id, kind: 'entry', summary: quick, hash: null, stamp: null, quickApprove: false };
  // The list pass lists a file whose YAML does not read as broken, and leaves naming the mistake to
  // the check, which reads it again: in the list pass at 100,000, the 1% of such files took an
  // eighth of the read threads' time, most of it parsing each again with the mistake mended.
  const parsed = parseArticleFile(id, bytes, mode === 'full');
  if (parsed.kind === 'not-article') return { id, kind: 'gone' };
  if (mode === 'quick') return { id, kind: 'entry', summary: parsed.summary, hash: null, stamp: null, quickApprove: false };
  const summary = read.mode === null ? parsed.summary : withFile(parsed.summary, { mode: read.mode, links: read.links });
  return { id, kind: 'entry', summary, hash: contentHash(bytes), stamp, quickApprove: parsedApprovable(bytes, parsed) };
}

/**
 * The most bytes an article file is read for: 16 MiB, where the largest real article we know of is
 * 140 KB. A larger file that opens as an article (`---`) is listed with an error and not read; a
 * larger one that does not (a log, a dump, a transcript kept beside the articles) is no article,
 * and only its first bytes are read to tell. Read whole, a 400 MB text file held 900 MB at each open.
 */
export const MAX_ARTICLE_BYTES = 16 * 1024 * 1024;

/** Why a file is not read: larger than an article may be. */
function tooLarge(size: number): Error {
  // Rounded up: a file just over the limit does not read as the limit itself.
  const mb = (bytes: number): string => `${(Math.ceil((bytes * 10) / (1024 * 1024)) / 10).toLocaleString('en')} MB`;
  return new Error(`it is ${mb(size)}, more than the ${mb(MAX_ARTICLE_BYTES)} an article may be; Masthead leaves it as it is`);
}

/**
 * A file's bytes, read into `reuse` (grown when the file fills it): open, read, close. A read that
 * returns less than it was given room for is taken as the end of the file, as it is for a regular
 * file; a file system that reads short elsewhere only delays a right listing to the check pass,
 * which reads each file to its size. A file whose first read shows it is no article is not read
 * further; one that opens as an article and grows past `MAX_ARTICLE_BYTES` throws.
 */
export function readBytes(path: string, reuse: { buffer: Buffer }): Buffer {
  const fd = openSync(path, 'r');
  try {
    let length = 0;
    let opens = false; // the file's first bytes are an article's (enough of them to tell: a BOM and the dashes)
    for (;;) {
      if (length === reuse.buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.max(64 * 1024, reuse.buffer.length * 2));
        reuse.buffer.copy(bigger, 0, 0, length);
        reuse.buffer = bigger;
      }
      const room = reuse.buffer.length - length;
      const n = readSync(fd, reuse.buffer, length, room, null);
      length += n;
      if (!opens && (length >= 6 || n < room)) {
        if (!startsWithDashes(reuse.buffer.subarray(0, length))) return reuse.buffer.subarray(0, length);
        opens = true;
      }
      if (length > MAX_ARTICLE_BYTES) throw tooLarge(length);
      if (n < room) return reuse.buffer.subarray(0, length);
    }
  } finally {
    closeSync(fd);
  }
}

/** Whether the full check vouches for the quick approve on a file it parsed. */
export function parsedApprovable(bytes: Buffer, parsed: ParsedFile): boolean {
  return parsed.kind === 'article' && parsed.readable !== null && quickApprovable(bytes, parsed.readable.data, parsed.readable.rootBooleans);
}

/**
 * One reusable buffer per thread for `readBatch`, room for a batch of typical files (larger ones get
 * buffers of their own): what it reads is parsed into new strings and never kept, so 100,000 reads
 * need not allocate (and collect) 1.7 GB. It is the fast reader's scan memory where there is one, which
 * then scans the bytes where they were read.
 */
const arena = scanArena ?? Buffer.allocUnsafe(8 * 1024 * 1024);

/** What `readWithStamp` reads: the bytes, their stamp (null while too fresh to trust), the file's permission bits and owner, which a save keeps, and its names on disk. */
export interface StampedRead {
  readonly bytes: Buffer;
  readonly stamp: FileStamp | null;
  readonly mode: number;
  /** The file's hard links (see `withLinks`). */
  readonly links: number;
  readonly uid: number;
  readonly gid: number;
}

/**
 * A file's bytes, its permission bits, owner and stamp taken before reading them: open, fstat, read,
 * close (as readFileSync, plus the stamp). With `reuse`, the bytes are a view of its buffer, valid
 * until the next call. With `settled`, the stamp is taken again once the bytes are read, and given
 * only if it did not move: then it vouches for these very bytes, as another program's write in
 * between would have moved it (a write changes the file's ctime, which no program can set back).
 */
export function readWithStamp(path: string, reuse?: { buffer: Buffer }, settled = false): StampedRead {
  const fd = openSync(path, 'r');
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (info.size > MAX_ARTICLE_BYTES) {
      const head = Buffer.alloc(3 + 3); // a BOM and the dashes
      const read = readSync(fd, head, 0, head.length, 0);
      if (startsWithDashes(head.subarray(0, read))) throw tooLarge(info.size);
      return { bytes: head.subarray(0, read), stamp: null, mode: info.mode & 0o7777, links: info.nlink, uid: info.uid, gid: info.gid }; // no article: nothing more to know
    }
    if (reuse !== undefined && reuse.buffer.length < info.size) reuse.buffer = Buffer.allocUnsafe(info.size * 2);
    // Like readFileSync, the size the file had when opened; a file growing meanwhile changes its stamp.
    const bytes = reuse === undefined ? Buffer.allocUnsafe(info.size) : reuse.buffer.subarray(0, info.size);
    let length = 0;
    while (length < bytes.length) {
      const n = readSync(fd, bytes, length, bytes.length - length, null);
      if (n === 0) break;
      length += n;
    }
    const stable = length === info.size && Date.now() - Math.max(info.mtimeMs, info.ctimeMs) >= RACY_MS && (!settled || sameStamp(info, fstatSync(fd)));
    return { bytes: bytes.subarray(0, length), stamp: stable ? stampOf(info) : null, mode: info.mode & 0o7777, links: info.nlink, uid: info.uid, gid: info.gid };
  } finally {
    closeSync(fd);
  }
}
