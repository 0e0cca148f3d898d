/** The library the desk has open, with its watcher; the handlers of both hosts work through it. */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { FIRST_PAGE, type LibraryEventMessage, type LibraryKey } from '../shared/contract.js';
import { fail, ok, type Result } from '../shared/result.js';
import { Library } from './core/library.js';
import { indexCacheOf } from './data-folder.js';
import { watchLibrary, type LibraryWatch } from './core/library-watch.js';

interface OpenLibrary {
  readonly library: Library;
  readonly name: string;
  readonly key: LibraryKey;
  readonly watch: LibraryWatch | null;
  readonly unsubscribe: () => void;
  /** While the folder is gone: the timer that looks for it to come back. */
  returning?: NodeJS.Timeout;
  /** Why the folder cannot be watched, once the watch found it cannot; null while it is (or may yet be). */
  unwatched: string | null;
  /** While a look for changes runs (see `Session.lookForChanges`); and when the last one ended (or the library opened). */
  looking?: boolean;
  lookedAt: number;
}

/**
 * How long after one look for changes (see `Session.lookForChanges`) the next may start: the watch
 * sees nearly every change itself, so on a watched folder a look is a safety net, made at most twice
 * a minute; on one that cannot be watched it is how changes show at all.
 */
const LOOK_AGAIN_MS = { watched: 30_000, unwatched: 2_000 };

/** How a session opens libraries. */
export interface SessionOptions {
  /** Follow other programs' changes to the files. */
  readonly watch: boolean;
  /** The app's data folder, where the persistent index is kept (asked at each open); none keeps no index. */
  readonly dataFolder?: () => string;
  /** How often a library folder that went is looked for where it was (ms; 2 s unless told). */
  readonly returnCheckMs?: number;
  /** How long after one look for changes the next may start (ms; `LOOK_AGAIN_MS` unless told). */
  readonly lookAgainMs?: { readonly watched: number; readonly unwatched: number };
}

/**
 * What an open answers: the library opened, or `superseded` where a later open was asked for before
 * this one was read (that one stands, and says how it went; this one was closed unshown).
 */
export type OpenOutcome = { readonly name: string; readonly size: number; readonly superseded?: false } | { readonly superseded: true };

/** Holds one open library at a time and forwards its changes as events. */
export class Session {
  private current: OpenLibrary | null = null;
  private opening: Promise<unknown> = Promise.resolve();
  /** How many opens were asked for (see `open`); each is known by its number, its ticket. */
  private asked = 0;
  /** The opens asked for that are still under way, by ticket. */
  private readonly underWay = new Map<number, Promise<unknown>>();
  /** The ticket of the latest open that was shown, or of the close that came after it (see `close`). */
  private shownTicket = 0;
  /** The key of each folder opened in this session (see `LibraryKey`). */
  private readonly keys = new Map<string, LibraryKey>();

  constructor(
    private readonly emit: (event: LibraryEventMessage) => void,
    private readonly options: SessionOptions = { watch: true },
  ) {}

  /**
   * Opens a folder, replacing the open library only when the new one opens; requests wait meanwhile.
   * The latest open asked for that succeeds is the one that stands: a library still being read when
   * another is asked for (a large one remembered from the last start, and the editor picks a small
   * one from Open Recent) is closed once read, not shown over the later choice; it is shown after
   * all if every open asked for after it fails.
   */
  open(folder: string): Promise<Result<OpenOutcome>> {
    const ticket = ++this.asked;
    const opening = this.openNow(folder, ticket, async () => !(await this.outranked(ticket))).finally(() => this.underWay.delete(ticket));
    this.underWay.set(ticket, opening);
    this.opening = opening;
    return opening;
  }

  /**
   * Whether an open asked for after `ticket` opened its library: once every such open still under
   * way has settled (they may fail, and this one then stands).
   */
  private async outranked(ticket: number): Promise<boolean> {
    for (;;) {
      if (this.shownTicket > ticket) return true;
      const later = this.laterUnderWay(ticket);
      if (later.length === 0) return false;
      await Promise.allSettled(later);
    }
  }

  /** The opens asked for after `ticket` that are still under way. */
  private laterUnderWay(ticket: number): Promise<unknown>[] {
    return [...this.underWay].filter(([t]) => t > ticket).map(([, opening]) => opening);
  }

  /** Resolves once no library is being opened. */
  async ready(): Promise<void> {
    // An open that waits for a later one to settle is shown when that one fails: wait for them all.
    while (this.underWay.size > 0) await Promise.allSettled(this.underWay.values());
    await this.opening;
  }

