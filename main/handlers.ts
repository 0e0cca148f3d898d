/** The contract's requests, implemented over the open library; shared by the Electron shell and the browser host. */
import { isSafeExternalUrl, MAX_PAGE, type Handlers, type LibraryKey } from '../shared/contract.js';
import { fail, ok, type Result } from '../shared/result.js';
import type { Library } from './core/library.js';
import type { ExportDesk } from './export-desk.js';
import type { Session } from './session.js';

function arity<T>(expected: number, args: unknown[]): Promise<Result<T>> {
  return Promise.resolve(fail('bad-request', `expected ${expected} argument(s), got ${args.length}`));
}

/** Opens a vetted http(s) URL in the system browser; each host supplies its own. */
export type OpenExternal = (url: string) => Promise<Result<null>>;

/**
 * Shows a file in the system's file manager, or opens it in the app the system gives its kind (as
 * Electron's `shell.showItemInFolder` and `shell.openPath`: the latter answers an error in words,
 * or '' once opened). Only the Electron app has them.
 */
export interface FileShell {
  readonly reveal: (path: string) => void;
  readonly open: (path: string) => Promise<string>;
}

/** Builds the handlers. Every argument is `unknown` until checked here or in the core. */
export function createHandlers(session: Session, openExternal: OpenExternal, exports: ExportDesk, files: FileShell | null): Handlers {
  const withLibrary = async <T>(args: unknown[], count: number, run: (open: { library: Library; name: string; key: LibraryKey; unwatched: string | null }) => Promise<Result<T>>): Promise<Result<T>> => {
    if (args.length !== count) return arity(count, args);
    await session.ready(); // a library being opened answers once its list is in
    const current = session.library();
    if (!current.ok) return current;
    return run(current.value);
  };
  /**
   * An edit runs only on the library it was made in (its last argument): the desk may still show
   * the last one while another opens.
   */
  const editing = <T>(args: unknown[], count: number, run: (library: Library) => Promise<Result<T>>): Promise<Result<T>> =>
    withLibrary(args, count, async ({ library, key }) => {
      const made = args[count - 1];
      if (typeof made !== 'string') return fail('bad-request', 'an edit must name the library it was made in');
      if (made !== key) return fail('not-found', 'this article was in the library open before; another has been opened since, and nothing was changed');
      return run(library);
    });
  return {
    listArticles: (...args) =>
      withLibrary(args, 2, async ({ library, name, key, unwatched }) => {
        const [after, count] = args;
        if (after !== null && (typeof after !== 'string' || after.length > 4096)) return fail('bad-request', 'after must be an article id or null');
        if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_PAGE) return fail('bad-request', `count must be a whole number from 1 to ${MAX_PAGE}`);
        const page = await library.pageWhenListed(after, count as number);
        const unreadableFolders = library.unreadableFolders;
        return ok({ name, library: key, total: library.size, ...page, ...(unwatched !== null && { unwatched }), ...(unreadableFolders.length > 0 && { unreadableFolders }) });
      }),
    readArticle: (...args) => withLibrary(args, 1, ({ library }) => library.read(args[0])),
    setPublished: (...args) => editing(args, 3, (library) => library.setPublished(args[0], args[1])),
    setPublishedMany: (...args) => editing(args, 3, (library) => library.setPublishedMany(args[0], args[1])),
    setTopicsMany: (...args) => editing(args, 2, (library) => library.setTopicsMany(args[0])),
    setTopics: (...args) => editing(args, 4, (library) => library.setTopics(args[0], args[1], args[2])),
    openExternal: async (...args) => {
      const [url] = args;
      if (args.length !== 1 || !isSafeExternalUrl(url)) return fail('bad-request', 'only http:// and https:// links can be opened');
      return openExternal(url);
    },
    previewExport: (...args) => (args.length === 1 ? exports.preview(args[0]) : arity(1, args)),
    chooseExportDestination: (...args) => (args.length === 1 ? exports.chooseDestination(args[0]) : arity(1, args)),
    runExport: (...args) => (args.length === 1 ? exports.run(args[0]) : arity(1, args)),
    cancelExport: async (...args) => (args.length === 0 ? exports.cancel() : arity(0, args)),
    revealExport: async (...args) => (args.length === 0 ? exports.revealLast() : arity(0, args)),
    showArticleFile: (...args) =>
      editing(args, 3, async (library) => {
        const [id, how] = args;
        if (how !== 'folder' && how !== 'app') return fail('bad-request', 'how must be "folder" or "app"');
        if (files === null) return fail('bad-request', 'only the Masthead app can show files; a page in a browser cannot');
        const path = await library.fileOf(id);
        if (!path.ok) return path;
        if (how === 'folder') {
          files.reveal(path.value);
          return ok(null);
        }
        const error = await files.open(path.value);
        return error === '' ? ok(null) : fail('io', `could not open ${String(id)}: ${error}`);
      }),
    lookForChanges: async (...args) => {
      if (args.length !== 0) return arity(0, args);
      session.lookForChanges();
      return ok(null);
    },
    reopenLibrary: async (...args) => {
      if (args.length !== 0) return arity(0, args);
      const root = session.root;
      if (root === undefined) return fail('not-found', 'no library is open; choose File › Open Library…');
      // Another library opened meanwhile (superseded) is no failure: the desk is told of it as it opens.
      const opened = await session.open(root);
      return opened.ok ? ok(null) : opened;
    },
  };
}
