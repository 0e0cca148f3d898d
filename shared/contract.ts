/**
 * The one contract between main and the renderer. A request is added here first; the compiler
 * then points at the handler (main/handlers.ts), the preload bridge and the browser bridge.
 */
import type { ArticleDetail, ArticleId, ArticleSummary } from './article.js';
import type { ArticleQuery } from './query.js';
import type { FailureKind, Result } from './result.js';

/**
 * An opaque name for the folder a library was opened from, the same each time that folder is opened
 * in this run of the app and different for every other folder (the path itself never reaches the
 * renderer). Edits carry it: one made on the desk's list of a library is refused, not applied, once
 * another library has been opened in its place, even where that one has a file of the same name.
 */
export type LibraryKey = string;

/** A folder inside the library that cannot be read: its articles are not listed. */
export interface UnreadableFolder {
  /** Its path inside the library, as article ids spell it ("2019/embargoed"). */
  readonly folder: string;
  /** Why, in words ("permission denied"). */
  readonly message: string;
}

/** One page of the list, in id order: the desk shows the first page at once and asks for the rest after it. */
export interface LibraryListing {
  readonly name: string;
  /** Which library this is (see `LibraryKey`): edits name it, so that they never reach another one. */
  readonly library: LibraryKey;
  /** How many articles the library holds now. */
  readonly total: number;
  /** The summaries after the requested id, at most the requested count. */
  readonly articles: readonly ArticleSummary[];
  /** True when no article comes after this page. */
  readonly done: boolean;
  /** Why other programs' changes to the folder do not show as they happen, when it cannot be watched (see the `unwatched` event). */
  readonly unwatched?: string;
  /** The folders inside the library that cannot be read, when there are any (see the `unreadable-folders` event). */
  readonly unreadableFolders?: readonly UnreadableFolder[];
}

/**
 * The first page is small so the first rows show at once; the rest come in pages small enough that
 * reading one (0.85 MB of JSON at 1,500) and merging it into the list stays near a frame: pages of
 * 25,000 held the desk 0.5-0.9 s each while 100,000 came in. Reading a page (its body, its text,
 * its JSON, and the collection of what that made) is the page's own task, apart from merging it:
 * at 2,500 those tasks held the desk 40-100 ms each. At 100,000 in Chromium (eight loads each),
 * pages of 1,500 against 2,500: the whole list in about the same time (4.4-5.3 s against
 * 4.3-5.1 s), 4-9 tasks over 50 ms against 7-14, 0.25-0.65 s of them against 0.44-0.92 s. Pages
 * of 1,000 had fewer still (2-7) but the list took a tenth longer (4.8-5.7 s).
 */
export const FIRST_PAGE = 2000;
export const NEXT_PAGE = 1_500;
/** The most summaries one request may ask for. */
export const MAX_PAGE = 50_000;

