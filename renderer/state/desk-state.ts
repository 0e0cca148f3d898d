/** The desk's state and every action that changes it: what main said, plus the editor's view of it. */
import type { ArticleDetail, ArticleId, ArticleSummary } from '../../shared/article.js';
import type { LibraryEventMessage, LibraryKey, UnreadableFolder } from '../../shared/contract.js';
import type { StatusFilter } from '../../shared/query.js';

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
  /**
   * Why the open library's folder cannot be watched (see the `unwatched` event): other programs'
   * changes then show when the desk comes to the front again (see `lookForChanges`), or it is opened again. Null while it is watched, or once dismissed.
   */
  readonly unwatched: string | null;
  /** The folders inside the library that cannot be read, their articles not listed (see the `unreadable-folders` event); none once dismissed. */
  readonly unreadableFolders: readonly UnreadableFolder[];
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
  | {
      readonly type: 'loaded';
      readonly name: string;
      readonly library: LibraryKey;
      readonly articles: readonly ArticleSummary[];
      readonly total: number;
      readonly done: boolean;
      /** Why the folder cannot be watched, when main knows by the time it answers. */
      readonly unwatched?: string;
      /** The folders main could not read, when there are any by the time it answers. */
      readonly unreadableFolders?: readonly UnreadableFolder[];
    }
  | { readonly type: 'unwatched-dismissed' }
  | { readonly type: 'unreadable-folders-dismissed' }
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
  unwatched: null,
  unreadableFolders: [],
};
