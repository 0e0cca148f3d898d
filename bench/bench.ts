/**
 * `npm run bench -- [--count N] [--json]`: Masthead against the physical floor and the naive way,
 * measured in the same run, for 1,000, 10,000 and 100,000 generated articles (or only N).
 * A benchmark, not a test: it asserts nothing; BENCHMARKS.md records what it printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, fsyncSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import matter from 'gray-matter';
import { exportApproved } from '../main/core/export.js';
import { Library } from '../main/core/library.js';
import { prestartReadThreads } from '../main/core/read-threads.js';
import type { ArticleSummary } from '../shared/article.js';
import { BULK_CHUNK } from '../shared/contract.js';
import { ListIndex } from '../shared/list-index.js';
import { publishedTime, type ArticleQuery } from '../shared/query.js';
import { generateLibrary } from './generate.js';
import { judge, verdictLines, type Figure } from './targets.js';
import { measureUi } from './ui.js';

const CACHE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'masthead-bench');

function libraryFor(count: number): string {
  const dir = join(CACHE, `lib-${count}`);
  if (!existsSync(join(dir, '.complete'))) {
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`generating ${count.toLocaleString('en')} articles in ${dir}…\n`);
    generateLibrary(count, dir);
    writeFileSync(join(dir, '.complete'), '');
  }
  return dir;
}

/** A working copy the benchmark may edit, so the cached library stays pristine. */
function workingCopy(source: string, count: number): string {
  const dir = join(CACHE, `work-${count}`);
  rmSync(dir, { recursive: true, force: true });
  execFileSync('cp', ['-r', source, dir]);
  // At rest, as an editor's files are: not still being written back while the opens are timed.
  execFileSync('sync');
  // Masthead trusts no file stamp younger than 2 s (file times are coarse); an editor's files are older.
  execFileSync('sleep', ['2.1']);
  return dir;
}

const ms = (start: number): number => performance.now() - start;
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};
const median = (values: number[]): number => percentile(values, 0.5);

function files(dir: string): string[] {
  return readdirSync(dir).filter((f) => /\.(md|txt)$/.test(f));
}

/**
 * A full collection before a phase timed by percentiles, so the garbage the phase before left (the
 * list index built, 100,000 summaries read) is not collected inside it: an editor's approvals come
 * seconds apart, with idle time for that. Needs node --expose-gc (as `npm run bench` runs it). Then
 * half a second for V8's helper threads to finish sweeping what it freed: timed right after the
 * collection, each query's first run took 8-40 ms at 100,000 (1-12 ms after the pause, the first
 * query of all warming the code; later runs 0.4-5 ms), enough to put filter-p95 at 26 ms in one run.
 */
async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await delay(500);
}

/** Writes back everything the file systems hold dirty (`sync`), where there is such a command. */
function syncDisks(): void {
  if (process.platform === 'win32') return;
  execFileSync('sync');
}

