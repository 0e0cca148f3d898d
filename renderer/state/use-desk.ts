/** Ties the store to the bridge: loading, live events, and edits with undo and redo. */
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { ArticleId, ArticleSummary } from '../../shared/article.js';
import { BULK_CHUNK, FIRST_PAGE, NEXT_PAGE, type Bridge, type BulkOutcome, type MenuCommand } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import { receivePages } from './pages.js';
import { SharedValues } from './share-repeated.js';
import { placeOf } from './list-change.js';
import type { DeskAction, DeskState, DialogKind, EditCommand, TopicsEdit } from './store.js';
import { BULK_SHOWN_MS, createDeskStore } from './desk-store.js';
import { plural, undoKeys } from '../format.js';

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
  readonly openExternal: (url: string) => void;
  readonly dispatch: (action: DeskAction) => void;
}

/** What a change to many articles did (see `DeskActions.setPublishedMany`). */
export interface BulkReport<T = { readonly id: ArticleId }> {
  /** The articles it changed. */
  readonly changed: readonly T[];
  readonly failed: BulkOutcome['failed'];
  /** Stopped before the end: by the editor, or because another library was opened. */
  readonly stopped: boolean;
  /** How many of the items were sent (all of them unless stopped). */
  readonly sent: number;
}

/** The list's first page, asked for before the desk first rendered. */
export type FirstPage = ReturnType<Bridge['listArticles']>;

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

  // The first page shows at once; the rest follow page by page (see pages.ts). A newer reload stops an older one.
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
      loaded: (page, done) => dispatch({ type: 'loaded', name: page.name, library: page.library, articles: shared.share(page.articles), total: page.total, done }),
      appended: (articles, total, done) => dispatch({ type: 'appended', articles, total, done }),
      failed: (message, first) => dispatch(first ? { type: 'load-failed', message } : { type: 'notice', level: 'error', text: message }),
      current: () => mine === generation.current,
      held: () => heldRef.current?.() ?? false,
    });
  }, [bridge, dispatch, shared]);

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

  /**
   * Changes many articles, `BULK_CHUNK` per request (`send`); the list and the toolbar's progress
   * show how far it is once a second. Stops when `stopped()` says so, or once another library has
   * been opened (main would refuse the rest). Answers which of `items` were changed.
   */
  const runMany = useCallback(
    async <T extends { readonly id: ArticleId }>(
      items: readonly T[],
      send: (chunk: readonly T[], library: string) => Promise<Result<BulkOutcome>>,
      doing: string,
      progress: (done: number) => void,
      stopped: () => boolean,
    ): Promise<BulkReport<T>> => {
      const library = store.getState().library ?? '';
      const changed: T[] = [];
      const failed: BulkOutcome['failed'][number][] = [];
      // The list shows the saves once a second, not at every request (see `DeskStore.hold`).
      store.hold(true);
      let shown = performance.now();
      // Dispatched, it applies the saves waiting too.
      const show = (done: number): void => dispatch({ type: 'bulk-progress', bulk: { doing, done, total: items.length } });
      show(0);
      try {
        for (let at = 0; at < items.length; ) {
          if (stopped() || store.getState().library !== library) return { changed, failed, stopped: true, sent: at };
          const chunk = nextChunk(items, at);
          at += chunk.length;
          const result = await send(chunk, library);
          if (store.getState().library !== library) return { changed, failed, stopped: true, sent: at };
          if (result.ok) {
            // Main's events bring the same summaries; these make sure the list has them when the change ends.
            for (const summary of result.value.saved) store.fileEvent({ type: 'changed', summary });
            // A request's own hundred ids: a small set (see `applyFileEvents` on sets of ids).
            const saved = new Set(result.value.saved.map((a) => a.id));
            changed.push(...chunk.filter((item) => saved.has(item.id)));
            failed.push(...result.value.failed);
          } else {
            failed.push(...chunk.map((item) => ({ id: item.id, message: result.error.message })));
          }
          progress(at);
          if (performance.now() - shown >= BULK_SHOWN_MS) {
            show(at);
            shown = performance.now();
          }
        }
        return { changed, failed, stopped: false, sent: items.length };
      } finally {
        store.hold(false);
        // Another library opened meanwhile has started afresh: no progress of this one's goes into it.
        if (store.getState().library === library) dispatch({ type: 'bulk-progress', bulk: null });
        else store.flush();
      }
    },
    [bridge, store, dispatch],
  );

  /** Set by `stopReplay`: the undo or redo of many articles under way stops after its request. */
  const replayStop = useRef(false);

  /**
   * Undoes or redoes a change to many articles at once, saying how it went. Stopped by the editor,
   * what it did moves to the other list and the rest stays, for the next press to go on with.
   */
  const replayMany = useCallback(
    async (command: Extract<EditCommand, { kind: 'published-many' | 'topics-many' }>, via: 'undo' | 'redo'): Promise<void> => {
      replayStop.current = false;
      const library = store.getState().library;
      const [Done, Doing] = via === 'undo' ? ['Undone', 'Undo'] : ['Redone', 'Redo'];
      /** While the library's folder is gone nothing can change: the step stays for when it is back. */
      const goneNotice = (folder: string): void =>
        dispatch({ type: 'notice', level: 'error', text: `${Doing} waits: the folder ${folder} is no longer where it was opened; ${undoKeys(via)} goes on once it is back.` });
      const gone = store.getState().gone;
      if (gone !== null) return goneNotice(gone);
      const none = (): undefined => undefined;
      const stopped = (): boolean => replayStop.current;
      let items: readonly { readonly id: ArticleId }[];
      let done: BulkReport<unknown>;
      let what: string;
      let already: string;
      /** The command for some of its items: what was done, or what is left. */
      let part: (some: readonly unknown[]) => EditCommand;
      if (command.kind === 'published-many') {
        const value = via === 'undo' ? !command.after : command.after;
        items = command.ids.map((id) => ({ id }));
        done = await runMany(items, (chunk, key) => bridge.setPublishedMany(chunk.map((c) => c.id), value, key), value ? 'approving' : 'withdrawing', none, stopped);
        part = (some) => ({ ...command, ids: (some as typeof items).map((c) => c.id) });
        [what, already] = [`${plural(done.changed.length, 'article')} ${value ? 'approved' : 'withdrawn'}`, `each of those articles is already ${value ? 'approved' : 'withdrawn'}`];
      } else {
        items = command.changes;
        done = await runMany(
          command.changes,
          (chunk, key) => bridge.setTopicsMany(chunk.map((c) => (via === 'undo' ? { id: c.id, topics: c.before, from: c.after } : { id: c.id, topics: c.after, from: c.before })), key),
          'changing topics',
          none,
          stopped,
        );
        part = (some) => ({ ...command, changes: some as typeof command.changes });
        [what, already] = [`the topics of ${plural(done.changed.length, 'article')} ${via === 'undo' ? 'put back' : 'changed again'}`, `those articles' topics are already so`];
      }
      if (store.getState().library !== library) return; // another library was opened meanwhile
      const wentMeanwhile = store.getState().gone;
      if (wentMeanwhile !== null && done.failed.length > 0) {
        // The folder went part way: what was done is done; the articles it could not reach stay to do.
        const failed = new Set(done.failed.map((f) => f.id));
        dispatch({ type: 'edit-split', via, done: done.changed.length > 0 ? part(done.changed) : null, rest: part(items.filter((item, i) => i >= done.sent || failed.has(item.id))) });
        return goneNotice(wentMeanwhile);
      }
      if (done.stopped) {
        dispatch({ type: 'edit-split', via, done: done.changed.length > 0 ? part(done.changed) : null, rest: part(items.slice(done.sent)) });
        const left = items.length - done.sent;
        dispatch({ type: 'notice', level: 'info', text: `${Doing} stopped: ${what}; ${plural(left, 'article')} left to ${via}, which ${undoKeys(via)} goes on with.` });
        return;
      }
      if (done.changed.length > 0) dispatch({ type: 'edit-recorded', command: part(done.changed), via });
      else dispatch({ type: 'edit-dropped', via });
      if (done.changed.length === 0 && done.failed.length === 0) {
        dispatch({ type: 'notice', level: 'info', text: `Nothing to ${via}: ${already}.` });
      } else if (done.failed.length === 0) dispatch({ type: 'notice', level: 'info', text: `${Done}: ${what}.` });
      else {
        const first = done.failed[0]!;
        const others = done.failed.length > 1 ? ` (and ${plural(done.failed.length - 1, 'other')})` : '';
        dispatch({ type: 'notice', level: 'error', text: `${Doing}: ${what}; ${first.id}${others} could not be changed: ${first.message}` });
      }
    },
    [runMany, bridge, store, dispatch],
  );

  const run = useCallback(
    async (command: EditCommand, via: 'do' | 'undo' | 'redo'): Promise<void> => {
      if (command.kind === 'published-many' || command.kind === 'topics-many') {
        if (via !== 'do') await replayMany(command, via);
        return;
      }
      const library = store.getState().library ?? '';
      dispatch({ type: 'save-started', id: command.id });
      const result =
        command.kind === 'published'
          ? await bridge.setPublished(command.id, via === 'undo' ? command.before : command.after, library)
          : await bridge.setTopics(command.id, via === 'undo' ? command.before : command.after, via === 'undo' ? command.after : command.before, library);
      // Another library opened meanwhile: what this edit did (or could not do) belongs to the last one.
      if (store.getState().library !== library) return;
      if (result.ok) {
        dispatch({ type: 'save-finished', save: { id: command.id, state: 'saved' }, summary: result.value });
        dispatch({ type: 'edit-recorded', command, via });
        return;
      }
      const conflict = result.error.kind === 'conflict';
      dispatch({ type: 'save-finished', save: { id: command.id, state: conflict ? 'conflict' : 'error', message: result.error.message } });
      // An undo or redo whose file changed or went since would fail the same way every time, and
      // hide the ones before it: it is taken off its list. (One that failed to write stays, to try again.)
      const stale = via !== 'do' && (conflict || result.error.kind === 'not-found');
      if (stale) dispatch({ type: 'edit-dropped', via });
      dispatch({ type: 'notice', level: 'error', text: stale ? `Could not ${via}: ${result.error.message}` : result.error.message });
    },
    [bridge, store, dispatch, replayMany],
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
          const done = await runMany(items, send, doing, progress, stopped).catch((e: unknown) => {
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
      openExternal: (url) => {
        void bridge.openExternal(url).then((result) => {
          if (!result.ok) dispatch({ type: 'notice', level: 'error', text: result.error.message });
        });
      },
      dispatch,
    };
  }, [bridge, run, runMany, reload, store, dispatch, enqueue]);

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

/** What one request of a change to many articles may carry, in characters of JSON: well under what main accepts (1 MB). */
export const BULK_REQUEST_CHARS = 256 * 1024;

/**
 * The items from `at` that go in one request: `BULK_CHUNK` of them, fewer where they are large (an
 * article with hundreds of topics), and always at least one.
 */
export function nextChunk<T>(items: readonly T[], at: number): readonly T[] {
  let end = at;
  let chars = 0;
  while (end < items.length && end - at < BULK_CHUNK) {
    chars += JSON.stringify(items[end]).length + 1;
    if (chars > BULK_REQUEST_CHARS && end > at) break;
    end++;
  }
  return items.slice(at, end);
}

/** The article `id` in the store's list (see `placeOf`). */
export function findArticle(articles: readonly ArticleSummary[], id: ArticleId | null): ArticleSummary | undefined {
  const at = placeOf(articles, id);
  return at === -1 ? undefined : articles[at];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