  /**
   * Opens `folder` for the open asked for as `ticket`; the library opened is closed, superseded,
   * unless `wanted` holds once it is read. Its progress is told until it is shown, while no later open
   * is under way or shown.
   */
  private async openNow(folder: string, ticket: number, wanted: () => Promise<boolean>): Promise<Result<OpenOutcome>> {
    const dataFolder = this.options.dataFolder?.();
    let reported = -Infinity;
    const opened = await Library.open(folder, {
      ...(dataFolder === undefined ? {} : indexCacheOf(dataFolder)),
      firstPart: FIRST_PAGE, // the desk shows the first page while the rest is listed
      abandoned: () => this.shownTicket > ticket, // superseded for sure: a later open was shown
      onProgress: ({ done, total }) => {
        // Once shown, the desk counts the list's pages as they come instead.
        if (this.shownTicket >= ticket || this.laterUnderWay(ticket).length > 0) return;
        if (done === total || done - reported >= 2000) {
          reported = done;
          this.emit({ type: 'open-progress', done, total });
        }
      },
    });
    if (!opened.ok) return opened;
    const library = opened.value;
    if (!(await wanted())) {
      await library.close();
      return ok({ superseded: true });
    }
    this.shownTicket = ticket;
    const name = basename(library.root);
    let key = this.keys.get(library.root);
    if (key === undefined) this.keys.set(library.root, (key = randomBytes(9).toString('base64url')));
    const unsubscribe = library.subscribe((event) => this.emit(event.type === 'checking' ? { type: 'check-progress', done: event.done, total: event.total } : event));
    // What the open's scan found unreadable before anyone listened is asked for with the list (see handlers.ts).
    // The watch starts now and is ready within a second even at 100,000 files; the list does not wait for it.
    library.onFolderGone = () => this.lost(folder, library);
    const watch = this.options.watch ? watchLibrary(library, library.onFolderGone) : null;
    const previous = this.current;
    // The open itself reads every file: it counts as the last look for changes (see `lookForChanges`).
    const open: OpenLibrary = { library, name, key, watch, unsubscribe, unwatched: null, lookedAt: Date.now() };
    this.current = open;
    if (previous) await closeLibrary(previous);
    this.emit({ type: 'reloaded', name, library: key });
    void watch?.ready.then((reason) => {
      if (this.current !== open) return;
      // Watching: what other programs changed between the open's reads and now, no watch saw.
      if (reason === null) void library.catchUp().catch(() => undefined);
      else {
        open.unwatched = reason;
        this.emit({ type: 'unwatched', reason });
      }
    });
    return ok({ name, size: library.size });
  }

  /**
   * The open library's folder went (moved, renamed or deleted, or its drive or share removed): the
   * desk is told, and the folder is looked for where it was opened until it is back (a drive
   * plugged in again, a share reconnected, a folder renamed back), then opened again as a reload.
   */
  private lost(folder: string, library: Library): void {
    const open = this.current;
    if (open === null || open.library !== library || open.returning !== undefined) return; // told of a library no longer open, or told again
    this.emit({ type: 'gone', name: open.name });
    const look = async (): Promise<void> => {
      if (this.current !== open) return; // another library opened, or the session closed
      const back = await stat(folder).then(
        (info) => info.isDirectory(),
        () => false,
      );
      // Not while an open the editor asked for is under way: it stands, or if it fails, the look goes on.
      if (back && this.current === open && this.underWay.size === 0) {
        // Opened again unless the editor opens another library meanwhile: theirs is kept.
        const ticket = this.asked;
        const opening = this.openNow(folder, ticket, async () => !(await this.outranked(ticket)) && this.current === open);
        this.opening = opening;
        const reopened = await opening;
        if (reopened.ok && reopened.value.superseded !== true) return;
      }
      if (this.current === open) open.returning = setTimeout(() => void look(), this.options.returnCheckMs ?? 2000);
    };
    open.returning = setTimeout(() => void look(), this.options.returnCheckMs ?? 2000);
  }

  /**
   * The desk came to the front: every file's stamp is compared with the index again, and the files
   * that changed, came or went are read (`Library.catchUp`), for what no watch saw: a folder the
   * system will not watch, changes made on a network share from another machine, a file saved and
   * removed within one batch of the watch's events. Answers at once; the changes arrive as events.
   * One look at a time, and none again soon after the last (see `LOOK_AGAIN_MS`), whoever asks.
   */
  lookForChanges(): void {
    const open = this.current;
    if (open === null || open.looking === true) return;
    const unwatched = open.watch === null || open.unwatched !== null;
    const interval = (this.options.lookAgainMs ?? LOOK_AGAIN_MS)[unwatched ? 'unwatched' : 'watched'];
    if (Date.now() - open.lookedAt < interval) return;
    open.looking = true;
    void open.library
      .catchUp()
      .catch(() => undefined)
      .finally(() => {
        open.looking = false;
        open.lookedAt = Date.now();
      });
  }

  /** The open library, or a failure saying none is open. */
  library(): Result<{ library: Library; name: string; key: LibraryKey; unwatched: string | null }> {
    if (this.current === null) return fail('not-found', 'no library is open; choose File › Open Library…');
    const { library, name, key, unwatched } = this.current;
    return ok({ library, name, key, unwatched });
  }

  /** The open library's real path, for remembering it; never sent to the renderer. */
  get root(): string | undefined {
    return this.current?.library.root;
  }

  /**
   * Closes the open library and stops watching. A close stands over every open asked for before it,
   * as a later open would: one still being read stops reading and is closed unshown (a library
   * remembered from the last start, and the editor quits while it opens), so nothing is left open
   * or watched once this settles.
   */
  async close(): Promise<void> {
    this.shownTicket = ++this.asked;
    while (this.underWay.size > 0) await Promise.allSettled(this.underWay.values());
    await this.opening.catch(() => undefined); // a folder's return reopening it (see `lost`)
    if (this.current) await closeLibrary(this.current);
    this.current = null;
  }
}

async function closeLibrary(open: OpenLibrary): Promise<void> {
  clearTimeout(open.returning);
  open.unsubscribe();
  await Promise.all([open.library.close(), open.watch?.close()]);
}