function syncFolder(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Times of toggles and of the bare writes beside them, in ms; empty when not timed. */
interface TogglePairs {
  readonly toggles: number[];
  readonly bare: number[];
  readonly durable: number[];
}

/**
 * Toggles each article of `sample` in turn (its approval as the library holds it now, flipped),
 * each followed by a bare write of the same file's new bytes, and by that write made durable.
 */
async function togglePairs(library: Library, dir: string, sample: readonly ArticleSummary[], timed = true): Promise<TogglePairs> {
  const toggles: number[] = [];
  const bare: number[] = [];
  const durable: number[] = [];
  for (const a of sample) {
    const published = library.summary(a.id)?.published ?? a.published;
    let start = performance.now();
    await library.setPublished(a.id, !published);
    if (timed) toggles.push(ms(start));
    // Untimed, as the bare write's below: the toggle's tidying (the old version's aside link
    // removed once the save has answered, see save.ts), committed so that the bare write's fsync
    // does not commit it for us.
    await library.settled();
    syncFolder(dir);
    const path = join(dir, a.id);
    const bytes = readFileSync(path);
    start = performance.now();
    const temp = `${path}.bare-tmp`;
    writeFileSync(temp, bytes);
    const fd = openSync(temp, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, path);
    if (timed) bare.push(ms(start));
    // Untimed: commit the bare write's rename, which it leaves to the journal's next commit. Left
    // pending, it was committed by the next toggle's fsync and timed as the toggle's: the toggles'
    // p95 fell by a tenth to a quarter with it committed here (two runs of 240 pairs, outside the bench).
    syncFolder(dir);
    // The same bare write made durable as the toggle's is: its rename committed by the folder's
    // fsync, timed. The floor of a save that survives a power cut, beside the issue's baseline.
    start = performance.now();
    writeFileSync(temp, bytes);
    const durableFd = openSync(temp, 'r+');
    fsyncSync(durableFd);
    closeSync(durableFd);
    renameSync(temp, path);
    syncFolder(dir);
    if (timed) durable.push(ms(start));
  }
  return { toggles, bare, durable };
}

/**
 * One pass reading every file's bytes, one after another: what no reader can beat. On a thread of
 * its own, started for the pass, so that the pass pays for no heap but its own. Read on this
 * thread, after the naive loop and the checked opens had filled its heap, the passes beside the
 * cold opens at 100,000 took 889 ms (median), against 745 ms for those before the naive loop and
 * 686-796 ms in fresh processes: every buffer read made the collector walk that heap, and
 * cold-list read 1.83x where a fresh process's floor made it 2.3x.
 */
async function floorPass(dir: string): Promise<number> {
  const paths = files(dir).map((f) => join(dir, f));
  const code = `const { readFileSync } = require('node:fs'); const { parentPort, workerData } = require('node:worker_threads');
const start = performance.now(); for (const p of workerData) readFileSync(p); parentPort.postMessage(performance.now() - start);`;
  return new Promise((resolve, reject) => {
    const reader = new Worker(code, { eval: true, workerData: paths });
    reader.once('message', (elapsed: number) => resolve(elapsed));
    reader.once('error', reject);
  });
}

/** The page cache dropped (Linux, as root; false where it cannot be): the next reads come off the disk. */
function dropPageCache(): boolean {
  try {
    syncDisks();
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}

/** Readers at once for the disk's floor: sixteen read the 100,000 library off a cold disk in 2.3 s, eight in 2.6 s, two in 6.6 s. */
const DISK_READERS = 16;

/** Every file's bytes off the disk, by `DISK_READERS` threads at once: what no reader of a disk the page cache has not seen can beat. */
async function diskFloorPass(dir: string): Promise<number> {
  const paths = files(dir).map((f) => join(dir, f));
  const code = `const { readFileSync } = require('node:fs'); for (const p of require('node:worker_threads').workerData) readFileSync(p);`;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: DISK_READERS }, (_, k) => {
      // Each reader takes every sixteenth run of 64 files, so that together they go through the files in order.
      const mine = paths.filter((_, i) => Math.floor(i / 64) % DISK_READERS === k);
      return new Promise((resolve, reject) => new Worker(code, { eval: true, workerData: mine }).on('exit', resolve).on('error', reject));
    }),
  );
  return ms(start);
}

/**
 * With nothing in the page cache, where it can be dropped: the disk's floor and a cold open's list
 * (no persistent index), alternated, twice each. None where the page cache cannot be dropped: the
 * figures above are all from the page cache.
 */
