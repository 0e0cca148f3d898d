/** The desk's reducer: the only way its state (see desk-state.ts) changes. */
import { dequal } from 'dequal';
import type { ArticleId, ArticleSummary } from '../../shared/article.js';
import type { LibraryEventMessage } from '../../shared/contract.js';
import { initialState, type DeskAction, type DeskState, type FileEvent, type Receiving } from './desk-state.js';
import { orderedPrefix, placeOf, recordChange } from './list-change.js';

const MAX_UNDO = 200;
let noticeKey = 0;

/** The reducer: pure, exhaustive. */
export function reduce(state: DeskState, action: DeskAction): DeskState {
  switch (action.type) {
    case 'load-started':
      return { ...state, loading: true, loadError: null };
    case 'loaded': {
      if (state.opening !== null) state = { ...state, opening: null };
      const selectedId = action.articles.some((a) => a.id === state.selectedId) ? state.selectedId : null;
      const receiving = action.done ? null : { total: action.total, byEvent: [] };
      orderedPrefix(action.articles); // the first page's: each page after it then adds to it (see `recordChange`)
      // Told by an event, maybe before this answer.
      const unwatched = action.unwatched ?? state.unwatched;
      const unreadableFolders = action.unreadableFolders ?? state.unreadableFolders;
      return { ...state, loading: false, libraryName: action.name, library: action.library, articles: action.articles, selectedId, detail: selectedId ? state.detail : null, receiving, unwatched, unreadableFolders };
    }
    case 'appended': {
      // Events may already have brought some of these; the event's version is the newer one. Only
      // those are looked up: every id looked up in a Set is interned by V8, and 100,000 interned ids
      // cost every full collection of the desk's heap 6 ms (see use-list-view.ts).
      const byEvent = state.receiving?.byEvent ?? [];
      const brought = new Set(byEvent);
      const fresh = byEvent.length === 0 ? action.articles : action.articles.filter((a) => !brought.has(a.id));
      const receiving = action.done ? null : { total: action.total, byEvent };
      if (fresh.length === 0) return { ...state, receiving };
      // `concat`, not a spread: at 100,000 a spread copied the list in 7 ms, `concat` in 3. The pages
      // are added at the end, and said so: the list's view takes in only them (see `changeFrom`).
      const articles = state.articles.concat(fresh);
      recordChange(articles, state.articles, { kind: 'added', count: fresh.length });
      return { ...state, articles, receiving };
    }
    case 'unwatched-dismissed':
      return { ...state, unwatched: null };
    case 'unreadable-folders-dismissed':
      return { ...state, unreadableFolders: [] };
    case 'load-failed':
      return { ...state, loading: false, loadError: action.message };
    case 'library-event':
      return applyEvent(state, action.event);
    case 'file-events':
      return action.events.length === 1 ? applyEvent(state, action.events[0]!) : applyFileEvents(state, action.events);
    case 'filters-changed':
      return { ...state, filters: { ...state.filters, ...action.filters } };
    case 'sort-changed':
      return {
        ...state,
        sort: state.sort.key === action.key
          ? { key: action.key, direction: state.sort.direction === 'asc' ? 'desc' : 'asc' }
          : { key: action.key, direction: action.key === 'title' || action.key === 'provider' ? 'asc' : 'desc' },
      };
    case 'selected':
      return action.id === state.selectedId ? state : { ...state, selectedId: action.id, detail: null };
    case 'detail-loaded':
      return action.detail.summary.id === state.selectedId ? { ...state, detail: action.detail } : state;
    case 'save-started':
      return { ...state, save: { id: action.id, state: 'saving' } };
    case 'save-finished': {
      const next = action.summary ? replaceSummary(state, action.summary, 'save') : state;
      return { ...next, save: action.save };
    }
    case 'edit-recorded': {
      const { command, via } = action;
      if (via === 'undo') return { ...state, undo: state.undo.slice(0, -1), redo: [...state.redo, command] };
      if (via === 'redo') return { ...state, redo: state.redo.slice(0, -1), undo: [...state.undo, command] };
      return { ...state, undo: [...state.undo, command].slice(-MAX_UNDO), redo: [] };
    }
    case 'edit-dropped':
      return action.via === 'undo' ? { ...state, undo: state.undo.slice(0, -1) } : { ...state, redo: state.redo.slice(0, -1) };
    case 'edit-split': {
      const { via, done, rest } = action;
      const other = via === 'undo' ? state.redo : state.undo;
      const [own, moved] = [[...state[via].slice(0, -1), rest], done === null ? other : [...other, done]];
      return via === 'undo' ? { ...state, undo: own, redo: moved } : { ...state, redo: own, undo: moved };
    }
    case 'notice':
      return { ...state, notices: [...state.notices, { key: ++noticeKey, level: action.level, text: action.text }].slice(-4) };
    case 'notice-dismissed':
      return { ...state, notices: state.notices.filter((n) => n.key !== action.key) };
    case 'images-shown':
      return { ...state, showImages: true };
    case 'dialog-opened':
      return state.dialog === null ? { ...state, dialog: action.dialog } : state;
    case 'dialog-closed':
      return state.dialog === null ? state : { ...state, dialog: null };
    case 'bulk-progress':
      return { ...state, bulk: action.bulk };
    default:
      return action satisfies never;
  }
}

