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
import { countArticles, recount, type LibraryCounts } from '../../shared/query.js';
import { scratchInt32, scratchUint8 } from '../../shared/scratch.js';
import { changeFrom, type SortKey } from './store.js';
import { addUses, comparatorTo, countUses, flippedOrder, markTies, rankCounts, sameSortKey, sortOrder, timeComparatorTo, timeOf } from './view.js';

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
  /** How many articles list each topic and provider: the rankings above, kept up to date by each change. */
  readonly topicUses: ReadonlyMap<string, number>;
  readonly providerUses: ReadonlyMap<string, number>;
  /** The live counts (articles, approvals, problems), kept up to date by each change as the uses are. */
  readonly counts: LibraryCounts;
  /**
   * The row in `sorted` of each article, by its place in `articles` (which patches never change).
   * Not a map from id: every string looked up in or added to a Map or Set is interned by V8, and
   * 100,000 interned ids cost every full collection of the desk's heap 6 ms (the string table is
   * walked in its pause).
   */
  readonly positions: Int32Array;
  /**
   * An earlier view whose index is being built, to be carried into this one once it is complete
   * (see `carryIndex`); null when this view's own index is the one to build. Each change that
   * cannot update an incomplete index gives a new one: while a large list arrives, a page every
   * 120 ms, a search typed meanwhile waited for the whole list and a build after it (7.8 s at
   * 100,000). The build now goes on over the view it began with, and is carried into the newest.
   * Also a fresh index of this same view, for one holding many texts past its word table (see `resealed`).
   */
  readonly base: ListView | null;
}

/** The index the desk builds for `view`: an earlier view's, carried into this one when complete, or its own. */
export function indexToBuild(view: ListView): ListIndex {
  return view.base?.index ?? view.index;
}

/**
 * From this many articles, a new sort is done in slices between frames (`SlicedSort`, run by the
 * desk) while the list keeps its order: sorting 100,000 titles at once held the desk 0.3-0.6 s.
 * Below it a sort takes less than about 0.1 s, and is done at once.
 */
export const SLICED_FROM = 20_000;

/** The work arrays of `patchView` (see scratch.ts). */
const MATCH = scratchInt32();
const KEPT = scratchUint8();
const TAKEN = scratchUint8();
const KEPT_ROWS = scratchInt32();
const OLD_ROWS = scratchInt32();
const NEW_ROWS = scratchInt32();

/**
 * Which rows of a view's `sorted` tie with the next under its sort (see `markTies`), where known:
 * given by the flip that made the view, carried by an edit that kept every row, or found in idle
 * time (`findTies`). A flip of a view whose ties are known compares no rows: at 100,000 titles the
 * comparisons took 65-82 ms of its 87-123 ms (Node). Keyed by the rows' array: one entry per view.
 */
const knownTies = new WeakMap<readonly ArticleSummary[], Uint8Array>();

/**
 * Each row's date (`timeOf`) of a view sorted by date, where known: from the view's first page on
 * (sorted with its dates read), carried through each change as the rows are, so that placing a page
 * or a changed article compares numbers instead of parsing a date at each step (10-20 ms of each
 * page merged at 100,000). Keyed by the rows' array, as `knownTies`.
 */
const knownTimes = new WeakMap<readonly ArticleSummary[], Float64Array>();

/** The dates of `view`'s rows, where it is sorted by date and they are known. */
export function timesOf(view: ListView): Float64Array | undefined {
  return view.sort.key === 'date' ? knownTimes.get(view.sorted) : undefined;
}

/** The ties of `view`'s rows, where known. */
export function tiesOf(view: ListView): Uint8Array | undefined {
  return knownTies.get(view.sorted);
}

/**
 * Rows compared in one step of `findTies`: about 1 ms of titles once compiled. The first steps after
 * a change run in V8's first tiers: 4,096 rows took 12-37 ms there, longer than an idle period.
 */
const TIES_PER_STEP = 1024;

/**
 * Finds which of `view`'s rows tie, a step at a time (the desk runs it in idle time), then keeps
 * them for its flip: a step answers true once they are all found. Null where they are known.
 */
export function findTies(view: ListView): (() => boolean) | null {
  if (knownTies.has(view.sorted)) return null;
  const rows = view.sorted;
  const times = timesOf(view);
  const ties = new Uint8Array(rows.length);
  let at = 0;
  return () => {
    const end = Math.min(rows.length, at + TIES_PER_STEP);
    markTies(rows, view.sort.key, ties, at, end, times);
    at = end;
    if (at < rows.length) return false;
    knownTies.set(rows, ties);
    return true;
  };
}

