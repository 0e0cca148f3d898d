/** Which of a background pass's news is still fresh: the articles the main thread touched meanwhile. */
import type { ArticleId } from '../../shared/article.js';

/**
 * The passes under way that learn about files in the background (read threads, or a scan of the
 * folder). Once the main thread has read, written or dropped an article since a pass began (an
 * edit, the watcher's refresh, the review pane's read), the pass's news of it may be older, and is
 * dropped: a read thread's bytes from before a save would list the article as it was before, and
 * the next edit would be refused as if another program had changed it. A change made after the
 * main thread's own read is the watcher's to report.
 */
export class BackgroundPasses {
  /** One set per pass under way: the ids the main thread touched since it began. */
  private readonly open = new Set<Set<ArticleId>>();

  /** Runs a pass; `fresh(id)` says whether what it learned of an article may go into the index. */
  async run<T>(work: (fresh: (id: ArticleId) => boolean) => Promise<T>): Promise<T> {
    const touched = new Set<ArticleId>();
    this.open.add(touched);
    try {
      return await work((id) => !touched.has(id));
    } finally {
      this.open.delete(touched);
    }
  }

  /** Marks an article the main thread has just read, written or dropped: newer than what any pass under way has of it. */
  touch(id: ArticleId): void {
    for (const touched of this.open) touched.add(id);
  }
}
