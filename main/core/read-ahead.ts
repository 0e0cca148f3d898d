/**
 * Reading ahead of the read pool on storage that makes each read wait (a disk the page cache has
 * not seen yet, a network share). The pool's two threads each wait for one read at a time, and
 * such storage answers many at once about as quickly as one: reading the 100,000-file library
 * with nothing in the page cache took 9.6 s with one reader, 6.6 s with two, 2.6 s with eight and
 * 2.3 s with sixteen on our machines. These threads only read (into a scratch buffer), a window
 * ahead of what the pool has handed out, so that the pool's reads find the files in the page cache.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const WORKER = new URL('./read-ahead-worker.js', import.meta.url);
/** Reader threads: sixteen read the library above in 2.3 s against eight's 2.6 s, each costing memory. */
const THREADS = 8;
/** Files a reader is sent at a time, and chunks it holds at once. */
const CHUNK = 32;
const HELD = 2;
/** How far ahead of the pool the readers go (in files): enough to keep them all busy, not so far that the page cache forgets what they read. */
const WINDOW = 4096;

/**
 * The time a read of one file may take before the pool is read ahead of (µs, the median of the
 * last `SLOW_SEEN` batches' averages). The page cache answers in 10-25 µs for a file of the
 * generated libraries, the disk above, one read at a time, in 100-200 µs. A single batch says
 * little: with three threads on two cores, one read from the page cache now and then took over
 * 100 µs a file in its batch, its thread put aside meanwhile.
 */
const SLOW_READ_US = 80;
const SLOW_SEEN = 8;

/** Whether the pool's reads wait on the storage, from each batch's reads in turn. */
export class SlowReads {
  private readonly last: number[] = [];

  /** Takes a batch's average read of one file (µs); true once the storage shows slow. */
  add(perFileUs: number): boolean {
    this.last.push(perFileUs);
    if (this.last.length > SLOW_SEEN) this.last.shift();
    if (this.last.length < SLOW_SEEN) return false;
    const sorted = [...this.last].sort((a, b) => a - b);
    return sorted[SLOW_SEEN / 2]! > SLOW_READ_US;
  }
}

/** True when the compiled reader script exists next to this module. */
const available = (): boolean => import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER));

/** Readers working ahead of a pool through `paths`, in the order the pool takes them. */
export class ReadAhead {
  private readonly workers: Worker[] = [];
  /** Each reader's way to take more files, as far as the window allows. */
  private readonly senders: (() => void)[] = [];
  private next = 0;
  private limit = 0;
  private closed = false;

  /**
   * Readers for `paths`, or null where the reader script is absent (tests run the TypeScript
   * sources) or no thread could be started (the pool reads on without them).
   */
  static start(paths: readonly string[], from: number): ReadAhead | null {
    if (!available()) return null;
    const ahead = new ReadAhead();
    ahead.next = from;
    for (let i = 0; i < THREADS; i++) {
      let worker: Worker;
      try {
        worker = new Worker(WORKER, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
      } catch {
        break; // as many readers as could be started
      }
      let held = 0;
      const send = (): void => {
        while (!ahead.closed && held < HELD && ahead.next < Math.min(ahead.limit, paths.length)) {
          worker.postMessage(paths.slice(ahead.next, ahead.next + CHUNK));
          ahead.next += CHUNK;
          held++;
        }
      };
      worker.on('message', () => {
        held--;
        send();
      });
      worker.on('error', () => undefined); // a reader that fails only reads no further ahead
      ahead.workers.push(worker);
      ahead.senders.push(send);
    }
    return ahead.workers.length > 0 ? ahead : null;
  }

  /** The pool has handed out the files before `dispatched`: the readers go on to a window past it. */
  advance(dispatched: number): void {
    this.next = Math.max(this.next, dispatched);
    this.limit = dispatched + WINDOW;
    for (const send of this.senders) send();
  }

  /** Ends the readers. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
