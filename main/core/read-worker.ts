/** A read-pool thread: reads and parses the batches of files it is sent. */
import { parentPort } from 'node:worker_threads';
import type { ScannedFile } from './library-paths.js';
import { readOne, type ReadMode } from './read-one.js';

parentPort?.on('message', (batch: { files: readonly ScannedFile[]; mode: ReadMode }) => {
  parentPort?.postMessage(batch.files.map((f) => readOne(f.id, f.path, batch.mode)));
});
