/** Carries a change of the articles into the list view: each edited, added or removed article placed in the order and the index. */
import type { ArticleSummary } from '../../shared/article.js';
import { ListIndex } from '../../shared/list-index.js';
import { recount } from '../../shared/query.js';
import { scratchInt32, scratchUint8 } from '../../shared/scratch.js';
import { knownTies, knownTimes, providerOf, tiesOf, timesOf, topicsOf, type ListSort, type ListView } from './list-view.js';
import { changeFrom } from './list-change.js';
import { addUses, comparatorTo, rankCounts, sameSortKey, sortOrder, timeComparatorTo, timeOf } from './view.js';

/** The work arrays of `patchView` (see scratch.ts). */
const MATCH = scratchInt32();
const KEPT = scratchUint8();
const TAKEN = scratchUint8();
const KEPT_ROWS = scratchInt32();
const OLD_ROWS = scratchInt32();
const NEW_ROWS = scratchInt32();

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
export function matchArticles(previous: readonly ArticleSummary[], articles: readonly ArticleSummary[], limit: number): Int32Array | null {
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