/** An order made by a sort in slices: `order` sorts `articles` under `sort`; `ties`, where known, marks which of its rows tie with the next. */
export interface SortedInSlices {
  readonly articles: readonly ArticleSummary[];
  readonly sort: ListSort;
  readonly order: Int32Array;
  readonly ties?: Uint8Array;
}

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

/**
 * The view after the articles changed: edited (same id in the same place of `articles`), added (at
 * the end, as the store adds them) or removed. An edited article whose sort key is unchanged keeps
 * its row; one whose key moved (a toggle while sorted by Published), and each added one, is placed by
 * search (see `place`), which gives exactly the order a full sort gives (ties break by id). The
 * index is patched or updated, not built again. Null (sort and index from scratch) when more than
 * half the list changed, where that is no quicker, or the list was empty. Pages of the list as it
 * arrives are merged so: at 100,000 (Node) 20-25 ms for 2,500 more, where sorting the whole list
 * took 100-570 ms.
 */
export function patchView(previous: ListView, articles: readonly ArticleSummary[], maxAdded?: number): ListView | null {
  // Nothing to carry from an empty list (the desk's first): its texts are folded in idle time, not now.
  if (previous.articles.length === 0) return null;
  // While the list arrives (no limit on the texts added), a page is merged however large: an index
  // built for a search takes it in rather than being made again.
  const limit = maxAdded === Infinity ? Infinity : Math.max(256, previous.articles.length >> 1);
  // An article the store replaced in its place, added or removed (an edit's answer, a file changed,
  // added or removed elsewhere): where is known, so the two lists are not walked. At 100,000 the
  // walks took 10-25 ms of each change in the desk, in code run too seldom to stay compiled.
  const known = changeFrom(articles, previous.articles);
  const match = known === undefined ? matchArticles(previous.articles, articles, limit) : null;
  if (known === undefined && match === null) return null;
  let positions = previous.positions;
  /** Each edited article by its row, put in the rows' new list as it is made. */
  const edited = new Map<number, ArticleSummary>();
  /** Rows taken out (removed, or moved by an edit), and the articles to place (moved or added), by their place in `articles`. */
  const out: number[] = [];
  const placed: number[] = [];
  /** Each placed article's old row: -1 for one added. */
  const placedFrom: number[] = [];
  /** Rows whose article was edited in place. */
  const rows: number[] = [];
  /** The use counts, copied when the first change to them comes. */
  let topicUses: Map<string, number> | null = null;
  let providerUses: Map<string, number> | null = null;
  let counts = previous.counts;
  /** Counts `before` (null: none) out and `after` (null: none) in. */
  const count = (before: ArticleSummary | null, after: ArticleSummary | null): void => {
    counts = recount(counts, before, after);
    const [was, is] = [before === null ? NO_VALUES : topicsOf(before), after === null ? NO_VALUES : topicsOf(after)];
    if (!sameValues(was, is)) {
      topicUses ??= new Map(previous.topicUses);
      addUses(topicUses, was, -1);
      addUses(topicUses, is, 1);
    }
    if (before?.providerName !== after?.providerName) {
      providerUses ??= new Map(previous.providerUses);
      addUses(providerUses, before === null ? [] : providerOf(before), -1);
      addUses(providerUses, after === null ? [] : providerOf(after), 1);
    }
  };
  /** Takes in the change at `i` of `articles`, which was at `old` of the previous list (-1: added). */
  const visit = (i: number, old: number): void => {
    const after = articles[i]!;
    const before = old === -1 ? null : previous.articles[old]!;
    if (before === after) return;
    count(before, after);
    if (before === null) {
      placed.push(i);
      placedFrom.push(-1);
      return;
    }
    const row = positions[old]!;
    edited.set(row, after);
    if (sameSortKey(previous.sort.key, before, after)) rows.push(row);
    else {
      out.push(row);
      placed.push(i);
      placedFrom.push(row);
    }
  };
  if (known?.kind === 'replaced') for (const i of known.at) visit(i, i);
  else if (known?.kind === 'added') for (let i = previous.articles.length; i < articles.length; i++) visit(i, -1);
  else if (known?.kind === 'removed') {
    out.push(positions[known.at]!);
    count(previous.articles[known.at]!, null);
  } else {
    const kept = KEPT.take(previous.articles.length, 0);
    for (let i = 0; i < articles.length; i++) {
      const old = match![i]!;
      if (old !== -1) kept[old] = 1;
      visit(i, old);
    }
    for (let old = 0; old < kept.length; old++) {
      if (kept[old] === 1) continue;
      const gone = previous.articles[old]!;
      out.push(positions[old]!);
      count(gone, null);
    }
  }
  if (out.length === 0 && placed.length === 0 && rows.length === 0) return { ...previous, articles };
  let index: ListIndex | null = null;
  let next: readonly ArticleSummary[];
  // The rows not changed hold the very articles of `previous.sorted`, so the index need compare only
  // the changed ones, where it was made for that list (an older view's may have been patched since).
  const trusted = previous.index.holds(previous.sorted);
  if (out.length === 0 && placed.length === 0) {
    const sorted = previous.sorted.slice();
    for (const [row, after] of edited) sorted[row] = after;
    next = sorted;
    // Every row kept its place and its sort key: its ties and its dates are the same.
    const ties = tiesOf(previous);
    if (ties !== undefined) knownTies.set(sorted, ties);
    const times = timesOf(previous);
    if (times !== undefined) knownTimes.set(sorted, times);
    if (previous.index.patch(sorted, rows)) index = previous.index;
    else if (previous.index.complete) {
      const same = OLD_ROWS.take(sorted.length, 0);
      for (let row = 0; row < same.length; row++) same[row] = row;
      const rowsEdited = [...edited.keys()];
      index = previous.index.update(sorted, textRows(previous.sorted, sorted, same, rowsEdited), maxAdded, trusted ? rowsEdited : undefined);
    }
  } else {
    const order = place(previous.sorted, edited, out, placed.map((i) => articles[i]!), previous.sort, timesOf(previous));
    next = order.sorted;
    if (order.times !== undefined) knownTimes.set(next, order.times);
    const oldPositions = positions;
    positions = new Int32Array(articles.length);
    const { newRows } = order;
    if (match !== null) {
      for (let i = 0; i < articles.length; i++) if (match[i] !== -1) positions[i] = newRows[oldPositions[match[i]!]!]!;
    } else {
      // Each kept article at its place in the previous list, shifted by one past an article taken out.
      const kept = Math.min(articles.length, previous.articles.length);
      const removedAt = known!.kind === 'removed' ? known!.at : kept;
      for (let i = 0; i < removedAt; i++) positions[i] = newRows[oldPositions[i]!]!;
      for (let i = removedAt; i < kept; i++) positions[i] = newRows[oldPositions[i + 1]!]!;
    }
    placed.forEach((i, k) => (positions[i] = order.placedRows[k]!));
    if (previous.index.complete) {
      // A moved article keeps its place in the index (its text, its slot) when its text is the same.
      const changed: number[] = [];
      for (const row of edited.keys()) if (order.newRows[row] !== -1) changed.push(order.newRows[row]!);
      placedFrom.forEach((from, k) => {
        if (from === -1) return;
        order.oldRows[order.placedRows[k]!] = from;
        changed.push(order.placedRows[k]!);
      });
      // Every row but those changed holds the article it held before: only those are compared.
      index = previous.index.update(next, textRows(previous.sorted, next, order.oldRows, changed), maxAdded, trusted ? changed : undefined);
    }
  }
  return {
    articles,
    sort: previous.sort,
    sorted: next,
    index: index ?? new ListIndex(next),
    topics: topicUses === null ? previous.topics : rankCounts(topicUses),
    providers: providerUses === null ? previous.providers : rankCounts(providerUses),
    topicUses: topicUses ?? previous.topicUses,
    providerUses: providerUses ?? previous.providerUses,
    counts,
    positions,
    base: previous.base,
  };
}

