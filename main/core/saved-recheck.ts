/**
 * Looks again, a moment after Masthead saved them, whether saved files are still there.
 *
 * A save replaces its file by a rename, which the watcher reports as the file's creation. Another
 * program that deletes or renames the file within the same batch of events cancels that creation:
 * @parcel/watcher gathers events for 50 ms of quiet (500 ms at most) and drops a path both created
 * and deleted in one batch, so nothing at all is reported. An approval followed at once by a script
 * that moves approved files elsewhere left the article listed, its file gone, until the library
 * was opened again (29 of 30 such moves in a test, 0-25 ms after the save).
 */
import type { ArticleId } from '../../shared/article.js';

/** Longer than a batch of the watcher's events can last (500 ms), with room for its delivery. */
export const RECHECK_MS = 1000;

/** Collects saved ids and hands each to `check` between one and two `delayMs` after its save. */
export class SavedRecheck {
  /** Saved since the last tick: checked at the tick after next. */
  private recent = new Set<ArticleId>();
  /** Saved before the last tick: checked at the next one. */
  private older = new Set<ArticleId>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly check: (ids: readonly ArticleId[]) => Promise<void>,
    private readonly delayMs = RECHECK_MS,
  ) {}

  /** Notes a save of `id`. */
  saved(id: ArticleId): void {
    this.older.delete(id); // saved again: its last save is the one to look past
    this.recent.add(id);
    this.timer ??= setInterval(() => this.tick(), this.delayMs).unref();
  }

  /** Forgets every pending look. */
  close(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.recent.clear();
    this.older.clear();
  }

  private tick(): void {
    const due = [...this.older];
    this.older = this.recent;
    this.recent = new Set();
    if (this.older.size === 0 && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
    if (due.length > 0) void this.check(due).catch(() => undefined);
  }
}
