/** An open article library: the index of every article, full reads, lossless edits and live updates. */
import { statSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ArticleDetail, ArticleId, ArticleSummary } from '../../shared/article.js';
import { MAX_BULK, type BulkOutcome } from '../../shared/contract.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { toArticle, unreadableSummary, withMode } from './article-model.js';
import type { FrontMatterEdit } from './front-matter-edit.js';
import { CacheWriter } from './cache-writer.js';
import { cacheFileOf, loadIndex } from './index-cache.js';
import { KeyedQueue } from './keyed-queue.js';
import { checkTopics, editArticleFile, writable } from './library-edit.js';
import { LibraryIndex, type IndexEntry, type LibraryEvent } from './library-index.js';
import { checkId, scanLibrary, UNSAFE_resolveId, UNSAFE_resolveIdSync, type ScannedFile } from './library-paths.js';
import { parsedApprovable, readWithStamp, type FileStamp, type ReadResult } from './read-one.js';
import { readMany, startStamper, type Stamper } from './read-pool.js';
import { SavedVersions } from './saved-versions.js';
import { parseArticleFile, READER_VERSION } from './read-article.js';
import { contentHash, errorText, removeAside, removeStaleLeftovers, syncFolders } from './save.js';

/** How to open a library. */
export interface OpenOptions {
  /** Hears how many files are listed so far. */
  readonly onProgress?: (p: OpenProgress) => void;
  /** The folder of persistent indexes (in the app's data folder); none means no cache is read or kept. */
  readonly cacheFolder?: string;
  /** Which reader wrote a cache (default: READER_VERSION); a cache by any other is ignored. */
  readonly reader?: string;
}

/**
 * Writing the persistent index holds the main process for about a second at 100,000 articles, so
 * it is written when an open's check ends (a warm open's only when many files changed) and when
 * the library closes, never while the editor works. Edited files are read again next time anyway:
 * a file just written has no trusted stamp.
 */
const RESAVE_SHARE = 0.01;

/** Progress of a long open. */
export interface OpenProgress {
  readonly done: number;
  readonly total: number;
}

export type { LibraryEvent } from './library-index.js';

/** An open library. Create with `Library.open`. */
export class Library {
  private readonly index = new LibraryIndex(() => {
    this.writer?.changed();
    this.changes++;
  });
  /** Changes to the index since it was opened. */
  private changes = 0;
  /** The versions of each article Masthead saved, so an undo writes the very bytes it replaced (see saved-versions.ts). */
  private readonly versions = new SavedVersions();
  /** Edits of one article run one after another, so quick toggles never race each other. */
  private readonly edits = new KeyedQueue<ArticleId>();
  private closed = false;
  /** Writes the persistent index; null when none is kept. */
  private readonly writer: CacheWriter | null;
  /**
   * One set per background pass under way (a listing, a check, a rescan): the ids the main thread
   * has read, written or dropped since the pass began. What the pass read of such a file is older
   * than what the index holds, and is dropped (see `pass`).
   */
  private readonly passes = new Set<Set<ArticleId>>();
  /** Removing the aside links that saves left (see save.ts), after each save has answered. */
  private tidying: Promise<void> = Promise.resolve();
  /**
   * Told whenever a read or an edit finds the folder gone (see `folderGone`), as the watch tells
   * when the folder itself goes: a folder put back with another identity (a share mounted again)
   * may come back without the watch seeing it go.
   */
  onFolderGone: () => void = () => undefined;

  /** How many articles the open took from the persistent index without reading their files (known once `verified`). */
  fromCache = 0;

  private constructor(
    /** The library folder's real path. */
    readonly root: string,
    cache: { readonly file: string; readonly reader: string } | null,
    /** The folder's device and inode when it was opened: a folder put in its place later is another one. */
    private readonly rootIdentity: string,
  ) {
    this.writer = cache === null ? null : new CacheWriter(cache.file, root, cache.reader, () => this.index.all());
  }

  /**
   * Resolves when every file has had the full check (problems final, hashes known). Until then
   * summaries from the fast reader carry `checked: false`.
   */
  checked: Promise<void> = Promise.resolve();