function applyEvent(state: DeskState, event: LibraryEventMessage): DeskState {
  switch (event.type) {
    case 'added':
    case 'changed':
      return replaceSummary(state, event.summary, 'file');
    case 'removed': {
      const at = placeOf(state.articles, event.id);
      const articles = at === -1 ? state.articles : state.articles.toSpliced(at, 1);
      if (at !== -1) recordChange(articles, state.articles, { kind: 'removed', at });
      const gone = state.selectedId === event.id;
      const receiving = unlisted(state.receiving, at === -1 ? [event.id] : []);
      return { ...state, articles, selectedId: gone ? null : state.selectedId, detail: gone ? null : state.detail, receiving };
    }
    case 'reloaded':
      // Opened again: watched again, unless a new `unwatched` says otherwise.
      if (state.library === null || event.library === state.library) return { ...state, libraryName: event.name, library: event.library, gone: null, unwatched: null, unreadableFolders: [] };
      // Another library: nothing of the last one's carries over (its filters, its selection, its undo,
      // its remote images shown), only the editor's sort and notices. Its list is asked for afresh.
      return { ...initialState, sort: state.sort, notices: state.notices, libraryName: event.name, library: event.library };
    case 'gone':
      return { ...state, gone: event.name };
    case 'unwatched':
      return { ...state, unwatched: event.reason };
    case 'unreadable-folders':
      return { ...state, unreadableFolders: event.folders };
    case 'open-progress':
      return { ...state, opening: event.done >= event.total ? null : { done: event.done, total: event.total } };
    case 'check-progress':
      return { ...state, checking: event.done >= event.total ? null : { done: event.done, total: event.total } };
    case 'command':
    case 'export-progress':
      return state; // handled by the desk's actions and the export dialog, not by the store
    default:
      return event satisfies never;
  }
}

/**
 * A burst of file events (a pull or a sync that changed hundreds of files) applied together, with
 * the same outcome as one at a time: one copy of the list, and each article found in one pass over
 * it. One at a time, 500 changed files at 100,000 held the desk 4.6 s: each searched the list from
 * the top, copied it, and was carried through the list's order and index.
 */
