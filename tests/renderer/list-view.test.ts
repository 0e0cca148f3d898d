/** The desk's list view: an edit that moves nothing is patched in; anything else sorts and indexes again. */
import { describe, expect, test } from 'vitest';
import type { ArticleSummary } from '../../shared/article.js';
import { compileQuery } from '../../shared/query.js';
import { fullView, patchView } from '../../renderer/state/use-list-view.js';
import { sortArticles } from '../../renderer/state/view.js';

const article = (i: number, extra: Partial<ArticleSummary> = {}): ArticleSummary => ({
  id: `a${String(i).padStart(3, '0')}.md`,
  title: `Story ${i} about ${i % 2 === 0 ? 'climate' : 'markets'}`,
  excerpt: i % 7 === 0 ? 'U.S. rates' : '',
  publishedDateTime: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
  providerName: i % 3 === 0 ? 'Wired' : 'Forbes',
  published: i % 4 === 0,
  topics: i % 5 === 0 ? ['AI'] : ['Food'],
  problems: [],
  ...extra,
});

const articles = Array.from({ length: 300 }, (_, i) => article(i));
const byDate = { key: 'date', direction: 'desc' } as const;
const replace = (list: readonly ArticleSummary[], i: number, change: Partial<ArticleSummary>): ArticleSummary[] => list.map((a, k) => (k === i ? { ...a, ...change } : a));