  /**
   * Resolves when the index matches the files on disk: at once after a cold open (it was read from
   * them); after a warm open, once every file's stamp was compared with the persistent index and the
   * files that differ were listed again.
   */
  verified: Promise<void> = Promise.resolve();

  /**
   * Opens a folder. With a persistent index, lists it at once from there and, in the background,
   * compares every file's stamp with it, reading again only files that changed (`verified`).
   * Without one, scans the folder and lists every file with the fast reader (the full parse only
   * where it cannot answer). Either way the full check of what was read runs in the background
   * (`checked`). Fails only when the folder cannot be read.
   */
  static async open(folder: string, options: OpenOptions = {}): Promise<Result<Library>> {
    let root: string;
    let identity: string;
    try {
      root = await realpath(folder);
      const info = await stat(root);
      if (!info.isDirectory()) return fail('io', `${basename(folder)} is not a folder`);
      identity = identityOf(info);
    } catch (e) {
      // A folder that was never there did not "go": said as what it is, not as the file error a read meets.
      const reason = isMissing(e) ? 'there is no such folder' : errorText(e);
      return fail('io', `cannot open the library ${basename(folder)}: ${reason}`);
    }
    const cache = options.cacheFolder === undefined ? null : { file: cacheFileOf(options.cacheFolder, root), reader: options.reader ?? READER_VERSION };
    const library = new Library(root, cache, identity);
    const leftovers: string[] = [];
    const cached = cache === null ? null : await loadIndex(cache.file, root, cache.reader);
    // The stamp threads boot once the index is decoded, not while: on two cores their start slowed
    // the decode (a fresh process's warm open at 100,000, ten of each alternated, two runs: median
    // 460 and 475 ms against 401 and 411 ms), and comparing the stamps finished no later for it.
    if (cached !== null) {
      const stamper = startStamper();
      library.index.replaceAll(cached);
      options.onProgress?.({ done: cached.size, total: cached.size });
      const scanning = scanLibrary(root, leftovers);
      library.tidyLeftovers(scanning, leftovers);
      const reread = library.reconcile(scanning, stamper, options.onProgress);
      library.verified = reread.then(() => undefined);
      library.checked = reread.then((files) => library.checkAll(files));
    } else {
      // The read threads boot while the folder is listed.
      const listing = scanLibrary(root, leftovers);
      library.tidyLeftovers(listing, leftovers);
      await library.readAll(listing, 0, null, options.onProgress);
      const files = await listing;
      library.writer?.changed();
      library.checked = library.checkAll(files);
    }
    const warm = cached !== null;
    library.checked = library.checked.finally(() => {
      if (!warm || library.changes > Math.max(100, RESAVE_SHARE * library.size)) library.writer?.soon(0);
    });
    // Background work that fails (a read thread that could not start) fails whoever awaits it, and
    // must not take the process down when nobody does.
    for (const background of [library.verified, library.checked]) background.catch(() => undefined);
    return ok(library);
  }

  /** Lists files with the fast reader, reporting progress from `done` of `total` (null: `done` and the files). */
  private readAll(files: readonly ScannedFile[] | Promise<readonly ScannedFile[]>, done: number, total: number | null, onProgress?: (p: OpenProgress) => void): Promise<void> {
    return this.pass((fresh) => this.listAll(files, fresh, done, total, onProgress));
  }

  private async listAll(
    files: readonly ScannedFile[] | Promise<readonly ScannedFile[]>,
    fresh: (id: ArticleId) => boolean,
    done: number,
    total: number | null,
    onProgress?: (p: OpenProgress) => void,
  ): Promise<void> {
    const listed = Promise.resolve(files).then((list) => {
      total ??= done + list.length;
      onProgress?.({ done, total });
      return list;
    });
    await readMany(listed, 'quick', (results) => {
      for (const r of results) if (fresh(r.id)) this.apply(r);
      done += results.length;
      onProgress?.({ done, total: total ?? done });
    });
  }

