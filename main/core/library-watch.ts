/** Keeps an open library in step with changes other programs make to its files. */
import { watch, type FSWatcher } from 'chokidar';
import { basename, sep } from 'node:path';
import { ARTICLE_FILE, idOf, isSkippedFolder } from './library-paths.js';
import type { Library } from './library.js';

/** A running watch; `close` stops it. */
export interface LibraryWatch {
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** Watches the library folder and refreshes the index for every article file added, changed or removed. */
export function watchLibrary(library: Library): LibraryWatch {
  const watcher: FSWatcher = watch(library.root, {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (path, stats) => {
      if (path === library.root) return false;
      const name = basename(path);
      if (stats?.isDirectory()) return isSkippedFolder(name);
      const inSkipped = path.slice(library.root.length).split(sep).slice(0, -1).some((part) => part !== '' && isSkippedFolder(part));
      return inSkipped || (stats?.isFile() === true && (name.startsWith('.') || !ARTICLE_FILE.test(name)));
    },
    awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 },
  });
  const refresh = (path: string): void => {
    if (ARTICLE_FILE.test(path)) void library.refresh(idOf(library.root, path));
  };
  watcher.on('add', refresh).on('change', refresh).on('unlink', refresh);
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return { ready, close: () => watcher.close() };
}
