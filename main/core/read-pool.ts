/**
 * Reads many files on worker threads, one per core, so parsing never holds the main process and a
 * 100,000-file library uses every core. Where the compiled worker is absent (tests run the
 * TypeScript sources), the same work runs in this thread in small slices.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ScannedFile } from './library-paths.js';
import { copyChecked, type CopyItem } from './export-copy.js';
import { stampMany } from './file-stamp.js';
import { ReadAhead, SlowReads } from './read-ahead.js';
import { unpackResults, type PackedResults } from './read-batch.js';
import { readBatch, type ReadMode, type ReadResult } from './read-one.js';
import { giveBack, isWarmedUp, poolAvailable, takeThreads, threadsReady } from './read-threads.js';

const BATCH = 128;
/** Batches a thread is given at a time. */
const AHEAD = 2;
/** Files this thread reads at a time when it reads alone (see `readHereUnlessSlow`). */
const HERE_SLICE = 32;
/**
 * Below this many files a quick read (an open) runs in this thread alone: the threads' boot (about
 * 150 ms) and their first, uncompiled batches cost more than they share. Cold opens in fresh
 * processes here, alternated: 1,000 files listed in 164-174 ms alone against 360-380 ms on the
 * threads, 10,000 in 604-674 ms against 658-726 ms; 20,000 came out even (940-1,230 ms against
 * 1,030-1,060 ms).
 */
export const QUICK_ALONE_BELOW = 15_000;
/**
 * As QUICK_ALONE_BELOW, where a thread per core waits compiled (see read-threads.ts). Read five
 * times in a row here: 2,000 files in 24 ms on them against 31 ms alone, 10,000 in 101 against
 * 159 ms, and 1,000 in 14 against 16 ms; but in the bench (opens between passes of other work)
 * 1,000 files listed in 32-41 ms on them against 19-20 ms alone, and 10,000 in 141-142 against
 * 219-221 ms. Opens of the first 2,000 and 4,000 of them, three each after the threads started:
 * 36-90 and 52-151 ms on them, 45-109 and 89-151 ms alone.
 */
export const READY_QUICK_ALONE_BELOW = 2000;
/**
 * Below this many files an export's copies run in this thread: copying is mostly the disk's work,
 * and the threads' boot costs more than they share. Exports of the generated libraries here
 * (three each, fresh processes): 1,000 articles (about 300 approved) in 142-253 ms against
 * 180-331 ms on the threads, 10,000 (about 3,000) even at 1.0-1.5 s; at 100,000 (about 30,000)
 * the threads were quicker, 4.4 s against 5.5 s.
 */
const COPY_ALONE_BELOW = 4096;
const STAMP_WORKER = new URL('./stamp-worker.js', import.meta.url);

export { poolAvailable };

/**
 * Reads every file, handing results over in batches; stops early when `stopped()` turns true.
 * Given the files as a promise (a folder being listed), the threads boot while it settles, and are
 * stopped unused if fewer than `aloneBelow` files are listed: those are read in this thread, in
 * slices between which requests are answered, unless a slice shows the storage slow (see
 * `readHereUnlessSlow`): the rest then goes to the threads.
 */
export async function readMany(
  files: readonly ScannedFile[] | Promise<readonly ScannedFile[]>,
  mode: ReadMode,
  onResults: (results: readonly ReadResult[]) => void,
  stopped: () => boolean = () => false,
  aloneBelow = mode === 'full' ? BATCH : threadsReady() ? READY_QUICK_ALONE_BELOW : QUICK_ALONE_BELOW,
): Promise<void> {
  if (!poolAvailable()) return readHere(await files, mode, onResults, stopped);
  // In this thread while the storage keeps up; what is left once a slice shows it slow goes to the threads.
  const alone = async (list: readonly ScannedFile[]): Promise<void> => {
    let read = 0;
    const slow = new SlowReads();
    let ahead: ReadAhead | null | undefined;
    try {
      const rest = await readHereUnlessSlow(
        list,
        (slice) => {
          const timing = { readMs: 0 };
          onResults(readBatch(slice, mode, timing));
          read += slice.length;
          if (ahead === undefined && slow.add((timing.readMs * 1000) / slice.length)) ahead = ReadAhead.start(list.map((f) => f.path), read);
          ahead?.advance(read);
        },
        stopped,
      );
      // The threads take the rest, and tell slow storage for themselves.
      await ahead?.close();
      ahead = null;
      if (rest.length > 0) await readMany(rest, mode, onResults, stopped, 0);
    } finally {
      await ahead?.close();
    }
  };
  if (!(files instanceof Promise) && files.length < aloneBelow) return alone(files);
  const sent = new Map<number, readonly ScannedFile[]>();
  // Storage whose reads wait is read ahead of (see read-ahead.ts), from the first batch whose reads show it.
  let list: readonly ScannedFile[] = [];
  void Promise.resolve(files).then((l) => (list = l), () => undefined);
  let dispatched = 0;
  let ahead: ReadAhead | null | undefined;
  const slow = new SlowReads();
  try {
    await pooled(
      files,
      (batch, at) => {
        sent.set(at, batch);
        dispatched = at + batch.length;
        ahead?.advance(dispatched);
        return { files: batch, mode, at };
      },
      (result: { at: number; packed: PackedResults; readMs: number }) => {
        const batch = sent.get(result.at)!;
        if (ahead === undefined && slow.add((result.readMs * 1000) / batch.length)) {
          ahead = ReadAhead.start(list.map((f) => f.path), dispatched);
          ahead?.advance(dispatched);
        }
        onResults(unpackResults(batch, result.packed));
        sent.delete(result.at);
      },
      stopped,
      { below: aloneBelow, here: alone },
    );
  } finally {
    await ahead?.close();
  }
}

