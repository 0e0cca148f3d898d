/** What the list shows, derived from the state: filtered, sorted, and the topic and provider choices. */
import type { ArticleSummary } from '../../shared/article.js';
import { dayRange, hasDateRange, publishedTime, type ArticleQuery } from '../../shared/query.js';
import type { Filters, SortKey } from './desk-state.js';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** A date's time, 0 when it has none or it does not parse: what the date sort compares. */
export function timeOf(a: ArticleSummary): number {
  return publishedTime(a) || 0;
}

/** The query the filters make (the days of the date range in local time), or null when they narrow nothing. */
export function queryOf(filters: Filters): ArticleQuery | null {
  const query: ArticleQuery = {
    status: filters.status,
    topic: filters.topic || undefined,
    provider: filters.provider || undefined,
    search: filters.search.trim() || undefined,
    // A date input holds a whole day or nothing; anything else narrows nothing.
    ...dayRange(filters.from, filters.to),
  };
  return query.status === 'all' && !query.topic && !query.provider && !query.search && !hasDateRange(query) ? null : query;
}

function compare(key: SortKey, a: ArticleSummary, b: ArticleSummary): number {
  switch (key) {
    case 'title':
      return collator.compare(a.title, b.title);
    case 'provider':
      return collator.compare(a.providerName ?? '', b.providerName ?? '');
    case 'date':
      return timeOf(a) - timeOf(b);
    case 'quality':
      return (a.quality ?? -Infinity) - (b.quality ?? -Infinity);
    case 'heat':
      return (a.heat ?? -Infinity) - (b.heat ?? -Infinity);
    case 'published':
      return Number(a.published) - Number(b.published);
    default:
      return key satisfies never;
  }
}

/** True when `a` and `b` sort alike under `key`: an edit between them leaves the article in its row. */
export function sameSortKey(key: SortKey, a: ArticleSummary, b: ArticleSummary): boolean {
  return !compare(key, a, b); // 0, or NaN for two missing numbers (-Infinity - -Infinity), as the sort's `||` takes it
}

/**
 * The list's order: for each row, the place in `articles` of the article shown there. Ties break by
 * id so the order is stable. Sorted once per sort, not per keystroke.
 */
export function sortOrder(articles: readonly ArticleSummary[], sort: { key: SortKey; direction: 'asc' | 'desc' }, times?: Float64Array): Int32Array {
  const order = Array.from(articles.keys());
  order.sort(rowSorting(articles, sort, times).compare);
  return Int32Array.from(order);
}

/**
 * How `sortOrder` compares two articles, by their places in `articles` (a total order, ties broken
 * by id), and whether two tie under the sort's key (see `markTies`), from the same keys read once:
 * a sort in slices marks the ties of the order it made as its last steps.
 * For the date sort, `times` are the articles' dates (`timeOf`) where the caller has them.
 */
export function rowSorting(
  articles: readonly ArticleSummary[],
  sort: { key: SortKey; direction: 'asc' | 'desc' },
  times?: Float64Array,
): { compare: (i: number, j: number) => number; tie: (i: number, j: number) => boolean } {
  const byKey = rowKeyComparator(articles, sort, times);
  return { compare: (i, j) => byKey(i, j) || byId(articles[i]!, articles[j]!), tie: (i, j) => !byKey(i, j) };
}

/** How the sort's key alone compares two articles, by their places in `articles` (0 or NaN: they tie, as `sameSortKey` says). */
function rowKeyComparator(articles: readonly ArticleSummary[], sort: { key: SortKey; direction: 'asc' | 'desc' }, known?: Float64Array): (i: number, j: number) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  if (sort.key === 'date') {
    // Each date parsed once, into an array that lives for this sort only. (A WeakMap from summary to
    // time kept 100,000 entries that every full collection of the desk's heap had to walk: 3 ms of
    // a 21-24 ms pause while scrolling.)
    const times = known ?? Float64Array.from(articles, timeOf);
    return (i, j) => sign * (times[i]! - times[j]!);
  }
  if (sort.key === 'provider') {
    // A few hundred names: each ranked once with the collator (names it calls equal share a rank),
    // then the rows sorted by rank. At 100,000 (Node) 84-120 ms, against 204-238 ms with the
    // collator on every pair; the same order, as it is a consistent order of the names.
    const names = articles.map((a) => a.providerName ?? '');
    const distinct = [...new Set(names)].sort(collator.compare);
    const ranks = new Map<string, number>();
    let rank = 0;
    distinct.forEach((name, k) => {
      if (k > 0 && collator.compare(distinct[k - 1]!, name) !== 0) rank++;
      ranks.set(name, rank);
    });
    const rankOf = Int32Array.from(names, (name) => ranks.get(name)!);
    return (i, j) => sign * (rankOf[i]! - rankOf[j]!);
  }
  const { key } = sort;
  return (i, j) => sign * compare(key, articles[i]!, articles[j]!);
}

/**
 * The order of `key` in the other direction, from `order` (the order `sortOrder` gives for `key` in
 * one direction): reversed, and each run of ties turned back to id order, as ties break by id in
 * both directions. One comparison per row instead of a sort: a second click on Title at 100,000
 * articles compares neighbours 100,000 times instead of sorting with 1.7 million comparisons. None
 * at all with `ties` (see `markTies`) known for `order`. Also the ties of the order it gives.
 */
