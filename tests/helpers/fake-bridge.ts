/** An in-memory bridge for renderer tests: what main would answer, and a log of what was asked. */
import type { ArticleDetail, ArticleSummary, RelatedArticle } from '../../shared/article.js';
import type { Bridge, LibraryEventMessage, UnreadableFolder } from '../../shared/contract.js';
import { fail, ok, type FailureKind } from '../../shared/result.js';

/** The approved article an error keeps out of every export the fake previews or runs. */
const HELD_BACK = [{ id: 'broken.md', title: 'broken.md', reason: 'line 2: YAML syntax' }];

/** A summary with defaults. */
export function summary(id: string, fields: Partial<ArticleSummary> = {}): ArticleSummary {
  return { id, title: id, excerpt: '', published: false, topics: [], problems: [], ...fields };
}

/** The fake and its controls. */
/**
 * A bridge over `initial`, as main would answer. With `canShowFiles` it is the app's (which shows
 * files: an article whose id holds "no-app" has no app to open it); without, a browser page's.
 * `bodies` gives articles text after their front matter, by id.
 */
export function fakeBridge(
  initial: readonly ArticleSummary[],
  pageSize = 2,
  related: Readonly<Record<string, readonly RelatedArticle[]>> = {},
  { canShowFiles = false, bodies = {} as Readonly<Record<string, string>> } = {},
) {
  let articles = [...initial];
  /** The open library's key, as main names it (see `LibraryKey`). */
  let library = 'library-1';
  /** The open library's folder name. */
  let name = 'Test library';
  /** Why its folder is not watched, once main knows (see `LibraryListing.unwatched`). */
  let unwatched: string | undefined;
  /** The folders main could not read (see `LibraryListing.unreadableFolders`). */
  let unreadableFolders: readonly UnreadableFolder[] = [];
  const calls: { name: string; args: unknown[] }[] = [];
  const listeners = new Set<(e: LibraryEventMessage) => void>();
  let conflictNext = false;
  /** While set, a topic change waits for it before main takes it up (a slow disk). */
  let held: Promise<void> | null = null;
  const update = (id: string, change: Partial<ArticleSummary>, madeIn: string) => {
    if (madeIn !== library) return fail<ArticleSummary>('not-found', 'this article was in the library open before; nothing was changed');
    const found = articles.find((a) => a.id === id);
    if (!found) return fail<ArticleSummary>('not-found', `${id} is not an article`);
    if (conflictNext) {
      conflictNext = false;
      return fail<ArticleSummary>('conflict', `${id} was changed by another program; their version is kept`);
    }
    const next = { ...found, ...change };
    articles = articles.map((a) => (a.id === id ? next : a));
    return ok(next);
  };
  const bridge: Bridge = {
    canShowFiles,
    listArticles: async (after, count) => {
      // Pages of at most two (unless told), to exercise the desk's paging.
      const size = Math.min(count, pageSize);
      const sorted = [...articles].sort((a, b) => (a.id < b.id ? -1 : 1));
      const from = after === null ? 0 : sorted.findIndex((a) => a.id > after);
      const page = from === -1 ? [] : sorted.slice(from, from + size);
      return ok({ name, library, total: articles.length, articles: page, done: from === -1 || from + size >= sorted.length, ...(unwatched !== undefined && { unwatched }), ...(unreadableFolders.length > 0 && { unreadableFolders }) });
    },
    readArticle: async (id) => {
      calls.push({ name: 'readArticle', args: [id] });
      const found = articles.find((a) => a.id === id);
      if (!found) return fail('not-found', 'gone');
      const broken = found.problems.some((p) => p.level === 'error');
      const head = `---\ntitle: ${found.title}\n---\n`;
      const detail: ArticleDetail = {
        summary: found,
        // As main answers: a file with an error does not read as an article, only its source is shown.
        article: broken ? null : { id, title: found.title, excerpt: found.excerpt, published: found.published, topics: found.topics, images: [], related: related[id] ?? [], extra: { secured: 'A'.repeat(200), featuredContent: '<iframe src="https://evil.example"></iframe><script>window.hacked=1</script>' } },
        source: head + (bodies[id] ?? ''),
        bodyStart: broken ? null : head.length,
        readOnly: found.title.includes('read-only'),
      };
      return ok(detail);
    },
    setPublished: async (id, value, madeIn) => {
      calls.push({ name: 'setPublished', args: [id, value] });
      return update(id, { published: value }, madeIn);
    },
    setPublishedMany: async (ids, value, madeIn) => {
      calls.push({ name: 'setPublishedMany', args: [ids, value] });
      if (madeIn !== library) return fail('not-found', 'this article was in the library open before; nothing was changed');
      const saved: ArticleSummary[] = [];
      const failed: { id: string; kind: FailureKind; message: string }[] = [];
      for (const id of ids) {
        if (articles.find((a) => a.id === id)?.published === value) continue;
        const result = update(id, { published: value }, madeIn);
        if (result.ok) saved.push(result.value);
        else failed.push({ id, kind: result.error.kind, message: result.error.message });
      }
      return ok({ saved, failed });
    },
    setTopicsMany: async (changes, madeIn) => {
      calls.push({ name: 'setTopicsMany', args: [changes] });
      if (madeIn !== library) return fail('not-found', 'this article was in the library open before; nothing was changed');
      const saved: ArticleSummary[] = [];
      const failed: { id: string; kind: FailureKind; message: string }[] = [];
      for (const { id, topics, from } of changes) {
        const now = articles.find((a) => a.id === id)?.topics;
        if (now !== undefined && now.join('\n') === topics.join('\n')) continue;
        const result = now !== undefined && now.join('\n') !== from.join('\n') ? fail<ArticleSummary>('conflict', `the topics of ${id} were changed by another program`) : update(id, { topics }, madeIn);
        if (result.ok) saved.push(result.value);
        else failed.push({ id, kind: result.error.kind, message: result.error.message });
      }
      return ok({ saved, failed });
    },
    setTopics: async (id, topics, from, madeIn) => {
      calls.push({ name: 'setTopics', args: [id, topics] });
      await held;
      const now = articles.find((a) => a.id === id)?.topics;
      if (now !== undefined && now.join('\n') !== from.join('\n')) return fail<ArticleSummary>('conflict', `the topics of ${id} were changed by another program`);
      return update(id, { topics }, madeIn);
    },
    openExternal: async (url) => {
      calls.push({ name: 'openExternal', args: [url] });
      return ok(null);
    },
    previewExport: async (query) => {
      calls.push({ name: 'previewExport', args: [query] });
      const approved = articles.filter((a) => a.published && (query?.topic === undefined || a.topics.includes(query.topic)));
      return ok({ count: approved.length, withWarnings: 0, heldBack: HELD_BACK });
    },
    chooseExportDestination: async (format) => {
      calls.push({ name: 'chooseExportDestination', args: [format] });
      return ok({ destination: `exports/library-approved.${format}` });
    },
    runExport: async (request) => {
      calls.push({ name: 'runExport', args: [request] });
      const count = articles.filter((a) => a.published).length;
      listeners.forEach((l) => l({ type: 'export-progress', done: count, total: count }));
      return ok({ count, withWarnings: 0, heldBack: HELD_BACK, destination: `exports/library-approved.${request.format}`, canReveal: true });
    },
    cancelExport: async () => ok(null),
    revealExport: async () => {
      calls.push({ name: 'revealExport', args: [] });
      return ok(null);
    },
    showArticleFile: async (id, how, madeIn) => {
      calls.push({ name: 'showArticleFile', args: [id, how, madeIn] });
      if (!canShowFiles) return fail('bad-request', 'only the Masthead app can show files');
      if (madeIn !== library || !articles.some((a) => a.id === id)) return fail('not-found', `${id} no longer exists`);
      return how === 'app' && id.includes('no-app') ? fail('io', 'no app is set to open such files') : ok(null);
    },
    lookForChanges: async () => {
      calls.push({ name: 'lookForChanges', args: [] });
      return ok(null);
    },
    reopenLibrary: async () => {
      calls.push({ name: 'reopenLibrary', args: [] });
      listeners.forEach((l) => l({ type: 'reloaded', name, library }));
      return ok(null);
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    bridge,
    calls,
    /** Pushes an event as main would. */
    emit: (event: LibraryEventMessage) => listeners.forEach((l) => l(event)),
    /** Another program changes an article's file: main holds the new version, and tells the desk. */
    changeOnDisk: (next: ArticleSummary) => {
      articles = articles.map((a) => (a.id === next.id ? next : a));
      listeners.forEach((l) => l({ type: 'changed', summary: next }));
    },
    /** Opens another library in its place (the desk is told by a `reloaded` event, as main tells it). */
    replaceLibrary: (next: readonly ArticleSummary[], key: string, folderName = name) => {
      articles = [...next];
      library = key;
      name = folderName;
    },
    /** Main finds the folder cannot be watched: the lists it answers say why from now on. */
    unwatch: (reason: string) => (unwatched = reason),
    /** Main finds these folders cannot be read: the lists it answers name them from now on. */
    cannotRead: (folders: readonly UnreadableFolder[]) => (unreadableFolders = folders),
    /** Makes the next edit fail as a conflict. */
    conflictNext: () => (conflictNext = true),
    /** Holds topic changes until the answer is called, as a slow disk would. */
    holdSaves: (): (() => void) => {
      let release = (): void => undefined;
      held = new Promise((resolve) => (release = resolve));
      return () => {
        held = null;
        release();
      };
    },
  };
}