async function measureDisk(count: number, dir: string): Promise<Figure[]> {
  if (!dropPageCache()) {
    process.stderr.write(`off the disk at ${count.toLocaleString('en')}: skipped, the page cache cannot be dropped here (it needs Linux and root)\n`);
    return [];
  }
  const floors: number[] = [];
  const listed: number[] = [];
  for (let run = 0; run < 2; run++) {
    dropPageCache();
    floors.push(await diskFloorPass(dir));
    dropPageCache();
    const begun = performance.now();
    const opened = await Library.open(dir);
    listed.push(ms(begun));
    if (!opened.ok) throw new Error(opened.error.message);
    await opened.value.close();
  }
  process.stderr.write(`off the disk at ${count.toLocaleString('en')}: floor passes ${floors.map(Math.round).join(', ')} ms, lists ${listed.map(Math.round).join(', ')} ms\n`);
  const floor = median(floors);
  const list = median(listed);
  return [
    { name: 'read-floor-disk', articles: count, value: round(floor), unit: 'ms', baseline: null, baselineValue: null, ratio: null },
    { name: 'cold-list-disk', articles: count, value: round(list), unit: 'ms', baseline: 'read-floor-disk', baselineValue: round(floor), ratio: round(list / floor, RATIO_DIGITS) },
  ];
}

/** What the usual tools do: gray-matter over every file. */
function naive(dir: string): number {
  const start = performance.now();
  for (const f of files(dir)) {
    try {
      matter(readFileSync(join(dir, f), 'utf8'));
    } catch {
      // broken files count their time too
    }
    // gray-matter caches every result by content; at 100,000 files that cache alone exhausts the heap.
    (matter as unknown as { clearCache: () => void }).clearCache();
  }
  return ms(start);
}

/**
 * The per-size measurements of Masthead itself, in this process. `naiveBefore` is the naive loop run
 * just before; it runs once more after each of the first two cold opens is checked, and the median
 * of the three is the naive figure (returned) and cold-checked's baseline: the loops and the checked
 * opens alternate, so a drift of the machine's speed over the minutes between them moves both alike.
 * (With one loop before only, cold-checked read 0.58x in a run whose floor passes took 1.7 s before
 * the loop and 2.4 s beside the opens, and 0.36-0.46x in the three runs around it. With one checked
 * open between two loops, it read 0.40-0.52x over 33 runs.)
 */
