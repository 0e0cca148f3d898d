import { describe, expect, test } from 'vitest';
import type { ArticleSummary } from '../../shared/article.js';
import { compileQuery, countArticles, dayRange, foldText, foldTexts, type ArticleQuery } from '../../shared/query.js';

const base: ArticleSummary = { id: 'x.md', title: '', excerpt: '', published: false, topics: [], problems: [] };
const articles: ArticleSummary[] = [
  { ...base, id: 'a.md', title: 'Café culture returns', excerpt: 'Espresso bars reopen', published: true, topics: ['Food', 'Cities'], providerName: 'Le Monde', publishedDateTime: '2022-07-05T23:38:00Z' },
  { ...base, id: 'b.md', title: 'Chip shortage', excerpt: 'Supply chains strain', topics: ['AI'], providerName: 'Forbes', publishedDateTime: '2022-07-06T00:00:00+00:00' },
  { ...base, id: 'c.md', title: 'Broken', problems: [{ level: 'error', code: 'yaml-syntax', message: 'YAML syntax: bad' }] },
  { ...base, id: 'd.md', title: 'Odd', published: true, problems: [{ level: 'warning', code: 'bad-date', message: 'bad date' }], publishedDateTime: 'soon' },
];
const JULY_6 = Date.UTC(2022, 6, 6);

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
  // A date range: from is inclusive, before is not; an article with no date, or one that does not parse, is never in a range.
  { name: 'published from an instant on', query: { publishedFrom: JULY_6 }, ids: ['b.md'] },
  { name: 'published before an instant', query: { publishedBefore: JULY_6 }, ids: ['a.md'] },
  { name: 'a range holding both', query: { publishedFrom: JULY_6 - 86_400_000, publishedBefore: JULY_6 + 1 }, ids: ['a.md', 'b.md'] },
  { name: 'an empty range', query: { publishedFrom: JULY_6, publishedBefore: JULY_6 }, ids: [] },
  { name: 'a range with other filters', query: { publishedFrom: 0, topic: 'ai' }, ids: ['b.md'] },
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

test('foldText takes off the marks no decomposition does, and writes out ß and the ligatures', () => {
  expect(foldText('Łódź København Đoković Straße ẞ Æble Œuvre Þingvellir Ðaði Malta Ħamrun Kırıkkale')).toBe('lodz kobenhavn dokovic strasse ss aeble oeuvre thingvellir dadi malta hamrun kirikkale');
  expect(compileQuery({ search: 'lodz kobenhavn' })({ ...base, title: 'Łódź to København' })).toBe(true);
  expect(compileQuery({ search: 'strasse' })({ ...base, excerpt: 'Die Straße' })).toBe(true);
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

describe('dayRange', () => {
  test.each([
    { name: 'both days, each included, in local time', from: '2024-03-01', to: '2024-03-31', range: { publishedFrom: new Date(2024, 2, 1).getTime(), publishedBefore: new Date(2024, 3, 1).getTime() } },
    { name: 'one day', from: '2024-12-31', to: '2024-12-31', range: { publishedFrom: new Date(2024, 11, 31).getTime(), publishedBefore: new Date(2025, 0, 1).getTime() } },
    { name: 'from a day on', from: '2024-02-29', to: '', range: { publishedFrom: new Date(2024, 1, 29).getTime(), publishedBefore: undefined } },
    { name: 'up to a day', from: '', to: '2024-02-28', range: { publishedFrom: undefined, publishedBefore: new Date(2024, 1, 29).getTime() } },
    { name: 'no bound', from: '', to: '', range: { publishedFrom: undefined, publishedBefore: undefined } },
    { name: 'no such day', from: '2023-02-29', to: '', range: null },
    { name: 'not a day', from: '', to: '31/12/2024', range: null },
    { name: 'a time is not a day', from: '2024-03-01T00:00', to: '', range: null },
  ])('$name', ({ from, to, range }) => {
    expect(dayRange(from, to)).toEqual(range);
  });
});
