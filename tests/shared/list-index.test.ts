/** The columnar index must answer exactly what compileQuery answers, in the same order. */
import { describe, expect, test } from 'vitest';
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
  const words = ['Café', 'cafe', 'climate', 'market', 'policy', 'Zürich', 'energy', 'chip', 'übermensch', 'naïve', 'rate'];
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

const articles = library(600);
const index = new ListIndex(articles);

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
  { status: 'published', topic: 'AI', search: 'rate', provider: 'forbes' },
  { status: 'problems', search: 'energy' },
];

describe('ListIndex', () => {
  test.each(queries)('%j', (query) => {
    expect(index.filter(query).map((a) => a.id)).toEqual(articles.filter(compileQuery(query)).map((a) => a.id));
  });

  test('an empty list', () => {
    expect(new ListIndex([]).filter({ search: 'x' })).toEqual([]);
  });
});
