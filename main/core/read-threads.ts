/**
 * The read pool's threads, kept between runs. A thread's boot and its first, uncompiled batches
 * cost an open at 100,000 files about a sixth of its time (listed in 1,405-1,431 ms by new threads,
 * 1,155-1,177 ms by threads kept from an open before, in one process here); so threads are handed
 * back when a run ends, idle until the next, and the app starts them (`prestartReadThreads`) when
 * it starts, compiling the reader on sample articles (read-warm-up.ts) before a library is opened.
 *
 * An idle thread holds no work and no listener of a run, and does not keep the process alive.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const WORKER = new URL('./read-worker.js', import.meta.url);

/** True when the compiled worker script exists next to this module. */
export const poolAvailable = (): boolean => import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER));
/** A young generation this size kept the threads' collections short at 100,000 files. */
const OPTIONS = { resourceLimits: { maxYoungGenerationSizeMb: 16 } };

/** What a thread started to warm up posts when it has. */
export interface WarmedUp {
  readonly warmedUp: true;
}

export const isWarmedUp = (message: unknown): message is WarmedUp => typeof message === 'object' && message !== null && 'warmedUp' in message;

/** Threads waiting for a run: how to stop listening to each when it is taken, and whether its reader is compiled. */
const idle = new Map<Worker, { readonly unwatch: () => void; ready: boolean }>();

/** The most threads kept idle: one per core. */
const keepAtMost = (): number => Math.max(1, availableParallelism());

/** A thread for a run: `fresh` when it was started for it (still booting, its reader not compiled). */
export interface TakenThread {
  readonly worker: Worker;
  readonly fresh: boolean;
}

/** `count` threads for a run: idle ones first, then new ones. */
export function takeThreads(count: number): TakenThread[] {
  const taken: TakenThread[] = [];
  for (const [worker, { unwatch }] of idle) {
    if (taken.length === count) break;
    idle.delete(worker);
    unwatch();
    worker.ref();
    taken.push({ worker, fresh: false });
  }
  while (taken.length < count) taken.push({ worker: new Worker(WORKER, OPTIONS), fresh: true });
  return taken;
}

/**
 * Ends a run on `worker`. `clean` is a run that ended with every batch it sent answered: the thread
 * then waits idle for the next (unless enough do). Any other end (an error, a thread that failed)
 * stops it, as it may still answer a batch nobody waits for.
 */
export async function giveBack(worker: Worker, clean: boolean): Promise<void> {
  worker.removeAllListeners('message');
  worker.removeAllListeners('error');
  if (!clean || idle.size >= keepAtMost()) {
    await worker.terminate();
    return;
  }
  keepIdle(worker, true);
}

/** Keeps a thread idle: unreferenced, and forgotten should it fail or stop; `onLeave` hears it is taken or gone. */
function keepIdle(worker: Worker, ready: boolean, onMessage?: (message: unknown) => void, onLeave?: () => void): void {
  const gone = (): void => {
    idle.delete(worker);
    onLeave?.();
  };
  worker.once('error', gone);
  worker.once('exit', gone);
  if (onMessage !== undefined) worker.on('message', onMessage);
  worker.unref();
  const unwatch = (): void => {
    worker.off('error', gone);
    worker.off('exit', gone);
    if (onMessage !== undefined) worker.off('message', onMessage);
    onLeave?.();
  };
  idle.set(worker, { unwatch, ready });
}

/**
 * Starts the threads a run will take (one per core, fewer where some idle already), each compiling
 * the reader on sample articles. Resolves once each has, or has been taken by a run (which it then
 * serves once warm), or has failed (a run then starts its own). No threads where there is no pool.
 */
export function prestartReadThreads(): Promise<void> {
  if (!poolAvailable()) return Promise.resolve();
  const starting: Promise<void>[] = [];
  for (let n = idle.size; n < keepAtMost(); n++) {
    const worker = new Worker(WORKER, { ...OPTIONS, workerData: { warmUp: true } });
    starting.push(
      new Promise<void>((resolve) => {
        keepIdle(
          worker,
          false,
          (message) => {
            if (!isWarmedUp(message)) return;
            const kept = idle.get(worker);
            if (kept !== undefined) kept.ready = true;
            resolve();
          },
          resolve,
        );
        worker.ref(); // until it has warmed up: awaiting that keeps the process alive
      }).then(() => {
        if (idle.has(worker)) worker.unref();
      }),
    );
  }
  return Promise.all(starting).then(() => undefined);
}

/** Stops the idle threads (between tests; the app's end with its process). */
export async function stopReadThreads(): Promise<void> {
  const workers = [...idle.keys()];
  idle.clear();
  await Promise.all(workers.map((w) => w.terminate()));
}

/** How many threads wait idle. */
export const idleThreads = (): number => idle.size;

/** Whether a thread per core waits idle with its reader compiled: a run then pays no boot. */
export const threadsReady = (): boolean => [...idle.values()].filter((t) => t.ready).length >= keepAtMost();
