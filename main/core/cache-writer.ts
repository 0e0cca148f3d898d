/** Writes a library's persistent index (see index-cache.ts) when asked, after a delay, or at close: never while the editor waits. */
import type { ArticleId } from '../../shared/article.js';
import { saveIndex } from './index-cache.js';
import { encodeIndex, type CachedEntry } from './index-codec.js';
import type { IndexEntry } from './library-index.js';

/** The persistent index of one open library, written from its index as it is at each write. */
export class CacheWriter {
  /** The index changed since the persistent index was last written. */
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly root: string,
    private readonly reader: string,
    private readonly entries: () => Iterable<readonly [ArticleId, IndexEntry]>,
  ) {}

  /** Notes that the index changed: the next write has something to write. */
  changed(): void {
    this.dirty = true;
  }

  /** Writes `delay` ms from now (sooner calls win), if the index has changed. Nothing once closed. */
  soon(delay: number): void {
    if (this.closed) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save();
    }, delay);
    this.timer.unref();
  }

  /** Writes now, if the index changed since it was last written: every checked entry with a trusted stamp. Never fails. */
  save(): Promise<void> {
    if (!this.dirty) return this.saving;
    this.dirty = false;
    const entries: [ArticleId, CachedEntry][] = [];
    for (const [id, e] of this.entries()) if (e.hash !== null && e.hash !== '' && e.stamp !== null) entries.push([id, { summary: e.summary, hash: e.hash, stamp: e.stamp, quickApprove: e.quickApprove }]);
    let bytes: Buffer;
    try {
      bytes = encodeIndex(this.root, this.reader, entries);
    } catch {
      // An entry the index cannot hold is no reason to fail a close (which a quit, and the open of
      // another library, wait for): the index file stays as last written, and the next open reads
      // again every file whose stamp differs from it.
      return this.saving;
    }
    this.saving = this.saving.then(() =>
      saveIndex(this.file, bytes).catch(() => {
        this.dirty = true; // a full disk or a read-only data folder costs the next open time, nothing else
      }),
    );
    return this.saving;
  }

  /** Writes what changed, for the last time: later calls to `soon` write nothing. */
  close(): Promise<void> {
    if (this.closed) return this.saving;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.closed = true;
    return this.save();
  }
}