function applyFileEvents(state: DeskState, events: readonly FileEvent[]): DeskState {
  const idOf = (event: FileEvent): ArticleId => (event.type === 'removed' ? event.id : event.summary.id);
  // Each id's place, found by a binary search of the burst's ids (sorted) for every article's id:
  // no Map or Set keyed by the list's 100,000 ids (see `appended`); the burst's own few are fine.
  const ids = [...new Set(events.map(idOf))].sort();
  const place = new Map<ArticleId, number>(ids.map((id) => [id, -1]));
  state.articles.forEach((a, i) => {
    const k = sortedIndex(ids, a.id);
    if (ids[k] === a.id) place.set(ids[k], i);
  });
  let articles: ArticleSummary[] | null = null; // copied at the first change
  const removed: number[] = [];
  let { selectedId, detail, selectedRevision, receiving } = state;
  for (const event of events) {
    const id = idOf(event);
    const at = place.get(id)!;
    if (event.type === 'removed') {
      if (selectedId === id) [selectedId, detail] = [null, null];
      if (at === -1) {
        receiving = unlisted(receiving, [id]); // its page, if still to come, lists it no more
        continue;
      }
      removed.push(at);
      place.set(id, -1);
      continue;
    }
    const { summary } = event;
    if (at === -1) {
      // New to the list: while pages still arrive, its own page may list it again.
      articles ??= state.articles.slice();
      place.set(id, articles.push(summary) - 1);
      if (receiving !== null) receiving = { ...receiving, byEvent: [...receiving.byEvent, id] };
      continue;
    }
    // The same summary again: see `replaceSummary`.
    if (dequal((articles ?? state.articles)[at], summary)) {
      if (id === selectedId) selectedRevision++;
      continue;
    }
    (articles ??= state.articles.slice())[at] = summary;
    if (detail?.summary.id === id) detail = { ...detail, summary };
  }
  if (removed.length > 0) {
    const list = articles ?? state.articles;
    const gone = new Uint8Array(list.length);
    for (const at of removed) gone[at] = 1;
    articles = list.filter((_, i) => gone[i] === 0);
  }
  // A burst that changed no article may still have removed one whose page is to come, or the selected one.
  const same = articles === null && selectedRevision === state.selectedRevision && receiving === state.receiving && selectedId === state.selectedId;
  if (same) return state;
  return { ...state, articles: articles ?? state.articles, selectedId, detail, selectedRevision, receiving };
}

/** `receiving` with `ids` (removed, not in the list) among those whose pages are not to list them. */
function unlisted(receiving: Receiving | null, ids: readonly ArticleId[]): Receiving | null {
  return receiving === null || ids.length === 0 ? receiving : { ...receiving, byEvent: [...receiving.byEvent, ...ids] };
}

/** Where `id` is, or would go, in the sorted `ids`. */
function sortedIndex(ids: readonly string[], id: string): number {
  let [lo, hi] = [0, ids.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The state with `summary` in its article's place; `from` says whether a save answered it or the library's file changed. */
function replaceSummary(state: DeskState, summary: ArticleSummary, from: 'save' | 'file'): DeskState {
  const index = placeOf(state.articles, summary.id);
  if (index === -1) {
    // New to the list: while pages still arrive, its own page may list it again.
    const receiving = state.receiving && { ...state.receiving, byEvent: [...state.receiving.byEvent, summary.id] };
    const articles = state.articles.concat([summary]);
    recordChange(articles, state.articles, { kind: 'added', count: 1 });
    return { ...state, articles, receiving };
  }
  // The same summary again (a save's answer, then the library's event for the file it wrote): the
  // same list, so the desk does not carry a change through 100,000 rows for nothing. A file changed
  // elsewhere may differ in what the list does not show: the review pane reads it again.
  if (dequal(state.articles[index], summary)) {
    return from === 'file' && summary.id === state.selectedId ? { ...state, selectedRevision: state.selectedRevision + 1 } : state;
  }
  const articles = state.articles.slice();
  articles[index] = summary;
  recordChange(articles, state.articles, { kind: 'replaced', at: [index] });
  const detail = state.detail?.summary.id === summary.id ? { ...state.detail, summary } : state.detail;
  return { ...state, articles, detail };
}
