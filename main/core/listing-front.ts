/**
 * How far a first open's listing has come through the library's files in id order: the list's pages
 * are served from the part listed without a gap while the rest is read, so the desk shows its first
 * rows at once, not once every file is read.
 */
import type { ArticleId } from '../../shared/article.js';
import type { ScannedFile } from './library-paths.js';

/** The scanned files in id order, as the index orders its pages (the scan walks a folder's files before its sub-folders). */
export function inIdOrder(files: readonly ScannedFile[]): readonly ScannedFile[] {
  for (let i = 1; i < files.length; i++) {
    if (files[i - 1]!.id > files[i]!.id) return [...files].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return files;
}

/** The front of a listing in id order: every file before it is listed (or known to be no article). */
export class ListingFront {
  private files: readonly ScannedFile[] | null = null;
  private front = 0;
  /** Files listed beyond the front (the read threads answer their batches in any order). */
  private readonly ahead = new Set<ArticleId>();
  private over = false;
  private waiting: (() => void)[] = [];

  /** The files to be listed, in id order (see `inIdOrder`). */
  begin(files: readonly ScannedFile[]): void {
    this.files = files;
    this.wake();
  }

  /** Files the listing has read: listed, or found gone or no article. */
  listed(ids: Iterable<ArticleId>): void {
    const files = this.files;
    if (files === null) return;
    for (const id of ids) this.ahead.add(id);
    const from = this.front;
    while (this.front < files.length && this.ahead.delete(files[this.front]!.id)) this.front++;
    if (this.front !== from) this.wake();
  }

  /** The listing is over: finished, stopped or failed. Pages come from the whole index from then on. */
  end(): void {
    this.over = true;
    this.ahead.clear();
    this.wake();
  }

  /** True once the listing is over. */
  get ended(): boolean {
    return this.over;
  }

  /** How many files the listing reads (known once it has begun). */
  get total(): number {
    return this.files?.length ?? 0;
  }

  /**
   * The ids of up to `count` files after `after` in id order that are listed, once they are (or the
   * listing is over: null, and the index answers). Some may be no article: the page has fewer.
   */
  async upTo(after: ArticleId | null, count: number): Promise<readonly ArticleId[] | null> {
    for (;;) {
      if (this.over) return null;
      const files = this.files;
      if (files !== null) {
        const from = after === null ? 0 : firstAfter(files, after);
        const to = Math.min(from + count, files.length);
        // Nothing after `after` is left to list: the index answers once the listing is over.
        if (to > from && this.front >= to) return files.slice(from, to).map((f) => f.id);
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

/** The place of the first file whose id comes after `after`. */
function firstAfter(files: readonly ScannedFile[], after: ArticleId): number {
  let lo = 0;
  let hi = files.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (files[mid]!.id <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
