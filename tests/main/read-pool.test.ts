/** The read pool on real worker threads (the compiled code): the same index as reading in one thread. */
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generateLibrary } from '../../bench/generate.js';
import { stampMany } from '../../main/core/file-stamp.js';
import { Library } from '../../main/core/library.js';
import type { ArticleSummary } from '../../shared/article.js';
import { tempDir } from '../helpers/corpora.js';

const lib = tempDir();
afterAll(() => lib.cleanup());

describe('the read pool', () => {
  test('worker threads list and check a library exactly as one thread does', async () => {
    generateLibrary(1500, lib.dir, 11);
    // Three files marked read-only, one of them broken: the mark crosses from the threads with either shape of summary.
    const names = readdirSync(lib.dir).sort();
    const broken = names.find((n) => /^title: "[^"\n]*$/m.test(readFileSync(join(lib.dir, n), 'utf8')))!; // an unclosed quote: read as its name and its error
    const locked = [names[3]!, names[700]!, broken];
    for (const name of locked) chmodSync(join(lib.dir, name), 0o444);
    const built = (await import(new URL('../../out/main/core/library.js', import.meta.url).href)) as { Library: typeof Library };
    const pool = (await import(new URL('../../out/main/core/read-pool.js', import.meta.url).href)) as { poolAvailable: () => boolean };
    expect(pool.poolAvailable()).toBe(true);
    const threaded = await built.Library.open(lib.dir);
    const single = await Library.open(lib.dir);
    if (!threaded.ok || !single.ok) throw new Error('open failed');
    // Listed, the checks still under way: a file's read-only mark comes with its check (the list pass takes no fstat), so it is left aside here.
    const listed = (a: ArticleSummary): ArticleSummary => ({ ...a, checked: undefined, readOnly: undefined });
    expect(threaded.value.list().map(listed)).toEqual(single.value.list().map(listed));
    await Promise.all([threaded.value.checked, single.value.checked]);
    // Strictly: the summaries crossing from the threads keep their shapes (keys whose value is undefined too).
    expect(threaded.value.list()).toStrictEqual(single.value.list());
    expect(threaded.value.list().filter((a) => a.problems.some((p) => p.level === 'error')).length).toBeGreaterThan(5);
    expect(threaded.value.list().filter((a) => a.readOnly === true).map((a) => a.id)).toEqual([...new Set(locked)].sort());
    expect(threaded.value.list().find((a) => a.id === broken)).not.toHaveProperty('providerName'); // the short shape
  }, 60_000);

  test('a quick read on the threads answers what one thread answers, file by file', async () => {
    const pool = (await import(new URL('../../out/main/core/read-pool.js', import.meta.url).href)) as typeof import('../../main/core/read-pool.js');
    const { readBatch } = (await import(new URL('../../out/main/core/read-one.js', import.meta.url).href)) as typeof import('../../main/core/read-one.js');
    const files = libraryFiles();
    const threaded: unknown[] = [];
    const sizes: number[] = [];
    // Below QUICK_ALONE_BELOW an open reads in its own thread; told to, the pool takes any number.
    await pool.readMany(
      Promise.resolve(files),
      'quick',
      (results) => {
        sizes.push(results.length);
        threaded.push(...results);
      },
      () => false,
      0,
    );
    expect(Math.max(...sizes)).toBe(128); // the threads' batches, not this thread's slices
    // Each field read out (the threads' entries build their summaries when first asked).
    type Read = import('../../main/core/read-one.js').ReadResult;
    const plain = (results: readonly Read[]): unknown[] =>
      [...results]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((r) => (r.kind === 'gone' ? { ...r } : { id: r.id, kind: r.kind, summary: r.summary, hash: r.hash, stamp: r.stamp, quickApprove: r.quickApprove }));
    expect(threaded).toHaveLength(files.length);
    expect(plain(threaded as Read[])).toStrictEqual(plain(readBatch(files, 'quick')));
  }, 60_000);

  test('a quick read of fewer files than the threads pay for runs in this thread, in slices', async () => {
    const pool = (await import(new URL('../../out/main/core/read-pool.js', import.meta.url).href)) as typeof import('../../main/core/read-pool.js');
    const files = libraryFiles();
    expect(files.length).toBeLessThan(pool.QUICK_ALONE_BELOW);
    // No threads kept from the tests before: the threshold of threads that would have to boot.
    await ((await import(new URL('../../out/main/core/read-threads.js', import.meta.url).href)) as typeof import('../../main/core/read-threads.js')).stopReadThreads();
    const sizes: number[] = [];
    // Given as a promise, as an open gives the folder's listing: the threads start, then stop unused.
    await pool.readMany(Promise.resolve(files), 'quick', (results) => sizes.push(results.length));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(files.length);
    expect(Math.max(...sizes)).toBe(32);
  }, 60_000);
  test('the stamp threads stamp many paths, a part at a time, as one thread does, in the order asked', async () => {
    const pool = (await import(new URL('../../out/main/core/read-pool.js', import.meta.url).href)) as typeof import('../../main/core/read-pool.js');
    const files = libraryFiles();
    // More paths than several parts hold, every seventh one missing.
    const paths = Array.from({ length: 30_000 }, (_, i) => (i % 7 === 6 ? join(lib.dir, `missing-${i}.md`) : files[i % files.length]!.path));
    const threaded = await pool.startStamper().stamp(paths);
    expect(Array.from(threaded)).toEqual(Array.from(stampMany(paths)));
    expect(Number.isNaN(threaded[6 * 3])).toBe(true);
    expect(threaded[0]).toBe(statSync(paths[0]!).size);
  }, 60_000);
});

