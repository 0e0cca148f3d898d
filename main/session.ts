/** The library the desk has open, with its watcher; the handlers of both hosts work through it. */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { LibraryEventMessage, LibraryKey } from '../shared/contract.js';
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

/** Holds one open library at a time and forwards its changes as events. */
export class Session {
  private current: OpenLibrary | null = null;
  private opening: Promise<unknown> = Promise.resolve();
  /** The key of each folder opened in this session (see `LibraryKey`). */
  private readonly keys = new Map<string, LibraryKey>();

  constructor(
    private readonly emit: (event: LibraryEventMessage) => void,
    private readonly options: SessionOptions = { watch: true },
  ) {}

  /** Opens a folder, replacing the open library only when the new one opens; requests wait meanwhile. */
  open(folder: string): Promise<Result<{ name: string; size: number }>> {
    const opening = this.openNow(folder);
    this.opening = opening;
    return opening;
  }

  /** Resolves once no library is being opened. */
  async ready(): Promise<void> {
    await this.opening;
  }

  /** Opens `folder`; with `wanted`, the library opened is dropped unless it still holds once it is read. */
  private async openNow(folder: string, wanted: () => boolean = () => true): Promise<Result<{ name: string; size: number }>> {
    const dataFolder = this.options.dataFolder?.();
    let reported = -Infinity;
    const opened = await Library.open(folder, {
      ...(dataFolder === undefined ? {} : indexCacheOf(dataFolder)),
      onProgress: ({ done, total }) => {
        if (done === total || done - reported >= 2000) {
          reported = done;
          this.emit({ type: 'open-progress', done, total });
        }
      },
    });
    if (!opened.ok) return opened;
    const library = opened.value;
    if (!wanted()) {
      await library.close();
      return fail('io', `${basename(library.root)} was not opened again: another library was opened meanwhile`);
    }
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
      if (back && this.current === open) {
        // Opened again unless the editor opens another library meanwhile: theirs is kept.
        const opening = this.openNow(folder, () => this.current === open);
        this.opening = opening;
        if ((await opening).ok) return;
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

  /** Stops watching. */
  async close(): Promise<void> {
    if (this.current) await closeLibrary(this.current);
    this.current = null;
  }
}

async function closeLibrary(open: OpenLibrary): Promise<void> {
  clearTimeout(open.returning);
  open.unsubscribe();
  await Promise.all([open.library.close(), open.watch?.close()]);
}
