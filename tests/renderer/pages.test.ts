/** The list arriving page by page: each next page asked for before the last is merged, pages merged a few at a time. */
import { describe, expect, test } from 'vitest';
import type { ArticleSummary } from '../../shared/article.js';
import type { LibraryListing } from '../../shared/contract.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { MERGE_EVERY_MS, receivePages } from '../../renderer/state/pages.js';

const article = (i: number): ArticleSummary => ({ id: `a${String(i).padStart(3, '0')}.md`, title: `Story ${i}`, excerpt: '', published: false, topics: [], problems: [] });
const all = Array.from({ length: 20 }, (_, i) => article(i));
const SIZE = 2;
const pageAfter = (after: string | null): LibraryListing => {
  const from = after === null ? 0 : all.findIndex((a) => a.id === after) + 1;
  return { name: 'lib', library: 'key', total: all.length, articles: all.slice(from, from + SIZE), done: from + SIZE >= all.length };
};

/** A reader over `all` whose clock moves `step` ms at each request; logs what happens, in order. */
function reader(step: number, options: { failAt?: string; stopAfter?: number; held?: () => boolean } = {}) {
  const log: string[] = [];
  let clock = 0;
  let merges = 0;
  return {
    log,
    reader: {
      ask: async (after: string): Promise<Result<LibraryListing>> => {
        clock += step;
        log.push(`ask after ${after}`);
        return after === options.failAt ? fail('io', 'the library went away') : ok(pageAfter(after));
      },
      loaded: (page: LibraryListing, done: boolean) => log.push(`loaded ${page.articles.length}${done ? ' done' : ''}`),
      appended: (articles: readonly ArticleSummary[], total: number, done: boolean) => {
        merges++;
        log.push(`merged ${articles.map((a) => a.id.slice(1, 4)).join(',')}${done ? ' done' : ''}`);
      },
      failed: (message: string, first: boolean) => log.push(`failed ${first ? 'first' : 'later'}: ${message}`),
      current: () => options.stopAfter === undefined || merges < options.stopAfter,
      now: () => clock,
      paint: async () => void log.push('paint'),
      held: options.held,
    },
  };
}

describe('receivePages', () => {
  test('each page is asked for before the one read before it is merged; every article comes once, in order', async () => {
    const { log, reader: r } = reader(MERGE_EVERY_MS); // slow pages: each is merged on its own
    await receivePages(Promise.resolve(ok(pageAfter(null))), r);
    expect(log.slice(0, 6)).toEqual(['ask after a001.md', 'loaded 2', 'ask after a003.md', 'paint', 'merged 002,003', 'ask after a005.md']);
    const merged = log.filter((l) => l.startsWith('merged')).flatMap((l) => l.slice(7).replace(' done', '').split(','));
    expect(merged).toEqual(all.slice(2).map((a) => a.id.slice(1, 4)));
    expect(log.at(-1)).toBe('merged 018,019 done');
  });

  test('pages that come quickly are merged a few at a time, each merge after a paint; the last with the rest', async () => {
    const { log, reader: r } = reader(MERGE_EVERY_MS / 3 + 1);
    await receivePages(Promise.resolve(ok(pageAfter(null))), r);
    const merges = log.filter((l) => l.startsWith('merged'));
    expect(merges).toEqual(['merged 002,003,004,005,006,007', 'merged 008,009,010,011,012,013', 'merged 014,015,016,017,018,019 done']);
    for (const [k, line] of log.entries()) if (line.startsWith('merged')) expect(log[k - 1]).toBe('paint');
  });

  test('while held, no page is merged and no other asked for than the one in flight; the last page waits too', async () => {
    // Held for three paints before the first merge, and again before the last (the ninth).
    const merges = (): number => log.filter((l) => l.startsWith('merged')).length;
    const paintsSince = (): number => log.length - 1 - log.findLastIndex((l) => !l.startsWith('paint'));
    const { log, reader: r } = reader(MERGE_EVERY_MS, { held: () => (merges() === 0 || merges() === 8) && paintsSince() < 4 });
    await receivePages(Promise.resolve(ok(pageAfter(null))), r);
    // The page after the one held is asked for, and no other until the merge.
    expect(log.slice(0, 8)).toEqual(['ask after a001.md', 'loaded 2', 'ask after a003.md', 'paint', 'paint', 'paint', 'paint', 'merged 002,003']);
    expect(log.slice(-6)).toEqual(['merged 016,017', 'paint', 'paint', 'paint', 'paint', 'merged 018,019 done']);
    const merged = log.filter((l) => l.startsWith('merged')).flatMap((l) => l.slice(7).replace(' done', '').split(','));
    expect(merged).toEqual(all.slice(2).map((a) => a.id.slice(1, 4)));
  });

  test('a list of one page is done at once; a first page that fails lists nothing', async () => {
    const one = reader(0);
    await receivePages(Promise.resolve(ok({ ...pageAfter(null), done: true })), one.reader);
    expect(one.log).toEqual(['loaded 2 done']);
    const none = reader(0);
    await receivePages(Promise.resolve(fail('io', 'no such folder')), none.reader);
    expect(none.log).toEqual(['failed first: no such folder']);
  });

  test('a page that fails ends the list there, with what was read before it merged', async () => {
    const { log, reader: r } = reader(MERGE_EVERY_MS, { failAt: 'a005.md' });
    await receivePages(Promise.resolve(ok(pageAfter(null))), r);
    expect(log.filter((l) => !l.startsWith('ask') && l !== 'paint')).toEqual(['loaded 2', 'merged 002,003', 'merged 004,005', 'failed later: the library went away']);
  });

  test('pages read before one that fails are merged before the failure is told', async () => {
    const { log, reader: r } = reader(1, { failAt: 'a007.md' });
    await receivePages(Promise.resolve(ok(pageAfter(null))), r);
    expect(log.filter((l) => !l.startsWith('ask') && l !== 'paint')).toEqual(['loaded 2', 'merged 002,003,004,005,006,007', 'failed later: the library went away']);
  });

  test('a newer load stops an older one: nothing more asked for or merged', async () => {
    const { log, reader: r } = reader(MERGE_EVERY_MS, { stopAfter: 2 });
    await receivePages(Promise.resolve(ok(pageAfter(null))), r);
    expect(log.filter((l) => l.startsWith('merged'))).toHaveLength(2);
    expect(log.filter((l) => l.startsWith('ask'))).toHaveLength(3); // the one asked before the second merge is dropped
  });
});