export function flippedOrder(articles: readonly ArticleSummary[], order: Int32Array, key: SortKey, ties?: Uint8Array): { order: Int32Array; ties: Uint8Array } {
  const n = order.length;
  const flipped = new Int32Array(n);
  for (let row = 0; row < n; row++) flipped[row] = order[n - 1 - row]!;
  const flippedTies = new Uint8Array(n);
  if (ties !== undefined) for (let row = 0; row + 1 < n; row++) flippedTies[row] = ties[n - 2 - row]!;
  else {
    const times = key === 'date' ? Float64Array.from(flipped, (i) => timeOf(articles[i]!)) : null;
    for (let row = 0; row + 1 < n; row++) {
      const [a, b] = [flipped[row]!, flipped[row + 1]!];
      flippedTies[row] = (times === null ? sameSortKey(key, articles[a]!, articles[b]!) : times[row] === times[row + 1]) ? 1 : 0;
    }
  }
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && flippedTies[end - 1] === 1) end++;
    if (end - start > 1) flipped.subarray(start, end).reverse();
    start = end;
  }
  return { order: flipped, ties: flippedTies };
}

/**
 * Marks in `ties`, for each row from `from` to `to` of `rows` (sorted by `key`), whether it ties
 * with the row after it under `key` (1) or not (0); the last row never does. For the date sort,
 * `times` are the rows' dates (`timeOf`) where known: compared rather than each parsed twice.
 */
export function markTies(rows: readonly ArticleSummary[], key: SortKey, ties: Uint8Array, from: number, to: number, times?: Float64Array): void {
  if (key === 'date' && times !== undefined) {
    for (let row = from; row < to; row++) ties[row] = row + 1 < rows.length && times[row] === times[row + 1] ? 1 : 0;
    return;
  }
  for (let row = from; row < to; row++) ties[row] = row + 1 < rows.length && sameSortKey(key, rows[row]!, rows[row + 1]!) ? 1 : 0;
}

/** Every article in the list's order (see `sortOrder`). */
export function sortArticles(articles: readonly ArticleSummary[], sort: { key: SortKey; direction: 'asc' | 'desc' }): ArticleSummary[] {
  return Array.from(sortOrder(articles, sort), (i) => articles[i]!);
}

/**
 * How the order `sortArticles` sorts by compares each article with `a` (below 0: it comes before
 * `a`), for placing `a` into an already sorted list; `a`'s sort key is read once, so a search
 * parses its date once, not at every step.
 */
export function comparatorTo(sort: { key: SortKey; direction: 'asc' | 'desc' }, a: ArticleSummary): (b: ArticleSummary) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  if (sort.key === 'date') {
    const time = timeOf(a);
    return (b) => sign * (timeOf(b) - time) || byId(b, a);
  }
  return (b) => sign * compare(sort.key, b, a) || byId(b, a);
}

/**
 * `comparatorTo` for the date sort, given the time (`timeOf`) of the article compared with `a`,
 * where it is known: a page of 2,500 placed among 100,000 rows parsed 30,000 dates.
 */
export function timeComparatorTo(direction: 'asc' | 'desc', a: ArticleSummary, time = timeOf(a)): (time: number, b: ArticleSummary) => number {
  const sign = direction === 'asc' ? 1 : -1;
  return (bTime, b) => sign * (bTime - time) || byId(b, a);
}

/**
 * The row of the article `id` in `rows` (-1: none), looked for outward from `near`, where it was
 * last: a change or a key press leaves it there or a row away, where a search from the top compared
 * up to 100,000 ids, in code that runs too seldom to be compiled.
 */
export function rowOf(rows: readonly ArticleSummary[], id: string | null, near: number): number {
  const n = rows.length;
  if (id === null || n === 0) return -1;
  const start = Math.min(Math.max(near, 0), n - 1);
  for (let d = 0; start - d >= 0 || start + d < n; d++) {
    if (start + d < n && rows[start + d]!.id === id) return start + d;
    if (d > 0 && start - d >= 0 && rows[start - d]!.id === id) return start - d;
  }
  return -1;
}

function byId(a: ArticleSummary, b: ArticleSummary): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** How many times each value of a per-article list is used (topics, providers). */
export function countUses(values: Iterable<readonly string[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const list of values) addUses(counts, list, 1);
  return counts;
}

/** Counts `list`'s values `by` more (or fewer) uses in `counts`; values used no more are dropped. */
export function addUses(counts: Map<string, number>, list: readonly string[], by: 1 | -1): void {
  for (const v of list) {
    const count = (counts.get(v) ?? 0) + by;
    if (count === 0) counts.delete(v);
    else counts.set(v, count);
  }
}

/** Distinct values, most used first, ties in the collator's order: topics for autocomplete and the filter. */
export function rankCounts(counts: ReadonlyMap<string, number>): string[] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0])).map(([v]) => v);
}

/** Distinct values of a per-article list, most used first (see `rankCounts`). */
export function rankByUse(values: Iterable<readonly string[]>): string[] {
  return rankCounts(countUses(values));
}
