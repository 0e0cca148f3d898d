/** The list's loading: the first page at once, the rest page by page, again at each reload. */
import { useCallback, useMemo, useRef } from 'react';
import { FIRST_PAGE, NEXT_PAGE, type Bridge } from '../../shared/contract.js';
import type { DeskStore } from './desk-store.js';
import { receivePages } from './pages.js';
import { SharedValues } from './share-repeated.js';

/** The list's first page, asked for before the desk first rendered. */
export type FirstPage = ReturnType<Bridge['listArticles']>;

/**
 * Answers `reload`, which loads the list into `store`: the first page shows at once, the rest
 * follow page by page (see pages.ts), and a newer reload stops an older one. `firstPage` answers the
 * first load if given; `held` tells the loading to take no page in for now (see `PageReader.held`).
 */
export function useListLoading(bridge: Bridge, store: DeskStore, firstPage?: FirstPage, held?: () => boolean): () => void {
  const { dispatch } = store;
  const generation = useRef(0);
  const early = useRef(firstPage);
  const shared = useMemo(() => new SharedValues(), []);
  const heldRef = useRef(held);
  heldRef.current = held;
  const reload = useCallback(() => {
    const mine = ++generation.current;
    dispatch({ type: 'load-started' });
    const asked = early.current ?? bridge.listArticles(null, FIRST_PAGE);
    early.current = undefined;
    void receivePages(asked, {
      // Each page's repeated values are shared as it is read, in the task that read it, not in the
      // merge of many pages (about a tenth of a merge at 100,000, in Chromium).
      ask: (after) =>
        bridge.listArticles(after, NEXT_PAGE).then((page) => {
          if (page.ok) shared.share(page.value.articles);
          return page;
        }),
      loaded: (page, done) =>
        dispatch({
          type: 'loaded',
          name: page.name,
          library: page.library,
          articles: shared.share(page.articles),
          total: page.total,
          done,
          ...(page.unwatched !== undefined && { unwatched: page.unwatched }),
          ...(page.unreadableFolders !== undefined && { unreadableFolders: page.unreadableFolders }),
        }),
      appended: (articles, total, done) => dispatch({ type: 'appended', articles, total, done }),
      failed: (message, first) => dispatch(first ? { type: 'load-failed', message } : { type: 'notice', level: 'error', text: message }),
      current: () => mine === generation.current,
      held: () => heldRef.current?.() ?? false,
    });
  }, [bridge, dispatch, shared]);
  return reload;

}
