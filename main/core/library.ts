/** An open article library: the index of every article, full reads, lossless edits and live updates. */
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ArticleDetail, ArticleId, ArticleSummary, Problem } from '../../shared/article.js';
import { problemPlace } from '../../shared/article.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { toArticle, unreadableSummary } from './article-model.js';
import { editFrontMatter, type FrontMatterEdit } from './front-matter-edit.js';
import { scanLibrary, UNSAFE_resolveId } from './library-paths.js';
import { parseArticleFile } from './read-article.js';
import { contentHash, errorText, UNSAFE_replaceFile } from './save.js';

/** What the index keeps per article: the list's fields and what the file held when read. */
interface Entry {
  readonly summary: ArticleSummary;
  readonly hash: string;
}

/** A change to the index, whoever made it. */
export type LibraryEvent =
  | { readonly type: 'added' | 'changed'; readonly summary: ArticleSummary }
  | { readonly type: 'removed'; readonly id: ArticleId };

/** Progress of a long open. */
export interface OpenProgress {
  readonly done: number;
  readonly total: number;
}

const READ_CONCURRENCY = 32;
const UTF8 = new TextEncoder();

/** An open library. Create with `Library.open`. */
export class Library {
  private readonly entries = new Map<ArticleId, Entry>();
  private readonly listeners = new Set<(event: LibraryEvent) => void>();
  private readonly queues = new Map<ArticleId, Promise<unknown>>();

  private constructor(
    /** The library folder's real path. */
    readonly root: string,
  ) {}

  /** Opens a folder: scans it and reads every article. Fails only when the folder itself cannot be read. */
  static async open(folder: string, onProgress?: (p: OpenProgress) => void): Promise<Result<Library>> {
    let root: string;
    try {
      root = await realpath(folder);
      if (!(await stat(root)).isDirectory()) return fail('io', `${basename(folder)} is not a folder`);
    } catch (e) {
      return fail('io', `cannot open the library ${basename(folder)}: ${errorText(e)}`);
    }
    const library = new Library(root);
    const files = await scanLibrary(root);
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length) {
        const { id, path } = files[next++]!;
        await library.load(id, path);
        done++;
        if (onProgress && (done % 1000 === 0 || done === files.length)) onProgress({ done, total: files.length });
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
    return ok(library);
  }

  /** Every article's summary, in id order. */
  list(): ArticleSummary[] {
    return [...this.entries.values()].map((e) => e.summary).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
    this.store(articleId, parsed.summary, contentHash(bytes));
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

  private async edit(id: unknown, edit: FrontMatterEdit): Promise<Result<ArticleSummary>> {
    const path = await this.pathOf(id);
    if (!path.ok) return path;
    return this.serialize(id as ArticleId, () => this.editNow(id as ArticleId, path.value, edit));
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
    if (hash !== entry.hash) {
      await this.load(id, path);
      return fail('conflict', `${id} was changed by another program; their version is kept and now shown. Make your change again if it still applies.`);
    }
    const parsed = parseArticleFile(id, bytes);
    if (parsed.kind !== 'article' || parsed.readable === null) {
      return fail('has-errors', `${id} cannot be edited until its error is fixed: ${describeErrors(entry.summary.problems)}`);
    }
    const edited = editFrontMatter(parsed.readable, edit);
    if (!edited.ok) return edited;
    if (edited.value === parsed.readable.text) return ok(entry.summary);
    const newBytes = UTF8.encode(edited.value);
    const saved = await UNSAFE_replaceFile(path, newBytes, hash);
    if (!saved.ok) {
      if (saved.error.kind === 'conflict') await this.load(id, path);
      return saved;
    }
    const reparsed = parseArticleFile(id, newBytes);
    if (reparsed.kind !== 'article') return fail('io', `${id} no longer reads as an article after saving`);
    this.store(id, reparsed.summary, contentHash(newBytes));
    return ok(reparsed.summary);
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

  /** Reads a file into the index; a file that is gone or not an article leaves it. */
  private async load(id: ArticleId, knownPath?: string): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = await readFile(knownPath ?? (await this.pathOrThrow(id)));
    } catch (e) {
      if (isMissing(e)) this.remove(id);
      else this.store(id, unreadable(id, e), '');
      return;
    }
    const parsed = parseArticleFile(id, bytes);
    if (parsed.kind === 'not-article') this.remove(id);
    else this.store(id, parsed.summary, contentHash(bytes));
  }

  private async pathOrThrow(id: ArticleId): Promise<string> {
    const path = await this.pathOf(id);
    if (!path.ok) throw Object.assign(new Error(path.error.message), { code: 'ENOENT' });
    return path.value;
  }

  private store(id: ArticleId, summary: ArticleSummary, hash: string): void {
    const before = this.entries.get(id);
    if (before !== undefined && before.hash === hash && hash !== '') return;
    this.entries.set(id, { summary, hash });
    this.emit({ type: before === undefined ? 'added' : 'changed', summary });
  }

  private remove(id: ArticleId): void {
    if (this.entries.delete(id)) this.emit({ type: 'removed', id });
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
