/** The desk's state: a cache of what main said, plus the editor's view of it. Changed only by `reduce`. */
import { dequal } from 'dequal';
import type { ArticleDetail, ArticleId, ArticleSummary } from '../../shared/article.js';
import type { LibraryEventMessage, LibraryKey } from '../../shared/contract.js';
import type { StatusFilter } from '../../shared/query.js';
import { orderedPrefix, placeOf, recordChange } from './list-change.js';

/** Columns the list sorts by. */
export type SortKey = 'title' | 'provider' | 'date' | 'quality' | 'heat' | 'published';

/** One edit the editor made, with what it replaced, so it can be undone and redone. */
export type EditCommand =
  | { readonly kind: 'published'; readonly id: ArticleId; readonly before: boolean; readonly after: boolean }
  | { readonly kind: 'topics'; readonly id: ArticleId; readonly before: readonly string[]; readonly after: readonly string[] }
  /** Many articles approved (`after` true) or withdrawn at once: only those it changed, so an undo changes back only them. */
  | { readonly kind: 'published-many'; readonly ids: readonly ArticleId[]; readonly after: boolean }
  /** Many articles' topics changed at once (a topic added to or removed from every article shown): those it changed. */
  | { readonly kind: 'topics-many'; readonly changes: readonly TopicsEdit[] };

/** One article's topics before and after an edit. */
export interface TopicsEdit {
  readonly id: ArticleId;
  readonly before: readonly string[];
  readonly after: readonly string[];
}

/** Where the last save of an article stands. */
export interface SaveState {
  readonly id: ArticleId;
  readonly state: 'saving' | 'saved' | 'conflict' | 'error';
  readonly message?: string;
}

/** A short, non-blocking message. */
export interface Notice {
  readonly key: number;
  readonly level: 'info' | 'error';
  readonly text: string;
}

/** The filters over the list. */
export interface Filters {
  readonly status: StatusFilter;
  readonly topic: string;
  readonly provider: string;
  readonly search: string;
  /** The first and last day of publication shown (YYYY-MM-DD, both included), '' for no bound. */
  readonly from: string;
  readonly to: string;
}

/** The list still arriving in pages: how many articles in all, and which ones events brought first. */
export interface Receiving {
  readonly total: number;
  /**
   * Articles an event added, changed or removed before their page came: the page's version, read
   * before the event, is dropped (it would list one twice, or one that is gone).
   */
  readonly byEvent: readonly ArticleId[];
}

/** Everything the desk shows. */
export interface DeskState {
  readonly libraryName: string;
  /** The library the list is of (null until the first page): each edit names it (see `LibraryKey`). */
  readonly library: LibraryKey | null;
  readonly loading: boolean;
  readonly loadError: string | null;
  readonly articles: readonly ArticleSummary[];
  readonly filters: Filters;
  readonly sort: { readonly key: SortKey; readonly direction: 'asc' | 'desc' };
  readonly selectedId: ArticleId | null;
  readonly detail: ArticleDetail | null;
  /**
   * Counts changes to the selected article's file that left its summary as it was (another program
   * changed a field the list does not show): the review pane reads the article again on each.
   */
  readonly selectedRevision: number;
  readonly save: SaveState | null;
  readonly undo: readonly EditCommand[];
  readonly redo: readonly EditCommand[];
  readonly notices: readonly Notice[];
  readonly showImages: boolean;
  /** The modal dialog open over the desk, if any (see `DialogKind`). */
  readonly dialog: DialogKind | null;
  /** A change to many articles under way (from the bulk actions dialog, or its undo or redo): what it does ("approving"), how far it is. */
  readonly bulk: { readonly doing: string; readonly done: number; readonly total: number } | null;
  /** While the list arrives page by page: how many the library holds. Null once all are in. */
  readonly receiving: Receiving | null;
  /** How far the list pass of a library being opened is. */
  readonly opening: { readonly done: number; readonly total: number } | null;
  /** The background full check after a fast open, while it runs. */
  readonly checking: { readonly done: number; readonly total: number } | null;
  /** The name of the library's folder while it is gone from where it was opened (see the `gone` event); null otherwise. */
  readonly gone: string | null;
}

