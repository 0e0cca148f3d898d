/**
 * The list view's shape (the desk's order of the articles, its search index, its topic and provider
 * choices) and what is known of a view's rows beyond it: their dates and their ties, kept per view.
 */
import type { ArticleSummary } from '../../shared/article.js';
import type { ListIndex } from '../../shared/list-index.js';
import type { LibraryCounts } from '../../shared/query.js';
import type { SortKey } from './desk-state.js';
import { markTies } from './view.js';

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

/** An order made by a sort in slices: `order` sorts `articles` under `sort`; `ties`, where known, marks which of its rows tie with the next. */
export interface SortedInSlices {
  readonly articles: readonly ArticleSummary[];
  readonly sort: ListSort;
  readonly order: Int32Array;
  readonly ties?: Uint8Array;
}

/**
 * Which rows of a view's `sorted` tie with the next under its sort (see `markTies`), where known:
 * given by the flip that made the view, carried by an edit that kept every row, or found in idle
 * time (`findTies`). A flip of a view whose ties are known compares no rows: at 100,000 titles the
 * comparisons took 65-82 ms of its 87-123 ms (Node). Keyed by the rows' array: one entry per view.
 */
export const knownTies = new WeakMap<readonly ArticleSummary[], Uint8Array>();

/**
 * Each row's date (`timeOf`) of a view sorted by date, where known: from the view's first page on
 * (sorted with its dates read), carried through each change as the rows are, so that placing a page
 * or a changed article compares numbers instead of parsing a date at each step (10-20 ms of each
 * page merged at 100,000). Keyed by the rows' array, as `knownTies`.
 */
export const knownTimes = new WeakMap<readonly ArticleSummary[], Float64Array>();

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

/** An article's topics, as the view counts their uses. */
export function topicsOf(a: ArticleSummary): readonly string[] {
  return a.topics;
}

/** An article's provider as a list of one (none where it has none), as the view counts their uses. */
export function providerOf(a: ArticleSummary): readonly string[] {
  return a.providerName ? [a.providerName] : [];
}
