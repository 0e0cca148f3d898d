/** A read-ahead thread: reads the files it is sent and keeps nothing, so the pool's reads find them in the page cache. */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

const scratch = Buffer.allocUnsafe(1 << 20);

parentPort?.on('message', (paths: readonly string[]) => {
  for (const path of paths) {
    try {
      const fd = openSync(path, 'r');
      try {
        while (readSync(fd, scratch, 0, scratch.length, null) > 0);
      } finally {
        closeSync(fd);
      }
    } catch {
      // Gone or unreadable: the pool's own read says so.
    }
  }
  parentPort?.postMessage(paths.length);
});
