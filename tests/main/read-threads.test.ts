/** The read threads kept between runs (the compiled code), and the samples they warm up on. */
import { availableParallelism } from 'node:os';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generateLibrary } from '../../bench/generate.js';
import { quickSummary } from '../../main/core/quick-read.js';
import { parseArticleFile } from '../../main/core/read-article.js';
import { sampleArticle, warmUp } from '../../main/core/read-warm-up.js';
import type { ReadResult } from '../../main/core/read-one.js';
import { tempDir } from '../helpers/corpora.js';

type Threads = typeof import('../../main/core/read-threads.js');
type Pool = typeof import('../../main/core/read-pool.js');
type One = typeof import('../../main/core/read-one.js');
const built = async <T>(name: string): Promise<T> => (await import(new URL(`../../out/main/core/${name}.js`, import.meta.url).href)) as T;

const lib = tempDir();
afterAll(async () => {
  await (await built<Threads>('read-threads')).stopReadThreads();
  lib.cleanup();
});

/** The test library's files (2,400 generated articles), made on first use. */
function libraryFiles(): { id: string; path: string }[] {
  if (readdirSync(lib.dir).length === 0) generateLibrary(2400, lib.dir, 21);
  return readdirSync(lib.dir)
    .sort()
    .map((id) => ({ id, path: join(lib.dir, id) }));
}

/** Every result a quick read on the threads hands over, sorted by id, each field read out. */
async function readOnThreads(pool: Pool, files: readonly { id: string; path: string }[], stopAfter = Infinity): Promise<unknown[]> {
  const results: ReadResult[] = [];
  await pool.readMany(Promise.resolve(files), 'quick', (batch) => results.push(...batch), () => results.length >= stopAfter, 0);
  return plain(results);
}

function plain(results: readonly ReadResult[]): unknown[] {
  return [...results].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => (r.kind === 'gone' ? { ...r } : { id: r.id, summary: r.summary, hash: r.hash }));
}

describe('the warm-up samples', () => {
  test('are articles the fast reader agrees on with the full parse, and a few it leaves to the full parse', () => {
    let answered = 0;
    for (let n = 0; n < 64; n++) {
      const bytes = Buffer.from(sampleArticle(n));
      const quick = quickSummary(`${n}.md`, bytes);
      const full = parseArticleFile(`${n}.md`, bytes);
      if (full.kind !== 'article') throw new Error(`sample ${n} is no article`);
      if (quick === null) continue;
      answered++;
      expect({ ...quick, checked: undefined }, `sample ${n}`).toEqual({ ...full.summary, checked: undefined });
    }
    // Both paths are compiled: most by the fast reader, the broken and duplicate-key ones by the full parse.
    expect(answered).toBeGreaterThan(50);
    expect(answered).toBeLessThan(64);
  });

  test('run the list pass over every sample', () => {
    expect(warmUp(2)).toBe(128);
  });
});

describe('the read threads', () => {
  test('start warmed up ahead of a run, which takes them rather than new ones, and hand them back', async () => {
    const threads = await built<Threads>('read-threads');
    await threads.stopReadThreads();
    await threads.prestartReadThreads();
    const cores = Math.max(1, availableParallelism());
    expect(threads.idleThreads()).toBe(cores);
    const taken = threads.takeThreads(cores + 1);
    expect(taken.map((t) => t.fresh)).toEqual([...Array<boolean>(cores).fill(false), true]);
    expect(threads.idleThreads()).toBe(0);
    await Promise.all(taken.map((t) => threads.giveBack(t.worker, true)));
    expect(threads.idleThreads()).toBe(cores); // the one over a thread per core is stopped
  }, 60_000);

  test('a thread whose run did not end cleanly is stopped, not kept', async () => {
    const threads = await built<Threads>('read-threads');
    const before = threads.idleThreads();
    const [taken] = threads.takeThreads(1);
    const exited = new Promise((resolve) => taken!.worker.once('exit', resolve));
    await threads.giveBack(taken!.worker, false);
    await exited;
    expect(threads.idleThreads()).toBe(Math.max(0, before - 1));
  }, 60_000);

  test('a run whose thread stops under it fails, rather than waiting for ever', async () => {
    const threads = await built<Threads>('read-threads');
    const pool = await built<Pool>('read-pool');
    await threads.stopReadThreads();
    await threads.prestartReadThreads();
    // The threads the next run will take (idle ones go first, in the order they were kept).
    const taken = threads.takeThreads(Math.max(1, availableParallelism()));
    await Promise.all(taken.map((t) => threads.giveBack(t.worker, true)));
    let stopped = false;
    const run = pool.readMany(Promise.resolve(libraryFiles()), 'quick', () => {
      if (!stopped) void taken[0]!.worker.terminate();
      stopped = true;
    });
    await expect(run).rejects.toThrow(/a read thread stopped/);
    expect(threads.idleThreads()).toBe(0); // the other too is stopped: it may still hold a batch
  }, 60_000);

  test('kept threads read one library after another exactly as one thread does, a stopped run included', async () => {
    const threads = await built<Threads>('read-threads');
    const pool = await built<Pool>('read-pool');
    const { readBatch } = await built<One>('read-one');
    const files = libraryFiles();
    const halves = [files.slice(0, 1200), files.slice(1200)];
    await threads.prestartReadThreads();
    // A run stopped after its first batches: what it handed over is all its threads did.
    const stopped = await readOnThreads(pool, files, 256);
    expect(stopped.length).toBeLessThan(files.length);
    expect(threads.idleThreads()).toBe(Math.max(1, availableParallelism()));
    for (const half of [...halves, files]) expect(await readOnThreads(pool, half)).toStrictEqual(plain(readBatch(half, 'quick')));
  }, 60_000);

  test('ready threads take a quick read from 2,000 files, where new ones would take one from 15,000', async () => {
    const threads = await built<Threads>('read-threads');
    const pool = await built<Pool>('read-pool');
    const files = libraryFiles();
    const batchSizes = async (list: typeof files): Promise<number> => {
      const sizes: number[] = [];
      await pool.readMany(Promise.resolve(list), 'quick', (results) => sizes.push(results.length));
      return Math.max(...sizes);
    };
    await threads.stopReadThreads();
    expect(threads.threadsReady()).toBe(false);
    expect(await batchSizes(files)).toBe(32); // this thread's slices
    await threads.prestartReadThreads();
    expect(threads.threadsReady()).toBe(true);
    expect(pool.READY_QUICK_ALONE_BELOW).toBe(2000);
    expect(await batchSizes(files)).toBe(128); // the threads' batches
    expect(await batchSizes(files.slice(0, 1999))).toBe(32);
  }, 60_000);

  test('none are kept once stopped', async () => {
    const threads = await built<Threads>('read-threads');
    await threads.prestartReadThreads();
    await threads.stopReadThreads();
    expect(threads.idleThreads()).toBe(0);
  }, 60_000);
});
