/** The columnar index must answer exactly what compileQuery answers, in the same order. */
import { describe, expect, test, vi } from 'vitest';
import type { ArticleSummary } from '../../shared/article.js';
import { ListIndex } from '../../shared/list-index.js';
import { compileQuery, type ArticleQuery } from '../../shared/query.js';

/** A seeded pseudo-random list with accents, shared words, topics and providers. */
function library(n: number): ArticleSummary[] {
  let seed = 42;
  const rand = (k: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % k;
  };
  const words = ['Café', 'cafe', 'climate', 'market', 'policy', 'Zürich', 'energy', 'chip', 'übermensch', 'naïve', 'rate', 'covid-19', 'U.S.', 'İstanbul', '東京', 'x_y', '𝒜lpha'];
  const topics = ['AI', 'Économie', 'Food', 'Cities', 'ai'];
  const providers = ['Le Monde', 'Forbes', 'le monde', 'Wired'];
  return Array.from({ length: n }, (_, i) => ({
    id: `a${String(i).padStart(4, '0')}.md`,
    title: Array.from({ length: 1 + rand(5) }, () => words[rand(words.length)]).join(' '),
    excerpt: Array.from({ length: rand(8) }, () => words[rand(words.length)]).join(' '),
    providerName: rand(5) === 0 ? undefined : providers[rand(providers.length)],
    published: rand(3) === 0,
    topics: Array.from(new Set(Array.from({ length: rand(3) }, () => topics[rand(topics.length)]!))),
    problems: rand(10) === 0 ? [{ level: 'warning' as const, code: 'bad-date' as const, message: 'bad date' }] : [],
  }));
}

// More rows than one text chunk (1,024), built a few rows at a time, as the desk builds it.
const articles = library(2500);
const index = new ListIndex(articles);
while (!index.buildSome(377));

const queries: ArticleQuery[] = [
  {},
  { status: 'published' },
  { status: 'unpublished' },
  { status: 'problems' },
  { topic: 'ai' },
  { topic: 'economie' },
  { topic: 'nothing' },
  { provider: 'LE MONDE' },
  { provider: 'Le Monde', topic: 'Food' },
  { search: 'cafe' },
  { search: 'CAFÉ zurich' },
  { search: 'ate' },
  { search: 'naive uber' },
  { search: 'market policy chip' },
  { search: 'absent' },
  { search: 'é' },
  // Through the word table, and where only the text can answer (a search word across a word boundary).
  { search: 'market' },
  { search: 'arke' },
  { search: 'e' },
  { search: '19' },
  { search: 'd-1' },
  { search: 'covid-19' },
  { search: 'u.s' },
  { search: 's. c' },
  { search: 'istanbul' },
  { search: '京' },
  { search: 'x_y' },
  { search: 'y' },
  { search: '𝒜' },
  { search: 'lpha' },
  { status: 'published', topic: 'AI', search: 'rate', provider: 'forbes' },
  { status: 'problems', search: 'energy' },
];

describe('ListIndex', () => {
  test.each(queries)('%j', (query) => {
    expect(index.filter(query).map((a) => a.id)).toEqual(articles.filter(compileQuery(query)).map((a) => a.id));
  });

  test('a fragment of very many words is found by scanning the text instead, with the same answer', () => {
    const many = Array.from({ length: 50 }, (_, i): ArticleSummary => ({
      id: `m${i}.md`,
      title: `alpha${i} beta${i} gamma${i} delta${i}`,
      excerpt: i % 3 === 0 ? 'kappa' : 'lambda',
      published: false,
      topics: [],
      problems: [],
    }));
    const manyIndex = new ListIndex(many);
    for (const search of ['a', 'ta', 'pp', 'a1']) expect(manyIndex.filter({ search }).map((a) => a.id)).toEqual(many.filter(compileQuery({ search })).map((a) => a.id));
    expect(manyIndex.filter({ search: 'a' })).toHaveLength(50);
  });

  test('a word or part of one is answered from the sealed word table, without scanning the text', () => {
    const scan = vi.spyOn(ListIndex.prototype as unknown as { rowsByScan: () => Uint8Array }, 'rowsByScan');
    try {
      for (const search of ['market', 'arke', 'istanbul', 'lpha', '19', 'absent']) {
        expect(index.filter({ search }).map((a) => a.id)).toEqual(articles.filter(compileQuery({ search })).map((a) => a.id));
      }
      expect(scan).not.toHaveBeenCalled();
    } finally {
      scan.mockRestore();
    }
  });

  test('an edit patched in answers as a fresh index does, and a changed text is refused', () => {
    const patched = new ListIndex(articles);
    patched.buildSome(1500); // partly built: rows past 1,500 are indexed from the new list later
    const rows = [3, 700, 1499, 1500, 2400];
    const next = articles.map((a, i) =>
      rows.includes(i) ? { ...a, published: !a.published, topics: i % 2 === 0 ? ['Food', 'Brand New'] : [], providerName: i === 700 ? 'Wired' : a.providerName, problems: [] } : a,
    );
    expect(patched.patch(next, rows)).toBe(true);
    for (const query of [...queries, { topic: 'brand new' }, { provider: 'wired' }]) {
      expect(patched.filter(query).map((a) => a.id)).toEqual(next.filter(compileQuery(query)).map((a) => a.id));
    }
    const retitled = next.map((a, i) => (i === 5 ? { ...a, title: `${a.title} and more` } : a));
    expect(patched.patch(retitled, [5])).toBe(false);
    expect(patched.filter({ search: 'and more' })).toEqual([]);
    expect(patched.patch(next.slice(1), [0])).toBe(false);
  });

  test('an empty list', () => {
    expect(new ListIndex([]).filter({ search: 'x' })).toEqual([]);
  });
});
