/** Ties the store to the bridge: loading, live events, and edits with undo and redo. */
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { ArticleId } from '../../shared/article.js';
import type { Bridge } from '../../shared/contract.js';
import { initialState, reduce, type DeskState, type EditCommand } from './store.js';

/** What the views can do. */
export interface DeskActions {
  readonly select: (id: ArticleId | null) => void;
  readonly togglePublished: () => void;
  readonly setTopics: (topics: readonly string[]) => void;
  readonly undo: () => void;
  readonly redo: () => void;
  readonly reload: () => void;
  readonly openExternal: (url: string) => void;
  readonly dispatch: React.Dispatch<Parameters<typeof reduce>[1]>;
}

/** The desk's state and actions over one bridge. */
export function useDesk(bridge: Bridge): [DeskState, DeskActions] {
  const [state, dispatch] = useReducer(reduce, initialState);
  const stateRef = useRef(state);
  stateRef.current = state;

  const reload = useCallback(() => {
    dispatch({ type: 'load-started' });
    void bridge.listArticles().then((result) => {
      if (result.ok) dispatch({ type: 'loaded', name: result.value.name, articles: result.value.articles });
      else dispatch({ type: 'load-failed', message: result.error.message });
    });
  }, [bridge]);

  // Menu commands (Electron's Edit › Undo) reach the desk as events; in a text field they edit the text.
  const commandRef = useRef<(command: 'undo' | 'redo') => void>(() => undefined);
  useEffect(() => {
    reload();
    return bridge.onEvent((event) => {
      if (event.type === 'reloaded') reload();
      else if (event.type === 'command') commandRef.current(event.command);
      else dispatch({ type: 'library-event', event });
    });
  }, [bridge, reload]);

  // The review pane reads the selected article in full, and again whenever its summary changes.
  const selected = state.selectedId === null ? undefined : state.articles.find((a) => a.id === state.selectedId);
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
  }, [bridge, selected]);

  const run = useCallback(
    async (command: EditCommand, via: 'do' | 'undo' | 'redo'): Promise<void> => {
      dispatch({ type: 'save-started', id: command.id });
      const result =
        command.kind === 'published'
          ? await bridge.setPublished(command.id, via === 'undo' ? command.before : command.after)
          : await bridge.setTopics(command.id, via === 'undo' ? command.before : command.after);
      if (result.ok) {
        dispatch({ type: 'save-finished', save: { id: command.id, state: 'saved' }, summary: result.value });
        dispatch({ type: 'edit-recorded', command, via });
        return;
      }
      const conflict = result.error.kind === 'conflict';
      dispatch({ type: 'save-finished', save: { id: command.id, state: conflict ? 'conflict' : 'error', message: result.error.message } });
      dispatch({ type: 'notice', level: 'error', text: result.error.message });
    },
    [bridge],
  );

  const actions = useMemo<DeskActions>(() => {
    const current = (): { id: ArticleId; published: boolean; topics: readonly string[] } | undefined => {
      const { selectedId, articles } = stateRef.current;
      return articles.find((a) => a.id === selectedId);
    };
    const busy = (): boolean => stateRef.current.save?.state === 'saving';
    return {
      select: (id) => dispatch({ type: 'selected', id }),
      togglePublished: () => {
        const article = current();
        if (article && !busy()) void run({ kind: 'published', id: article.id, before: article.published, after: !article.published }, 'do');
      },
      setTopics: (topics) => {
        const article = current();
        if (article && !busy()) void run({ kind: 'topics', id: article.id, before: article.topics, after: topics }, 'do');
      },
      undo: () => {
        const command = stateRef.current.undo.at(-1);
        if (command && !busy()) {
          dispatch({ type: 'selected', id: command.id });
          void run(command, 'undo');
        }
      },
      redo: () => {
        const command = stateRef.current.redo.at(-1);
        if (command && !busy()) {
          dispatch({ type: 'selected', id: command.id });
          void run(command, 'redo');
        }
      },
      reload,
      openExternal: (url) => {
        void bridge.openExternal(url).then((result) => {
          if (!result.ok) dispatch({ type: 'notice', level: 'error', text: result.error.message });
        });
      },
      dispatch,
    };
  }, [bridge, run, reload]);

  commandRef.current = (command) => {
    const focused = document.activeElement;
    if (focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement) document.execCommand(command);
    else if (command === 'undo') actions.undo();
    else actions.redo();
  };

  return [state, actions];
}
