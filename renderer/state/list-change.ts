/**
 * What the store's lists say of how each was made: by which one change from the list before (for the
 * list's view to take in without walking both, see `patchView`), how much of each is in id order,
 * and where an article is in one.
 */
import type { ArticleId, ArticleSummary } from '../../shared/article.js';

/**
 * How the store made a list from the one before, where it is one of these: articles replaced in
 * their places (an edit's answer, a file changed elsewhere), articles added at the end, or one
 * taken out.
 */
export type ListChange =
  | { readonly kind: 'replaced'; readonly at: readonly number[] }
  | { readonly kind: 'added'; readonly count: number }
  | { readonly kind: 'removed'; readonly at: number };

/**
 * The list the store made last by one change (an article replaced, added or removed, or a page of
 * the list added), with the list before and the change: the list's view takes such a change in
 * without walking the two lists (see `patchView`). Only the last: a map from each list to the one
 * before would hold every list since the first.
 */
let lastChange: { readonly articles: readonly ArticleSummary[]; readonly from: readonly ArticleSummary[]; readonly change: ListChange } | null = null;

/**
 * Records that the store made `articles` from `from` by `change` (see `changeFrom`), and how much of
 * it is in id order where that is known of `from` (see `orderedPrefix`): found now, from the change,
 * while `from` is still the list it was made from.
 */
export function recordChange(articles: readonly ArticleSummary[], from: readonly ArticleSummary[], change: ListChange): void {
  lastChange = { articles, from, change };
  if (orderedUpTo.has(from)) orderedPrefix(articles);
}

/** How `articles` was made from `from`, when the store made it so by one change; undefined when not known. */
export function changeFrom(articles: readonly ArticleSummary[], from: readonly ArticleSummary[]): ListChange | undefined {
  return lastChange !== null && lastChange.articles === articles && lastChange.from === from ? lastChange.change : undefined;
}

/** Where the last article looked for by id was found in the store's list: the next search starts there. */
let lastPlace = 0;

/**
 * The place of the article `id` in the store's list (-1: none): where the last one was found (the
 * desk asks for the selected article on every render and key, and an edit's answer and then its
 * file's event name the same one), else by halving the part of the list in id order (the pages
 * come so, see `orderedPrefix`), else among the articles added since, at the end. At 100,000
 * articles a search from the top took 10-20 ms of each key and edit in the desk, and proving a new
 * file absent by a walk 5-10 ms.
 */
export function placeOf(articles: readonly ArticleSummary[], id: ArticleId | null): number {
  if (id === null) return -1;
  if (articles[lastPlace]?.id === id) return lastPlace;
  const ordered = orderedPrefix(articles);
  let at = sortedPlaceOf(articles, id, ordered);
  for (let i = articles.length - 1; at === -1 && i >= ordered; i--) if (articles[i]!.id === id) at = i;
  if (at !== -1) lastPlace = at;
  return at;
}

/** The place of `id` among the first `ordered` of `articles`, which are in id order, found by halving; -1 where it is not there. */
function sortedPlaceOf(articles: readonly ArticleSummary[], id: ArticleId, ordered: number): number {
  let [lo, hi] = [0, ordered];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (articles[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < ordered && articles[lo]!.id === id ? lo : -1;
}

/** How many of each list's first articles are in id order (see `orderedPrefix`), for the lists asked about. */
const orderedUpTo = new WeakMap<readonly ArticleSummary[], number>();

/**
 * How many of the first articles of `articles` are in id order (JavaScript's `<` of their ids, as
 * the pages come): the rest were added at the end since. Found from the list it was made from,
 * when the store made it by one change (see `changeFrom`) and that one is known, so that a page or
 * a file added costs a look at what was added only; else by a pass over the list, once for it.
 */
export function orderedPrefix(articles: readonly ArticleSummary[]): number {
  const known = orderedUpTo.get(articles);
  if (known !== undefined) return known;
  const made = lastChange !== null && lastChange.articles === articles ? lastChange : null;
  const before = made === null ? undefined : orderedUpTo.get(made.from);
  let from = 0;
  if (made !== null && before !== undefined) {
    const { change } = made;
    // Replaced in place: the same ids in the same places. Removed: one fewer before it, when it
    // was in the ordered part. Added at the end: the ordered part goes on into them, if it reached the end.
    from = change.kind === 'removed' && change.at < before ? before - 1 : before;
  }
  let end = Math.max(1, from);
  while (end < articles.length && articles[end - 1]!.id < articles[end]!.id) end++;
  const ordered = Math.min(end, articles.length);
  orderedUpTo.set(articles, ordered);
  return ordered;
}
