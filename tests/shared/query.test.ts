import { describe, expect, test } from 'vitest';
import type { ArticleSummary } from '../../shared/article.js';
import { compileQuery, countArticles, foldText, foldTexts, type ArticleQuery } from '../../shared/query.js';

const base: ArticleSummary = { id: 'x.md', title: '', excerpt: '', published: false, topics: [], problems: [] };
const articles: ArticleSummary[] = [
  { ...base, id: 'a.md', title: 'Café culture returns', excerpt: 'Espresso bars reopen', published: true, topics: ['Food', 'Cities'], providerName: 'Le Monde' },
  { ...base, id: 'b.md', title: 'Chip shortage', excerpt: 'Supply chains strain', topics: ['AI'], providerName: 'Forbes' },
  { ...base, id: 'c.md', title: 'Broken', problems: [{ level: 'error', code: 'yaml-syntax', message: 'YAML syntax: bad' }] },
  { ...base, id: 'd.md', title: 'Odd', published: true, problems: [{ level: 'warning', code: 'bad-date', message: 'bad date' }] },
];

const rows: { name: string; query: ArticleQuery; ids: string[] }[] = [
  { name: 'everything', query: {}, ids: ['a.md', 'b.md', 'c.md', 'd.md'] },
  { name: 'published', query: { status: 'published' }, ids: ['a.md', 'd.md'] },
  { name: 'unpublished', query: { status: 'unpublished' }, ids: ['b.md', 'c.md'] },
  { name: 'with problems', query: { status: 'problems' }, ids: ['c.md', 'd.md'] },
  { name: 'topic, any case', query: { topic: 'ai' }, ids: ['b.md'] },
  { name: 'provider', query: { provider: 'le monde' }, ids: ['a.md'] },
  { name: 'search ignores accents and case', query: { search: 'CAFE' }, ids: ['a.md'] },
  { name: 'search needs every word, in title or excerpt', query: { search: 'chip supply' }, ids: ['b.md'] },
  { name: 'search with no match', query: { search: 'chip espresso' }, ids: [] },
  { name: 'combined', query: { status: 'published', search: 'bars' }, ids: ['a.md'] },
];

describe('compileQuery', () => {
  test.each(rows)('$name', ({ query, ids }) => {
    expect(articles.filter(compileQuery(query)).map((a) => a.id)).toEqual(ids);
  });
});

test('countArticles counts approvals, errors and warnings', () => {
  expect(countArticles(articles)).toEqual({ articles: 4, published: 2, withErrors: 1, withWarnings: 1 });
});

test('foldText strips accents and case', () => {
  expect(foldText('Économie Ünï')).toBe('economie uni');
});

describe('folding many texts at once', () => {
  test('folding many texts together gives exactly what folding each alone gives', () => {
    const texts: [string, string][] = [
      ['Café ΟΔΟΣ', 'Ärger über Σ'],
      ['\u0301starts with a mark', 'ﬁ ligature and ① circled'],
      ['İstanbul', 'ΣΑΣ. final sigma'],
      ['plain', ''],
    ];
    const joined = texts.map(([title, excerpt]) => `${title}\n${excerpt}`);
    expect(foldTexts(joined)).toEqual(joined.map(foldText));
    // A text holding the separator the batch joins with is folded alone.
    const withNul = ['a\0b\nC', ...joined];
    expect(foldTexts(withNul)).toEqual(withNul.map(foldText));
  });
});
