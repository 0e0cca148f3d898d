/**
 * The list's order, its search index and its topic and provider choices, kept across changes. At
 * 100,000 articles re-sorting and re-indexing on every change froze the desk for 0.2 s, and for 3 s
 * with a filter on (the filter waited for the whole index). A change is carried into the previous
 * order and index instead: an edit in its row when its sort key is unchanged, else moved to its new
 * row; an article added or removed placed or taken out; a new sort renumbering the index.
 */
import { useRef } from 'react';
import type { ArticleSummary } from '../../shared/article.js';
import { ListIndex, maxAddedTexts } from '../../shared/list-index.js';
import { countArticles } from '../../shared/query.js';
import { knownTies, knownTimes, providerOf, tiesOf, timesOf, topicsOf, type ListSort, type ListView, type SortedInSlices } from './list-view.js';
import { matchArticles, patchView } from './patch-view.js';
import type { SortKey } from './desk-state.js';
import { countUses, flippedOrder, rankCounts, sameSortKey, sortOrder, timeOf } from './view.js';

/**
 * From this many articles, a new sort is done in slices between frames (`SlicedSort`, run by the
 * desk) while the list keeps its order: sorting 100,000 titles at once held the desk 0.3-0.6 s.
 * Below it a sort takes less than about 0.1 s, and is done at once.
 */
export const SLICED_FROM = 20_000;

/**
 * The view of `articles` under `sort`, carried over from the previous one: patched, re-sorted, or
 * both. From `SLICED_FROM` articles, a new sort waits for `sliced`, the order a sort in slices
 * made: until then the view keeps its sort (`view.sort !== sort`: the desk is sorting). While the
 * list is `arriving`, an index is updated with however many articles come (see `nextView`).
 */
export function useListView(articles: readonly ArticleSummary[], sort: ListSort, sliced: SortedInSlices | null = null, arriving = false): ListView {
  const last = useRef<ListView | null>(null);
  // The last page is merged as the pages before it were: an index that took them in is not dropped
  // for the build a search would then wait for, but built afresh beside it (`resealed`).
  const wasArriving = useRef(arriving);
  const previous = last.current;
  const next = previous === null ? fullView(articles, sort) : nextView(previous, articles, sort, sliced, arriving || wasArriving.current);
  wasArriving.current = arriving;
  last.current = arriving ? next : resealed(next);
  return last.current;
}

/**
 * How many texts an index may hold past its word table. While the list arrives, any number: a
 * search typed then has an index only because the desk built one for it, and a new one for each
 * quarter more of the list cost as much again each time. Once the list is in, the desk builds one
 * afresh (see `resealed`).
 */
function addedLimit(rows: number, arriving: boolean): number {
  return arriving ? Infinity : maxAddedTexts(rows);
}

/** `view`, with its base's index carried into it once the base's build is done (see `ListView.base`). */
export function withBuiltBase(view: ListView, maxAdded = maxAddedTexts(view.sorted.length)): ListView {
  const { base } = view;
  if (base === null || !base.index.complete) return view;
  return carryIndex(base, view, maxAdded) ?? { ...view, base: null };
}

/**
 * `view`, given a fresh index to build as its base when its own holds more texts past its word
 * table than a search should scan (taken in while the list arrived): the index it has answers
 * until the fresh one is built and carried in.
 */
export function resealed(view: ListView): ListView {
  const { index, sorted } = view;
  if (view.base !== null || !index.complete || index.unsealed <= maxAddedTexts(sorted.length)) return view;
  return { ...view, base: { ...view, index: new ListIndex(sorted), base: null } };
}

/**
 * `to` with the complete index of `from`, an earlier view of the same list, carried into it: each
 * row's article found in `from` (as `patchView` finds them), and the index updated from there rather
 * than built (see `ListIndex.update`). Null where that cannot be done: `from`'s index is not complete,
 * or more than `maxAddedTexts` articles are new or retitled since.
 */
export function carryIndex(from: ListView, to: ListView, maxAdded = maxAddedTexts(to.articles.length)): ListView | null {
  if (!from.index.complete) return null;
  const n = to.articles.length;
  const match = matchArticles(from.articles, to.articles, maxAdded);
  if (match === null) return null;
  const oldRows = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const old = match[i]!;
    if (old === -1) continue;
    const [was, is] = [from.articles[old]!, to.articles[i]!];
    // A retitled article's text is laid down again, in a new slot.
    if (was === is || (was.title === is.title && was.excerpt === is.excerpt)) oldRows[to.positions[i]!] = from.positions[old]!;
  }
  const index = from.index.update(to.sorted, oldRows, maxAdded);
  return index === null ? null : { ...to, index, base: null };
}

/**
 * The base `next`, made from `previous`, builds toward (see `ListView.base`): `previous`'s base, or
 * `previous` itself when its build had begun and this change made a new index in its place.
 * Dropped when more articles came since than its index could take in.
 */
function baseFor(previous: ListView, next: ListView, maxAdded: number): ListView | null {
  if (next.index === previous.index) return previous.base;
  const begun = previous.index.started && !previous.index.complete && !next.index.complete;
  const base = previous.base ?? (begun ? previous : null);
  return base !== null && next.articles.length - base.articles.length <= maxAdded ? base : null;
}