describe('the list view', () => {
  test('a toggle is patched in: same index and choices, the row in its place, filters answer the new state', () => {
    const view = fullView(articles, byDate);
    const next = replace(articles, 40, { published: !articles[40]!.published });
    const patched = patchView(view, next)!;
    expect(patched).not.toBeNull();
    expect(patched.index).toBe(view.index);
    expect(patched.topics).toBe(view.topics);
    const row = view.sorted.indexOf(articles[40]!);
    expect(patched.sorted[row]).toBe(next[40]);
    expect(patched.sorted.map((a) => a.id)).toEqual(view.sorted.map((a) => a.id));
    for (const query of [{ status: 'published' as const }, { status: 'unpublished' as const, search: 'climate' }]) {
      expect(patched.index.filter(query).map((a) => a.id)).toEqual(patched.sorted.filter(compileQuery(query)).map((a) => a.id));
    }
  });

  test('edit after edit: each is patched into its own row, sorted by any key', () => {
    for (const sort of [byDate, { key: 'title', direction: 'asc' } as const]) {
      let view = fullView(articles, sort);
      const rows = view.sorted.map((a) => a.id);
      let list: readonly ArticleSummary[] = articles;
      for (const i of [40, 7, 40, 299, 0]) {
        list = replace(list, i, { published: !list[i]!.published });
        view = patchView(view, list)!;
        expect(view).not.toBeNull();
        expect(view.sorted.map((a) => a.id)).toEqual(rows);
        expect(view.sorted[rows.indexOf(list[i]!.id)]).toBe(list[i]);
      }
      expect(view.index.filter({ status: 'published' }).map((a) => a.id)).toEqual(view.sorted.filter(compileQuery({ status: 'published' })).map((a) => a.id));
    }
  });

  test('new topics are ranked again; a new article or a new sort start over', () => {
    const view = fullView(articles, byDate);
    const retopiced = patchView(view, replace(articles, 7, { topics: ['Brand new'] }))!;
    expect(retopiced.topics).toContain('Brand new');
    expect(retopiced.index.filter({ topic: 'brand new' }).map((a) => a.id)).toEqual([articles[7]!.id]);
    expect(patchView(view, [...articles, article(999)])).toBeNull();
    expect(patchView(view, articles)?.index).toBe(view.index);
  });

  // Word-table searches and one the table cannot answer (its dots make the index scan the texts).
  const queries = [{}, { status: 'published' as const }, { status: 'unpublished' as const, search: 'climate' }, { topic: 'ai' }, { provider: 'wired', search: 'story 4' }, { search: 'u.s. rates' }];
  /** The patched view must be the view made from scratch: same order, same answers. */
  const expectFresh = (view: ReturnType<typeof fullView>, list: readonly ArticleSummary[]): void => {
    const fresh = fullView(list, view.sort);
    expect(view.sorted.map((a) => a.id)).toEqual(fresh.sorted.map((a) => a.id));
    expect(view.sorted.every((a, row) => a === fresh.sorted[row])).toBe(true);
    for (const query of queries) expect(view.index.filter(query).map((a) => a.id)).toEqual(fresh.sorted.filter(compileQuery(query)).map((a) => a.id));
    // Each article's row, as the next patch will look it up.
    expect(Array.from(view.positions!, (row) => view.sorted[row]!.id)).toEqual(list.map((a) => a.id));
  };

  test('a moved sort key moves the article to the row a full sort gives it, the index renumbered, not rebuilt', () => {
    for (const sort of [{ key: 'published', direction: 'desc' } as const, { key: 'published', direction: 'asc' } as const, byDate, { key: 'quality', direction: 'asc' } as const]) {
      let view = fullView(articles, sort);
      while (!view.index.buildSome(100));
      let list: readonly ArticleSummary[] = articles;
      // First and last rows, ties on both sides, the same article twice, and an in-place edit beside them.
      for (const [i, change] of [
        [7, { published: true, publishedDateTime: '2030-01-01', quality: 5 }],
        [0, { published: !list[0]!.published, publishedDateTime: '1999-01-01', quality: 500 }],
        [299, { published: true, quality: -3 }],
        [7, { published: false, publishedDateTime: '2024-01-08', quality: 5 }],
        [150, { topics: ['AI', 'Food'] }],
      ] as const) {
        list = replace(list, i, change);
        const next = patchView(view, list)!;
        expect(next).not.toBeNull();
        expect(next.index.complete).toBe(true); // renumbered, nothing left to build
        view = next;
        expectFresh(view, list);
      }
    }
  });

  test('several moved at once, and moves before the index is built or with new text, are still right', () => {
    const sort = { key: 'published', direction: 'desc' } as const;
    const view = fullView(articles, sort);
    while (!view.index.buildSome(100));
    let list: readonly ArticleSummary[] = articles;
    for (const i of [3, 4, 5, 100, 101, 250]) list = replace(list, i, { published: !list[i]!.published });
    expectFresh(patchView(view, list)!, list);
    // Before the index is complete it is started again; a changed title cannot be renumbered either.
    const unbuilt = fullView(articles, sort);
    const approved = replace(articles, 9, { published: true });
    const moved = patchView(unbuilt, approved)!;
    expect(moved.index).not.toBe(unbuilt.index);
    expectFresh(moved, approved);
    const retitled = replace(articles, 9, { published: true, title: 'A climate story, renamed' });
    expectFresh(patchView(view, retitled)!, retitled);
  });

  test('by date: newest or oldest first, undated and unparseable as the oldest, ties in file-name order', () => {
    const dated = [
      article(1, { publishedDateTime: '2024-03-01T10:00:00Z' }),
      article(2, { publishedDateTime: undefined }),
      article(3, { publishedDateTime: '2024-03-01T11:00:00+02:00' }), // 09:00 UTC
      article(4, { publishedDateTime: 'soon' }),
      article(5, { publishedDateTime: '2024-03-01T10:00:00Z' }),
      article(6, { publishedDateTime: '2023-12-31' }),
    ];
    const ids = (list: readonly ArticleSummary[]) => list.map((a) => Number(a.id.slice(1, 4)));
    expect(ids(sortArticles(dated, { key: 'date', direction: 'desc' }))).toEqual([1, 5, 3, 6, 2, 4]);
    expect(ids(sortArticles(dated, { key: 'date', direction: 'asc' }))).toEqual([2, 4, 6, 3, 1, 5]);
    expect(ids(dated)).toEqual([1, 2, 3, 4, 5, 6]); // the input is left as it was
  });
});
