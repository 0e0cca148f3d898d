/** What the main thread reads of one article's file into the index: for the pane, an export, a watch event or an edit. */
import { readFile } from 'node:fs/promises';
import type { ArticleDetail, ArticleId, ArticleSummary } from '../../shared/article.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { toArticle, unreadableSummary, withFile } from './article-model.js';
import type { BackgroundPasses } from './background-passes.js';
import { writable } from './library-edit.js';
import type { IndexEntry, LibraryIndex } from './library-index.js';
import { UNSAFE_resolveId } from './library-paths.js';
import { isMissing, type LibraryRoot } from './library-root.js';
import { parsedApprovable, readWithStamp, type FileStamp } from './read-one.js';
import { parseArticleFile } from './read-article.js';
import { contentHash, errorText } from './save.js';

/** What the reads keep up to date, and whom they tell when the folder is gone. */
export interface ReadsTarget {
  readonly folder: LibraryRoot;
  readonly index: LibraryIndex;
  /** Told what the main thread read or wrote, so a pass under way does not store an older read of it. */
  readonly passes: BackgroundPasses;
  /** Told whenever a read or an edit finds the folder gone (see `Library.onFolderGone`). */
  readonly onGone: () => void;
}

/**
 * The main thread's reads of single files: each resolves its id inside the library, reads the bytes
 * and their stamp together, and stores what it read as newer than any background pass's read.
 */
export class LibraryReads {
  constructor(private readonly target: ReadsTarget) {}

  private get root(): string {
    return this.target.folder.path;
  }

  /** The file's bytes and what they say, read together so they agree (export copies these bytes). */
  async snapshot(id: unknown): Promise<Result<{ bytes: Uint8Array; detail: ArticleDetail }>> {
    const path = await this.pathOf(id);
    if (!path.ok) {
      if (path.error.kind === 'not-found') this.removeNow(id as ArticleId); // gone: the list follows
      return path;
    }
    const articleId = id as ArticleId;
    // Read at once, as an edit reads, so no save comes between the read and what the index keeps of it.
    let read: { bytes: Buffer; stamp: FileStamp | null; mode: number; links: number };
    try {
      read = readWithStamp(path.value);
    } catch {
      // Gone, the refresh takes it off the list. Still there but not readable (its permissions, a
      // file too large): its detail is a broken file's, its error in its summary and no text to show.
      await this.refresh(articleId);
      const summary = this.target.index.get(articleId)?.summary;
      if (summary === undefined) return fail('not-found', `${articleId} no longer exists`);
      return ok({ bytes: new Uint8Array(0), detail: { summary, article: null, source: '', bodyStart: null, readOnly: false } });
    }
    const { bytes } = read;
    const parsed = parseArticleFile(articleId, bytes);
    if (parsed.kind === 'not-article') {
      this.removeNow(articleId);
      return fail('not-found', `${articleId} no longer holds front matter`);
    }
    const summary = withFile(parsed.summary, read);
    this.storeNow(articleId, { summary, hash: contentHash(bytes), stamp: read.stamp, quickApprove: parsedApprovable(bytes, parsed) });
    const readable = parsed.readable;
    return ok({
      bytes,
      detail: {
        summary,
        article: readable ? toArticle(articleId, readable.data) : null,
        source: readable ? readable.text : new TextDecoder('utf-8').decode(bytes),
        bodyStart: readable ? bodyStartOf(readable.text, readable.block.yamlEnd) : null,
        readOnly: !writable(path.value, read.mode),
      },
    });
  }

  /**
   * The file's bytes with its indexed summary, when the full check has seen exactly these bytes
   * (same sha256): an export of files can then copy them without parsing again. Null otherwise.
   */
  async checkedBytes(id: ArticleId): Promise<{ bytes: Uint8Array; summary: ArticleSummary; sha256: string } | null> {
    const entry = this.target.index.get(id);
    if (entry === undefined || entry.hash === null || entry.hash === '') return null;
    const path = await this.pathOf(id);
    if (!path.ok) return null;
    const bytes = await readFile(path.value).catch(() => null);
    return bytes !== null && contentHash(bytes) === entry.hash ? { bytes, summary: entry.summary, sha256: entry.hash } : null;
  }