async function measureMasthead(count: number, dir: string, figures: Figure[], floors: number[], naiveBefore: number): Promise<number> {
  const add = (name: string, value: number, unit: Figure['unit'], baseline: string | null, baselineValue: number | null): void => {
    figures.push({ name, articles: count, value: round(value), unit, baseline, baselineValue: baselineValue === null ? null : round(baselineValue), ratio: baselineValue ? round(value / baselineValue, RATIO_DIGITS) : null });
  };
  // The app's data folder, empty: the cold open has no persistent index and writes one when checked.
  const cacheFolder = join(CACHE, `index-${count}`);
  rmSync(cacheFolder, { recursive: true, force: true });
  // Cold-list and cold-checked are each the median of three cold opens: two run to the end of their
  // check and closed, then the one whose index is kept. Each open follows a pass of the floor, and
  // cold-list and warm are each compared with the median of the passes taken beside their own runs:
  // this machine's speed drifts by tens of percent over minutes. Cold means no persistent index:
  // every file is read; the read threads are the app's, started ahead and kept from open to open.
  const listed: number[] = [];
  const checked: number[] = [];
  const listFloors: number[] = [];
  const naives = [naiveBefore];
  let library: Library | null = null;
  for (let run = 0; run < 3; run++) {
    listFloors.push(await floorPass(dir));
    const begun = performance.now();
    const opened = await Library.open(dir, run === 2 ? { cacheFolder } : {});
    listed.push(ms(begun));
    if (!opened.ok) throw new Error(opened.error.message);
    await opened.value.checked;
    checked.push(ms(begun));
    if (run < 2) {
      await opened.value.close();
      naives.push(naive(dir));
    } else library = opened.value;
  }
  if (library === null) throw new Error('no library was opened');
  await library.flush();
  let start: number;
  add('cold-list', median(listed), 'ms', 'read-floor', median(listFloors));
  const naiveMs = median(naives);
  add('cold-checked', median(checked), 'ms', 'naive', naiveMs);
  process.stderr.write(`cold opens at ${count.toLocaleString('en')}: listed in ${listed.map((t) => Math.round(t)).join(', ')} ms, checked in ${checked.map((t) => Math.round(t)).join(', ')} ms; naive loops ${naives.map((t) => Math.round(t)).join(', ')} ms\n`);
  // Reopening the same library with the index the first open kept: the list is ready when open
  // resolves; `warm-verified` adds comparing every file's stamp with the index (the list then
  // matches the disk). Each in a fresh process, as the app reopens a library when it starts: in
  // this one, an open at 10,000 found the memory of the open before it free to use again, while
  // the 42 MB index of 100,000 is above what the C allocator keeps, so every open there mapped
  // new memory (13 µs per 4 KB page here): warm per article at 100,000 looked 1.4-2.3 times its
  // cost at 10,000, where fresh processes give about half (3.0 µs per article against 5.9 µs).
  const warm: number[] = [];
  const verified: number[] = [];
  const warmFloors: number[] = [];
  for (let run = 0; run < 3; run++) {
    // A pass right after a spawn took 1.7 times as long when it read on this thread: the spawn's fork
    // leaves every page of this process to be made writable again on its next write, at a fault
    // each, and a reader thread's buffers may reuse such pages. So one pass first.
    if (run > 0) await floorPass(dir);
    warmFloors.push(await floorPass(dir));
    const reopen = spawnSync(process.execPath, [process.argv[1]!, '--warm', dir, cacheFolder], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (reopen.status !== 0) throw new Error('a warm open failed (see above)');
    const times = JSON.parse(reopen.stdout) as { warm: number; verified: number };
    warm.push(times.warm);
    verified.push(times.verified);
  }
  add('warm', median(warm), 'ms', 'read-floor', median(warmFloors));
  add('warm-verified', median(verified), 'ms', 'read-floor', median(warmFloors));
  floors.push(...listFloors, ...warmFloors);
  rmSync(cacheFolder, { recursive: true, force: true });

  const all = library.list();
  const topics = new Map<string, number>();
  for (const a of all) for (const t of a.topics) topics.set(t, (topics.get(t) ?? 0) + 1);
  const byUse = [...topics].sort((a, b) => b[1] - a[1]).map(([t]) => t);
  const newest = all.reduce((latest, a) => (publishedTime(a) > latest ? publishedTime(a) : latest), 0);
  const queries: ArticleQuery[] = [
    { status: 'published' },
    { status: 'unpublished' },
    { status: 'problems' },
    { topic: byUse[0] },
    { topic: byUse[Math.floor(byUse.length / 2)] },
    { search: 'climate' },
    { search: 'market policy' },
    { search: 'zzzz-no-match' },
    // The week before the newest article, as an editor narrows the list to recent days.
    { publishedFrom: newest - 7 * 86_400_000, publishedBefore: newest + 1 },
    { status: 'published', topic: byUse[1], search: 'energy' },
  ];
  // As the desk: the list kept sorted, a columnar index built once per list order (folding the
  // text as it goes); each keystroke then queries the index.
  const sorted = [...all].sort((a, b) => (Date.parse(b.publishedDateTime ?? '') || 0) - (Date.parse(a.publishedDateTime ?? '') || 0));
  const index = new ListIndex(sorted);
  const built = performance.now();
  index.buildSome(Infinity); // the desk builds it in idle time as the list arrives
  process.stderr.write(`list index of ${count.toLocaleString('en')} built in ${Math.round(ms(built))} ms\n`);
  await settle();
  const timings: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of queries) {
      start = performance.now();
      index.filter(q);
      timings.push(ms(start));
    }
  }
  add('filter-p50', median(timings), 'ms', null, null);
  add('filter-p95', percentile(timings, 0.95), 'ms', null, null);

  const healthy = all.filter((a) => a.problems.every((p) => p.level !== 'error'));
  // Two samples of up to 1,000 articles, every other one of a spread over the library, each toggled
  // once in the pass that times it (a first toggle, whose file the full check vouched for). With
  // 60 pairs, the p95 was the third slowest of each, and moved by a fifth between runs; with 200,
  // the ratio of the p95s of six consecutive blocks of 200 in one run of 1,200 pairs at 100,000
  // read 1.35-2.74x, where all 1,200 read 1.98x. A thousand pairs take 5-10 s.
  const per = Math.min(1000, Math.floor(healthy.length / 2));
  const picked = Array.from({ length: 2 * per }, (_, i) => healthy[Math.floor((i * healthy.length) / (2 * per))]!);
  const first = picked.filter((_, i) => i % 2 === 0);
  const steady = picked.filter((_, i) => i % 2 === 1);
  // What the phases before left to write back (the metadata blocks every save and open dirties,
  // which the kernel writes back on its own clock) is written now, not during the toggles' commits.
  syncDisks();
  await settle();
  // The process's first toggles, as the desk's first approvals after an open are: V8 is still
  // compiling the code of both sides, on its helper threads, beside the waits for the disk.
  const firstPairs = await togglePairs(library, dir, first);
  // Then 2,000 untimed pairs (the same articles toggled back and forth), and the pass the targets
  // judge: both sides warm, as through a day of approvals. V8 optimizes each function once it has
  // run often enough, the largest last: in one run of 4,000 pairs at 10,000 (--trace-opt), 19, 20,
  // 17, 10, 10, 5, 2 and 9 functions were compiled in each 500 (39-44 in the first 1,000 of a run),
  // some for 4-13 ms. On two cores a compile beside a toggle's fsync held its answer back by about
  // a millisecond: the toggle's first fsync had a p99 of 1.7-1.8 ms, against 0.8-0.9 ms with the
  // compiling done on the main thread (--no-concurrent-recompilation, which moved the cost into the
  // toggle itself). The articles toggled again take the hash's way (see library-edit.ts), the
  // timed ones the stamp's, as the first pass's did.
  await togglePairs(library, dir, Array.from({ length: 2000 }, (_, i) => first[i % first.length]!), false);
  const steadyPairs = await togglePairs(library, dir, steady);
  add('toggle-p50', median(steadyPairs.toggles), 'ms', 'write+fsync+rename', median(steadyPairs.bare));
  add('toggle-p95', percentile(steadyPairs.toggles, 0.95), 'ms', 'write+fsync+rename', percentile(steadyPairs.bare, 0.95));
  add('toggle-durable-p50', median(steadyPairs.toggles), 'ms', 'write+fsync+rename+fsync folder', median(steadyPairs.durable));
  add('toggle-durable-p95', percentile(steadyPairs.toggles, 0.95), 'ms', 'write+fsync+rename+fsync folder', percentile(steadyPairs.durable, 0.95));
  add('toggle-first-p50', median(firstPairs.toggles), 'ms', 'write+fsync+rename', median(firstPairs.bare));
  add('toggle-first-p95', percentile(firstPairs.toggles, 0.95), 'ms', 'write+fsync+rename', percentile(firstPairs.bare, 0.95));

  if (count >= 10_000) {
    // As the desk approves the articles shown: a hundred per request, each answer durable.
    const drafts = library.list().filter((a) => !a.published && a.problems.every((p) => p.level !== 'error')).slice(0, 10_000).map((a) => a.id);
    start = performance.now();
    let failed = 0;
    for (let at = 0; at < drafts.length; at += BULK_CHUNK) {
      const done = await library.setPublishedMany(drafts.slice(at, at + BULK_CHUNK), true);
      failed += done.ok ? done.value.failed.length : BULK_CHUNK;
    }
    add('bulk-publish', ms(start), 'ms', null, null);
    if (failed > 0) console.error(`bulk-publish at ${count.toLocaleString('en')}: ${failed} of ${drafts.length} articles could not be approved`);
  }

  const out = join(CACHE, `export-${count}`);
  const cpOut = join(CACHE, `cp-${count}`);
  rmSync(out, { recursive: true, force: true });
  start = performance.now();
  const exported = await exportApproved(library, { format: 'files', out, now: new Date(0), force: true });
  const exportMs = ms(start);
  if (!exported.ok) throw new Error(exported.error.message);
  const approved = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).articles.map((a: { id: string }) => a.id) as string[];
  rmSync(cpOut, { recursive: true, force: true });
  mkdirSync(cpOut);
  start = performance.now();
  for (let i = 0; i < approved.length; i += 2000) execFileSync('cp', ['-t', cpOut, ...approved.slice(i, i + 2000).map((id) => join(dir, id))]);
  add('export-files', exportMs, 'ms', 'cp', ms(start));
  rmSync(out, { recursive: true, force: true });
  rmSync(cpOut, { recursive: true, force: true });
  return naiveMs;
}