/**
 * Where each of `articles` was in `previous` (-1: new), walking both in order as the store keeps
 * them: edits in place, removals taken out, additions at the end (so after the first new article,
 * every one is new). Each match is a real match of ids, so another order is still matched rightly,
 * only with more counted as removed and added. Null when more than `limit` articles are new or gone.
 */
function matchArticles(previous: readonly ArticleSummary[], articles: readonly ArticleSummary[], limit: number): Int32Array | null {
  const match = MATCH.take(articles.length, -1);
  let changes = 0;
  let old = 0;
  let adding = false;
  for (let i = 0; i < articles.length && !adding; i++) {
    const a = articles[i]!;
    // The same object is the same article; ids are compared only where objects differ.
    let ahead = old;
    while (ahead < previous.length && previous[ahead] !== a && previous[ahead]!.id !== a.id) {
      if (++ahead - old + changes > limit) return null;
    }
    if (ahead === previous.length) {
      adding = true; // new to the list: it and every one after it
      changes += articles.length - i;
    } else {
      changes += ahead - old;
      match[i] = ahead;
      old = ahead + 1;
    }
  }
  return changes + (previous.length - old) > limit ? null : match;
}

/**
 * `oldRows` (each row's row in `before`, or -1), with -1 also where the article's text is not what
 * it was: the index lays its text down again. Only the `changed` rows are looked at, the others
 * holding the same article as before.
 */
