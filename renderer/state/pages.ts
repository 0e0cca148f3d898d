/**
 * The list as it arrives from main, page by page. The first page shows at once. Each next page is
 * asked for as soon as the one before it is read, so main makes it while the desk takes that one
 * in; and pages that come quickly are merged into the list a few at a time, each merge in a task
 * of its own after a paint.
 */
import type { ArticleId, ArticleSummary } from '../../shared/article.js';
import type { LibraryListing } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';

/**
 * Pages read are merged into the list at most this often. A merge carries the whole list into a
 * new order (about 10 ms at 100,000, besides placing the rows added), so one per page cost more
 * than reading the pages when they came quickly; a merge of many held the desk longer. At 100,000
 * in Chromium, loading took 4.4-5.5 s with 120 ms, the longest task 142 ms (250 ms: 5.1-5.7 s,
 * 195 ms).
 */
export const MERGE_EVERY_MS = 120;

/**
 * While the list arrives, the desk takes no page in until the editor has pressed no key and not
 * scrolled for this long (see App.tsx): a merge held the desk 50-200 ms at 100,000.
 */
export const PAGES_WAIT_FOR_PAUSE_MS = 500;

/** Where `receivePages` asks for pages and sends what it read. */
export interface PageReader {
  /** Asks for the page after the article `after`. */
  readonly ask: (after: ArticleId) => Promise<Result<LibraryListing>>;
  /** The first page; `done` when no other follows. */
  readonly loaded: (page: LibraryListing, done: boolean) => void;
  /** The articles of the pages read since the last merge; `done` with the last of them. */
  readonly appended: (articles: readonly ArticleSummary[], total: number, done: boolean) => void;
  /** A request failed: the first (nothing is listed) or a later one (the list stops there). */
  readonly failed: (message: string, first: boolean) => void;
  /** False once a newer load began: this one stops, asking and merging nothing more. */
  readonly current: () => boolean;
  readonly now?: () => number;
  /** Resolves after the next paint (see `nextPaint`). */
  readonly paint?: () => Promise<void>;
  /**
   * True while the desk takes no page in: a search waits for the index of the list as it is (each
   * page merged made that index anew, and the search waited for the whole list), or the editor is
   * typing or scrolling (see App.tsx). Meanwhile the next page is read, and no other asked for.
   */
  readonly held?: () => boolean;
}

/** Reads the list from `first` (the answer for the first page) to its last page. */
export async function receivePages(first: Promise<Result<LibraryListing>>, reader: PageReader): Promise<void> {
  const { ask, current, now = () => performance.now(), paint = nextPaint, held = () => false } = reader;
  const after = (page: LibraryListing): Promise<Result<LibraryListing>> | null =>
    page.done || page.articles.length === 0 ? null : ask(page.articles.at(-1)!.id);
  let result = await first;
  if (!current()) return;
  if (!result.ok) return reader.failed(result.error.message, true);
  let next = after(result.value);
  reader.loaded(result.value, next === null);
  let waiting: ArticleSummary[] = [];
  let total = result.value.total;
  let merged = now();
  while (next !== null) {
    result = await next;
    if (!current()) return;
    if (!result.ok) {
      if (waiting.length > 0) reader.appended(waiting, total, false); // what was read stays listed
      return reader.failed(result.error.message, false);
    }
    total = result.value.total;
    next = after(result.value);
    waiting = waiting.concat(result.value.articles);
    if (next !== null && now() - merged < MERGE_EVERY_MS) continue;
    // Merged in a task of its own, after a paint: not in the one that read the page.
    do await paint();
    while (held() && current());
    if (!current()) return;
    reader.appended(waiting, total, next === null);
    waiting = [];
    merged = now();
  }
}

/** Resolves in a task of its own once the next frame is painted (at once where nothing paints). */
export function nextPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