  /**
   * Brings an index taken from the persistent index in line with the files: keeps every entry whose
   * file's stamp is unchanged, reads the files that changed or are new, drops the ones that are gone.
   */
  private reconcile(scanning: Promise<ScannedFile[]>, stamper: Stamper, onProgress?: (p: OpenProgress) => void): Promise<ScannedFile[]> {
    return this.pass(async (fresh) => {
      const files = await scanning;
      const stamps = await stamper.stamp(files.map((f) => f.path));
      const unread: ScannedFile[] = [];
      const present = new Set<ArticleId>();
      files.forEach((file, i) => {
        present.add(file.id);
        const stamp = this.index.get(file.id)?.stamp;
        if (stamp == null || stamp.size !== stamps[i * 3] || stamp.mtimeMs !== stamps[i * 3 + 1] || stamp.ctimeMs !== stamps[i * 3 + 2]) unread.push(file);
      });
      // A file added since the scan (and read by the watcher's refresh) is not gone.
      for (const [id] of [...this.index.all()]) if (!present.has(id) && fresh(id)) this.remove(id);
      this.fromCache = files.length - unread.length;
      await this.listAll(unread, fresh, this.fromCache, files.length, onProgress);
      return unread;
    });
  }

  /**
   * Runs a pass that learns about files in the background (read threads, or a scan of the folder):
   * `fresh(id)` says whether what it learned of an article may go into the index. Once the main
   * thread has read, written or dropped that article since the pass began (an edit, the watcher's
   * refresh, the review pane's read), the pass's news of it may be older, and is dropped: a read
   * thread's bytes from before a save would list the article as it was before, and the next edit
   * would be refused as if another program had changed it. A change made after the main thread's
   * own read is the watcher's to report.
   */
  private async pass<T>(work: (fresh: (id: ArticleId) => boolean) => Promise<T>): Promise<T> {
    const touched = new Set<ArticleId>();
    this.passes.add(touched);
    try {
      return await work((id) => !touched.has(id));
    } finally {
      this.passes.delete(touched);
    }
  }

  /** Stores what the main thread has just read or written, newer than what any pass under way has read of it. */
  private storeNow(id: ArticleId, entry: IndexEntry): void {
    for (const touched of this.passes) touched.add(id);
    this.index.store(id, entry);
  }

  /** Writes the persistent index now, if it changed since it was last written. */
  flush(): Promise<void> {
    return this.writer?.save() ?? Promise.resolve();
  }

  /** The full check of every file the fast reader listed, on the read pool, while the desk works. */
  private checkAll(files: readonly ScannedFile[]): Promise<void> {
    return this.pass(async (fresh) => {
      const pending = files.filter((f) => this.index.get(f.id)?.hash === null);
      let done = 0;
      let reported = 0;
      await readMany(
        pending,
        'full',
        (results) => {
          for (const r of results) if (fresh(r.id)) this.apply(r);
          done += results.length;
          if (done - reported >= 500 || done === pending.length) {
            reported = done;
            this.index.emit({ type: 'checking', done, total: pending.length });
          }
        },
        () => this.closed,
      );
    });
  }

  private apply(result: ReadResult): void {
    if (result.kind === 'gone') this.remove(result.id);
    else this.index.store(result.id, result);
  }

  /** Stops background work (the full check) and writes the persistent index if it changed. */
  async close(): Promise<void> {
    if (this.closed) return this.writer?.close();
    // The background check stops at its next batch; what it had not reached is simply not cached.
    this.closed = true;
    await Promise.all([this.writer?.close(), this.settled()]);
  }

  /** Resolves when the tidying after every save so far is done: what each left beside its file is gone. */
  settled(): Promise<void> {
    return this.tidying;
  }

  /** Every article's summary, in id order. */
  list(): ArticleSummary[] {
    return this.index.list();
  }

  /** Up to `count` summaries whose ids come after `after`, in id order: pages that stay right while files come and go. */
  page(after: ArticleId | null, count: number): { articles: ArticleSummary[]; done: boolean } {
    return this.index.page(after, count);
  }

