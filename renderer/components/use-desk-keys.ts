/** The desk's keyboard shortcuts: anywhere but while typing in a field, and never while a dialog has the keyboard. */
import { useEffect, useRef, type RefObject } from 'react';
import type { ArticleId, ArticleSummary } from '../../shared/article.js';
import type { DeskState } from '../state/desk-state.js';
import type { DeskActions } from '../state/use-desk.js';
import { rowOf } from '../state/view.js';
import { ROW_HEIGHT } from './ArticleList.js';

/** What the keys move the focus to. */
export interface KeyTargets {
  readonly list: RefObject<HTMLDivElement | null>;
  readonly search: RefObject<HTMLInputElement | null>;
  readonly topicInput: RefObject<HTMLInputElement | null>;
}

/**
 * Listens for the desk's keys on the window for as long as the desk is mounted: moving through
 * `rows` (the list as shown), approving, topics, search, undo and redo, the dialogs. One listener,
 * which reads the rows, the state and the actions of the latest render when a key comes.
 */
export function useDeskKeys(rows: readonly ArticleSummary[], state: DeskState, actions: DeskActions, targets: KeyTargets): void {
  const keys = useRef({ rows, state, actions });
  keys.current = { rows, state, actions };
  /**
   * Where the selected article was at the last key press, and its neighbours then. The next press
   * looks for it there first; when it has left the rows (approved while the list shows drafts), j
   * goes on to the article that followed it and k to the one before, as if it were still there.
   */
  const keyPlace = useRef<{ row: number; before: ArticleId | null; after: ArticleId | null }>({ row: 0, before: null, after: null });
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const { rows, state, actions } = keys.current;
      if (state.dialog !== null) return; // the dialog has the keyboard
      const target = e.target as HTMLElement | null;
      const typing = target !== null && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z' && !typing) {
        e.preventDefault();
        if (e.shiftKey) actions.redo();
        else actions.undo();
        return;
      }
      if (mod && e.key.toLowerCase() === 'y' && !typing) {
        e.preventDefault();
        actions.redo();
        return;
      }
      if (typing || mod || e.altKey) return;
      const place = keyPlace.current;
      const remember = (row: number): void => {
        keyPlace.current = { row, before: rows[row - 1]?.id ?? null, after: rows[row + 1]?.id ?? null };
      };
      const at = rowOf(rows, state.selectedId, place.row);
      if (at !== -1) remember(at);
      const gone = at === -1 && state.selectedId !== null;
      /** The row of the neighbour `id` the selected article had, else `fallback` (its old place, or the one before). */
      const neighbour = (id: ArticleId | null, fallback: number): number => {
        const row = rowOf(rows, id, place.row);
        return row === -1 ? fallback : row;
      };
      const move = (to: number): void => {
        e.preventDefault();
        const next = Math.max(0, Math.min(rows.length - 1, to));
        const row = rows[next];
        if (row === undefined) return;
        remember(next);
        actions.select(row.id);
      };
      switch (e.key) {
        case 'ArrowDown':
        case 'j':
          move(at !== -1 ? at + 1 : gone ? neighbour(place.after, place.row) : 0);
          break;
        case 'ArrowUp':
        case 'k':
          move(at !== -1 ? at - 1 : gone ? neighbour(place.before, place.row - 1) : 0);
          break;
        case 'PageDown':
        case 'PageUp': {
          // A screenful of rows, less one so the row at the edge stays in view.
          const shown = targets.list.current?.querySelector('.grid-body')?.clientHeight ?? 0;
          const page = Math.max(1, Math.floor(shown / ROW_HEIGHT) - 1);
          if (at === -1 && !gone) move(0); // from no selection, as j and k: the first row
          else move((at !== -1 ? at : place.row) + (e.key === 'PageDown' ? page : -page));
          break;
        }
        case 'Home':
          move(0);
          break;
        case 'End':
          move(rows.length - 1);
          break;
        case 'P':
          e.preventDefault();
          // Shift+P: bulk actions on every article shown, after a dialog that counts them. With Caps
          // Lock on, P alone is p.
          if (e.shiftKey) actions.dispatch({ type: 'dialog-opened', dialog: 'bulk' });
          else actions.togglePublished();
          break;
        case 'p':
        case ' ':
          if (target?.tagName === 'BUTTON' && e.key === ' ') return; // Space presses the focused button
          e.preventDefault();
          actions.togglePublished();
          break;
        case 't':
          if (state.selectedId !== null) {
            e.preventDefault();
            targets.topicInput.current?.focus();
          }
          break;
        case 'o':
          // The selected article's file in its app (the text editor, say, to mend a broken file): where the desk can.
          if (state.selectedId !== null && actions.canShowFiles) {
            e.preventDefault();
            actions.showFile('app');
          }
          break;
        case '/':
          e.preventDefault();
          targets.search.current?.focus();
          targets.search.current?.select();
          break;
        case '?':
          e.preventDefault();
          actions.dispatch({ type: 'dialog-opened', dialog: 'keys' });
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
