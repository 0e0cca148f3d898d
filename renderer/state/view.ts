/** What the list shows, derived from the state: filtered, sorted, and the topic and provider choices. */
import type { ArticleSummary } from '../../shared/article.js';
import type { SortKey } from './store.js';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Dates parsed once per summary. */
const times = new WeakMap<ArticleSummary, number>();
function timeOf(a: ArticleSummary): number {
  let t = times.get(a);
  if (t === undefined) {
    t = Date.parse(a.publishedDateTime ?? '') || 0;
    times.set(a, t);
  }
  return t;
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
  return compare(key, a, b) === 0;
}

/** Every article in the list's order; ties break by id so the order is stable. Sorted once per sort, not per keystroke. */
export function sortArticles(articles: readonly ArticleSummary[], sort: { key: SortKey; direction: 'asc' | 'desc' }): ArticleSummary[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...articles].sort((a, b) => sign * compare(sort.key, a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Distinct values of a per-article list, most used first: topics for autocomplete and the filter. */
export function rankByUse(values: Iterable<readonly string[]>): string[] {
  const counts = new Map<string, number>();
  for (const list of values) for (const v of list) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0])).map(([v]) => v);
}
