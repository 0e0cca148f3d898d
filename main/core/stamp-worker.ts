/** A stamp thread: stats the paths it is sent. Kept apart from the read worker so it starts at once. */
import { parentPort } from 'node:worker_threads';
import { stampMany } from './file-stamp.js';

parentPort?.on('message', (paths: readonly string[]) => {
  const stamps = stampMany(paths);
  parentPort?.postMessage(stamps, [stamps.buffer]);
});
