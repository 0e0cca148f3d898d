/**
 * How a read-pool thread hands a batch of results to the main process. What the index needs at once
 * (which files are gone, hashes, stamps) travels as small arrays; the summaries travel serialized
 * and are deserialized the first time one of them is asked for. At 100,000 files, deserializing
 * every summary as it arrived (and collecting them as they were promoted) held the main process for
 * over a second of a cold open, on a machine whose two cores the reading threads need.
 *
 * The summaries are serialized as one flat list of strings, numbers and booleans, not as objects:
 * a serializer holds every object it has written until it is itself collected, so serializing the
 * summary objects kept each batch's summaries alive through the thread's next collections, which
 * then copied and promoted them (about 6 µs per file on a read thread, a tenth of its work).
 */
import { deserialize, serialize } from 'node:v8';
import type { ArticleId, ArticleSummary, Problem } from '../../shared/article.js';
import { isUnreadableShape } from './article-model.js';
import type { FileStamp } from './file-stamp.js';
import type { ScannedFile } from './library-paths.js';
import type { ReadResult } from './read-one.js';

/** One batch's results, in the order of the files sent. */
export interface PackedResults {
  /** 1 where the file is gone (or no longer an article). */
  readonly gone: Uint8Array;
  readonly hashes: readonly (string | null)[];
  /** size, mtime and ctime per file; NaN where there is no stamp. */
  readonly stamps: Float64Array;
  readonly quickApprove: Uint8Array;
  /** 1 where the summary is marked read-only (see `ArticleSummary.readOnly`). */
  readonly readOnly: Uint8Array;
  /** The summaries of the files not gone, flattened (see `flatten`) and serialized as `postMessage` would. */
  readonly summaries: Uint8Array;
}

/** Packs a batch's results (in the order of its files) for the main process. */
export function packResults(results: readonly ReadResult[]): PackedResults {
  const n = results.length;
  const gone = new Uint8Array(n);
  const quickApprove = new Uint8Array(n);
  const readOnly = new Uint8Array(n);
  const stamps = new Float64Array(n * 3).fill(Number.NaN);
  const hashes: (string | null)[] = [];
  const flat: Flat = [];
  results.forEach((r, i) => {
    if (r.kind === 'gone') {
      gone[i] = 1;
      hashes.push(null);
      return;
    }
    hashes.push(r.hash);
    flatten(r.summary, flat);
    quickApprove[i] = r.quickApprove ? 1 : 0;
    readOnly[i] = r.summary.readOnly === true ? 1 : 0;
    if (r.stamp !== null) {
      stamps[i * 3] = r.stamp.size;
      stamps[i * 3 + 1] = r.stamp.mtimeMs;
      stamps[i * 3 + 2] = r.stamp.ctimeMs;
    }
  });
  const summaries = serialize(flat);
  flat.length = 0; // the serializer keeps the list itself alive for a while, not its strings
  return { gone, hashes, stamps, quickApprove, readOnly, summaries };
}

type Flat = (string | number | boolean | undefined)[];
/** How a flattened summary starts: which of the three shapes of ArticleSummary it has. */
const CHECKED = 0;
const UNCHECKED = 1;
const UNREADABLE = 2;

/**
 * Appends a summary to `flat`: its shape, its fields in a fixed order (undefined where absent), its
 * topics after their count, its problems as JSON (they hold no undefined values) or '' for none.
 */
function flatten(s: ArticleSummary, flat: Flat): void {
  if (isUnreadableShape(s)) flat.push(UNREADABLE, s.id, s.title, s.excerpt, s.published);
  else flat.push(s.checked === false ? UNCHECKED : CHECKED, s.id, s.title, s.excerpt, s.providerName, s.providerDomain, s.publishedDateTime, s.category, s.type, s.quality, s.heat, s.published);
  flat.push(s.topics.length);
  for (const topic of s.topics) flat.push(topic);
  flat.push(s.problems.length === 0 ? '' : JSON.stringify(s.problems));
}

/** The summaries `flatten` wrote, one per file not gone (null where gone), each in its own shape, marked read-only where `readOnly` says so. */
function unflatten(flat: Flat, gone: Uint8Array, readOnly: Uint8Array): (ArticleSummary | null)[] {
  // The list comes from this program's own read threads: its values are what `flatten` wrote.
  const text = (at: number): string => flat[at] as string;
  const optionalText = (at: number): string | undefined => flat[at] as string | undefined;
  const optionalNumber = (at: number): number | undefined => flat[at] as number | undefined;
  let at = 0;
  return Array.from(gone, (isGone, i): ArticleSummary | null => {
    if (isGone === 1) return null;
    const shape = flat[at];
    const start = at + 1;
    at = start + (shape === UNREADABLE ? 4 : 11);
    const topics: string[] = [];
    for (let n = flat[at++] as number; n > 0; n--) topics.push(text(at++));
    const json = text(at++);
    const problems: readonly Problem[] = json === '' ? [] : (JSON.parse(json) as Problem[]);
    if (shape === UNREADABLE) {
      const unreadable = { id: text(start), title: text(start + 1), excerpt: text(start + 2), published: flat[start + 3] === true, topics, problems };
      return readOnly[i] === 1 ? { ...unreadable, readOnly: true } : unreadable;
    }
    const summary: { -readonly [K in keyof ArticleSummary]: ArticleSummary[K] } = {
      id: text(start),
      title: text(start + 1),
      excerpt: text(start + 2),
      providerName: optionalText(start + 3),
      providerDomain: optionalText(start + 4),
      publishedDateTime: optionalText(start + 5),
      category: optionalText(start + 6),
      type: optionalText(start + 7),
      quality: optionalNumber(start + 8),
      heat: optionalNumber(start + 9),
      published: flat[start + 10] === true,
      topics,
      problems,
    };
    if (shape === UNCHECKED) summary.checked = false;
    if (readOnly[i] === 1) summary.readOnly = true;
    return summary;
  });
}

/** The results of a packed batch of `files`; each summary is deserialized (with its batch) when first asked for. */
export function unpackResults(files: readonly ScannedFile[], packed: PackedResults): ReadResult[] {
  const summaries = new LazySummaries(packed.summaries, packed.gone, packed.readOnly);
  return files.map((file, i): ReadResult => {
    if (packed.gone[i] === 1) return { id: file.id, kind: 'gone' };
    const size = packed.stamps[i * 3]!;
    const stamp = Number.isNaN(size) ? null : { size, mtimeMs: packed.stamps[i * 3 + 1]!, ctimeMs: packed.stamps[i * 3 + 2]! };
    return new PackedEntry(file.id, summaries, i, packed.hashes[i] ?? null, stamp, packed.quickApprove[i] === 1);
  });
}

class LazySummaries {
  private list: readonly (ArticleSummary | null)[] | null = null;

  constructor(
    private bytes: Uint8Array | null,
    private readonly gone: Uint8Array,
    private readonly readOnly: Uint8Array,
  ) {}

  at(i: number): ArticleSummary {
    if (this.list === null) {
      this.list = unflatten(deserialize(this.bytes!) as Flat, this.gone, this.readOnly);
      this.bytes = null;
    }
    return this.list[i]!;
  }
}

/** One result of a packed batch; its summary is read from the batch when first asked for. */
class PackedEntry {
  readonly kind = 'entry';

  constructor(
    readonly id: ArticleId,
    private readonly batch: LazySummaries,
    private readonly row: number,
    readonly hash: string | null,
    readonly stamp: FileStamp | null,
    readonly quickApprove: boolean,
  ) {}

  get summary(): ArticleSummary {
    return this.batch.at(this.row);
  }
}
