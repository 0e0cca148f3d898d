/** The edits an open library takes: each checked as sent, queued per article, and answered with the article's new state. */
import type { ArticleId, ArticleSummary } from '../../shared/article.js';
import { MAX_BULK, type BulkOutcome } from '../../shared/contract.js';
import { fail, ok, type FailureKind, type Result } from '../../shared/result.js';
import type { FrontMatterEdit } from './front-matter-edit.js';
import { KeyedQueue } from './keyed-queue.js';
import { checkTopics, editArticleFile } from './library-edit.js';
import type { IndexEntry } from './library-index.js';
import { checkId, UNSAFE_resolveIdSync } from './library-paths.js';
import { SavedVersions } from './saved-versions.js';
import { syncFolders } from './save.js';

/** What the edits need of the open library. */
export interface EditedLibrary {
  /** The library folder's real path. */
  readonly root: string;
  /** An article's index entry: what its file held when last read or written. */
  entry(id: ArticleId): IndexEntry | undefined;
  /** Takes what a save wrote into the index. */
  saved(id: ArticleId, entry: IndexEntry): void;
  /** Reads one file again into the index, after an edit found it changed or refused it. */
  load(id: ArticleId, path: string): Promise<void>;
  /** Reads one file again after it could not be read, finding its path afresh. */
  refresh(id: ArticleId): Promise<void>;
  /** Removes a save's aside link once the save has answered (see save.ts). */
  tidy(aside: string): void;
  /** A save gave a file with other names (hard links) a file of its own; those names keep bytes hashing to `hash`. */
  parted(hash: string): void;
  /** The failure to answer while no file may be written (the library closed, or its folder gone), or null. */
  refusal(): Result<never> | null;
}

/** Approvals and topic changes, one article or many. Every argument is `unknown`: it comes from outside. */
export class ArticleEdits {
  /** The versions of each article Masthead saved, so an undo writes the very bytes it replaced (see saved-versions.ts). */
  private readonly versions = new SavedVersions();
  /** Edits of one article run one after another, so quick toggles never race each other. */
  private readonly queue = new KeyedQueue<ArticleId>();

