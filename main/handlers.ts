/** The contract's requests, implemented over the open library; shared by the Electron shell and the browser host. */
import { isSafeExternalUrl, type Handlers } from '../shared/contract.js';
import { fail, ok, type Result } from '../shared/result.js';
import type { Library } from './core/library.js';
import type { Session } from './session.js';

/** Opens a vetted http(s) URL in the system browser; each host supplies its own. */
export type OpenExternal = (url: string) => Promise<Result<null>>;

/** Builds the handlers. Every argument is `unknown` until checked here or in the core. */
export function createHandlers(session: Session, openExternal: OpenExternal): Handlers {
  const withLibrary = <T>(args: unknown[], arity: number, run: (open: { library: Library; name: string }) => Promise<Result<T>>): Promise<Result<T>> => {
    if (args.length !== arity) return Promise.resolve(fail('bad-request', `expected ${arity} argument(s), got ${args.length}`));
    const current = session.library();
    if (!current.ok) return Promise.resolve(current);
    return run(current.value);
  };
  return {
    listArticles: (...args) => withLibrary(args, 0, async ({ library, name }) => ok({ name, articles: library.list() })),
    readArticle: (...args) => withLibrary(args, 1, ({ library }) => library.read(args[0])),
    setPublished: (...args) => withLibrary(args, 2, ({ library }) => library.setPublished(args[0], args[1])),
    setTopics: (...args) => withLibrary(args, 2, ({ library }) => library.setTopics(args[0], args[1])),
    openExternal: async (...args) => {
      const [url] = args;
      if (args.length !== 1 || !isSafeExternalUrl(url)) return fail('bad-request', 'only http:// and https:// links can be opened');
      return openExternal(url);
    },
  };
}
