/** The columnar index must answer exactly what compileQuery answers, in the same order. */
import { describe, expect, test, vi } from 'vitest';
import type { ArticleSummary } from '../../shared/article.js';
import { ListIndex, maxAddedTexts } from '../../shared/list-index.js';
import { SlotTexts } from '../../shared/slot-texts.js';
import { compileQuery, type ArticleQuery } from '../../shared/query.js';
import { seededRandom } from '../helpers/seeded.js';

/** A seeded pseudo-random list with accents, shared words, topics and providers. */
function library(n: number): ArticleSummary[] {
  const rand = seededRandom(42);
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
    // A date in 2024 in one of the spellings files use; some none, some that do not parse.
    publishedDateTime: dateOf(rand),
  }));
}

/** A publication date for a test article: a time in 2024, spelt one of three ways, or none, or one that does not parse. */
function dateOf(rand: (n: number) => number): string | undefined {
  const kind = rand(8);
  if (kind === 0) return undefined;
  if (kind === 1) return 'last Tuesday';
  const time = new Date(Date.UTC(2024, 0, 1) + rand(366) * DAY + rand(DAY));
  if (kind === 2) return time.toISOString().slice(0, 10);
  return kind === 3 ? time.toISOString().replace('Z', '+00:00') : time.toISOString();
}

