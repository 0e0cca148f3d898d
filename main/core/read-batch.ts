/**
 * How a read-pool thread hands a batch of results to the main process. What the index needs at once
 * (which files are gone, hashes, stamps) travels as small arrays; the summaries travel serialized
 * and are deserialized the first time one of them is asked for. At 100,000 files, deserializing
 * every summary as it arrived (and collecting them as they were promoted) held the main process for
 * over a second of a cold open, on a machine whose two cores the reading threads need.
 */
import { deserialize, serialize } from 'node:v8';
import type { ArticleId, ArticleSummary } from '../../shared/article.js';
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
  /** The summaries (null where gone), serialized as `postMessage` would. */
  readonly summaries: Uint8Array;
}

/** Packs a batch's results (in the order of its files) for the main process. */
export function packResults(results: readonly ReadResult[]): PackedResults {
  const n = results.length;
  const gone = new Uint8Array(n);
  const quickApprove = new Uint8Array(n);
  const stamps = new Float64Array(n * 3).fill(Number.NaN);
  const hashes: (string | null)[] = [];
  const summaries: (ArticleSummary | null)[] = [];
  results.forEach((r, i) => {
    if (r.kind === 'gone') {
      gone[i] = 1;
      hashes.push(null);
      summaries.push(null);
      return;
    }
    hashes.push(r.hash);
    summaries.push(r.summary);
    quickApprove[i] = r.quickApprove ? 1 : 0;
    if (r.stamp !== null) {
      stamps[i * 3] = r.stamp.size;
      stamps[i * 3 + 1] = r.stamp.mtimeMs;
      stamps[i * 3 + 2] = r.stamp.ctimeMs;
    }
  });
  return { gone, hashes, stamps, quickApprove, summaries: serialize(summaries) };
}

/** The results of a packed batch of `files`; each summary is deserialized (with its batch) when first asked for. */
export function unpackResults(files: readonly ScannedFile[], packed: PackedResults): ReadResult[] {
  const summaries = new LazySummaries(packed.summaries);
  return files.map((file, i): ReadResult => {
    if (packed.gone[i] === 1) return { id: file.id, kind: 'gone' };
    const size = packed.stamps[i * 3]!;
    const stamp = Number.isNaN(size) ? null : { size, mtimeMs: packed.stamps[i * 3 + 1]!, ctimeMs: packed.stamps[i * 3 + 2]! };
    return new PackedEntry(file.id, summaries, i, packed.hashes[i] ?? null, stamp, packed.quickApprove[i] === 1);
  });
}

class LazySummaries {
  private list: readonly (ArticleSummary | null)[] | null = null;

  constructor(private bytes: Uint8Array | null) {}

  at(i: number): ArticleSummary {
    if (this.list === null) {
      this.list = deserialize(this.bytes!) as (ArticleSummary | null)[];
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
