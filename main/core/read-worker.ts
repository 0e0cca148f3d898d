/** A read-pool thread: reads and parses the batches of files it is sent, or stamps a list of paths. */
import { parentPort } from 'node:worker_threads';
import type { ScannedFile } from './library-paths.js';
import { readOne, stampMany, type ReadMode } from './read-one.js';

parentPort?.on('message', (job: { files: readonly ScannedFile[]; mode: ReadMode } | { stamp: readonly string[] }) => {
  if ('stamp' in job) {
    const stamps = stampMany(job.stamp);
    parentPort?.postMessage(stamps, [stamps.buffer]);
  } else {
    parentPort?.postMessage(job.files.map((f) => readOne(f.id, f.path, job.mode)));
  }
});