  /** The number of articles. */
  get size(): number {
    return this.index.size;
  }

  /** One article's summary from the index. */
  summary(id: ArticleId): ArticleSummary | undefined {
    return this.index.get(id)?.summary;
  }

  /** Reads one article in full from disk; the index follows if the file changed. */
  async read(id: unknown): Promise<Result<ArticleDetail>> {
    const snapshot = await this.snapshot(id);
    return snapshot.ok ? ok(snapshot.value.detail) : snapshot;
  }

  /**
   * The file's bytes with its indexed summary, when the full check has seen exactly these bytes
   * (same sha256): an export of files can then copy them without parsing again. Null otherwise.
   */
  async checkedBytes(id: ArticleId): Promise<{ bytes: Uint8Array; summary: ArticleSummary; sha256: string } | null> {
    const entry = this.index.get(id);
    if (entry === undefined || entry.hash === null || entry.hash === '') return null;
    const path = await this.pathOf(id);
    if (!path.ok) return null;
    const bytes = await readFile(path.value).catch(() => null);
    return bytes !== null && contentHash(bytes) === entry.hash ? { bytes, summary: entry.summary, sha256: entry.hash } : null;
  }

  /** The summary and sha256 of an article the full check has seen, or null while it has not. */
  checkedEntry(id: ArticleId): { summary: ArticleSummary; sha256: string } | null {
    const entry = this.index.get(id);
    return entry === undefined || entry.hash === null || entry.hash === '' ? null : { summary: entry.summary, sha256: entry.hash };
  }

  /** The file's bytes and what they say, read together so they agree (export copies these bytes). */
  async snapshot(id: unknown): Promise<Result<{ bytes: Uint8Array; detail: ArticleDetail }>> {
    const path = await this.pathOf(id);
    if (!path.ok) return path;
    const articleId = id as ArticleId;
    // Read at once, as an edit reads, so no save comes between the read and what the index keeps of it.
    let read: { bytes: Buffer; stamp: FileStamp | null; mode: number };
    try {
      read = readWithStamp(path.value);
    } catch (e) {
      await this.refresh(articleId);
      return fail('io', `cannot read ${articleId}: ${errorText(e)}`);
    }
    const { bytes, mode } = read;
    const parsed = parseArticleFile(articleId, bytes);
    if (parsed.kind === 'not-article') {
      this.removeNow(articleId);
      return fail('not-found', `${articleId} no longer holds front matter`);
    }
    const summary = withMode(parsed.summary, mode);
    this.storeNow(articleId, { summary, hash: contentHash(bytes), stamp: read.stamp, quickApprove: parsedApprovable(bytes, parsed) });
    const readable = parsed.readable;
    return ok({
      bytes,
      detail: {
        summary,
        article: readable ? toArticle(articleId, readable.data) : null,
        source: readable ? readable.text : new TextDecoder('utf-8').decode(bytes),
        readOnly: !writable(path.value, mode),
      },
    });
  }

  /** Approves (`true`) or withdraws (`false`) an article: a one-line change to its file. */
  setPublished(id: unknown, value: unknown): Promise<Result<ArticleSummary>> {
    if (typeof value !== 'boolean') return Promise.resolve(fail('bad-request', 'published must be true or false'));
    return this.edit(id, { kind: 'set-published', value });
  }

  /**
   * Approves (`true`) or withdraws (`false`) each article in `ids`, in turn, each as `setPublished`
   * saves one. Articles the index already holds at `value` are skipped (nothing written, so an undo
   * of this leaves them as they are); one that cannot be changed is named with the reason and the
   * rest go on. At most `MAX_BULK` ids per call. Each file is replaced atomically as one save is; the
   * folders are synced once at the end, before the answer (a save syncs its folder each time, a
   * second journal commit per file), so every change answered is durable.
   */
  async setPublishedMany(ids: unknown, value: unknown): Promise<Result<BulkOutcome>> {
    if (typeof value !== 'boolean') return fail('bad-request', 'published must be true or false');
    if (!Array.isArray(ids) || ids.length > MAX_BULK) return fail('bad-request', `ids must be a list of at most ${MAX_BULK} article ids`);
    return this.many(ids as unknown[], (id, unsynced) =>
      typeof id === 'string' && this.summary(id)?.published === value ? null : { id, result: this.edit(id, { kind: 'set-published', value }, undefined, unsynced) },
    );
  }