const DAY = 86_400_000;
const MARCH = Date.UTC(2024, 2, 1);
const JUNE = Date.UTC(2024, 5, 1);

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
  // Dates: from, before, both, with the other filters, and a range no article is in.
  { publishedFrom: JUNE },
  { publishedBefore: MARCH },
  { publishedFrom: MARCH, publishedBefore: JUNE },
  { publishedFrom: MARCH, publishedBefore: JUNE, status: 'unpublished', topic: 'ai' },
  { publishedFrom: MARCH, search: 'cafe' },
  { publishedFrom: JUNE, publishedBefore: JUNE },
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
    const scan = vi.spyOn(SlotTexts.prototype as unknown as { rowsByScan: () => Uint8Array }, 'rowsByScan');
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
      rows.includes(i)
        ? { ...a, published: !a.published, topics: i % 2 === 0 ? ['Food', 'Brand New'] : [], providerName: i === 700 ? 'Wired' : a.providerName, problems: [], publishedDateTime: i % 2 === 0 ? '2024-12-31T23:00:00Z' : undefined }
        : a,
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

  /** Each new row's row in `before` where it is the same article with the same text, else -1 (what the desk passes). */
  const oldRowsOf = (before: readonly ArticleSummary[], after: readonly ArticleSummary[]): Int32Array => {
    const rows = new Map(before.map((a, row) => [a.id, row]));
    return Int32Array.from(after, (a) => {
      const row = rows.get(a.id);
      return row !== undefined && before[row]!.title === a.title && before[row]!.excerpt === a.excerpt ? row : -1;
    });
  };
  const expectAnswers = (updated: ListIndex, list: readonly ArticleSummary[]): void => {
    expect(updated.complete).toBe(true);
    for (const query of [...queries, { topic: 'brand new' }, { provider: 'new wire' }, { search: 'zebra' }, { search: 'ebr' }, { search: 'zebra café' }]) {
      expect(updated.filter(query).map((a) => a.id)).toEqual(list.filter(compileQuery(query)).map((a) => a.id));
    }
  };

  test('update: generation after generation of new orders, additions, removals and new texts answers as a fresh index does', () => {
    const rand = seededRandom(7);
    let list: ArticleSummary[] = articles.slice();
    let current = new ListIndex(list);
    while (!current.buildSome(1000));
    let added = 0;
    for (let generation = 0; generation < 12; generation++) {
      const next = list.filter(() => rand(40) !== 0); // about 60 removed
      for (let k = 0; k < 30; k++) {
        const at = rand(next.length);
        const a = next[at]!;
        // Retitled (a word no other text has), approved, given a new topic or provider.
        next[at] = rand(2) === 0 ? { ...a, title: `Zebra crossing ${generation} ${a.title}` } : { ...a, published: !a.published, topics: ['Brand New'], providerName: 'New Wire', publishedDateTime: dateOf(rand) };
      }
      for (let k = 0; k < 150; k++) {
        next.splice(rand(next.length + 1), 0, { id: `n${added++}.md`, title: k % 3 === 0 ? 'zebra café' : 'Fresh market', excerpt: '', published: k % 2 === 0, topics: k % 5 === 0 ? ['AI', 'Brand New'] : [], problems: [], publishedDateTime: dateOf(rand) });
      }
      if (generation % 4 === 3) next.reverse(); // a new sort, with everything else
      const updated = current.update(next, oldRowsOf(list, next));
      expect(updated).not.toBeNull();
      expectAnswers(updated!, next);
      expectAnswers(current, list); // the index it came from still answers for its own list
      [list, current] = [next, updated!];
    }
  });

  test('topics and providers follow their articles across generations; a newer index changing leaves an older one as it was', () => {
    const base = new ListIndex(articles);
    while (!base.buildSome(1000));
    const renamed = (list: readonly ArticleSummary[], rows: readonly number[], generation: number): ArticleSummary[] =>
      list.map((a, i) => (rows.includes(i) ? { ...a, topics: [`Brand New`, `Gen ${generation}`], providerName: i % 2 === 0 ? 'New Wire' : undefined, published: !a.published } : a));
    // A new order with a few articles given new names (looked up one by one), then many (looked up
    // through every slot turned round), in updates and in patches of an updated index.
    const reversed = renamed(articles.slice().reverse(), [0, 17, 2499], 1);
    const first = base.update(reversed, oldRowsOf(articles, reversed))!;
    expectAnswers(first, reversed);
    expectAnswers(base, articles);
    const few = renamed(reversed, [5, 1024, 2000], 2);
    expect(first.patch(few, [5, 1024, 2000])).toBe(true);
    expectAnswers(first, few);
    const manyRows = Array.from({ length: 40 }, (_, k) => k * 61);
    const many = renamed(few, manyRows, 3);
    const second = first.update(many, oldRowsOf(few, many))!;
    expectAnswers(second, many);
    const again = renamed(many, manyRows.map((r) => r + 1), 4);
    expect(second.patch(again, manyRows.map((r) => r + 1))).toBe(true);
    expectAnswers(second, again);
    for (const query of [{ topic: 'gen 4' }, { topic: 'gen 3' }, { topic: 'gen 2' }, { provider: 'new wire' }]) {
      expect(second.filter(query).map((a) => a.id)).toEqual(again.filter(compileQuery(query)).map((a) => a.id));
      expect(first.filter(query).map((a) => a.id)).toEqual(few.filter(compileQuery(query)).map((a) => a.id));
    }
    expect(first.filter({ topic: 'gen 2' })).toHaveLength(3);
    expect(base.filter({ topic: 'brand new' })).toEqual([]);
    expectAnswers(base, articles);
  });

  test('update refuses what it cannot vouch for, and beyond its bound of new texts asks for a build', () => {
    const half = new ListIndex(articles);
    half.buildSome(1000);
    expect(half.update(articles, Int32Array.from(articles.keys()))).toBeNull(); // not complete
    const same = Int32Array.from(articles.keys());
    expect(index.update(articles.slice(1), same.subarray(1).map((r) => r - 1))).toBeNull(); // a row named for another article
    const twice = same.slice();
    twice[1] = 0;
    expect(index.update(articles, twice)).toBeNull();
    const retitled = articles.map((a, i) => (i === 9 ? { ...a, title: 'zebra' } : a));
    expect(index.update(retitled, same)).toBeNull(); // a new text needs a new slot (-1)
    expectAnswers(index.update(retitled, oldRowsOf(articles, retitled))!, retitled);
    const bound = maxAddedTexts(articles.length);
    const fresh = (k: number): ArticleSummary[] => Array.from({ length: k }, (_, i) => ({ id: `z${i}.md`, title: 'zebra', excerpt: '', published: false, topics: [], problems: [] }));
    const atBound = [...articles, ...fresh(bound)];
    expect(index.update(atBound, oldRowsOf(articles, atBound))).not.toBeNull();
    const beyond = [...articles, ...fresh(bound + 1)];
    expect(index.update(beyond, oldRowsOf(articles, beyond))).toBeNull();
  });

  test('before the build is done, a filter without a search answers at once and leaves the rest to the build; a search finishes it', () => {
    const partial = new ListIndex(articles);
    partial.buildSome(1300);
    for (const query of queries.filter((q) => q.search === undefined)) {
      expect(partial.filter(query).map((a) => a.id)).toEqual(articles.filter(compileQuery(query)).map((a) => a.id));
    }
    expect(partial.complete).toBe(false);
    const untouched = new ListIndex(articles);
    expect(untouched.filter({ status: 'problems', topic: 'ai', provider: 'le monde' }).map((a) => a.id)).toEqual(articles.filter(compileQuery({ status: 'problems', topic: 'ai', provider: 'le monde' })).map((a) => a.id));
    expect(partial.filter({ status: 'published', search: 'cafe' }).map((a) => a.id)).toEqual(articles.filter(compileQuery({ status: 'published', search: 'cafe' })).map((a) => a.id));
    expect(partial.complete).toBe(true);
  });

  test('the word table is sealed a step at a time once every row is indexed, and answers as one sealed at once', () => {
    // A step of one row seals 1,024 row numbers' worth: this library's words hold about 11,000.
    const stepped = new ListIndex(articles);
    let steps = 0;
    while (!stepped.buildSome(1)) steps++;
    expect(steps).toBeGreaterThan(articles.length + 5);
    for (const query of queries) {
      expect(stepped.filter(query).map((a) => a.id), JSON.stringify(query)).toEqual(articles.filter(compileQuery(query)).map((a) => a.id));
    }
    // Mid-seal: not complete, so nothing updates from it; a filter answers, and a search finishes the seal.
    const sealing = new ListIndex(articles);
    sealing.buildSome(articles.length - 1);
    expect(sealing.buildSome(1)).toBe(false); // the last row, and a first step of the seal
    expect(sealing.complete).toBe(false);
    expect(sealing.update(articles, Int32Array.from(articles.keys()))).toBeNull();
    expect(sealing.filter({ topic: 'ai' }).map((a) => a.id)).toEqual(articles.filter(compileQuery({ topic: 'ai' })).map((a) => a.id));
    expect(sealing.filter({ search: 'zurich cafe' }).map((a) => a.id)).toEqual(articles.filter(compileQuery({ search: 'zurich cafe' })).map((a) => a.id));
    expect(sealing.complete).toBe(true);
  });

  test('told which rows changed, an update compares only those rows; one of them with another id is refused', () => {
    const same = Int32Array.from(articles.keys());
    const toggled = articles.map((a, i) => (i === 10 || i === 2000 ? { ...a, published: !a.published } : a));
    const updated = index.update(toggled, same, undefined, [2000, 10, 10])!;
    for (const query of queries) expect(updated.filter(query).map((a) => a.id), JSON.stringify(query)).toEqual(toggled.filter(compileQuery(query)).map((a) => a.id));
    expect(index.update(articles.map((a, i) => (i === 4 ? { ...a, id: 'other.md' } : a)), same, undefined, [4])).toBeNull();
    expect(index.update(articles, same, undefined, [articles.length])).toBeNull();
  });

  test('an empty list', () => {
    expect(new ListIndex([]).complete).toBe(true);
    expect(new ListIndex([]).filter({ search: 'x' })).toEqual([]);
  });
});