/**
 * Copies checked files for an export on the threads (see export-copy.ts), or in this thread below
 * `aloneBelow` files while the storage keeps up, handing over which were copied, batch by batch.
 * A failed write rejects.
 */
export async function copyMany(
  root: string,
  items: readonly CopyItem[],
  onCopied: (items: readonly CopyItem[], copied: readonly boolean[]) => void,
  stopped: () => boolean,
  aloneBelow = COPY_ALONE_BELOW,
): Promise<void> {
  if (items.length === 0) return;
  if (!poolAvailable() || items.length < aloneBelow) {
    // As a read alone: in this thread while the storage keeps up, the rest on the threads.
    const made = new Set<string>();
    const rest = await readHereUnlessSlow(items, (slice) => onCopied(slice, copyChecked({ root, items: slice }, made)), stopped);
    if (rest.length > 0) await copyMany(root, rest, onCopied, stopped, 0);
    return;
  }
  const sent = new Map<number, readonly CopyItem[]>();
  await pooled(
    items,
    (batch, at) => {
      sent.set(at, batch);
      return { copy: { root, items: batch }, at };
    },
    (result: { at: number; copied: boolean[] }) => {
      onCopied(sent.get(result.at)!, result.copied);
      sent.delete(result.at);
    },
    stopped,
  );
}

/**
 * Runs batches of `items` on one thread per core (kept between runs: see read-threads.ts); each
 * thread gets its next batch when it answers. Items given as a promise are awaited once the threads
 * are taken; with `small`, fewer than `small.below` of them are done by `small.here` instead.
 */
async function pooled<T, R>(
  pending: readonly T[] | Promise<readonly T[]>,
  message: (batch: readonly T[], at: number) => unknown,
  onResult: (result: R) => void,
  stopped: () => boolean,
  small?: { readonly below: number; readonly here: (items: readonly T[]) => Promise<void> },
): Promise<void> {
  const known = pending instanceof Promise ? null : pending;
  const threads = takeThreads(Math.max(1, Math.min(availableParallelism(), known === null ? Infinity : Math.ceil(known.length / BATCH))));
  /** The threads whose run ended with every batch sent answered: they may serve the next. */
  const answered = new Set<Worker>();
  let items: readonly T[] = [];
  let next = 0;
  // Each thread holds the batch it works on and the next one, so it never waits for this thread
  // (which, on two cores shared with two busy threads, can take a millisecond to get its turn).
  const run = (worker: Worker): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      // A thread that stops without an error (none of ours does) would otherwise leave the run waiting.
      const stoppedEarly = (code: number): void => reject(new Error(`a read thread stopped (exit code ${code})`));
      worker.once('exit', stoppedEarly);
      let inFlight = 0;
      const send = (): void => {
        while (inFlight < AHEAD && next < items.length && !stopped()) {
          const at = next;
          next += BATCH;
          inFlight++;
          worker.postMessage(message(items.slice(at, at + BATCH), at));
        }
        if (inFlight === 0) {
          worker.off('exit', stoppedEarly);
          answered.add(worker);
          resolve();
        }
      };
      worker.on('message', (result: R | { error: string }) => {
        if (isWarmedUp(result)) return; // a thread started warming up before it was taken
        if (typeof result === 'object' && result !== null && 'error' in result) {
          reject(new Error(result.error));
          return;
        }
        inFlight--;
        onResult(result); // a batch done after a stop is still handed over: its work happened
        send();
      });
      worker.once('error', reject);
      send();
    });
  try {
    items = await pending;
    if (small !== undefined && items.length < small.below) {
      // Threads started for this run are stopped before the read, not after: booting, they took
      // the cores it needs (1,000 files listed in 275-342 ms, against 180 ms without them).
      for (const { worker, fresh } of threads) if (!fresh) answered.add(worker);
      await Promise.all(threads.map(({ worker }) => giveBack(worker, answered.has(worker))));
      threads.length = 0;
      return await small.here(items);
    }
    await Promise.all(threads.map(({ worker }) => run(worker)));
  } finally {
    await Promise.all(threads.map(({ worker }) => giveBack(worker, answered.has(worker))));
  }
}

