/** The desk's list view: an edit that moves nothing is patched in; anything else sorts and indexes again. */
import { describe, expect, test } from 'vitest';
import type { ArticleSummary } from '../../shared/article.js';
import { compileQuery } from '../../shared/query.js';
import { fullView, patchView } from '../../renderer/state/use-list-view.js';
import { sortArticles } from '../../renderer/state/view.js';

const article = (i: number, extra: Partial<ArticleSummary> = {}): ArticleSummary => ({
  id: `a${String(i).padStart(3, '0')}.md`,
  title: `Story ${i} about ${i % 2 === 0 ? 'climate' : 'markets'}`,
  excerpt: '',
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

  test('new topics are ranked again; a moved sort key, a new article or a new sort start over', () => {
    const view = fullView(articles, byDate);
    const retopiced = patchView(view, replace(articles, 7, { topics: ['Brand new'] }))!;
    expect(retopiced.topics).toContain('Brand new');
    expect(retopiced.index.filter({ topic: 'brand new' }).map((a) => a.id)).toEqual([articles[7]!.id]);
    expect(patchView(view, replace(articles, 7, { publishedDateTime: '2030-01-01' }))).toBeNull();
    expect(patchView(fullView(articles, { key: 'published', direction: 'desc' }), replace(articles, 7, { published: true }))).toBeNull();
    expect(patchView(view, [...articles, article(999)])).toBeNull();
    expect(patchView(view, articles)?.index).toBe(view.index);
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
