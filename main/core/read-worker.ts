/** A read-pool thread: reads and parses the batches of files it is sent, or copies checked files for an export. */
import { parentPort, workerData } from 'node:worker_threads';
import { copyChecked, type CopyJob } from './export-copy.js';
import type { ScannedFile } from './library-paths.js';
import { packResults } from './read-batch.js';
import { readBatch, type ReadMode } from './read-one.js';
import { errorText } from './save.js';
import type { WarmedUp } from './read-threads.js';
import { warmUp } from './read-warm-up.js';

/** Folders this thread has made for the export under way. */
const madeFolders = new Set<string>();

// A thread started ahead of a library compiles its reader first (see read-threads.ts); a batch sent
// meanwhile waits for it.
if ((workerData as { warmUp?: boolean } | null)?.warmUp === true) {
  warmUp();
  parentPort?.postMessage({ warmedUp: true } satisfies WarmedUp);
}

parentPort?.on('message', (job: { files: readonly ScannedFile[]; mode: ReadMode; at: number } | { copy: CopyJob; at: number }) => {
  if ('copy' in job) {
    try {
      parentPort?.postMessage({ at: job.at, copied: copyChecked(job.copy, madeFolders) });
    } catch (e) {
      parentPort?.postMessage({ error: `could not write the export: ${errorText(e)}` });
    }
  } else {
    const timing = { readMs: 0 };
    const packed = packResults(readBatch(job.files, job.mode, timing));
    parentPort?.postMessage({ at: job.at, packed, readMs: timing.readMs }, ownBuffer(packed.summaries));
  }
});

/**
 * The buffer of `bytes` to hand over rather than copy, when the bytes are all of it (a serialized
 * batch is: most of its bytes, and copying them cost about 0.6 s of CPU in a cold open at 100,000);
 * none when it is shared, as pooled buffers are, which handing over would empty.
 */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer[] {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? [buffer] : [];
}
