/** An open article library: the index of every article, full reads, lossless edits and live updates. */
import { existsSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { basename } from 'node:path';
import type { ArticleDetail, ArticleId, ArticleSummary, Problem } from '../../shared/article.js';
import { problemPlace } from '../../shared/article.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { toArticle, unreadableSummary } from './article-model.js';
import { editFrontMatterData, type FrontMatterEdit } from './front-matter-edit.js';
import { locateFrontMatter, yamlOf } from './front-matter.js';
import { cacheFileOf, encodeIndex, loadIndex, saveIndex, type CachedEntry } from './index-cache.js';
import { checkId, scanLibrary, UNSAFE_resolveId, type ScannedFile } from './library-paths.js';
import { readWithStamp, type FileStamp, type ReadResult } from './read-one.js';
import { readMany, startStamper, type Stamper } from './read-pool.js';
import { parseArticleFile, READER_VERSION, summaryOf } from './read-article.js';
import { contentHash, errorText, UNSAFE_replaceFile } from './save.js';

/** What the index keeps per article: the list's fields and what the file held when read. */
interface Entry {
  readonly summary: ArticleSummary;
  /** sha256 of the bytes the summary was read from; null while only the fast reader has seen them. */
  readonly hash: string | null;
  /** The file's stamp when those bytes were read; null when it cannot vouch for them (just written). */
  readonly stamp: FileStamp | null;
}

/** How to open a library. */
export interface OpenOptions {
  /** Hears how many files are listed so far. */
  readonly onProgress?: (p: OpenProgress) => void;
  /** The folder of persistent indexes (in the app's data folder); none means no cache is read or kept. */
  readonly cacheFolder?: string;
  /** Which reader wrote a cache (default: READER_VERSION); a cache by any other is ignored. */
  readonly reader?: string;
}

/** How long after the last change the persistent index is written again. */
const SAVE_DELAY_MS = 20_000;

/** A change to the index, whoever made it. */
export type LibraryEvent =
  | { readonly type: 'added' | 'changed'; readonly summary: ArticleSummary }
  | { readonly type: 'removed'; readonly id: ArticleId }
  | { readonly type: 'checking'; readonly done: number; readonly total: number };

/** Progress of a long open. */
export interface OpenProgress {
  readonly done: number;
  readonly total: number;
}

const UTF8 = new TextEncoder();

/** An open library. Create with `Library.open`. */
export class Library {
  private entries = new Map<ArticleId, Entry>();
  private readonly listeners = new Set<(event: LibraryEvent) => void>();
  private readonly queues = new Map<ArticleId, Promise<unknown>>();
  private closed = false;
  /** The ids in order, kept until an article comes or goes. */
  private sorted: ArticleId[] | null = null;
  /** The index changed since the persistent index was last written. */
  private dirty = false;
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  /** How many articles the open took from the persistent index without reading their files (known once `verified`). */
  fromCache = 0;
  /** True until the open's full check is over: the index is written once, at its end. */
  private checking = true;

  private constructor(
    /** The library folder's real path. */
    readonly root: string,
    private readonly cache: { readonly file: string; readonly reader: string } | null,
  ) {}

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
    try {
      root = await realpath(folder);
      if (!(await stat(root)).isDirectory()) return fail('io', `${basename(folder)} is not a folder`);
    } catch (e) {
      return fail('io', `cannot open the library ${basename(folder)}: ${errorText(e)}`);
    }
    const cache = options.cacheFolder === undefined ? null : { file: cacheFileOf(options.cacheFolder, root), reader: options.reader ?? READER_VERSION };
    const library = new Library(root, cache);
    // The stamp threads boot while the index is decoded (only when there is an index to compare with).
    const stamper = cache === null || !existsSync(cache.file) ? null : startStamper();
    const cached = cache === null ? null : await loadIndex(cache.file, root, cache.reader);
    if (cached !== null && stamper !== null) {
      library.entries = cached;
      options.onProgress?.({ done: cached.size, total: cached.size });
      const reread = library.reconcile(scanLibrary(root), stamper, options.onProgress);
      library.verified = reread.then(() => undefined);
      library.checked = reread.then((files) => library.checkAll(files));
    } else {
      void stamper?.stamp([]); // the index was unusable: let the threads go
      const files = await scanLibrary(root);
      await library.readAll(files, 0, files.length, options.onProgress);
      library.dirty = true;
      library.checked = library.checkAll(files);
    }
    library.checked = library.checked.finally(() => {
      library.checking = false;
      library.saveSoon(0);
    });
    return ok(library);
  }

  /** Lists files with the fast reader, reporting progress from `done` of `total`. */
  private async readAll(files: readonly ScannedFile[], done: number, total: number, onProgress?: (p: OpenProgress) => void): Promise<void> {
    onProgress?.({ done, total });
    await readMany(files, 'quick', (results) => {
      for (const r of results) this.apply(r);
      done += results.length;
      onProgress?.({ done, total });
    });
  }

  /**
   * Brings an index taken from the persistent index in line with the files: keeps every entry whose
   * file's stamp is unchanged, reads the files that changed or are new, drops the ones that are gone.
   */
  private async reconcile(scanning: Promise<ScannedFile[]>, stamper: Stamper, onProgress?: (p: OpenProgress) => void): Promise<ScannedFile[]> {
    const files = await scanning;
    const stamps = await stamper.stamp(files.map((f) => f.path));
    const unread: ScannedFile[] = [];
    const present = new Set<ArticleId>();
    files.forEach((file, i) => {
      present.add(file.id);
      const stamp = this.entries.get(file.id)?.stamp;
      if (stamp == null || stamp.size !== stamps[i * 3] || stamp.mtimeMs !== stamps[i * 3 + 1] || stamp.ctimeMs !== stamps[i * 3 + 2]) unread.push(file);
    });
    for (const id of [...this.entries.keys()]) if (!present.has(id)) this.remove(id);
    this.fromCache = files.length - unread.length;
    await this.readAll(unread, this.fromCache, files.length, onProgress);
    return unread;
  }

  /** Writes the persistent index `delay` ms from now (sooner calls win), if it has changed. */
  private saveSoon(delay: number): void {
    if (this.cache === null || this.closed) return;
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.saveCache();
    }, delay);
    this.saveTimer.unref();
  }

  /** Writes the persistent index now, if it changed since it was last written. */
  flush(): Promise<void> {
    return this.saveCache();
  }

  /** Writes the persistent index: every checked entry with a trusted stamp. Never fails the library. */
  private saveCache(): Promise<void> {
    const cache = this.cache;
    if (cache === null || !this.dirty) return this.saving;
    this.dirty = false;
    const entries: [ArticleId, CachedEntry][] = [];
    for (const [id, e] of this.entries) if (e.hash !== null && e.hash !== '' && e.stamp !== null) entries.push([id, { summary: e.summary, hash: e.hash, stamp: e.stamp }]);
    const bytes = encodeIndex(this.root, cache.reader, entries);
    this.saving = this.saving.then(() =>
      saveIndex(cache.file, bytes).catch(() => {
        this.dirty = true; // a full disk or a read-only data folder costs the next open time, nothing else
      }),
    );
    return this.saving;
  }

  /** The full check of every file the fast reader listed, on the read pool, while the desk works. */
  private async checkAll(files: readonly ScannedFile[]): Promise<void> {
    const pending = files.filter((f) => this.entries.get(f.id)?.hash === null);
    let done = 0;
    let reported = 0;
    await readMany(
      pending,
      'full',
      (results) => {
        // An entry an edit or the watcher refreshed meanwhile already holds newer bytes.
        for (const r of results) if (this.entries.get(r.id)?.hash === null) this.apply(r);
        done += results.length;
        if (done - reported >= 500 || done === pending.length) {
          reported = done;
          this.emit({ type: 'checking', done, total: pending.length });
        }
      },
      () => this.closed,
    );
  }

  private apply(result: ReadResult): void {
    if (result.kind === 'gone') this.remove(result.id);
    else this.store(result.id, result.summary, result.hash, result.stamp);
  }

  /** Stops background work (the full check) and writes the persistent index if it changed. */
  async close(): Promise<void> {
    if (this.closed) return this.saving;
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    // The background check stops at its next batch; what it had not reached is simply not cached.
    const saved = this.saveCache();
    this.closed = true;
    await saved;
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

  /** The number of articles. */
  get size(): number {
    return this.entries.size;
  }

  /** One article's summary from the index. */
  summary(id: ArticleId): ArticleSummary | undefined {
    return this.entries.get(id)?.summary;
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
    const entry = this.entries.get(id);
    if (entry === undefined || entry.hash === null || entry.hash === '') return null;
    const path = await this.pathOf(id);
    if (!path.ok) return null;
    const bytes = await readFile(path.value).catch(() => null);
    return bytes !== null && contentHash(bytes) === entry.hash ? { bytes, summary: entry.summary, sha256: entry.hash } : null;
  }

  /** The summary and sha256 of an article the full check has seen, or null while it has not. */
  checkedEntry(id: ArticleId): { summary: ArticleSummary; sha256: string } | null {
    const entry = this.entries.get(id);
    return entry === undefined || entry.hash === null || entry.hash === '' ? null : { summary: entry.summary, sha256: entry.hash };
  }

  /** The file's bytes and what they say, read together so they agree (export copies these bytes). */
  async snapshot(id: unknown): Promise<Result<{ bytes: Uint8Array; detail: ArticleDetail }>> {
    const path = await this.pathOf(id);
    if (!path.ok) return path;
    const articleId = id as ArticleId;
    let bytes: Buffer;
    try {
      bytes = await readFile(path.value);
    } catch (e) {
      await this.refresh(articleId);
      return fail('io', `cannot read ${articleId}: ${errorText(e)}`);
    }
    const parsed = parseArticleFile(articleId, bytes);
    if (parsed.kind === 'not-article') {
      this.remove(articleId);
      return fail('not-found', `${articleId} no longer holds front matter`);
    }
    this.store(articleId, parsed.summary, contentHash(bytes), null);
    const readable = parsed.readable;
    return ok({
      bytes,
      detail: {
        summary: parsed.summary,
        article: readable ? toArticle(articleId, readable.data) : null,
        source: readable ? readable.text : new TextDecoder('utf-8').decode(bytes),
      },
    });
  }

  /** Approves (`true`) or withdraws (`false`) an article: a one-line change to its file. */
  setPublished(id: unknown, value: unknown): Promise<Result<ArticleSummary>> {
    if (typeof value !== 'boolean') return Promise.resolve(fail('bad-request', 'published must be true or false'));
    return this.edit(id, { kind: 'set-published', value });
  }

  /** Replaces an article's topics with `topics`, touching only the lines that differ. */
  setTopics(id: unknown, topics: unknown): Promise<Result<ArticleSummary>> {
    const checked = checkTopics(topics);
    if (!checked.ok) return Promise.resolve(checked);
    return this.edit(id, { kind: 'set-topics', topics: checked.value });
  }

  /** Adds and removes topics relative to what the file holds now. */
  async changeTopics(id: unknown, add: readonly string[], remove: readonly string[]): Promise<Result<ArticleSummary>> {
    const current = this.summary(id as ArticleId);
    if (current === undefined) return fail('not-found', `${String(id)} is not an article in this library`);
    const dropped = new Set(remove);
    const kept = current.topics.filter((t) => !dropped.has(t));
    return this.setTopics(id, [...new Set([...kept, ...add])]);
  }

  /** Hears every change to the index; returns the way to stop listening. */
  subscribe(listener: (event: LibraryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads one file from disk after another program touched it, and tells listeners what changed. */
  async refresh(id: ArticleId): Promise<void> {
    const path = await this.pathOf(id);
    if (!path.ok) {
      this.remove(id);
      return;
    }
    await this.load(id, path.value);
  }

  /** Finds every article file again: files that appeared are read, ids whose files went are dropped. */
  async rescan(): Promise<void> {
    const files = await scanLibrary(this.root);
    const present = new Set(files.map((f) => f.id));
    for (const id of [...this.entries.keys()]) if (!present.has(id)) this.remove(id);
    for (const file of files) if (!this.entries.has(file.id)) await this.load(file.id, file.path);
  }

  private edit(id: unknown, edit: FrontMatterEdit): Promise<Result<ArticleSummary>> {
    const checked = checkId(id);
    if (!checked.ok) return Promise.resolve(checked);
    // Queued before anything asynchronous, so edits of one article apply in the order they were asked.
    return this.serialize(checked.value, async () => {
      const path = await this.pathOf(checked.value);
      return path.ok ? this.editNow(checked.value, path.value, edit) : path;
    });
  }

  private async editNow(id: ArticleId, path: string, edit: FrontMatterEdit): Promise<Result<ArticleSummary>> {
    const entry = this.entries.get(id);
    if (entry === undefined) return fail('not-found', `${id} is not an article in this library`);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      await this.refresh(id);
      return fail('io', `cannot read ${id}: ${errorText(e)}`);
    }
    const hash = contentHash(bytes);
    const parsed = parseArticleFile(id, bytes);
    // An entry the full check has not reached yet is compared by what it shows rather than by hash.
    const unchanged = entry.hash === null ? parsed.kind === 'article' && sameListing(parsed.summary, entry.summary) : hash === entry.hash;
    if (!unchanged) {
      await this.load(id, path);
      return fail('conflict', `${id} was changed by another program; their version is kept and now shown. Make your change again if it still applies.`);
    }
    if (parsed.kind !== 'article' || parsed.readable === null) {
      return fail('has-errors', `${id} cannot be edited until its error is fixed: ${describeErrors(entry.summary.problems)}`);
    }
    const edited = editFrontMatterData(parsed.readable, edit);
    if (!edited.ok) return edited;
    if (edited.value.text === parsed.readable.text) return ok(entry.summary);
    const newBytes = UTF8.encode(edited.value.text);
    const saved = await UNSAFE_replaceFile(path, newBytes, hash);
    if (!saved.ok) {
      if (saved.error.kind === 'conflict') await this.load(id, path);
      return saved;
    }
    // The edit was verified by re-reading its YAML: that data gives the new summary, no third parse.
    const block = locateFrontMatter(edited.value.text);
    if (block === null || block === 'unterminated') return fail('io', `${id} no longer reads as an article after saving`);
    const summary = summaryOf(id, yamlOf(edited.value.text, block), edited.value.data);
    // A file just written has no trusted stamp (file times are coarse); the next read gives it one.
    this.store(id, summary, contentHash(newBytes), null);
    return ok(summary);
  }

  /** Runs edits of one article one after another, so quick toggles never race each other. */
  private serialize<T>(id: ArticleId, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id);
    });
    return run;
  }

  private async pathOf(id: unknown): Promise<Result<string>> {
    return UNSAFE_resolveId(this.root, id);
  }

  /** Reads and checks one file into the index; a file that is gone or not an article leaves it. */
  private async load(id: ArticleId, knownPath?: string): Promise<void> {
    let read: { bytes: Buffer; stamp: FileStamp | null };
    try {
      read = readWithStamp(knownPath ?? (await this.pathOrThrow(id)));
    } catch (e) {
      if (isMissing(e)) this.remove(id);
      else this.store(id, unreadable(id, e), '', null);
      return;
    }
    const parsed = parseArticleFile(id, read.bytes);
    if (parsed.kind === 'not-article') this.remove(id);
    else this.store(id, parsed.summary, contentHash(read.bytes), read.stamp);
  }

  private async pathOrThrow(id: ArticleId): Promise<string> {
    const path = await this.pathOf(id);
    if (!path.ok) throw Object.assign(new Error(path.error.message), { code: 'ENOENT' });
    return path.value;
  }

  private store(id: ArticleId, summary: ArticleSummary, hash: string | null, stamp: FileStamp | null): void {
    const before = this.entries.get(id);
    if (before !== undefined && before.hash === hash && hash !== '' && hash !== null) {
      if (before.stamp === null && stamp !== null) this.entries.set(id, { summary: before.summary, hash: before.hash, stamp });
      return;
    }
    this.entries.set(id, { summary, hash, stamp });
    this.dirty = true;
    if (!this.checking) this.saveSoon(SAVE_DELAY_MS);
    // The order is by id: a new id reorders, a new summary for a known id only replaces it.
    if (before === undefined) this.sorted = null;
    // The full check confirming what the fast reader listed is news to nobody: no event for it.
    if (before !== undefined && before.hash === null && sameListing(summary, before.summary)) return;
    this.emit({ type: before === undefined ? 'added' : 'changed', summary });
  }

  private remove(id: ArticleId): void {
    if (!this.entries.delete(id)) return;
    this.dirty = true;
    if (!this.checking) this.saveSoon(SAVE_DELAY_MS);
    this.sorted = null;
    this.emit({ type: 'removed', id });
  }

  private emit(event: LibraryEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** Validates a topics list sent from outside: a list of distinct, non-empty, one-line strings. */
export function checkTopics(topics: unknown): Result<readonly string[]> {
  if (!Array.isArray(topics) || topics.length > 1000) return fail('bad-request', 'topics must be a list of at most 1,000 texts');
  const seen = new Set<string>();
  for (const t of topics) {
    if (typeof t !== 'string' || t.trim() === '' || t.length > 200 || /[\r\n]/.test(t)) {
      return fail('bad-request', `"${String(t).slice(0, 50)}" is not a valid topic: use one line of at most 200 characters`);
    }
    if (seen.has(t)) return fail('bad-request', `the topic "${t}" is listed twice`);
    seen.add(t);
  }
  return ok(topics as readonly string[]);
}

/** A summary without the `checked` mark, for comparing what two reads show. */
function withoutChecked(summary: ArticleSummary): ArticleSummary {
  const { checked: _checked, ...rest } = summary;
  return rest;
}

/** True when two reads of a file show the same listing. */
function sameListing(a: ArticleSummary, b: ArticleSummary): boolean {
  return isDeepStrictEqual(withoutChecked(a), withoutChecked(b));
}

function describeErrors(problems: readonly Problem[]): string {
  return problems
    .filter((p) => p.level === 'error')
    .map((p) => problemPlace(p) + p.message)
    .join('; ');
}

function isMissing(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function unreadable(id: ArticleId, e: unknown): ArticleSummary {
  return unreadableSummary(id, [{ level: 'error', code: 'unreadable', message: `the file cannot be read: ${errorText(e)}` }]);
}