/** The export formats, as the desk offers them. */
export const EXPORT_FORMATS = ['files', 'json', 'jsonl', 'csv', 'rss'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An approved article an export leaves out, and why. */
export interface HeldBackArticle {
  readonly id: ArticleId;
  readonly title: string;
  readonly reason: string;
}

/** What an export would hold: counted before anything is written. */
export interface ExportPreview {
  readonly count: number;
  readonly withWarnings: number;
  readonly heldBack: readonly HeldBackArticle[];
}

/** What the desk asks to export; the destination is the one chosen in main's dialog. */
export interface ExportRequest {
  readonly format: ExportFormat;
  /** The approved part of this filter; omitted for the whole approved set. */
  readonly query?: ArticleQuery;
  readonly csvBom?: boolean;
}

/** What an export wrote; `destination` is a display label, never an absolute path. */
export interface ExportOutcome extends ExportPreview {
  readonly destination: string;
  /** True when main can show the result in the system's file manager. */
  readonly canReveal: boolean;
}

/** The most articles one `setPublishedMany` or `setTopicsMany` request may name; the desk sends `BULK_CHUNK` at a time, for its progress bar and Stop. */
export const MAX_BULK = 1000;
export const BULK_CHUNK = 100;

/** What approving or withdrawing many articles did. */
export interface BulkOutcome {
  /** Each article changed, as its file now reads. Those already at the value asked for are left out: nothing was written. */
  readonly saved: readonly ArticleSummary[];
  /**
   * Each article that could not be changed, and why: the kind says whether trying again may do
   * (`io`, `gone`) or not (`conflict`, `not-found`: the file changed or went since).
   */
  readonly failed: readonly { readonly id: ArticleId; readonly kind: FailureKind; readonly message: string }[];
}

/** One article's new topics, and the topics it was made from (see `setTopics`). */
export interface TopicChange {
  readonly id: ArticleId;
  readonly topics: readonly string[];
  readonly from: readonly string[];
}

/** Requests the renderer makes; main answers each with a `Result`. */
export interface Requests {
  /** Up to `count` summaries whose ids come after `after` (null: from the start). */
  listArticles: { args: [after: ArticleId | null, count: number]; result: LibraryListing };
  readArticle: { args: [id: ArticleId]; result: ArticleDetail };
  setPublished: { args: [id: ArticleId, value: boolean, library: LibraryKey]; result: ArticleSummary };
  /** Approves (or withdraws) each article in turn, each a one-line edit saved as `setPublished` saves one. */
  setPublishedMany: { args: [ids: readonly ArticleId[], value: boolean, library: LibraryKey]; result: BulkOutcome };
  /**
   * `from` is the list the desk made the change from: where the file holds another one (another
   * program changed it since the desk last heard), nothing is written and the answer is a conflict.
   */
  setTopics: { args: [id: ArticleId, topics: readonly string[], from: readonly string[], library: LibraryKey]; result: ArticleSummary };
  /** Many articles' topics set at once, each as `setTopics` sets one (a conflict names that article; the rest go on). */
  setTopicsMany: { args: [changes: readonly TopicChange[], library: LibraryKey]; result: BulkOutcome };
  openExternal: { args: [url: string]; result: null };
  previewExport: { args: [query: ArticleQuery | null]; result: ExportPreview };
  chooseExportDestination: { args: [format: ExportFormat]; result: { destination: string } | null };
  runExport: { args: [request: ExportRequest]; result: ExportOutcome };
  cancelExport: { args: []; result: null };
  revealExport: { args: []; result: null };
  /**
   * Shows an article's file in the system's file manager (`folder`), or opens it in the app the
   * system gives files of its kind (`app`), such as the text editor where a broken file is mended.
   * Only where the bridge says `canShowFiles`. Named with its library, as an edit is.
   */
  showArticleFile: { args: [id: ArticleId, how: ShowFileHow, library: LibraryKey]; result: null };
  /**
   * Opens the open library again, as File › Reload Library does: what other programs changed in it
   * is read, and its folder watched afresh. Answers once it is open (a `reloaded` event follows).
   */
  reopenLibrary: { args: []; result: null };
  /**
   * The desk came to the front: main compares the files with its list again, for changes no watch
   * saw (a network share, a folder the system will not watch). Answers at once; what changed arrives
   * as events. Main decides how often it looks.
   */
  lookForChanges: { args: []; result: null };
}

/** The request names, for binding and validation. */
export const REQUEST_NAMES = [
  'listArticles',
  'readArticle',
  'setPublished',
  'setPublishedMany',
  'setTopics',
  'setTopicsMany',
  'openExternal',
  'previewExport',
  'chooseExportDestination',
  'runExport',
  'cancelExport',
  'revealExport',
  'showArticleFile',
  'reopenLibrary',
  'lookForChanges',
] as const satisfies readonly (keyof Requests)[];

/** A request name. */
export type RequestName = keyof Requests;

/** What the app menu asks of the desk: undo or redo, or one of its dialogs (export, bulk actions, keyboard shortcuts). */
export type MenuCommand = 'undo' | 'redo' | 'export' | 'approve-shown' | 'shortcuts';

/** Events main pushes when the library changes under the desk. */
export type LibraryEventMessage =
  | { readonly type: 'added' | 'changed'; readonly summary: ArticleSummary }
  | { readonly type: 'removed'; readonly id: ArticleId }
  /** A library opened: the desk lists it again. Another folder than before (another `library`) starts the desk afresh. */
  | { readonly type: 'reloaded'; readonly name: string; readonly library: LibraryKey }
  /** The open library's folder went (moved, renamed or deleted, or its drive removed); a `reloaded` follows if it comes back. */
  | { readonly type: 'gone'; readonly name: string }
  /**
   * The open library's folder cannot be watched: other programs' changes to it show only when it is
   * opened again (the desk's own edits still check each file first, and never overwrite theirs).
   */
  | { readonly type: 'unwatched'; readonly reason: string }
  /** The folders inside the library that cannot be read (none: all can again), whenever that changes. */
  | { readonly type: 'unreadable-folders'; readonly folders: readonly UnreadableFolder[] }
  /** A menu command for the desk (the app menu owns Ctrl/Cmd+Z in Electron). */
  | { readonly type: 'command'; readonly command: MenuCommand }
  /** Progress of opening a library: its list pass. */
  | { readonly type: 'open-progress'; readonly done: number; readonly total: number }
  /** Progress of the full check that follows a fast open; problems are final when done equals total. */
  | { readonly type: 'check-progress'; readonly done: number; readonly total: number }
  /** Progress of a running export. */
  | { readonly type: 'export-progress'; readonly done: number; readonly total: number };

/** The renderer's typed view of a request. */
export type RequestFn<K extends RequestName> = (...args: Requests[K]['args']) => Promise<Result<Requests[K]['result']>>;

/** How `showArticleFile` shows a file: in its folder, or opened in its app. */
export type ShowFileHow = 'folder' | 'app';

/** What the renderer is given: one function per request, plus the event stream. */
export type Bridge = { readonly [K in RequestName]: RequestFn<K> } & {
  /** True where main can show an article's file (`showArticleFile`): the app, not a page the browser host serves. */
  readonly canShowFiles: boolean;
  /** Listens for library events; returns the way to stop. */
  readonly onEvent: (listener: (event: LibraryEventMessage) => void) => () => void;
};

/** Main's side: every argument arrives as `unknown` and is validated before use. */
export type Handlers = { readonly [K in RequestName]: (...args: unknown[]) => Promise<Result<Requests[K]['result']>> };

/** The IPC channel for a request, and the one for events. */
export const channelOf = (name: RequestName): string => `masthead:${name}`;
export const EVENT_CHANNEL = 'masthead:event';

/** True for a URL the system browser may open: http(s) only, never javascript:, file:, data: and the rest. */
export function isSafeExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 4096 || !URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === 'http:' || protocol === 'https:';
}