  /**
   * Replaces an article's topics with `topics`, touching only the lines that differ. With `from`
   * (the list the change was made from), a file whose topics are no longer that list is left as it
   * is: the change answers a conflict instead of overwriting another program's topics.
   */
  setTopics(id: unknown, topics: unknown, from?: unknown): Promise<Result<ArticleSummary>> {
    return this.topicsEdit(id, topics, from);
  }

  /**
   * Sets the topics of many articles, each as `setTopics` with its `from` (required here): one whose
   * file holds other topics than `from` is left as it is and named, and the rest go on; one that
   * already has its new topics is skipped (left out of `saved`). Folders are
   * synced once at the end, before the answer, as `setPublishedMany` does. At most `MAX_BULK` changes.
   */
  async setTopicsMany(changes: unknown): Promise<Result<BulkOutcome>> {
    if (!Array.isArray(changes) || changes.length > MAX_BULK) return fail('bad-request', `changes must be a list of at most ${MAX_BULK} topic changes`);
    return this.many(changes as unknown[], (change, unsynced) => {
      const { id, topics, from } = (typeof change === 'object' && change !== null ? change : {}) as { id?: unknown; topics?: unknown; from?: unknown };
      // Already so: nothing written, and nothing for an undo to change back.
      const now = typeof id === 'string' ? this.summary(id)?.topics : undefined;
      if (now !== undefined && Array.isArray(topics) && sameList(topics as readonly string[], now)) return null;
      if (from === undefined) return { id, result: Promise.resolve(fail('bad-request', 'each topic change must give the topics it was made from')) };
      return { id, result: this.topicsEdit(id, topics, from, unsynced) };
    });
  }

  /**
   * Runs `edit` for each item in turn (null: nothing to do for it), the saves' folders synced once at
   * the end: what changed, and each id that could not be, with the reason.
   */
  private async many(
    items: readonly unknown[],
    edit: (item: unknown, unsynced: Set<string>) => { id: unknown; result: Promise<Result<ArticleSummary>> } | null,
  ): Promise<Result<BulkOutcome>> {
    const saved: ArticleSummary[] = [];
    const failed: { id: ArticleId; message: string }[] = [];
    const unsynced = new Set<string>();
    try {
      for (const item of items) {
        const made = edit(item, unsynced);
        if (made === null) continue;
        const result = await made.result;
        if (result.ok) saved.push(result.value);
        else failed.push({ id: String(made.id).slice(0, 4096), message: result.error.message });
      }
    } finally {
      syncFolders(unsynced);
    }
    return ok({ saved, failed });
  }

  private topicsEdit(id: unknown, topics: unknown, from: unknown, unsynced?: Set<string>): Promise<Result<ArticleSummary>> {
    const checked = checkTopics(topics);
    if (!checked.ok) return Promise.resolve(checked);
    let was: readonly string[] | undefined;
    if (from !== undefined) {
      // What the desk showed, as the file has it: possibly with empty or repeated topics (a warning).
      if (!Array.isArray(from) || from.length > 10_000 || !from.every((t) => typeof t === 'string')) {
        return Promise.resolve(fail('bad-request', 'the topics the change was made from must be a list of texts'));
      }
      was = from as readonly string[];
    }
    return this.edit(id, { kind: 'set-topics', topics: checked.value }, was, unsynced);
  }

  /** Adds and removes topics relative to what the file holds now. */
  async changeTopics(id: unknown, add: readonly string[], remove: readonly string[]): Promise<Result<ArticleSummary>> {
    const current = this.summary(id as ArticleId);
    if (current === undefined) return fail('not-found', `there is no article ${String(id)} in this library`);
    const dropped = new Set(remove);
    // A proper list, as the desk writes: a file's empty topics go (and the Set below drops repeats).
    const kept = current.topics.filter((t) => !dropped.has(t) && t.trim() !== '');
    return this.setTopics(id, [...new Set([...kept, ...add])]);
  }

