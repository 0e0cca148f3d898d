/** Ties the store to the bridge: loading, live events, and edits with undo and redo. */
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { ArticleId, ArticleSummary } from '../../shared/article.js';
import type { Bridge, MenuCommand, ShowFileHow } from '../../shared/contract.js';
import { placeOf } from './list-change.js';
import type { DeskAction, DeskState, DialogKind, EditCommand, TopicsEdit } from './desk-state.js';
import { createDeskStore } from './desk-store.js';
import { runMany, type BulkReport } from './many-edits.js';
import { runEdit } from './run-edit.js';
import { useListLoading, type FirstPage } from './use-list-loading.js';

/** A change of an article's topics: what it makes of a list (a topic added, one removed). */
export type TopicsChange = (topics: readonly string[]) => readonly string[];

/** What the views can do. */
export interface DeskActions {
  readonly select: (id: ArticleId | null) => void;
  readonly togglePublished: () => void;
  /**
   * Changes the selected article's topics by `change`, made on `from`: the list the editor saw. Run
   * after any edit still under way, on the list that one left where it differs from `from`.
   */
  readonly setTopics: (change: TopicsChange, from: readonly string[]) => void;
  /**
   * Approves (`value` true) or withdraws each of `ids`, a few at a time, after any edit still under
   * way: `progress` hears how many are done, and `stopped` is asked between requests. One undo step.
   */
  readonly setPublishedMany: (ids: readonly ArticleId[], value: boolean, progress: (done: number) => void, stopped: () => boolean) => Promise<BulkReport>;
  /** Changes many articles' topics, each from `before` to `after`, as `setPublishedMany` changes their approval. One undo step. */
  readonly setTopicsMany: (changes: readonly TopicsEdit[], doing: string, progress: (done: number) => void, stopped: () => boolean) => Promise<BulkReport>;
  readonly undo: () => void;
  readonly redo: () => void;
  /** Stops an undo or redo of many articles after the request under way: the rest stays to undo (or redo). */
  readonly stopReplay: () => void;
  readonly reload: () => void;
  /** Has main open the library again (File › Reload Library); an error is told as a notice. */
  readonly reopenLibrary: () => void;
  readonly openExternal: (url: string) => void;
  /** Shows the selected article's file in its folder, or opens it in its app, where the bridge can (`canShowFiles`); a failure is told as a notice. */
  readonly showFile: (how: ShowFileHow) => void;
  /** Whether `showFile` can: the app can, a page the browser host serves cannot. */
  readonly canShowFiles: boolean;
  readonly dispatch: (action: DeskAction) => void;
}

/**
 * The desk's state and actions over one bridge; `firstPage` answers the first load if given, and
 * `held` tells the list's loading to take no page in for now (see `PageReader.held`).
 */
