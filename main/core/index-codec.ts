/**
 * The persistent index's file format (see index-cache.ts). It is columnar, so a reopen costs little
 * more than reading it: fixed-size fields in typed arrays, each text field as one UTF-8 run with the
 * byte length of every value (or, for fields with few distinct values, indices into a table), topics
 * as indices into one table. Only the ids are decoded up front; an article's summary is built the
 * first time it is asked for.
 */
import { isAscii } from 'node:buffer';
import type { ArticleId, ArticleSummary, Problem } from '../../shared/article.js';
import { isUnreadableShape } from './article-model.js';
import { checkId } from './library-paths.js';
import type { FileStamp } from './read-one.js';

/** Bumped whenever the reader's output or this layout changes: older caches are then ignored. */
const FORMAT = 'masthead-index/6';
const MAGIC = Buffer.from(`${FORMAT}\n`);

/** What the cache holds per article. */
export interface CachedEntry {
  readonly summary: ArticleSummary;
  readonly hash: string;
  readonly stamp: FileStamp;
  /** The full check vouched for the quick approve on these bytes (see published-line.ts). */
  readonly quickApprove: boolean;
}

const TEXT_FIELDS = ['id', 'title', 'excerpt', 'providerName', 'providerDomain', 'publishedDateTime', 'category', 'type'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
/** Flag bits: which optional fields are present, the approval, the short shape of an unreadable file, the quick approve, and a read-only file. */
const HAS_PROVIDER_NAME = 1;
const HAS_PROVIDER_DOMAIN = 2;
const HAS_DATE = 4;
const HAS_CATEGORY = 8;
const HAS_TYPE = 16;
const HAS_QUALITY = 32;
const HAS_HEAT = 64;
const PUBLISHED = 128;
const SHORT = 256;
const QUICK_APPROVE = 512;
const READ_ONLY = 1024;
const HAS: Readonly<Partial<Record<TextField, number>>> = {
  providerName: HAS_PROVIDER_NAME,
  providerDomain: HAS_PROVIDER_DOMAIN,
  publishedDateTime: HAS_DATE,
  category: HAS_CATEGORY,
  type: HAS_TYPE,
};
const NUMBERS = 5; // quality, heat, size, mtime, ctime
/** Sections before the text fields: flags, numbers, topic counts, topic indices, hashes. */
const FIXED_SECTIONS = 5;

interface Header {
  readonly format: string;
  readonly reader: string;
  readonly root: string;
  readonly count: number;
  readonly topics: readonly string[];
  readonly problems: Readonly<Record<string, readonly Problem[]>>;
  /** Per text field: its distinct values when few (its first section then holds indices), or null. */
  readonly dictionaries: readonly (readonly string[] | null)[];
  readonly sections: readonly number[];
}

const u32 = (values: ArrayLike<number>): Buffer => Buffer.from(Uint32Array.from(values).buffer);

/** Encodes entries; `reader` names the version of the code that read them. */
export function encodeIndex(root: string, reader: string, entries: readonly (readonly [ArticleId, CachedEntry])[]): Buffer {
  const count = entries.length;
  const flags = new Uint16Array(count);
  const numbers = new Float64Array(count * NUMBERS);
  const topicCounts = new Uint32Array(count);
  const topicIndex: number[] = [];
  const topicIds = new Map<string, number>();
  const hashes = Buffer.alloc(count * 32);
  const texts = TEXT_FIELDS.map(() => new Array<string>(count));
  const problems: Record<string, readonly Problem[]> = {};
  entries.forEach(([id, { summary, hash, stamp, quickApprove }], row) => {
    let bits = (summary.published ? PUBLISHED : 0) | (quickApprove ? QUICK_APPROVE : 0);
    if (isUnreadableShape(summary)) bits |= SHORT;
    if (summary.readOnly === true) bits |= READ_ONLY;
    TEXT_FIELDS.forEach((field, i) => {
      const value = field === 'id' ? id : summary[field];
      if (value !== undefined) bits |= HAS[field] ?? 0;
      texts[i]![row] = value ?? '';
    });
    if (summary.quality !== undefined) bits |= HAS_QUALITY;
    if (summary.heat !== undefined) bits |= HAS_HEAT;
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
  // Providers, categories and types repeat: a table of their values beats one string per article.
  const dictionaries = texts.map((column) => {
    const distinct = new Set(column);
    return distinct.size <= count / 8 ? [...distinct] : null;
  });
  const textSections = texts.flatMap((column, i) => {
    const values = dictionaries[i];
    if (values !== null && values !== undefined) {
      const indexOf = new Map(values.map((v, at) => [v, at]));
      return [u32(column.map((v) => indexOf.get(v)!)), Buffer.alloc(0)];
    }
    const encoded = column.map((v) => Buffer.from(v));
    return [u32(encoded.map((b) => b.length)), Buffer.concat(encoded)];
  });
  const sections = [Buffer.from(flags.buffer), Buffer.from(numbers.buffer), Buffer.from(topicCounts.buffer), u32(topicIndex), hashes, ...textSections];
  const header: Header = { format: FORMAT, reader, root, count, topics: [...topicIds.keys()], problems, dictionaries, sections: sections.map((s) => s.length) };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  // Each section starts at a multiple of 8 bytes, so that a file read into memory of its own holds
  // its typed arrays as they are (see `typed`).
  const parts: Buffer[] = [MAGIC, length, headerBytes];
  let at = MAGIC.length + 4 + headerBytes.length;
  for (const section of sections) {
    parts.push(Buffer.alloc(aligned(at) - at), section);
    at = aligned(at) + section.length;
  }
  return Buffer.concat(parts);
}

/** `at` rounded up to a multiple of 8: where a section starts. */
const aligned = (at: number): number => Math.ceil(at / 8) * 8;

/**
 * A section as a typed array: a view of the file's bytes where they are aligned for one (a file of
 * the cache read into memory of its own is), else a copy. Copying the 9 MB of these at 100,000
 * articles, into new memory, was a tenth of a warm open.
 */
function typed<T>(section: Buffer, Typed: { new (buffer: ArrayBuffer, byteOffset?: number, length?: number): T; readonly BYTES_PER_ELEMENT: number }): T {
  const { buffer, byteOffset, byteLength } = section;
  const size = Typed.BYTES_PER_ELEMENT;
  if (buffer instanceof ArrayBuffer && byteOffset % size === 0 && byteLength % size === 0) return new Typed(buffer, byteOffset, byteLength / size);
  return new Typed(Uint8Array.prototype.slice.call(section).buffer);
}

/** One text field's column: values from a table, or UTF-8 runs at known offsets. */
interface TextColumn {
  readonly table: readonly string[] | null;
  /** Table indices, or the start of each value in `bytes` (count + 1 offsets). */
  readonly at: Uint32Array | Float64Array;
  readonly bytes: Buffer;
}

/** A decoded cache: typed columns over the file's bytes, read row by row on demand. */
class ColumnarIndex {
  private readonly topicStart: Float64Array;

  constructor(
    private readonly header: Header,
    private readonly flags: Uint16Array,
    private readonly numbers: Float64Array,
    topicCounts: Uint32Array,
    private readonly topicIndex: Uint32Array,
    private readonly hashes: Buffer,
    private readonly texts: readonly TextColumn[],
  ) {
    this.topicStart = new Float64Array(topicCounts.length + 1);
    for (let row = 0; row < topicCounts.length; row++) this.topicStart[row + 1] = this.topicStart[row]! + topicCounts[row]!;
  }

  get topicTotal(): number {
    return this.topicStart[this.topicStart.length - 1]!;
  }

  /** Every value of a text field that is not from a table, in row order: one decode, then slices when the column is ASCII. */
  allTexts(field: number): string[] {
    const column = this.texts[field]!;
    const count = this.flags.length;
    const values = new Array<string>(count);
    if (column.table !== null || !isAscii(column.bytes)) {
      for (let row = 0; row < count; row++) values[row] = this.text(field, row);
      return values;
    }
    // One string for the column and a slice of it per value: 100,000 decodes of a few bytes each
    // took about 40 ms in a warm open.
    const all = column.bytes.toString('latin1');
    for (let row = 0; row < count; row++) values[row] = all.slice(column.at[row], column.at[row + 1]);
    return values;
  }

  text(field: number, row: number): string {
    const column = this.texts[field]!;
    if (column.table !== null) return column.table[column.at[row]!]!;
    return column.bytes.toString('utf8', column.at[row], column.at[row + 1]);
  }

  private optional(field: number, row: number, bits: number): string | undefined {
    return (bits & (HAS[TEXT_FIELDS[field]!] ?? 0)) !== 0 ? this.text(field, row) : undefined;
  }

  summary(row: number, id: ArticleId): ArticleSummary {
    const bits = this.flags[row]!;
    const topics = Array.from(this.topicIndex.subarray(this.topicStart[row], this.topicStart[row + 1]), (t) => this.header.topics[t]!);
    const problems = this.header.problems[row] ?? [];
    const [title, excerpt, published] = [this.text(1, row), this.text(2, row), (bits & PUBLISHED) !== 0];
    const readOnly = (bits & READ_ONLY) !== 0;
    if ((bits & SHORT) !== 0) return readOnly ? { id, title, excerpt, published, topics, problems, readOnly } : { id, title, excerpt, published, topics, problems };
    const n = row * NUMBERS;
    const summary: { -readonly [K in keyof ArticleSummary]: ArticleSummary[K] } = {
      id,
      title,
      excerpt,
      providerName: this.optional(3, row, bits),
      providerDomain: this.optional(4, row, bits),
      publishedDateTime: this.optional(5, row, bits),
      category: this.optional(6, row, bits),
      type: this.optional(7, row, bits),
      quality: (bits & HAS_QUALITY) !== 0 ? this.numbers[n] : undefined,
      heat: (bits & HAS_HEAT) !== 0 ? this.numbers[n + 1] : undefined,
      published,
      topics,
      problems,
    };
    if (readOnly) summary.readOnly = true;
    return summary;
  }

  hash(row: number): string {
    return this.hashes.toString('hex', row * 32, row * 32 + 32);
  }

  quickApprove(row: number): boolean {
    return (this.flags[row]! & QUICK_APPROVE) !== 0;
  }

  stamp(row: number): FileStamp {
    const n = row * NUMBERS;
    return { size: this.numbers[n + 2]!, mtimeMs: this.numbers[n + 3]!, ctimeMs: this.numbers[n + 4]! };
  }
}

/** One article of a decoded cache: its summary is built when first asked for, then kept. */
class CachedRow implements CachedEntry {
  private built: ArticleSummary | undefined;

  constructor(
    private readonly index: ColumnarIndex,
    private readonly row: number,
    private readonly id: ArticleId,
  ) {}

  get summary(): ArticleSummary {
    return (this.built ??= this.index.summary(this.row, this.id));
  }

  get hash(): string {
    return this.index.hash(this.row);
  }

  get stamp(): FileStamp {
    return this.index.stamp(this.row);
  }

  get quickApprove(): boolean {
    return this.index.quickApprove(this.row);
  }
}

/** Decodes a cache file's bytes; null when they are not a complete, intact cache of this root by this reader. */
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
    if (header.sections.length !== FIXED_SECTIONS + 2 * TEXT_FIELDS.length) return null;
    const sections = header.sections.map((length) => {
      at = aligned(at);
      const section = bytes.subarray(at, (at += length));
      if (section.length !== length) throw new Error('the cache file is cut short');
      return section;
    });
    if (at !== bytes.length) return null;
    const flags = typed(sections[0]!, Uint16Array);
    const numbers = typed(sections[1]!, Float64Array);
    const topicCounts = typed(sections[2]!, Uint32Array);
    const topicIndex = typed(sections[3]!, Uint32Array);
    const hashes = sections[4]!;
    if (flags.length !== count || numbers.length !== count * NUMBERS || topicCounts.length !== count || hashes.length !== count * 32) return null;
    const texts = TEXT_FIELDS.map((_, i): TextColumn => {
      const table = header.dictionaries[i] ?? null;
      const first = typed(sections[FIXED_SECTIONS + 2 * i]!, Uint32Array);
      const bytesOf = sections[FIXED_SECTIONS + 2 * i + 1]!;
      if (first.length !== count) throw new Error('a text column is cut short');
      if (table !== null) {
        if (first.some((t) => t >= table.length)) throw new Error('a text index is out of range');
        return { table, at: first, bytes: bytesOf };
      }
      const starts = new Float64Array(count + 1);
      for (let row = 0; row < count; row++) starts[row + 1] = starts[row]! + first[row]!;
      if (starts[count] !== bytesOf.length) throw new Error('a text column does not add up');
      return { table: null, at: starts, bytes: bytesOf };
    });
    if (topicIndex.some((t) => t >= header.topics.length)) return null;
    const index = new ColumnarIndex(header, flags, numbers, topicCounts, topicIndex, hashes, texts);
    if (index.topicTotal !== topicIndex.length) return null;
    const entries = new Map<ArticleId, CachedEntry>();
    const ids = index.allTexts(0);
    for (let row = 0; row < count; row++) {
      const id = ids[row]!;
      if (!checkId(id).ok) return null;
      entries.set(id, new CachedRow(index, row, id));
    }
    return entries.size === count ? entries : null; // fewer: an id twice
  } catch {
    return null; // damaged: the library opens without it
  }
}