/** Threads ready to stamp paths: started early, so they boot while the library is scanned. */
export interface Stamper {
  /** The stamps (size, mtime, ctime) of every path, flat as `stampMany` gives them; ends the threads. */
  stamp(paths: readonly string[]): Promise<Float64Array>;
}

/** How many paths a stamp thread is sent at a time. */
const STAMP_PART = 8192;

/** The stamps of `paths`, from one stamp thread. */
function stampOn(worker: Worker, paths: readonly string[]): Promise<Float64Array> {
  return new Promise((resolve, reject) => {
    const done = (stamps: Float64Array): void => {
      worker.off('error', failed);
      resolve(stamps);
    };
    const failed = (e: unknown): void => {
      worker.off('message', done);
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    worker.once('message', done);
    worker.once('error', failed);
    worker.postMessage(paths);
  });
}

/**
 * Starts the stamp threads. Stat'ing 100,000 files is most of what a warm open costs, so the work
 * is split over every core; in the TypeScript sources (tests) it runs in this thread.
 */
export function startStamper(): Stamper {
  if (!poolAvailable()) return { stamp: (paths) => Promise.resolve(stampMany(paths)) };
  const workers = Array.from({ length: Math.max(1, availableParallelism()) }, () => new Worker(STAMP_WORKER));
  const stop = (): Promise<unknown> => Promise.all(workers.map((w) => w.terminate()));
  return {
    async stamp(paths) {
      const all = new Float64Array(paths.length * 3);
      // Parts of STAMP_PART paths, each thread taking the next as it is done: half of 100,000 paths
      // sent at once held this process about 20 ms to copy them over, twice.
      let next = 0;
      try {
        await Promise.all(
          workers.map(async (worker) => {
            while (next < paths.length) {
              const at = next;
              next += STAMP_PART;
              all.set(await stampOn(worker, paths.slice(at, at + STAMP_PART)), at * 3);
            }
          }),
        );
        return all;
      } finally {
        void stop();
      }
    },
  };
}

/**
 * How long a slice read in this thread (`HERE_SLICE` files) may take before the rest goes to the
 * threads: storage that slow (a network share, a disk that seeks) would hold the main process, and
 * the threads keep two files in flight. Page-cached files here take 1-10 ms a slice once the reader
 * is compiled; the first slice, compiling it, took 15-31 ms, so it is given longer.
 */
const SLOW_SLICE_MS = 40;
const SLOW_FIRST_SLICE_MS = 120;

/**
 * Reads `items` in this thread a slice at a time (`read`), each slice in a task of its own so
 * requests are answered between them, until one slice takes longer than the storage should:
 * answers the items left unread then, none once all are read or `stopped()` turns true.
 */
export async function readHereUnlessSlow<T>(items: readonly T[], read: (slice: readonly T[]) => void, stopped: () => boolean, now: () => number = () => performance.now()): Promise<readonly T[]> {
  for (let at = 0; at < items.length; at += HERE_SLICE) {
    await new Promise((resolve) => setImmediate(resolve));
    if (stopped()) return [];
    const start = now();
    read(items.slice(at, at + HERE_SLICE));
    if (now() - start > (at === 0 ? SLOW_FIRST_SLICE_MS : SLOW_SLICE_MS)) return items.slice(at + HERE_SLICE);
  }
  return [];
}

async function readHere(files: readonly ScannedFile[], mode: ReadMode, onResults: (results: readonly ReadResult[]) => void, stopped: () => boolean): Promise<void> {
  for (let i = 0; i < files.length; i += HERE_SLICE) {
    await new Promise((resolve) => setImmediate(resolve)); // let requests through between slices
    if (stopped()) return;
    onResults(readBatch(files.slice(i, i + HERE_SLICE), mode));
  }
}