/** Peak RSS of a process that only opens and checks the library: what the desk's main process holds. */
/** A warm open of `dir` in this fresh process, with the index in `cacheFolder`: its times, as JSON on stdout. */
async function warmChild(dir: string, cacheFolder: string): Promise<void> {
  const start = performance.now();
  const again = await Library.open(dir, { cacheFolder });
  const warm = ms(start);
  if (!again.ok) throw new Error(again.error.message);
  await again.value.verified;
  const verified = ms(start);
  await again.value.checked;
  if (again.value.fromCache !== again.value.size) throw new Error(`warm open read ${again.value.size - again.value.fromCache} files again`);
  await again.value.close();
  process.stdout.write(`${JSON.stringify({ warm, verified })}\n`);
}

async function memoryChild(dir: string): Promise<void> {
  const opened = await Library.open(dir);
  if (!opened.ok) throw new Error(opened.error.message);
  await opened.value.checked;
  process.stdout.write(`${process.resourceUsage().maxRSS / 1024}\n`);
}

/**
 * Ratios to three decimals: with two, a toggle's p95 anywhere from 1.995 to 2.005 times its baseline
 * printed as "2x", and whether it met its target could not be read off the run.
 */
const RATIO_DIGITS = 3;

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Runs one size in a fresh process, so memory and caches of one size do not colour the next. */
async function child(count: number): Promise<Figure[]> {
  const source = libraryFor(count);
  const figures: Figure[] = [];
  // The floor and the naive loop read the very files the opens read, in the same state (synced,
  // in the page cache): the copy Masthead then edits.
  const dir = workingCopy(source, count);
  // As the app does when it starts: the read threads boot and compile their reader before any open
  // (see read-threads.ts), and are kept from one open to the next.
  await prestartReadThreads();
  try {
    const floors = [await floorPass(dir), await floorPass(dir), await floorPass(dir)];
    const naiveFloor = median(floors);
    const naiveMs = await measureMasthead(count, dir, figures, floors, naive(dir));
    // The floor figure: the median of every pass (three before the naive loop, one before each open).
    // The naive figure (the median of its three loops) is shown against the three passes before the first.
    const floor = median(floors);
    figures.unshift(
      { name: 'read-floor', articles: count, value: round(floor), unit: 'ms', baseline: null, baselineValue: null, ratio: null },
      { name: 'naive', articles: count, value: round(naiveMs), unit: 'ms', baseline: 'read-floor', baselineValue: round(naiveFloor), ratio: round(naiveMs / naiveFloor, RATIO_DIGITS) },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const memory = spawnSync(process.execPath, [process.argv[1]!, '--memory', source], { encoding: 'utf8' });
  figures.push({ name: 'memory', articles: count, value: round(Number(memory.stdout.trim())), unit: 'MB', baseline: null, baselineValue: null, ratio: null });
  // In a fresh process too, as the desk's main process is: not one that has held every library above.
  // On a working copy: the desk is measured after changes to the files too.
  const uiDir = workingCopy(source, count);
  const uiRun = spawnSync(process.execPath, [process.argv[1]!, '--ui', uiDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  rmSync(uiDir, { recursive: true, force: true });
  const ui = uiRun.status === 0 ? (JSON.parse(uiRun.stdout.trim() || 'null') as Awaited<ReturnType<typeof measureUi>>) : null;
  if (uiRun.status !== 0) process.stderr.write('ui figures failed (see above)\n');
  if (ui) {
    const task = (ms: number): string => (ms === 0 ? 'none over 50 ms' : `${Math.round(ms)} ms`);
    const { sort, flipped, added, retitled, removed } = ui.changes;
    const steps = ui.firstRowsSteps;
    const step = (ms: number | null): string => (ms === null ? 'not seen' : `${ms} ms`);
    process.stderr.write(
      `desk at ${count.toLocaleString('en')}, its first rows: navigation from ${step(steps.navigation)}, document in at ${step(steps.document)}, script at ${step(steps.script)}, first page asked at ${step(steps.asked)}, its first byte at ${step(steps.firstByte)}, its last at ${step(steps.lastByte)}, rows painted at ${step(steps.painted)}\n`,
    );
    process.stderr.write(`desk at ${count.toLocaleString('en')}: the whole list in ${(ui.arriving.listMs / 1000).toFixed(1)} s after the first rows, longest task meanwhile ${task(ui.arriving.longestTaskMs)}\n`);
    process.stderr.write(
      `desk at ${count.toLocaleString('en')} filtered to unpublished, longest task after: a new sort ${task(sort)}, the same column again ${task(flipped)}, a file added ${task(added)}, a title changed on disk ${task(retitled)}, a file removed ${task(removed)}\n`,
    );
    process.stderr.write(`desk at ${count.toLocaleString('en')}: first rows ${Math.round(ui.firstRowsFromOpenMs)} ms after a first open began (no persistent index: every file read)\n`);
    figures.push({ name: 'ui-first-rows', articles: count, value: round(ui.firstRowsMs), unit: 'ms', baseline: null, baselineValue: null, ratio: null });
    figures.push({ name: 'ui-first-rows-from-open', articles: count, value: round(ui.firstRowsFromOpenMs), unit: 'ms', baseline: null, baselineValue: null, ratio: null });
    figures.push({ name: 'ui-longest-frame', articles: count, value: round(ui.longestFrameMs), unit: 'ms', baseline: null, baselineValue: null, ratio: null });
  }
  // Last: it empties the page cache, which every figure above reads from. (Measured off a disk the
  // page cache had not seen, the memory figure read 372-443 MB, and once 677 MB; 349 MB from the cache.)
  figures.push(...(await measureDisk(count, source)));
  return figures;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { count: { type: 'string' }, json: { type: 'boolean' }, child: { type: 'boolean' }, memory: { type: 'boolean' }, ui: { type: 'boolean' }, warm: { type: 'boolean' } }, allowPositionals: true });
  if (values.memory) return memoryChild(positionals[0]!);
  if (values.warm) return warmChild(positionals[0]!, positionals[1]!);
  if (values.ui) {
    process.stdout.write(`${JSON.stringify(await measureUi(positionals[0]!))}\n`);
    return;
  }
  mkdirSync(CACHE, { recursive: true });
  if (values.child) {
    for (const f of await child(Number(values.count))) process.stdout.write(`${JSON.stringify(f)}\n`);
    return;
  }
  const counts = values.count ? [Number(values.count)] : [1_000, 10_000, 100_000];
  const all: Figure[] = [];
  for (const count of counts) {
    const run = spawnSync(process.execPath, [process.argv[1]!, '--child', '--count', String(count)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(`the ${count} run failed`);
    for (const line of run.stdout.trim().split('\n')) {
      const f = JSON.parse(line) as Figure;
      all.push(f);
      if (values.json) process.stdout.write(`${line}\n`);
      else process.stdout.write(`${String(f.articles).padStart(7)}  ${f.name.padEnd(23)} ${String(f.value).padStart(10)} ${f.unit}${f.ratio === null ? '' : `   ${f.ratio}x ${f.baseline} (${f.baselineValue} ${f.unit})`}\n`);
    }
  }
  // With --json, stdout holds the figures only: the verdicts go beside the progress, on stderr.
  const verdicts = `${verdictLines(judge(all)).join('\n')}\n`;
  if (values.json) process.stderr.write(verdicts);
  else process.stdout.write(`\n${verdicts}`);
}

void main();