  /** Where a listed article's file is, resolved inside the library; a file found gone leaves the list. */
  async fileOf(id: unknown): Promise<Result<string>> {
    if (typeof id !== 'string' || this.target.index.get(id) === undefined) return fail('not-found', 'there is no such article in this library');
    const path = await this.pathOf(id);
    if (!path.ok && path.error.kind === 'not-found') this.removeNow(id); // gone: the list follows
    return path;
  }

  /** Re-reads one file from disk after another program touched it; the index tells listeners what changed. */
  async refresh(id: ArticleId): Promise<void> {
    const path = await this.pathOf(id);
    if (!path.ok) {
      if (path.error.kind !== 'gone') this.removeNow(id);
      return;
    }
    await this.load(id, path.value);
  }

  /** Reads and checks one file into the index; a file that is gone or not an article leaves it. */
  async load(id: ArticleId, knownPath?: string): Promise<void> {
    let read: { bytes: Buffer; stamp: FileStamp | null; mode: number; links: number };
    try {
      read = readWithStamp(knownPath ?? (await this.pathOrThrow(id)));
    } catch (e) {
      if (isMissing(e)) {
        if (!this.folderGone()) this.removeNow(id);
      } else this.storeNow(id, { summary: unreadable(id, e), hash: '', stamp: null, quickApprove: false });
      return;
    }
    const hash = contentHash(read.bytes);
    const known = this.target.index.get(id);
    if (known !== undefined && known.hash === hash && hash !== '') {
      // The very bytes the index last read or wrote (the watcher reporting a save, or a change of
      // permissions): they parse the same, so they are not parsed again; only the stamp is new, and
      // whether the file is read-only or has other names. (Field by field: an entry taken from the persistent index
      // serves its hash and approval through getters, which a spread would leave behind.)
      this.storeNow(id, { summary: withFile(known.summary, read), hash: known.hash, stamp: read.stamp, quickApprove: known.quickApprove });
      return;
    }
    const parsed = parseArticleFile(id, read.bytes);
    if (parsed.kind === 'not-article') this.removeNow(id);
    else this.storeNow(id, { summary: withFile(parsed.summary, read), hash, stamp: read.stamp, quickApprove: parsedApprovable(read.bytes, parsed) });
  }

  /** Stores what the main thread has just read or written, newer than what any pass under way has read of it. */
  storeNow(id: ArticleId, entry: IndexEntry): void {
    this.target.passes.touch(id);
    this.target.index.store(id, entry);
  }

  /** Drops an article the main thread found gone, or no longer an article (see `storeNow`). */
  removeNow(id: ArticleId): void {
    this.target.passes.touch(id);
    this.target.index.remove(id);
  }

  /**
   * Whether the library folder is no longer where it was opened: moved, renamed or deleted, its
   * drive or share removed, or another folder put in its place.
   */
  folderGone(): boolean {
    return this.target.folder.gone();
  }

  /** What a read or an edit is told while the folder is gone; tells the library's listener too. */
  goneFailure(): Result<never> {
    this.target.onGone();
    return fail('gone', this.target.folder.goneMessage());
  }

  private async pathOf(id: unknown): Promise<Result<string>> {
    const path = await UNSAFE_resolveId(this.root, id);
    // A file not found, told as what it is when the whole folder is gone.
    return path.ok || path.error.kind !== 'not-found' || !this.folderGone() ? path : this.goneFailure();
  }

  private async pathOrThrow(id: ArticleId): Promise<string> {
    const path = await this.pathOf(id);
    if (!path.ok) throw Object.assign(new Error(path.error.message), { code: 'ENOENT' });
    return path.value;
  }
}

/** The start of the line after the closing `---` line that starts at `closing`; the text's end when there is none. */
export function bodyStartOf(text: string, closing: number): number {
  const end = text.indexOf('\n', closing);
  return end === -1 ? text.length : end + 1;
}

function unreadable(id: ArticleId, e: unknown): ArticleSummary {
  return unreadableSummary(id, [{ level: 'error', code: 'unreadable', message: `the file cannot be read: ${errorText(e)}` }]);
}
