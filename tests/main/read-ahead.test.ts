/** Reading ahead of the read pool on storage whose reads wait (the compiled reader threads). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { SlowReads, type ReadAhead } from '../../main/core/read-ahead.js';
import { tempDir } from '../helpers/corpora.js';

const lib = tempDir();
afterAll(() => lib.cleanup());

describe('telling slow storage', () => {
  const rows: { name: string; reads: number[]; slow: boolean }[] = [
    { name: 'the page cache', reads: [12, 15, 20, 11, 14, 18, 13, 16], slow: false },
    { name: 'a disk the page cache has not seen', reads: [140, 160, 150, 180, 130, 170, 145, 155], slow: true },
    { name: 'the page cache, a thread put aside during a few batches', reads: [12, 300, 15, 20, 250, 14, 18, 400], slow: false },
    { name: 'a disk, a few files already in the page cache', reads: [140, 20, 150, 180, 15, 170, 145, 155], slow: true },
    { name: 'too few batches to say', reads: [140, 160, 150, 180, 130, 170, 145], slow: false },
  ];
  test.each(rows)('$name', ({ reads, slow }) => {
    const seen = new SlowReads();
    expect(reads.map((us) => seen.add(us)).at(-1)).toBe(slow);
  });

  test('goes by the latest batches: a disk that warms up stops showing slow', () => {
    const seen = new SlowReads();
    for (let i = 0; i < 8; i++) seen.add(150);
    for (let i = 0; i < 5; i++) seen.add(10);
    expect(seen.add(10)).toBe(false);
  });
});

/** Bytes this process has read so far, page cache or not (Linux). */
const readBytes = (): number => Number(/^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))![1]);

describe.runIf(process.platform === 'linux')('the readers', () => {
  test('read the files a window past what the pool has handed out, and none before it asks', async () => {
    const built = (await import(new URL('../../out/main/core/read-ahead.js', import.meta.url).href)) as { ReadAhead: typeof ReadAhead };
    const paths = Array.from({ length: 300 }, (_, i) => join(lib.dir, `${i}.md`));
    for (const path of paths) writeFileSync(path, 'x'.repeat(20_000));
    const ahead = built.ReadAhead.start(paths, 100);
    if (ahead === null) throw new Error('the reader script is built with the tests');
    try {
      const before = readBytes();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(readBytes() - before).toBeLessThan(100_000); // nothing handed out yet: nothing read ahead
      ahead.advance(100);
      // The 200 files from the 100th on: 4 MB.
      for (const until = Date.now() + 10_000; readBytes() - before < 200 * 20_000 && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(readBytes() - before).toBeGreaterThanOrEqual(200 * 20_000);
      expect(readBytes() - before).toBeLessThan(300 * 20_000); // not the first 100, which the pool has
    } finally {
      await ahead.close();
    }
  });
});
