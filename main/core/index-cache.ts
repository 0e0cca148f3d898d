/**
 * The persistent index: every checked article's summary, sha256 and file stamp, kept in the app's
 * data folder so a library reopens without reading its files again. An entry is used only while its
 * file's stamp (size, mtime, ctime) is unchanged; anything else is read again. The cache is only
 * ever a shortcut: a damaged, foreign or outdated cache file is ignored, and edits still compare
 * the file's sha256 before writing.
 *
 * The file is columnar, so 100,000 entries decode in a few dozen milliseconds: fixed-size fields in
 * typed arrays, each text field as one UTF-8 run split on NUL, topics as indices into one table.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArticleId, ArticleSummary, Problem } from '../../shared/article.js';
import { checkId } from './library-paths.js';
import type { FileStamp } from './read-one.js';

/** Bumped whenever the reader's output or this layout changes: older caches are then ignored. */
const FORMAT = 'masthead-index/1';
const MAGIC = Buffer.from(`${FORMAT}\n`);

/** What the cache holds per article. */
export interface CachedEntry {
  readonly summary: ArticleSummary;
  readonly hash: string;
  readonly stamp: FileStamp;
}

const TEXT_FIELDS = ['id', 'title', 'excerpt', 'providerName', 'providerDomain', 'publishedDateTime', 'category', 'type'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
/** Flag bits: which optional fields are present, the approval, and the short shape of an unreadable file. */
const HAS: Partial<Record<TextField | 'quality' | 'heat', number>> = {
  providerName: 1,
  providerDomain: 2,
  publishedDateTime: 4,
  category: 8,
  type: 16,
  quality: 32,
  heat: 64,
};
const PUBLISHED = 128;
const SHORT = 256;
const NUMBERS = 5; // quality, heat, size, mtime, ctime

interface Header {
  readonly format: string;
  readonly reader: string;
  readonly root: string;
  readonly count: number;
  readonly topics: readonly string[];
  readonly problems: Readonly<Record<string, readonly Problem[]>>;
  /** Text values holding NUL, which cannot sit in a NUL-split run: row → field → value. */
  readonly odd: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly sections: readonly number[];
}

/** The cache file of a library: one per library root, named by a hash of its real path. */
export function cacheFileOf(cacheFolder: string, root: string): string {
  return join(cacheFolder, `${createHash('sha256').update(root).digest('hex').slice(0, 24)}.index`);
}

/** Encodes entries; `reader` names the version of the code that read them. */
export function encodeIndex(root: string, reader: string, entries: readonly (readonly [ArticleId, CachedEntry])[]): Buffer {
  const count = entries.length;
  const flags = new Uint16Array(count);
  const numbers = new Float64Array(count * NUMBERS);
  const topicCounts = new Uint32Array(count);
  const topicIndex: number[] = [];
  const topicIds = new Map<string, number>();
  const hashes = Buffer.alloc(count * 32);
  const texts: Record<TextField, string[]> = Object.fromEntries(TEXT_FIELDS.map((f) => [f, new Array<string>(count)])) as Record<TextField, string[]>;
  const problems: Record<string, readonly Problem[]> = {};
  const odd: Record<string, Record<string, string>> = {};
  entries.forEach(([id, { summary, hash, stamp }], row) => {
    let bits = summary.published ? PUBLISHED : 0;
    if (!('providerName' in summary)) bits |= SHORT;
    for (const field of TEXT_FIELDS) {
      const value = field === 'id' ? id : summary[field];
      if (value !== undefined && HAS[field] !== undefined) bits |= HAS[field];
      if (value !== undefined && value.includes('\0')) {
        (odd[row] ??= {})[field] = value;
        texts[field][row] = '';
      } else texts[field][row] = value ?? '';
    }
    if (summary.quality !== undefined) bits |= HAS.quality!;
    if (summary.heat !== undefined) bits |= HAS.heat!;
    flags[row] = bits;
    numbers.set([summary.quality ?? 0, summary.heat ?? 0, stamp.size, stamp.mtimeMs, stamp.ctimeMs], row * NUMBERS);
    topicCounts[row] = summary.topics.length;
    for (const topic of summary.topics) {
      let index = topicIds.get(topic);
      if (index === undefined) topicIds.set(topic, (index = topicIds.size));
      topicIndex.push(index);
    }
    if (summary.problems.length > 0) problems[row] = summary.problems;
    hashes.write(hash, row * 32, 'hex');
  });
  const sections = [
    Buffer.from(flags.buffer),
    Buffer.from(numbers.buffer),
    Buffer.from(topicCounts.buffer),
    Buffer.from(Uint32Array.from(topicIndex).buffer),
    hashes,
    ...TEXT_FIELDS.map((f) => Buffer.from(texts[f].join('\0'))),
  ];
  const header: Header = { format: FORMAT, reader, root, count, topics: [...topicIds.keys()], problems, odd, sections: sections.map((s) => s.length) };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  return Buffer.concat([MAGIC, length, headerBytes, ...sections]);
}

/** Decodes a cache file's bytes; null when they are not a complete cache of this root by this reader. */
export function decodeIndex(bytes: Buffer, root: string, reader: string): Map<ArticleId, CachedEntry> | null {
  try {
    if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    let at = MAGIC.length;
    const headerLength = bytes.readUInt32LE(at);
    at += 4;
    const header = JSON.parse(bytes.toString('utf8', at, at + headerLength)) as Header;
    at += headerLength;
    if (header.format !== FORMAT || header.reader !== reader || header.root !== root) return null;
    const { count } = header;
    const section = (i: number): Buffer => {
      const start = at + header.sections.slice(0, i).reduce((a, b) => a + b, 0);
      const end = start + header.sections[i]!;
      if (end > bytes.length) throw new Error('the cache file is cut short');
      return bytes.subarray(start, end);
    };
    // Copies: typed arrays need aligned offsets, which a section inside the file does not promise.
    const flags = new Uint16Array(Uint8Array.prototype.slice.call(section(0)).buffer);
    const numbers = new Float64Array(Uint8Array.prototype.slice.call(section(1)).buffer);
    const topicCounts = new Uint32Array(Uint8Array.prototype.slice.call(section(2)).buffer);
    const topicIndex = new Uint32Array(Uint8Array.prototype.slice.call(section(3)).buffer);
    const hashes = section(4);
    const texts = TEXT_FIELDS.map((_, i) => section(5 + i).toString('utf8').split('\0'));
    if (flags.length !== count || numbers.length !== count * NUMBERS || topicCounts.length !== count || hashes.length !== count * 32) return null;
    if (texts.some((t) => t.length !== count) || topicIndex.some((t) => t >= header.topics.length)) return null;
    const entries = new Map<ArticleId, CachedEntry>();
    let topicAt = 0;
    for (let row = 0; row < count; row++) {
      const bits = flags[row]!;
      const odd = header.odd[row];
      const text = (field: number): string | undefined => {
        const name = TEXT_FIELDS[field]!;
        const bit = HAS[name];
        if (bit !== undefined && (bits & bit) === 0) return undefined;
        return odd?.[name] ?? texts[field]![row];
      };
      const id = text(0)!;
      if (!checkId(id).ok) return null;
      const topics = Array.from(topicIndex.subarray(topicAt, (topicAt += topicCounts[row]!)), (t) => header.topics[t]!);
      const problems = header.problems[row] ?? [];
      const n = row * NUMBERS;
      const summary: ArticleSummary =
        (bits & SHORT) !== 0
          ? { id, title: text(1)!, excerpt: text(2)!, published: (bits & PUBLISHED) !== 0, topics, problems }
          : {
              id,
              title: text(1)!,
              excerpt: text(2)!,
              providerName: text(3),
              providerDomain: text(4),
              publishedDateTime: text(5),
              category: text(6),
              type: text(7),
              quality: (bits & HAS.quality!) !== 0 ? numbers[n] : undefined,
              heat: (bits & HAS.heat!) !== 0 ? numbers[n + 1] : undefined,
              published: (bits & PUBLISHED) !== 0,
              topics,
              problems,
            };
      const stamp = { size: numbers[n + 2]!, mtimeMs: numbers[n + 3]!, ctimeMs: numbers[n + 4]! };
      entries.set(id, { summary, hash: hashes.toString('hex', row * 32, row * 32 + 32), stamp });
    }
    return topicAt === topicIndex.length ? entries : null;
  } catch {
    return null; // damaged: the library opens without it
  }
}

/** Reads a library's cache; null when there is none or it cannot be used. */
export async function loadIndex(file: string, root: string, reader: string): Promise<Map<ArticleId, CachedEntry> | null> {
  const bytes = await readFile(file).catch(() => null);
  return bytes === null ? null : decodeIndex(bytes, root, reader);
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
