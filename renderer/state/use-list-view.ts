/**
 * The list's order, its search index and its topic and provider choices, kept across edits. At
 * 100,000 articles re-sorting and re-indexing on every toggle froze the desk for 0.2 s (2 s with a
 * filter on); an edit is patched into the previous order and index instead: in its row when its
 * sort key is unchanged, else moved to its new row, the index renumbered rather than rebuilt.
 */
import { useRef } from 'react';
import type { ArticleSummary } from '../../shared/article.js';
import { ListIndex } from '../../shared/list-index.js';
import type { SortKey } from './store.js';
import { comparator, rankByUse, sameSortKey, sortArticles } from './view.js';

/** How the list is sorted. */
export interface ListSort {
  readonly key: SortKey;
  readonly direction: 'asc' | 'desc';
}

/** Everything the desk derives from the articles and the sort. */
export interface ListView {
  readonly articles: readonly ArticleSummary[];
  readonly sort: ListSort;
  readonly sorted: readonly ArticleSummary[];
  readonly index: ListIndex;
  readonly topics: readonly string[];
  readonly providers: readonly string[];
  /**
   * The row in `sorted` of each article, by its place in `articles` (which patches never change);
   * made the first time an edit is patched in. Not a map from id: every string looked up in or
   * added to a Map or Set is interned by V8, and 100,000 interned ids cost every full collection of
   * the desk's heap 6 ms (the string table is walked in its pause).
   */
  readonly positions: Int32Array | null;
}

/** More changed articles than this at once are simply sorted and indexed again. */
const MAX_PATCHED = 256;

/** The view of `articles` under `sort`, patched from the previous one where an edit allows. */
export function useListView(articles: readonly ArticleSummary[], sort: ListSort): ListView {
  const last = useRef<ListView | null>(null);
  const previous = last.current;
  if (previous !== null && previous.articles === articles && previous.sort === sort) return previous;
  const next = (previous !== null && previous.sort === sort ? patchView(previous, articles) : null) ?? fullView(articles, sort);
  last.current = next;
  return next;
}

/** Sorts and indexes from scratch (the index itself is built later, a slice at a time). */
export function fullView(articles: readonly ArticleSummary[], sort: ListSort): ListView {
  const sorted = sortArticles(articles, sort);
  return { articles, sort, sorted, index: new ListIndex(sorted), topics: rankTopics(articles), providers: rankProviders(articles), positions: null };
}

/**
 * The view after an edit: null unless the new list holds the same ids in the same places, with at
 * most `MAX_PATCHED` changed. A changed article whose sort key is unchanged keeps its row; one
 * whose key moved (a toggle while sorted by Published) is taken out and placed by binary search,
 * which gives exactly the order a full sort gives (ties break by id).
 */
export function patchView(previous: ListView, articles: readonly ArticleSummary[]): ListView | null {
  if (articles.length !== previous.articles.length) return null;
  const changed: number[] = [];
  for (let i = 0; i < articles.length; i++) {
    if (articles[i] === previous.articles[i]) continue;
    if (articles[i]!.id !== previous.articles[i]!.id || changed.length === MAX_PATCHED) return null;
    changed.push(i);
  }
  if (changed.length === 0) return { ...previous, articles };
  let positions = previous.positions ?? positionsOf(previous);
  let sorted = previous.sorted.slice();
  const rows: number[] = [];
  const moved: number[] = [];
  let topicsMoved = false;
  let providersMoved = false;
  for (const i of changed) {
    const [before, after] = [previous.articles[i]!, articles[i]!];
    const row = positions[i]!;
    sorted[row] = after;
    if (sameSortKey(previous.sort.key, before, after)) rows.push(row);
    else moved.push(row);
    topicsMoved ||= before.topics.join('\n') !== after.topics.join('\n');
    providersMoved ||= before.providerName !== after.providerName;
  }
  let index: ListIndex;
  if (moved.length === 0) {
    index = previous.index.patch(sorted, rows) ? previous.index : new ListIndex(sorted);
  } else {
    const order = reorder(sorted, moved, comparator(previous.sort));
    sorted = order.sorted;
    const oldPositions = positions;
    positions = new Int32Array(oldPositions.length);
    for (let i = 0; i < positions.length; i++) positions[i] = order.newRows[oldPositions[i]!]!;
    index = previous.index.reorder(sorted, order.oldRows) ?? new ListIndex(sorted);
  }
  return {
    articles,
    sort: previous.sort,
    sorted,
    index,
    topics: topicsMoved ? rankTopics(articles) : previous.topics,
    providers: providersMoved ? rankProviders(articles) : previous.providers,
    positions,
  };
}

/**
 * `sorted` with the articles at `moved` taken out and put back where `compare` places them, the
 * rest in their order. Also each new row's old row, and each old row's new row.
 */
function reorder(sorted: readonly ArticleSummary[], moved: readonly number[], compare: (a: ArticleSummary, b: ArticleSummary) => number): { sorted: ArticleSummary[]; oldRows: Int32Array; newRows: Int32Array } {
  const n = sorted.length;
  const out = new Uint8Array(n);
  for (const row of moved) out[row] = 1;
  const keptRows = new Int32Array(n - moved.length);
  for (let row = 0, k = 0; row < n; row++) if (out[row] === 0) keptRows[k++] = row;
  // Each moved article's place among the kept ones (binary search), in order.
  const placed = moved
    .map((row) => {
      let [lo, hi] = [0, keptRows.length];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compare(sorted[keptRows[mid]!]!, sorted[row]!) < 0) lo = mid + 1;
        else hi = mid;
      }
      return { row, at: lo };
    })
    .sort((a, b) => a.at - b.at || compare(sorted[a.row]!, sorted[b.row]!));
  const next = new Array<ArticleSummary>(n);
  const oldRows = new Int32Array(n);
  const newRows = new Int32Array(n);
  for (let k = 0, p = 0, row = 0; row < n; row++) {
    const old = p < placed.length && placed[p]!.at === k ? placed[p++]!.row : keptRows[k++]!;
    next[row] = sorted[old]!;
    oldRows[row] = old;
    newRows[old] = row;
  }
  return { sorted: next, oldRows, newRows };
}

/** Each article's row in `sorted`, found by the summary itself (keyed by object, nothing is interned). */
function positionsOf(view: ListView): Int32Array {
  const rows = new Map(view.sorted.map((a, row) => [a, row]));
  return Int32Array.from(view.articles, (a) => rows.get(a)!);
}

function rankTopics(articles: readonly ArticleSummary[]): string[] {
  return rankByUse(articles.map((a) => a.topics));
}

function rankProviders(articles: readonly ArticleSummary[]): string[] {
  return rankByUse(articles.map((a) => (a.providerName ? [a.providerName] : [])));
}