export function useDesk(bridge: Bridge, firstPage?: FirstPage, held?: () => boolean): [DeskState, DeskActions] {
  const store = useMemo(createDeskStore, []);
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const { dispatch } = store;
  // Edits run one after another, each from the state the previous one left: quick presses queue, never drop.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const enqueue = useCallback((task: () => Promise<void> | void) => {
    queue.current = queue.current.then(task, task);
  }, []);

  const reload = useListLoading(bridge, store, firstPage, held);

  // Menu commands (Electron's Edit › Undo) reach the desk as events; in a text field they edit the text.
  const commandRef = useRef<(command: MenuCommand) => void>(() => undefined);
  useEffect(() => {
    reload();
    return bridge.onEvent((event) => {
      // A list request already under way answers for the library just opened: no second fetch.
      if (event.type === 'reloaded') {
        const loading = store.getState().loading;
        dispatch({ type: 'library-event', event });
        if (!loading) reload();
      } else if (event.type === 'command') commandRef.current(event.command);
      else if (event.type === 'added' || event.type === 'changed' || event.type === 'removed') store.fileEvent(event);
      else if (event.type !== 'export-progress') dispatch({ type: 'library-event', event });
    });
  }, [bridge, reload, store]);

  // The desk come to the front (from the editor's text editor, say): main looks for changes no
  // watch saw, and decides how often it looks; what changed arrives as events.
  useEffect(() => {
    const cameBack = (): void => void bridge.lookForChanges();
    window.addEventListener('focus', cameBack);
    return () => window.removeEventListener('focus', cameBack);
  }, [bridge]);

  // The review pane reads the selected article in full, and again whenever its summary changes.
  const selected = findArticle(state.articles, state.selectedId);
  useEffect(() => {
    if (selected === undefined) return;
    let current = true;
    void bridge.readArticle(selected.id).then((result) => {
      if (!current) return;
      if (result.ok) dispatch({ type: 'detail-loaded', detail: result.value });
      else dispatch({ type: 'notice', level: 'error', text: result.error.message });
    });
    return () => {
      current = false;
    };
  }, [bridge, selected, state.selectedRevision]);

  /** Set by `stopReplay`: the undo or redo of many articles under way stops after its request. */
  const replayStop = useRef(false);

  const run = useCallback(
    (command: EditCommand, via: 'do' | 'undo' | 'redo'): Promise<void> => runEdit(store, bridge, command, via, replayStop),
    [bridge, store],
  );

  const actions = useMemo<DeskActions>(() => {
    /** The selected article, and the library it is in. */
    const selected = (): { id: ArticleId; library: string | null } | undefined => {
      const { selectedId, articles, library } = store.getState();
      const article = findArticle(articles, selectedId);
      return article && { id: article.id, library };
    };
    /** The article a key was pressed on, as it is now; none once another library has been opened. */
    const stillThere = (pressed: ReturnType<typeof selected>): ArticleSummary | undefined => {
      const { articles, library } = store.getState();
      return pressed && pressed.library === library ? findArticle(articles, pressed.id) : undefined;
    };
    /** A change to many articles, after any edit still under way, recorded as one undo step. */
    const doMany = <T extends { readonly id: ArticleId }>(
      items: readonly T[],
      send: (chunk: readonly T[], library: string) => ReturnType<Bridge['setPublishedMany']>,
      doing: string,
      progress: (done: number) => void,
      stopped: () => boolean,
      command: (changed: readonly T[]) => EditCommand,
    ): Promise<BulkReport> =>
      new Promise<BulkReport>((resolve, reject) => {
        const library = store.getState().library;
        enqueue(async () => {
          if (store.getState().library !== library) return resolve({ changed: [], failed: [], stopped: true, sent: 0 });
          const done = await runMany(store, items, send, doing, progress, stopped).catch((e: unknown) => {
            reject(e);
            return null;
          });
          if (done === null) return;
          if (done.changed.length > 0 && store.getState().library === library) dispatch({ type: 'edit-recorded', command: command(done.changed), via: 'do' });
          resolve(done);
        });
      });
    const replay = async (stack: 'undo' | 'redo'): Promise<void> => {
      const command = store.getState()[stack].at(-1);
      if (command === undefined) return;
      if (command.kind === 'published' || command.kind === 'topics') dispatch({ type: 'selected', id: command.id });
      await run(command, stack);
    };
    return {
      select: (id) => dispatch({ type: 'selected', id }),
      // The article is taken when the key is pressed; its current value when the edit runs.
      togglePublished: () => {
        const pressed = selected();
        enqueue(() => {
          const article = stillThere(pressed);
          if (article) return run({ kind: 'published', id: article.id, before: article.published, after: !article.published }, 'do');
        });
      },
      setTopics: (change, from) => {
        const pressed = selected();
        enqueue(() => {
          const article = stillThere(pressed);
          if (!article) return;
          // Made on what the editor saw, or on what the list holds now where it has changed since
          // (the edit before this one saved, or another program's change came in): a topic removed
          // while the last removal was saving goes too, instead of failing as a conflict. The list is
          // sent as it was made from: if the file holds other topics by now, main says so rather than
          // overwrite them.
          const base = sameList(article.topics, from) ? from : article.topics;
          const after = change(base);
          if (!sameList(after, base)) return run({ kind: 'topics', id: article.id, before: base, after }, 'do');
        });
      },
      setPublishedMany: (ids, value, progress, stopped) =>
        doMany(
          ids.map((id) => ({ id })),
          (chunk, library) => bridge.setPublishedMany(chunk.map((c) => c.id), value, library),
          value ? 'approving' : 'withdrawing',
          progress,
          stopped,
          (changed) => ({ kind: 'published-many', ids: changed.map((c) => c.id), after: value }),
        ),
      setTopicsMany: (changes, doing, progress, stopped) =>
        doMany(
          changes,
          (chunk, library) => bridge.setTopicsMany(chunk.map((c) => ({ id: c.id, topics: c.after, from: c.before })), library),
          doing,
          progress,
          stopped,
          (changed) => ({ kind: 'topics-many', changes: changed }),
        ),
      stopReplay: () => {
        replayStop.current = true;
      },
      undo: () => enqueue(() => replay('undo')),
      redo: () => enqueue(() => replay('redo')),
      reload,
      reopenLibrary: () => {
        void bridge.reopenLibrary().then((result) => {
          if (!result.ok) dispatch({ type: 'notice', level: 'error', text: `Could not open the library again: ${result.error.message}` });
        });
      },
      openExternal: (url) => {
        void bridge.openExternal(url).then((result) => {
          if (!result.ok) dispatch({ type: 'notice', level: 'error', text: result.error.message });
        });
      },
      showFile: (how) => {
        const { selectedId, library } = store.getState();
        if (!bridge.canShowFiles || selectedId === null || library === null) return;
        void bridge.showArticleFile(selectedId, how, library).then((result) => {
          if (!result.ok) dispatch({ type: 'notice', level: 'error', text: `Could not ${how === 'app' ? 'open' : 'show'} ${selectedId}: ${result.error.message}` });
        });
      },
      canShowFiles: bridge.canShowFiles,
      dispatch,
    };
  }, [bridge, run, reload, store, dispatch, enqueue]);

  commandRef.current = (command) => {
    if (command === 'undo' || command === 'redo') {
      const focused = document.activeElement;
      if (focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement) document.execCommand(command);
      // Behind a dialog the articles stay as the dialog shows them.
      else if (store.getState().dialog !== null) return;
      else if (command === 'undo') actions.undo();
      else actions.redo();
      return;
    }
    // Ignored while a dialog is open: it has the keyboard.
    dispatch({ type: 'dialog-opened', dialog: MENU_DIALOGS[command] });
  };

  return [state, actions];
}

/** The dialog each menu command opens. */
const MENU_DIALOGS: Readonly<Record<Exclude<MenuCommand, 'undo' | 'redo'>, DialogKind>> = { export: 'export', 'approve-shown': 'bulk', shortcuts: 'keys' };

/** The article `id` in the store's list (see `placeOf`). */
export function findArticle(articles: readonly ArticleSummary[], id: ArticleId | null): ArticleSummary | undefined {
  const at = placeOf(articles, id);
  return at === -1 ? undefined : articles[at];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
