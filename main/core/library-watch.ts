/**
 * Keeps an open library in step with changes other programs make to its files. @parcel/watcher
 * watches folders natively (inotify, FSEvents, ReadDirectoryChangesW), so a 100,000-file library is
 * watched in well under a second with a few MB, where a watcher per file took 14 s and 350 MB.
 */
import watcher, { type AsyncSubscription, type Event } from '@parcel/watcher';
import { sep } from 'node:path';
import { inotifyInstancesLeft } from './inotify-room.js';
import { ARTICLE_FILE, idOf, isSkippedFolder } from './library-paths.js';
import type { Library } from './library.js';

/** A running watch; `close` stops it. */
export interface LibraryWatch {
  /**
   * Resolves once the watch runs: with null, or with why the folder cannot be watched (other
   * programs' changes then show only when the library is opened again).
   */
  readonly ready: Promise<string | null>;
  close(): Promise<void>;
}

/** How long a file must be quiet before it is read: a program still writing it is not read half-way. */
const SETTLE_MS = 50;

/**
 * Watches running in this process. While one runs, @parcel/watcher's inotify backend is started
 * and shared, and a new watch asks no new inotify instance of Linux (see inotify-room.ts).
 */
let running = 0;

/** Options of `watchLibrary`, for the tests. */
export interface WatchOptions {
  /** How many inotify instances Linux has left for this user (null: cannot tell); see inotify-room.ts. */
  readonly instancesLeft?: () => Promise<number | null>;
  readonly platform?: NodeJS.Platform;
}

/**
 * Watches the library folder and refreshes the index for every article file added, changed or
 * removed. `onGone` hears that the folder itself went (moved, renamed or deleted, or its drive
 * removed): the watch ends with it.
 */
export function watchLibrary(library: Library, onGone: () => void = () => undefined, options: WatchOptions = {}): LibraryWatch {
  const { instancesLeft = () => inotifyInstancesLeft(), platform = process.platform } = options;
  const pending = new Map<string, NodeJS.Timeout>();
  let closed = false;
  const settle = (key: string, action: () => void): void => {
    clearTimeout(pending.get(key));
    pending.set(
      key,
      setTimeout(() => {
        pending.delete(key);
        if (!closed) action();
      }, SETTLE_MS),
    );
  };
  let told = false;
  /** Finds every file again, unless the folder itself is gone: that is told, once. */
  const findAgain = (): void => {
    if (!library.folderGone()) void library.rescan();
    else if (!told) {
      told = true;
      onGone();
    }
  };
  const onEvents = (events: readonly Event[]): void => {
    for (const event of events) {
      const rel = event.path.slice(library.root.length + 1);
      if (rel === '') {
        if (event.type === 'delete') settle('\0rescan', findAgain);
        continue;
      }
      if (rel.split(sep).some((part) => isSkippedFolder(part))) continue;
      if (ARTICLE_FILE.test(rel)) settle(rel, () => void library.refresh(idOf(library.root, event.path)));
      // A folder moved in or out (or anything else): the ids under it are found again.
      else if (event.type !== 'update') settle('\0rescan', findAgain);
    }
  };
  let unwatched: string | null = null;
  let closedOnce = false;
  const subscription: Promise<AsyncSubscription | null> = roomToWatch(platform, instancesLeft)
    .then(() =>
      watcher.subscribe(
        library.root,
        (error, events) => {
          // The watcher lost track (an overflowing event queue, or its folder gone): find every file again.
          if (error) settle('\0rescan', findAgain);
          else onEvents(events);
        },
        { ignore: ['**/.*', '**/node_modules'] },
      ),
    )
    .then((started) => {
      running++;
      return started;
    })
    .catch((e: unknown) => {
      unwatched = unwatchedReason(e); // the folder still opens; the desk says why changes show only on reopen
      return null;
    });
  return {
    ready: subscription.then(() => unwatched),
    close: async () => {
      closed = true;
      for (const timer of pending.values()) clearTimeout(timer);
      const started = await subscription;
      if (started === null || closedOnce) return;
      closedOnce = true;
      // Where the folder is gone (deleted, or its drive or share removed), so is the native watch,
      // and unsubscribing fails ("Unable to remove watcher"): there is nothing left to stop.
      await started.unsubscribe().catch(() => undefined);
      running--;
    },
  };
}

/**
 * Resolves when a watch may start; fails, as inotify would, where Linux has no inotify instance
 * left for this user and none is started in this process: subscribing would hang it for good.
 */
async function roomToWatch(platform: NodeJS.Platform, instancesLeft: () => Promise<number | null>): Promise<void> {
  if (platform !== 'linux' || running > 0) return;
  const left = await instancesLeft();
  if (left !== null && left <= 0) throw new Error('inotify_init1: too many open files (EMFILE): no inotify instance left for this user');
}

/** Why a folder cannot be watched, in words an editor can act on. */
export function unwatchedReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  // inotify's limits on Linux: watches (ENOSPC, "no space left on device") and watchers (EMFILE).
  if (/no space left on device|ENOSPC/i.test(message)) return 'Linux watches as many folders as it allows; raising fs.inotify.max_user_watches lets it watch this one';
  if (/too many open files|EMFILE/i.test(message)) return 'Linux has no folder watcher left: other programs hold them all; closing some, or raising fs.inotify.max_user_instances, frees one';
  return `the system would not watch it: ${message}`;
}