/**
 * The view of `articles` under `sort`, from `previous`: its index updated where it can be, else built
 * again (see `useListView`), and its base's index carried in once built. While the list is
 * `arriving` (its last page included), an index takes in any number of articles (see `addedLimit`).
 */
export function nextView(previous: ListView, articles: readonly ArticleSummary[], sort: ListSort, sliced: SortedInSlices | null = null, arriving = false): ListView {
  const maxAdded = addedLimit(articles.length, arriving);
  const changed = changedView(previous, articles, sort, sliced, maxAdded);
  const base = baseFor(previous, changed, maxAdded);
  return withBuiltBase(changed.base === base ? changed : { ...changed, base }, maxAdded);
}

/** `nextView` without its base. */
function changedView(previous: ListView, articles: readonly ArticleSummary[], sort: ListSort, sliced: SortedInSlices | null, maxAdded: number): ListView {
  const patched = previous.articles === articles ? previous : patchView(previous, articles, maxAdded);
  if (patched === null) return fullView(articles, sort);
  if (patched.sort === sort) return patched;
  if (sliced !== null && sliced.sort === sort && sortsAlike(sliced.articles, articles, sort.key)) return resortView(patched, sort, sliced.order, sliced.ties);
  if (articles.length >= SLICED_FROM && !flips(patched.sort, sort)) return patched;
  return resortView(patched, sort);
}

/** The same key the other way round: turned round, not sorted (see `flippedOrder`). */
function flips(from: ListSort, to: ListSort): boolean {
  return from.key === to.key && from.direction !== to.direction;
}

/**
 * Whether an order of `before` is also the order of `after` under `key`: the same articles in the
 * same places, each changed one (a toggle, say, while sorted by title) with the same sort key.
 */
function sortsAlike(before: readonly ArticleSummary[], after: readonly ArticleSummary[], key: SortKey): boolean {
  if (before === after) return true;
  if (before.length !== after.length) return false;
  for (let i = 0; i < after.length; i++) {
    const [was, is] = [before[i]!, after[i]!];
    if (was !== is && (was.id !== is.id || !sameSortKey(key, was, is))) return false;
  }
  return true;
}

/** Sorts and indexes from scratch (the index itself is built later, a slice at a time). */
export function fullView(articles: readonly ArticleSummary[], sort: ListSort): ListView {
  const { sorted, positions } = sortedBy(articles, sort);
  if (sort.key === 'date') knownTimes.set(sorted, Float64Array.from(sorted, timeOf));
  const topicUses = countUses(articles.map(topicsOf));
  const providerUses = countUses(articles.map(providerOf));
  const counts = countArticles(articles);
  return { articles, sort, sorted, index: new ListIndex(sorted), topics: rankCounts(topicUses), providers: rankCounts(providerUses), topicUses, providerUses, counts, positions, base: null };
}

/**
 * The same articles in another order: sorted again (or only turned round, for the same key in the
 * other direction; or in `known` order, made by a sort in slices, with the ties it marked), and the index renumbered rather
 * than built again when it is complete (a filter on would otherwise wait for the whole build: 3 s
 * at 100,000).
 */
export function resortView(previous: ListView, sort: ListSort, known?: Int32Array, knownTiesOfOrder?: Uint8Array): ListView {
  const { articles } = previous;
  const flipped = known === undefined && flips(previous.sort, sort) ? flippedOrder(articles, orderOf(previous.positions), sort.key, tiesOf(previous)) : undefined;
  const { order, sorted, positions } = sortedBy(articles, sort, known ?? flipped?.order);
  const ties = flipped?.ties ?? (known === undefined ? undefined : knownTiesOfOrder);
  if (ties !== undefined) knownTies.set(sorted, ties);
  if (sort.key === 'date') {
    // Turned round, each run of ties (one date) stays one date. A new order by date: read again,
    // unless the list is large enough to be sorted in slices (the dates are then left unknown, and
    // placing compares by parsing, as before).
    const was = timesOf(previous);
    if (flipped !== undefined && was !== undefined) knownTimes.set(sorted, was.slice().reverse());
    else if (articles.length < SLICED_FROM) knownTimes.set(sorted, Float64Array.from(sorted, timeOf));
  }
  const index = previous.index.complete ? previous.index.update(sorted, order.map((i) => previous.positions[i]!)) : null;
  return { ...previous, sort, sorted, index: index ?? new ListIndex(sorted), positions };
}

/** The place in `articles` of each row's article: `positions` turned round. */
function orderOf(positions: Int32Array): Int32Array {
  const order = new Int32Array(positions.length);
  for (let i = 0; i < positions.length; i++) order[positions[i]!] = i;
  return order;
}

/** `articles` in the order of `sort` (or `order`, when known): each row's article and its place in `articles`, and each article's row. */
function sortedBy(
  articles: readonly ArticleSummary[],
  sort: ListSort,
  order = sortOrder(articles, sort),
): { order: Int32Array; sorted: ArticleSummary[]; positions: Int32Array } {
  const positions = new Int32Array(articles.length);
  for (let row = 0; row < order.length; row++) positions[order[row]!] = row;
  return { order, sorted: Array.from(order, (i) => articles[i]!), positions };
}