describe('copies on the read pool', () => {
  test('the threads copy each file whose bytes still hash as checked, and only those', async () => {
    const pool = (await import(new URL('../../out/main/core/read-pool.js', import.meta.url).href)) as typeof import('../../main/core/read-pool.js');
    const files = libraryFiles().slice(0, 600);
    const out = join(lib.dir, '..', `${basename(lib.dir)}-copies`);
    const hashOf = (id: string): string => createHash('sha256').update(readFileSync(join(lib.dir, id))).digest('hex');
    // Every tenth with a hash its file no longer has: a file changed since the check.
    const items = files.map((f, i) => ({ id: f.id, sha256: i % 10 === 3 ? '0'.repeat(64) : hashOf(f.id), target: join(out, f.id) }));
    const copied = new Map<string, boolean>();
    const sizes: number[] = [];
    try {
      // On the threads, however few the files (an export of fewer copies them in this thread).
      await pool.copyMany(lib.dir, items, (batch, ok) => {
        sizes.push(batch.length);
        batch.forEach((item, i) => copied.set(item.id, ok[i]!));
      }, () => false, 0);
      expect(Math.max(...sizes)).toBe(128);
      expect([...copied.keys()].sort()).toEqual(items.map((i) => i.id).sort());
      items.forEach((item, i) => {
        expect(copied.get(item.id)).toBe(i % 10 !== 3);
        if (i % 10 === 3) expect(() => readFileSync(item.target)).toThrow();
        else expect(readFileSync(item.target).equals(readFileSync(join(lib.dir, item.id)))).toBe(true);
      });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});

/** The generated library's article files, as a scan lists them. */
function libraryFiles(): { id: string; path: string }[] {
  return readdirSync(lib.dir)
    .filter((n) => n.endsWith('.md') || n.endsWith('.txt'))
    .map((id) => ({ id, path: join(lib.dir, id) }));
}

describe('stopping the read pool', () => {
  test('stops handing out batches, still hands over the ones already given, and settles', async () => {
    const pool = (await import(new URL('../../out/main/core/read-pool.js', import.meta.url).href)) as typeof import('../../main/core/read-pool.js');
    const names = readdirSync(lib.dir).filter((n) => n.endsWith('.md') || n.endsWith('.txt'));
    expect(names.length).toBeGreaterThan(1000);
    const files = names.map((id) => ({ id, path: join(lib.dir, id) }));
    const seen: string[] = [];
    let stop = false;
    await pool.readMany(
      files,
      'quick',
      (results) => {
        seen.push(...results.map((r) => r.id));
        stop = true; // after the first batch back: each thread holds at most one more
      },
      () => stop,
      0, // on the threads, however few the files
    );
    // The first batch, plus at most the batches two threads held (two each): never all of them.
    expect(seen.length).toBeGreaterThanOrEqual(128);
    expect(seen.length).toBeLessThanOrEqual(128 * 4);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.every((id) => names.includes(id))).toBe(true);
  }, 60_000);
});

describe('the export on the read pool', () => {
  test('copies exactly the checked bytes of every approved file, and re-reads one changed after the check', async () => {
    const built = (await import(new URL('../../out/main/core/library.js', import.meta.url).href)) as { Library: typeof Library };
    const { exportApproved } = (await import(new URL('../../out/main/core/export.js', import.meta.url).href)) as typeof import('../../main/core/export.js');
    const opened = await built.Library.open(lib.dir);
    if (!opened.ok) throw new Error('open failed');
    await opened.value.checked;
    const approved = opened.value.list().filter((a) => a.published && a.problems.every((p) => p.level !== 'error'));
    expect(approved.length).toBeGreaterThan(300);
    // Changed behind the index's back after the check: the copy must not be the checked bytes.
    const changed = approved[7]!;
    const changedPath = join(lib.dir, changed.id);
    writeFileSync(changedPath, readFileSync(changedPath, 'utf8').replace(/^excerpt: .*$/m, 'excerpt: "rewritten after the check"'));
    const out = join(lib.dir, '..', `${basename(lib.dir)}-export`);
    const report = await exportApproved(opened.value, { format: 'files', out, now: new Date(0), force: true });
    if (!report.ok) throw new Error(report.error.message);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { articles: { id: string; sha256: string }[] };
    expect(manifest.articles.map((a) => a.id).sort()).toEqual(approved.map((a) => a.id).sort());
    for (const entry of manifest.articles) {
      const bytes = readFileSync(join(out, entry.id));
      expect(bytes.equals(readFileSync(join(lib.dir, entry.id)))).toBe(true);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
    }
    expect(readFileSync(join(out, changed.id), 'utf8')).toContain('rewritten after the check');
    rmSync(out, { recursive: true, force: true });
  }, 60_000);
});