function textRows(before: readonly ArticleSummary[], after: readonly ArticleSummary[], oldRows: Int32Array, changed: Iterable<number>): Int32Array {
  for (const row of changed) {
    const old = oldRows[row]!;
    if (old === -1) continue;
    const was = before[old]!;
    const is = after[row]!;
    if (was !== is && (was.title !== is.title || was.excerpt !== is.excerpt)) oldRows[row] = -1;
  }
  return oldRows;
}

/**
 * `sorted` with the articles `edited` by row put in their rows, the rows `out` taken out and the
 * articles `placed` put in where `sort` places them, the rest in their order. Also each new row's
 * old row (-1 for a placed article), each old row's new row (-1 for one taken out), and each placed
 * article's row; the first two are work arrays (see scratch.ts), valid until the next call.
 */
function place(
  before: readonly ArticleSummary[],
  edited: ReadonlyMap<number, ArticleSummary>,
  out: readonly number[],
  placed: readonly ArticleSummary[],
  sort: ListSort,
  times?: Float64Array,
): { sorted: ArticleSummary[]; oldRows: Int32Array; newRows: Int32Array; placedRows: Int32Array; times?: Float64Array } {
  const n = before.length;
  const sorted = (row: number): ArticleSummary => edited.get(row) ?? before[row]!;
  const taken = TAKEN.take(n, 0);
  for (const row of out) taken[row] = 1;
  const keptRows = KEPT_ROWS.take(n - out.length, 0);
  for (let row = 0, k = 0; row < n; row++) if (taken[row] === 0) keptRows[k++] = row;
  // The placed articles are sorted among themselves (their keys read once), then each is searched
  // for from where the one before it went, by steps that double, then halve: a page of 2,500 placed
  // among 100,000 compares about 12 times per article instead of 17.
  // By date, each placed article's date is parsed once, for its sort, its search and its row's date
  // (three times each before: a fifth of a merge of the arriving list at 100,000, in Chromium).
  const placedTimes = sort.key === 'date' ? Float64Array.from(placed, timeOf) : undefined;
  const byOrder = sortOrder(placed, sort, placedTimes);
  /** Where each placed article goes among the kept rows, in the order of `byOrder`. */
  const at = new Int32Array(placed.length);
  // With the rows' dates known, a date is compared, not parsed (an edited row kept its row, and so its date).
  const byTime = times === undefined || placedTimes === undefined ? null : times;
  for (let q = 0, from = 0; q < byOrder.length; q++) {
    const a = placed[byOrder[q]!]!;
    const [withTime, other] = byTime === null ? [null, comparatorTo(sort, a)] : [timeComparatorTo(sort.direction, a, placedTimes![byOrder[q]!]!), null];
    /** Below 0 where the kept row `k` comes before the placed article. */
    const below = (k: number): number => {
      const row = keptRows[k]!;
      return withTime === null ? other!(sorted(row)) : withTime(byTime![row]!, sorted(row));
    };
    let lo = from;
    let hi = keptRows.length;
    for (let step = 1; ; step *= 2) {
      const probe = lo + step - 1;
      if (probe >= hi) break;
      if (below(probe) < 0) lo = probe + 1;
      else {
        hi = probe;
        break;
      }
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (below(mid) < 0) lo = mid + 1;
      else hi = mid;
    }
    at[q] = from = lo;
  }
  const size = keptRows.length + placed.length;
  const next = new Array<ArticleSummary>(size);
  const oldRows = OLD_ROWS.take(size, 0);
  const newRows = NEW_ROWS.take(n, -1);
  const placedRows = new Int32Array(placed.length);
  const nextTimes = byTime === null ? undefined : new Float64Array(size);
  for (let k = 0, q = 0, row = 0; row < size; row++) {
    if (q < at.length && at[q] === k) {
      const p = byOrder[q++]!;
      next[row] = placed[p]!;
      oldRows[row] = -1;
      placedRows[p] = row;
      if (nextTimes !== undefined) nextTimes[row] = placedTimes![p]!;
    } else {
      const old = keptRows[k++]!;
      next[row] = before[old]!;
      oldRows[row] = old;
      newRows[old] = row;
      if (nextTimes !== undefined) nextTimes[row] = byTime![old]!;
    }
  }
  for (const [row, after] of edited) if (newRows[row] !== -1) next[newRows[row]!] = after;
  return { sorted: next, oldRows, newRows, placedRows, times: nextTimes };
}

const NO_VALUES: readonly string[] = [];

/** Whether two lists hold the same values in the same order, compared item by item (joined into strings, they cost each article a merge added a string). */
function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function topicsOf(a: ArticleSummary): readonly string[] {
  return a.topics;
}

function providerOf(a: ArticleSummary): readonly string[] {
  return a.providerName ? [a.providerName] : [];
}