/**
 * The desk's modal dialogs, one at a time: the export, the bulk actions (approve, withdraw, add,
 * remove or rename a topic on every article shown) and the list of keyboard shortcuts.
 */
export type DialogKind = 'export' | 'bulk' | 'keys';

/** A file added, changed or removed, as the library tells it (another program's change, or a save's). */
export type FileEvent = Extract<LibraryEventMessage, { readonly type: 'added' | 'changed' | 'removed' }>;

/** Every way the state changes. */
export type DeskAction =
  | { readonly type: 'load-started' }
  | { readonly type: 'loaded'; readonly name: string; readonly library: LibraryKey; readonly articles: readonly ArticleSummary[]; readonly total: number; readonly done: boolean }
  | { readonly type: 'appended'; readonly articles: readonly ArticleSummary[]; readonly total: number; readonly done: boolean }
  | { readonly type: 'load-failed'; readonly message: string }
  | { readonly type: 'library-event'; readonly event: LibraryEventMessage }
  | { readonly type: 'file-events'; readonly events: readonly FileEvent[] }
  | { readonly type: 'filters-changed'; readonly filters: Partial<Filters> }
  | { readonly type: 'sort-changed'; readonly key: SortKey }
  | { readonly type: 'selected'; readonly id: ArticleId | null }
  | { readonly type: 'detail-loaded'; readonly detail: ArticleDetail }
  | { readonly type: 'save-started'; readonly id: ArticleId }
  | { readonly type: 'save-finished'; readonly save: SaveState; readonly summary?: ArticleSummary }
  | { readonly type: 'edit-recorded'; readonly command: EditCommand; readonly via: 'do' | 'undo' | 'redo' }
  /** The last undo (or redo) can no longer apply (its file changed or went): taken off its list. */
  | { readonly type: 'edit-dropped'; readonly via: 'undo' | 'redo' }
  /**
   * An undo (or redo) of many articles stopped part way: what it did (`done`, if anything) goes to the
   * other list, and the `rest` stays on top of its own, for the next Ctrl+Z to go on with.
   */
  | { readonly type: 'edit-split'; readonly via: 'undo' | 'redo'; readonly done: EditCommand | null; readonly rest: EditCommand }
  | { readonly type: 'notice'; readonly level: Notice['level']; readonly text: string }
  | { readonly type: 'notice-dismissed'; readonly key: number }
  | { readonly type: 'images-shown' }
  /** Opens a dialog; ignored while one is open (it has the keyboard). */
  | { readonly type: 'dialog-opened'; readonly dialog: DialogKind }
  | { readonly type: 'dialog-closed' }
  | { readonly type: 'bulk-progress'; readonly bulk: DeskState['bulk'] };

/** The state before anything is loaded. */
export const initialState: DeskState = {
  libraryName: '',
  library: null,
  loading: true,
  loadError: null,
  articles: [],
  filters: { status: 'all', topic: '', provider: '', search: '', from: '', to: '' },
  sort: { key: 'date', direction: 'desc' },
  selectedId: null,
  detail: null,
  selectedRevision: 0,
  save: null,
  undo: [],
  redo: [],
  notices: [],
  showImages: false,
  dialog: null,
  bulk: null,
  checking: null,
  opening: null,
  receiving: null,
  gone: null,
};

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
      return { ...state, loading: false, libraryName: action.name, library: action.library, articles: action.articles, selectedId, detail: selectedId ? state.detail : null, receiving };
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
      if (state.library === null || event.library === state.library) return { ...state, libraryName: event.name, library: event.library, gone: null };
      // Another library: nothing of the last one's carries over (its filters, its selection, its undo,
      // its remote images shown), only the editor's sort and notices. Its list is asked for afresh.
      return { ...initialState, sort: state.sort, notices: state.notices, libraryName: event.name, library: event.library };
    case 'gone':
      return { ...state, gone: event.name };
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