  constructor(private readonly library: EditedLibrary) {}

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
   * second flush of the disk per file), so every change answered is durable.
   */
  setPublishedMany(ids: unknown, value: unknown): Promise<Result<BulkOutcome>> {
    if (typeof value !== 'boolean') return Promise.resolve(fail('bad-request', 'published must be true or false'));
    if (!Array.isArray(ids) || ids.length > MAX_BULK) return Promise.resolve(fail('bad-request', `ids must be a list of at most ${MAX_BULK} article ids`));
    return this.many(ids as unknown[], (id, unsynced) =>
      typeof id === 'string' && this.library.entry(id)?.summary.published === value ? null : { id, result: this.edit(id, { kind: 'set-published', value }, undefined, unsynced) },
    );
  }

  /**
   * Replaces an article's topics with `topics`, touching only the lines that differ. With `from`
   * (the list the change was made from), a file whose topics are no longer that list is left as it
   * is: the change answers a conflict instead of overwriting another program's topics. With
   * `unsynced`, the caller makes the save durable (see `UNSAFE_replaceFileSync`).
   */
  setTopics(id: unknown, topics: unknown, from?: unknown, unsynced?: Set<string>): Promise<Result<ArticleSummary>> {
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

  /**
   * Sets the topics of many articles, each as `setTopics` with its `from` (required here): one whose
   * file holds other topics than `from` is left as it is and named, and the rest go on; one that
   * already has its new topics is skipped (left out of `saved`). Folders are
   * synced once at the end, before the answer, as `setPublishedMany` does. At most `MAX_BULK` changes.
   */
  setTopicsMany(changes: unknown): Promise<Result<BulkOutcome>> {
    if (!Array.isArray(changes) || changes.length > MAX_BULK) return Promise.resolve(fail('bad-request', `changes must be a list of at most ${MAX_BULK} topic changes`));
    return this.many(changes as unknown[], (change, unsynced) => {
      const { id, topics, from } = (typeof change === 'object' && change !== null ? change : {}) as { id?: unknown; topics?: unknown; from?: unknown };
      // Already so: nothing written, and nothing for an undo to change back.
      const now = typeof id === 'string' ? this.library.entry(id)?.summary.topics : undefined;
      if (now !== undefined && Array.isArray(topics) && sameList(topics as readonly string[], now)) return null;
      if (from === undefined) return { id, result: Promise.resolve(fail('bad-request', 'each topic change must give the topics it was made from')) };
      return { id, result: this.setTopics(id, topics, from, unsynced) };
    });
  }

  /** Adds and removes topics relative to what the file holds now. */
  changeTopics(id: unknown, add: readonly string[], remove: readonly string[]): Promise<Result<ArticleSummary>> {
    const current = typeof id === 'string' ? this.library.entry(id)?.summary : undefined;
    if (current === undefined) return Promise.resolve(fail('not-found', `there is no article ${String(id)} in this library`));
    const dropped = new Set(remove);
    // A proper list, as the desk writes: a file's empty topics go (and the Set below drops repeats).
    const kept = current.topics.filter((t) => !dropped.has(t) && t.trim() !== '');
    return this.setTopics(id, [...new Set([...kept, ...add])]);
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
    const failed: { id: ArticleId; kind: FailureKind; message: string }[] = [];
    const unsynced = new Set<string>();
    try {
      for (const item of items) {
        const made = edit(item, unsynced);
        if (made === null) continue;
        const result = await made.result;
        if (result.ok) saved.push(result.value);
        else failed.push({ id: String(made.id).slice(0, 4096), kind: result.error.kind, message: result.error.message });
      }
    } finally {
      syncFolders(unsynced);
    }
    return ok({ saved, failed });
  }

  /**
   * `topicsWere`: the topics the edit was made from, when they must still be the file's (see
   * `setTopics`). With `unsynced`, the caller makes the save durable (see `UNSAFE_replaceFileSync`).
   */
  private edit(id: unknown, edit: FrontMatterEdit, topicsWere?: readonly string[], unsynced?: Set<string>): Promise<Result<ArticleSummary>> {
    const checked = checkId(id);
    if (!checked.ok) return Promise.resolve(checked);
    // Queued before anything asynchronous, so edits of one article apply in the order they were asked.
    return this.queue.run(checked.value, () => {
      // Resolved, read, checked and written in one synchronous step (see library-edit.ts).
      // A library closed is never written to (its watch has stopped: the index would not follow), nor
      // a folder gone, or another put in its place, whatever its files' names.
      // An id the library does not list: a typo on the command line, or an article another program
      // removed. Said so, rather than as a file that went, which only the second is.
      const path =
        this.library.refusal() ??
        (this.library.entry(checked.value) === undefined
          ? fail('not-found', `there is no article ${checked.value} in this library`)
          : UNSAFE_resolveIdSync(this.library.root, checked.value));
      return path.ok ? this.editNow(checked.value, path.value, edit, topicsWere, unsynced) : Promise.resolve(path);
    });
  }

  private async editNow(id: ArticleId, path: string, edit: FrontMatterEdit, topicsWere: readonly string[] | undefined, unsynced?: Set<string>): Promise<Result<ArticleSummary>> {
    const entry = this.library.entry(id);
    if (entry === undefined) return fail('not-found', `there is no article ${id} in this library`);
    // The index holds what the file said when last read; editArticleFile then checks the file is still that.
    if (topicsWere !== undefined && !sameList(topicsWere, entry.summary.topics)) {
      return fail('conflict', `the topics of ${id} were changed by another program; their version is kept and now shown. Make your change again if it still applies.`);
    }
    const outcome = editArticleFile(id, path, entry, edit, this.versions, unsynced);
    switch (outcome.kind) {
      case 'saved':
        // A file just written has no trusted stamp (file times are coarse); the next read gives it one.
        this.library.saved(id, { summary: outcome.summary, hash: outcome.hash, stamp: null, quickApprove: outcome.quickApprove });
        if (outcome.aside !== null) this.library.tidy(outcome.aside);
        if (outcome.parted !== null) this.library.parted(outcome.parted);
        return ok(outcome.summary);
      case 'unchanged':
        return ok(entry.summary);
      case 'stale':
        await this.library.load(id, path);
        return fail('conflict', outcome.message);
      case 'unreadable':
        await this.library.refresh(id);
        return fail('io', outcome.message);
      case 'failed':
        // Refused as read-only: the list learns it too, if the file was made so since it was read.
        if (!outcome.failure.ok && outcome.failure.error.kind === 'not-editable') await this.library.load(id, path);
        return outcome.failure;
      default:
        return outcome satisfies never;
    }
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
