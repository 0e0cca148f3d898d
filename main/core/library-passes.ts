/** The background passes that bring an open library's index in line with its files: listing, comparing stamps, the full check. */
import type { ArticleId } from '../../shared/article.js';
import type { BackgroundPasses } from './background-passes.js';
import type { LibraryIndex } from './library-index.js';
import { inIdOrder, type ListingFront } from './listing-front.js';
import type { ScannedFile } from './library-paths.js';
import type { ReadResult } from './read-one.js';
import { readMany, type Stamper } from './read-pool.js';

/** Progress of a long open. */
export interface OpenProgress {
  readonly done: number;
  readonly total: number;
}

/** What the passes fill: the library's index, and the passes under way that the main thread's own reads outdate. */
export interface PassTarget {
  readonly index: LibraryIndex;
  readonly passes: BackgroundPasses;
  /** True once the library closed (or its opener abandoned it): the listing and the full check stop at their next batch. */
  readonly closed: () => boolean;
}

/**
 * Lists files with the fast reader, reporting progress. With a `front`, the files are listed in id
 * order and the front follows them (see listing-front.ts): the articles it lists are then new to
 * the index's listeners, who are given them with the list's pages, not as events.
 */
export function listFiles(
  target: PassTarget,
  files: readonly ScannedFile[] | Promise<readonly ScannedFile[]>,
  onProgress?: (p: OpenProgress) => void,
  front?: ListingFront,
): Promise<void> {
  if (front === undefined) return target.passes.run((fresh) => listWithin(target, fresh, files, 0, null, onProgress));
  const ordered = Promise.resolve(files).then((list) => {
    const sorted = inIdOrder(list);
    front.begin(sorted);
    return sorted;
  });
  return target.passes.run((fresh) => listWithin(target, fresh, ordered, 0, null, onProgress, front)).finally(() => front.end());
}

/**
 * Brings an index taken from the persistent index in line with the files: keeps every entry whose
 * file's stamp is unchanged, reads the files that changed or are new, drops the ones that are gone.
 * Answers the files it read again, and how many it took from the persistent index without reading them.
 */
export function reconcileFiles(
  target: PassTarget,
  scanning: Promise<readonly ScannedFile[]>,
  stamper: Stamper,
  onProgress?: (p: OpenProgress) => void,
): Promise<{ unread: ScannedFile[]; fromCache: number }> {
  const { index } = target;
  return target.passes.run(async (fresh) => {
    const files = await scanning;
    const stamps = await stamper.stamp(files.map((f) => f.path));
    const unread: ScannedFile[] = [];
    const present = new Set<ArticleId>();
    // In slices, between which the process answers the desk: at 100,000 files each walk is 20-30 ms.
    for (let i = 0; i < files.length; i++) {
      if (i > 0 && i % COMPARE_SLICE === 0) await nextTurn();
      const file = files[i]!;
      present.add(file.id);
      const stamp = index.get(file.id)?.stamp;
      if (stamp == null || stamp.size !== stamps[i * 3] || stamp.mtimeMs !== stamps[i * 3 + 1] || stamp.ctimeMs !== stamps[i * 3 + 2]) unread.push(file);
    }
    // A file added since the scan (and read by the watcher's refresh) is not gone.
    const known = [...index.all()].map(([id]) => id);
    for (let i = 0; i < known.length; i++) {
      if (i > 0 && i % COMPARE_SLICE === 0) await nextTurn();
      const id = known[i]!;
      if (!present.has(id) && fresh(id)) index.remove(id);
    }
    const fromCache = files.length - unread.length;
    await listWithin(target, fresh, unread, fromCache, files.length, onProgress);
    return { unread, fromCache };
  });
}

/** How many files a comparison of stamps takes in one go before the process answers others again. */
const COMPARE_SLICE = 16_384;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The full check of every file the fast reader listed, on the read pool, while the desk works. */
export function checkFiles(target: PassTarget, files: readonly ScannedFile[]): Promise<void> {
  const { index } = target;
  return target.passes.run(async (fresh) => {
    const listed = files.filter((f) => index.get(f.id) !== undefined);
    const pending = listed.filter((f) => index.get(f.id)!.hash === null);
    // Articles the main thread has read in full already (an edit while the list was still read) count as done.
    const total = listed.length;
    let done = total - pending.length;
    let reported = done;
    await readMany(
      pending,
      'full',
      (results) => {
        for (const r of results) if (fresh(r.id)) applyRead(index, r);
        done += results.length;
        if (done - reported >= 500 || done === total) {
          reported = done;
          index.emit({ type: 'checking', done, total });
        }
      },
      target.closed,
    );
  });
}

async function listWithin(
  { index, closed }: PassTarget,
  fresh: (id: ArticleId) => boolean,
  files: readonly ScannedFile[] | Promise<readonly ScannedFile[]>,
  done: number,
  total: number | null,
  onProgress?: (p: OpenProgress) => void,
  front?: ListingFront,
): Promise<void> {
  const listed = Promise.resolve(files).then((list) => {
    total ??= done + list.length;
    onProgress?.({ done, total });
    return list;
  });
  await readMany(
    listed,
    'quick',
    (results) => {
      for (const r of results) if (fresh(r.id)) applyRead(index, r, front !== undefined);
      front?.listed(results.map((r) => r.id));
      done += results.length;
      onProgress?.({ done, total: total ?? done });
    },
    closed,
  );
}

/** Puts what a read thread found into the index: a file gone leaves it. */
function applyRead(index: LibraryIndex, result: ReadResult, quietNew = false): void {
  if (result.kind === 'gone') index.remove(result.id);
  else index.store(result.id, result, quietNew);
}
