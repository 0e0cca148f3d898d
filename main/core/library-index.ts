/** The in-memory index of an open library: one entry per article, in id order, with change events. */
import type { UnreadableFolder } from '../../shared/contract.js';
import { isDeepStrictEqual } from 'node:util';
import type { ArticleId, ArticleSummary } from '../../shared/article.js';
import type { FileStamp } from './file-stamp.js';
import { sameFileFacts } from './article-model.js';

/** What the index keeps per article: the list's fields and what the file held when read. */
export interface IndexEntry {
  readonly summary: ArticleSummary;
  /** sha256 of the bytes the summary was read from; null while only the fast reader has seen them, '' when unreadable. */
  readonly hash: string | null;
  /** The file's stamp when those bytes were read; null when it cannot vouch for them (just written). */
  readonly stamp: FileStamp | null;
  /** The full check vouched for the quick approve on these bytes (see published-line.ts). */
  readonly quickApprove: boolean;
}

/** A change to the index, whoever made it. */
export type LibraryEvent =
  | { readonly type: 'added' | 'changed'; readonly summary: ArticleSummary }
  | { readonly type: 'removed'; readonly id: ArticleId }
  | { readonly type: 'checking'; readonly done: number; readonly total: number }
  /** The folders inside the library that cannot be read, whenever that changes (see `Library.unreadableFolders`). */
  | { readonly type: 'unreadable-folders'; readonly folders: readonly UnreadableFolder[] };

/** The entries, their id order (kept until an article comes or goes) and who listens. */
export class LibraryIndex {
  private entries = new Map<ArticleId, IndexEntry>();
  private readonly listeners = new Set<(event: LibraryEvent) => void>();
  private sorted: ArticleId[] | null = null;

  /** `onChange` hears every change of what the index holds (to keep the persistent index fresh). */
  constructor(private readonly onChange: () => void) {}

  /** Takes a whole index at once (from the persistent index), before anyone listens. */
  replaceAll(entries: Map<ArticleId, IndexEntry>): void {
    this.entries = entries;
    this.sorted = null;
  }

  get(id: ArticleId): IndexEntry | undefined {
    return this.entries.get(id);
  }

  /** Every id and entry, in no particular order. */
  all(): IterableIterator<[ArticleId, IndexEntry]> {
    return this.entries.entries();
  }

  /** The number of articles. */
  get size(): number {
    return this.entries.size;
  }

  /** Every article's summary, in id order. */
  list(): ArticleSummary[] {
    return this.sortedIds().map((id) => this.entries.get(id)!.summary);
  }

  /** Up to `count` summaries whose ids come after `after`, in id order: pages that stay right while files come and go. */
  page(after: ArticleId | null, count: number): { articles: ArticleSummary[]; done: boolean } {
    const sorted = this.sortedIds();
    let lo = 0;
    let hi = sorted.length;
    while (after !== null && lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= after) lo = mid + 1;
      else hi = mid;
    }
    // Only this page's summaries are built (an index taken from the persistent cache builds them on demand).
    const articles = sorted.slice(lo, lo + count).map((id) => this.entries.get(id)!.summary);
    return { articles, done: lo + count >= sorted.length };
  }

  private sortedIds(): readonly ArticleId[] {
    this.sorted ??= [...this.entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return this.sorted;
  }

  /**
   * Records what a read of one file found, and tells listeners when the listing changed; `quietNew`
   * spares them an article they have not seen yet and will be given with the list's pages (see
   * listing-front.ts).
   */
  store(id: ArticleId, entry: IndexEntry, quietNew = false): void {
    const { hash, stamp } = entry;
    const before = this.entries.get(id);
    // The same bytes parse the same: only a new stamp, or the file's permissions or names (see `withFile`), are news.
    if (before !== undefined && before.hash === hash && hash !== '' && hash !== null && sameFileFacts(before.summary, entry.summary)) {
      if (before.stamp === null && stamp !== null) this.entries.set(id, { summary: before.summary, hash: before.hash, stamp, quickApprove: before.quickApprove });
      return;
    }
    // A file that still cannot be read, for the same reason: nothing new (the desk, told of it, would read it again).
    if (before !== undefined && hash === '' && before.hash === '' && sameListing(before.summary, entry.summary)) return;
    this.entries.set(id, entry);
    this.onChange();
    // The order is by id: a new id reorders, a new summary for a known id does not.
    if (before === undefined) this.sorted = null;
    // Nobody listens while a library opens: its summaries (read lazily, see read-batch.ts) stay unread.
    if (this.listeners.size === 0 || (quietNew && before === undefined)) return;
    // The full check confirming what the fast reader listed is news to nobody: no event for it.
    if (before !== undefined && before.hash === null && sameListing(entry.summary, before.summary)) return;
    this.emit({ type: before === undefined ? 'added' : 'changed', summary: entry.summary });
  }

  /** Drops an article whose file is gone or no longer an article. */
  remove(id: ArticleId): void {
    if (!this.entries.delete(id)) return;
    this.onChange();
    this.sorted = null;
    this.emit({ type: 'removed', id });
  }

  /** Hears every change to the index; returns the way to stop listening. */
  subscribe(listener: (event: LibraryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: LibraryEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** True when two reads of a file show the same listing (the `checked` mark aside). */
export function sameListing(a: ArticleSummary, b: ArticleSummary): boolean {
  const { checked: _a, ...restA } = a;
  const { checked: _b, ...restB } = b;
  return isDeepStrictEqual(restA, restB);
}