  /** Hears every change to the index; returns the way to stop listening. */
  subscribe(listener: (event: LibraryEvent) => void): () => void {
    return this.index.subscribe(listener);
  }

  /** Re-reads one file from disk after another program touched it, and tells listeners what changed. */
  async refresh(id: ArticleId): Promise<void> {
    const path = await this.pathOf(id);
    if (!path.ok) {
      if (path.error.kind !== 'gone') this.removeNow(id);
      return;
    }
    await this.load(id, path.value);
  }

  /** Finds every article file again: files that appeared are read, ids whose files went are dropped. */
  async rescan(): Promise<void> {
    await this.pass(async (fresh) => {
      const files = await scanLibrary(this.root);
      // A folder that is gone lists nothing: its articles are not gone with it, only out of reach.
      if (this.folderGone()) return;
      const present = new Set(files.map((f) => f.id));
      // A file added since the scan (and read by the watcher's refresh) is not gone.
      for (const [id] of [...this.index.all()]) if (!present.has(id) && fresh(id)) this.remove(id);
      for (const file of files) if (this.index.get(file.id) === undefined && fresh(file.id)) await this.load(file.id, file.path);
    });
  }

  /**
   * `topicsWere`: the topics the edit was made from, when they must still be the file's (see
   * `setTopics`). With `unsynced`, the caller makes the save durable (see `UNSAFE_replaceFileSync`).
   */
  private edit(id: unknown, edit: FrontMatterEdit, topicsWere?: readonly string[], unsynced?: Set<string>): Promise<Result<ArticleSummary>> {
    const checked = checkId(id);
    if (!checked.ok) return Promise.resolve(checked);
    // Queued before anything asynchronous, so edits of one article apply in the order they were asked.
    return this.edits.run(checked.value, () => {
      // Resolved, read, checked and written in one synchronous step (see library-edit.ts).
      // A folder gone, or another put in its place, is never written to, whatever its files' names.
      // An id the library does not list: a typo on the command line, or an article another program
      // removed. Said so, rather than as a file that went, which only the second is.
      const path = this.folderGone()
        ? this.goneFailure()
        : this.index.get(checked.value) === undefined
          ? fail('not-found', `there is no article ${checked.value} in this library`)
          : UNSAFE_resolveIdSync(this.root, checked.value);
      return path.ok ? this.editNow(checked.value, path.value, edit, topicsWere, unsynced) : Promise.resolve(path);
    });
  }

  private async editNow(id: ArticleId, path: string, edit: FrontMatterEdit, topicsWere: readonly string[] | undefined, unsynced?: Set<string>): Promise<Result<ArticleSummary>> {
    const entry = this.index.get(id);
    if (entry === undefined) return fail('not-found', `there is no article ${id} in this library`);
    // The index holds what the file said when last read; editArticleFile then checks the file is still that.
    if (topicsWere !== undefined && !sameList(topicsWere, entry.summary.topics)) {
      return fail('conflict', `the topics of ${id} were changed by another program; their version is kept and now shown. Make your change again if it still applies.`);
    }
    const outcome = editArticleFile(id, path, entry, edit, this.versions, unsynced);
    switch (outcome.kind) {
      case 'saved':
        // A file just written has no trusted stamp (file times are coarse); the next read gives it one.
        this.storeNow(id, { summary: outcome.summary, hash: outcome.hash, stamp: null, quickApprove: outcome.quickApprove });
        if (outcome.aside !== null) this.tidy(outcome.aside);
        return ok(outcome.summary);
      case 'unchanged':
        return ok(entry.summary);
      case 'stale':
        await this.load(id, path);
        return fail('conflict', outcome.message);
      case 'unreadable':
        await this.refresh(id);
        return fail('io', outcome.message);
      case 'failed':
        // Refused as read-only: the list learns it too, if the file was made so since it was read.
        if (!outcome.failure.ok && outcome.failure.error.kind === 'not-editable') await this.load(id, path);
        return outcome.failure;
      default:
        return outcome satisfies never;
    }
  }

