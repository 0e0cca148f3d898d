/**
 * Reads many files on worker threads, one per core, so parsing never holds the main process and a
 * 100,000-file library uses every core. Where the compiled worker is absent (tests run the
 * TypeScript sources), the same work runs in this thread in small slices.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScannedFile } from './library-paths.js';
import { stampMany } from './file-stamp.js';
import { readOne, type ReadMode, type ReadResult } from './read-one.js';

const BATCH = 128;
const WORKER = new URL('./read-worker.js', import.meta.url);
const STAMP_WORKER = new URL('./stamp-worker.js', import.meta.url);

/** True when the compiled worker script exists next to this module. */
export const poolAvailable = (): boolean => import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER));

/** Reads every file, handing results over in batches; stops early when `stopped()` turns true. */
export async function readMany(
  files: readonly ScannedFile[],
  mode: ReadMode,
  onResults: (results: readonly ReadResult[]) => void,
  stopped: () => boolean = () => false,
): Promise<void> {
  if (files.length === 0) return;
  if (!poolAvailable() || files.length < BATCH) return readHere(files, mode, onResults, stopped);
  const threads = Math.max(1, Math.min(availableParallelism(), Math.ceil(files.length / BATCH)));
  let next = 0;
  const run = (worker: Worker): Promise<void> =>
    new Promise((resolve, reject) => {
      const send = (): void => {
        if (next >= files.length || stopped()) {
          resolve();
          return;
        }
        const batch = files.slice(next, next + BATCH);
        next += BATCH;
        worker.postMessage({ files: batch, mode });
      };
      worker.on('message', (results: ReadResult[]) => {
        onResults(results);
        send();
      });
      worker.once('error', reject);
      send();
    });
  const workers = Array.from({ length: threads }, () => new Worker(WORKER));
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Threads ready to stamp paths: started early, so they boot while the library is scanned. */
export interface Stamper {
  /** The stamps (size, mtime, ctime) of every path, flat as `stampMany` gives them; ends the threads. */
  stamp(paths: readonly string[]): Promise<Float64Array>;
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
      const share = Math.ceil(paths.length / workers.length);
      try {
        const parts = await Promise.all(
          workers.map(
            (worker, i) =>
              new Promise<Float64Array>((resolve, reject) => {
                worker.once('message', resolve);
                worker.once('error', reject);
                worker.postMessage(paths.slice(i * share, (i + 1) * share));
              }),
          ),
        );
        const all = new Float64Array(paths.length * 3);
        let at = 0;
        for (const part of parts) {
          all.set(part, at);
          at += part.length;
        }
        return all;
      } finally {
        void stop();
      }
    },
  };
}

async function readHere(files: readonly ScannedFile[], mode: ReadMode, onResults: (results: readonly ReadResult[]) => void, stopped: () => boolean): Promise<void> {
  for (let i = 0; i < files.length; i += 32) {
    await new Promise((resolve) => setImmediate(resolve)); // let requests through between slices
    if (stopped()) return;
    onResults(files.slice(i, i + 32).map((f) => readOne(f.id, f.path, mode)));
  }
}
