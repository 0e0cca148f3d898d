/** The opening passes: listing, comparing a kept index's stamps with the files, and the full check. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ArticleId } from '../../shared/article.js';
import { BackgroundPasses } from '../../main/core/background-passes.js';
import { RACY_MS, stampMany } from '../../main/core/file-stamp.js';
import { LibraryIndex, type LibraryEvent } from '../../main/core/library-index.js';
import { checkFiles, listFiles, reconcileFiles, type OpenProgress, type PassTarget } from '../../main/core/library-passes.js';
import { scanLibrary } from '../../main/core/library-paths.js';
import type { Stamper } from '../../main/core/read-pool.js';
import { tempDir } from '../helpers/corpora.js';

let lib: ReturnType<typeof tempDir>;
let closed: boolean;
let target: PassTarget;

const article = (title: string, published = false): string => `---\ntitle: ${title}\npublished: ${published}\n---\nText.\n`;
const write = (id: string, text: string): void => writeFileSync(join(lib.dir, id), text);
const titles = (): Record<string, string> => Object.fromEntries([...target.index.all()].map(([id, e]) => [id, e.summary.title]));
/** Stamps as the stamp threads give them, in this thread. */
const stamper: Stamper = { stamp: (paths) => Promise.resolve(stampMany(paths)) };

beforeEach(() => {
  lib = tempDir();
  closed = false;
  target = { index: new LibraryIndex(() => undefined), passes: new BackgroundPasses(), closed: () => closed };
  write('a.md', article('A'));
  write('b.md', article('B'));
  write('c.md', article('C', true));
});
afterEach(() => lib.cleanup());

describe('listing', () => {
  test('lists every file with the fast reader, not yet checked, and reports progress to the end', async () => {
    const progress: OpenProgress[] = [];
    await listFiles(target, scanLibrary(lib.dir), (p) => progress.push(p));
    expect(titles()).toEqual({ 'a.md': 'A', 'b.md': 'B', 'c.md': 'C' });
    for (const [, entry] of target.index.all()) {
      expect(entry.hash).toBeNull();
      expect(entry.summary.checked).toBe(false);
    }
    expect(target.index.get('c.md' as ArticleId)?.summary.published).toBe(true);
    expect(progress[0]).toEqual({ done: 0, total: 3 });
    expect(progress.at(-1)).toEqual({ done: 3, total: 3 });
  });
});

describe('the full check', () => {
  test('checks every listed file (hash known) and tells how far it is', async () => {
    const files = await scanLibrary(lib.dir);
    await listFiles(target, files);
    const events: LibraryEvent[] = [];
    target.index.subscribe((e) => events.push(e));
    await checkFiles(target, files);
    for (const [, entry] of target.index.all()) expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(events.filter((e) => e.type === 'checking').at(-1)).toEqual({ type: 'checking', done: 3, total: 3 });
    // Confirming what the fast reader listed is news to nobody.
    expect(events.filter((e) => e.type !== 'checking')).toEqual([]);
  });

  test('finds the problem the fast reader could not see', async () => {
    write('b.md', '---\ntitle: B\npublished: false\ntitle: again\n---\n');
    const files = await scanLibrary(lib.dir);
    await listFiles(target, files);
    await checkFiles(target, files);
    expect(target.index.get('b.md' as ArticleId)?.summary.problems.map((p) => p.code)).toEqual(['duplicate-key']);
  });

  test('stops once the library is closed, leaving the rest unchecked', async () => {
    const files = await scanLibrary(lib.dir);
    await listFiles(target, files);
    closed = true;
    await checkFiles(target, files);
    for (const [, entry] of target.index.all()) expect(entry.hash).toBeNull();
  });
});

describe('comparing a kept index with the files', () => {
  /**
   * An index as a previous open kept it: every file listed and checked, with its stamp. A stamp is
   * trusted only once the file is `RACY_MS` old: the clock is moved on past that for the reads.
   */
  async function kept(): Promise<void> {
    const later = Date.now() + RACY_MS + 1000;
    const clock = vi.spyOn(Date, 'now').mockReturnValue(later);
    try {
      const files = await scanLibrary(lib.dir);
      await listFiles(target, files);
      await checkFiles(target, files);
    } finally {
      clock.mockRestore();
    }
    for (const [, entry] of target.index.all()) expect(entry.stamp).not.toBeNull();
  }

  test('keeps unchanged files, reads changed and new ones again, drops the ones gone', async () => {
    await kept();
    write('b.md', article('B, retitled'));
    write('d.md', article('D'));
    rmSync(join(lib.dir, 'c.md'));
    const progress: OpenProgress[] = [];
    const { unread, fromCache } = await reconcileFiles(target, scanLibrary(lib.dir), stamper, (p) => progress.push(p));
    expect(unread.map((f) => f.id).sort()).toEqual(['b.md', 'd.md']);
    expect(fromCache).toBe(1);
    expect(titles()).toEqual({ 'a.md': 'A', 'b.md': 'B, retitled', 'd.md': 'D' });
    expect(progress[0]).toEqual({ done: 1, total: 3 });
    expect(progress.at(-1)).toEqual({ done: 3, total: 3 });
  });

  test('what the main thread read or wrote during the pass is newer than the pass: it stays', async () => {
    await kept();
    write('b.md', article('B, changed on disk'));
    const mine = target.index.get('a.md' as ArticleId)!;
    let stamped!: () => void;
    const slow: Stamper = {
      stamp: (paths) =>
        new Promise((resolve) => {
          stamped = () => resolve(stampMany(paths));
        }),
    };
    const pass = reconcileFiles(target, scanLibrary(lib.dir), slow);
    await new Promise((r) => setTimeout(r, 50));
    // Meanwhile the main thread stores its own read of b.md (an edit's), newer than the pass's.
    target.passes.touch('b.md' as ArticleId);
    target.index.store('b.md' as ArticleId, { ...mine, summary: { ...mine.summary, id: 'b.md' as ArticleId, title: 'B, as the edit wrote it' } });
    // And drops c.md, found gone; the pass must not bring it back.
    target.passes.touch('c.md' as ArticleId);
    target.index.remove('c.md' as ArticleId);
    stamped();
    await pass;
    expect(titles()).toEqual({ 'a.md': 'A', 'b.md': 'B, as the edit wrote it' });
  });
});