  /** Once the scan is done, removes what saves cut short by a crash left in the library (see save.ts). */
  private tidyLeftovers(scanning: Promise<unknown>, leftovers: readonly string[]): void {
    const scanned = scanning.then(
      () => undefined,
      () => undefined,
    );
    this.tidying = Promise.all([this.tidying, scanned]).then(() => removeStaleLeftovers(leftovers).then(() => undefined));
  }

  /** Removes a save's aside link once the save has answered, off the editor's wait. */
  private tidy(aside: string): void {
    this.tidying = this.tidying.then(() => removeAside(aside));
  }

  private async pathOf(id: unknown): Promise<Result<string>> {
    return this.unlessGone(await UNSAFE_resolveId(this.root, id));
  }

  /**
   * Whether the library folder is no longer where it was opened: moved, renamed or deleted, its
   * drive or share removed, or another folder put in its place.
   */
  folderGone(): boolean {
    try {
      const info = statSync(this.root);
      return !info.isDirectory() || identityOf(info) !== this.rootIdentity;
    } catch {
      return true;
    }
  }

  /** A file not found, told as what it is when the whole folder is gone. */
  private unlessGone(path: Result<string>): Result<string> {
    return path.ok || path.error.kind !== 'not-found' || !this.folderGone() ? path : this.goneFailure();
  }

  private goneFailure(): Result<never> {
    this.onFolderGone();
    return fail('gone', `the library folder ${basename(this.root)} is no longer where it was opened (moved, renamed or deleted, or its drive removed): nothing in it can be read or saved until it is back`);
  }

  /** Reads and checks one file into the index; a file that is gone or not an article leaves it. */
  private async load(id: ArticleId, knownPath?: string): Promise<void> {
    let read: { bytes: Buffer; stamp: FileStamp | null; mode: number };
    try {
      read = readWithStamp(knownPath ?? (await this.pathOrThrow(id)));
    } catch (e) {
      if (isMissing(e)) {
        if (!this.folderGone()) this.removeNow(id);
      } else this.storeNow(id, { summary: unreadable(id, e), hash: '', stamp: null, quickApprove: false });
      return;
    }
    const hash = contentHash(read.bytes);
    const known = this.index.get(id);
    if (known !== undefined && known.hash === hash && hash !== '') {
      // The very bytes the index last read or wrote (the watcher reporting a save, or a change of
      // permissions): they parse the same, so they are not parsed again; only the stamp is new, and
      // whether the file is read-only.
      this.storeNow(id, { ...known, summary: withMode(known.summary, read.mode), stamp: read.stamp });
      return;
    }
    const parsed = parseArticleFile(id, read.bytes);
    if (parsed.kind === 'not-article') this.removeNow(id);
    else this.storeNow(id, { summary: withMode(parsed.summary, read.mode), hash, stamp: read.stamp, quickApprove: parsedApprovable(read.bytes, parsed) });
  }

  private async pathOrThrow(id: ArticleId): Promise<string> {
    const path = await this.pathOf(id);
    if (!path.ok) throw Object.assign(new Error(path.error.message), { code: 'ENOENT' });
    return path.value;
  }

  private remove(id: ArticleId): void {
    this.index.remove(id);
  }

  /** Drops an article the main thread found gone, or no longer an article (see `storeNow`). */
  private removeNow(id: ArticleId): void {
    for (const touched of this.passes) touched.add(id);
    this.index.remove(id);
  }
}

/** A folder's device and inode, as one key. */
function identityOf(info: { readonly dev: number; readonly ino: number }): string {
  return `${info.dev}:${info.ino}`;
}

function isMissing(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function unreadable(id: ArticleId, e: unknown): ArticleSummary {
  return unreadableSummary(id, [{ level: 'error', code: 'unreadable', message: `the file cannot be read: ${errorText(e)}` }]);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
