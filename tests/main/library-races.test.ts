/**
 * What the library learns in the background (a scan of the folder, the read threads) races what the
 * main thread reads and writes meanwhile (an edit, the watcher's refresh, the review pane's read). The
 * newer must win: an article saved or found while a pass was under way is never listed as the pass
 * saw it before, nor dropped because the pass did not see it. Here the scan and the reads are held
 * at a gate, so each race happens the same way every run.
 */
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Library as LibraryType } from '../../main/core/library.js';
import type { ReadResult } from '../../main/core/read-one.js';
import { tempDir } from '../helpers/corpora.js';

/** A gate a pass waits at once its work is done, until the test opens it; `reached` resolves when it waits there. */
class Gate {
  private open: () => void = () => undefined;
  readonly passed = new Promise<void>((resolve) => (this.open = resolve));
  private arrived: () => void = () => undefined;
  readonly reached = new Promise<void>((resolve) => (this.arrived = resolve));
  async wait(): Promise<void> {
    this.arrived();
    await this.passed;
  }
  release(): void {
    this.open();
  }
}
const gates: { scan: Gate | null; reads: Gate | null } = { scan: null, reads: null };
afterEach(() => {
  gates.scan?.release();
  gates.reads?.release();
  gates.scan = gates.reads = null;
});

// The folder's scan, finished, then held before the library hears what it found.
vi.mock('../../main/core/library-paths.js', async (original) => {
  const actual = await original<typeof import('../../main/core/library-paths.js')>();
  return {
    ...actual,
    scanLibrary: async (...args: Parameters<typeof actual.scanLibrary>) => {
      const files = await actual.scanLibrary(...args);
      await gates.scan?.wait();
      return files;
    },
  };
});

// The read threads' results, read, then held before the library hears them.
vi.mock('../../main/core/read-pool.js', async (original) => {
  const actual = await original<typeof import('../../main/core/read-pool.js')>();
  return {
    ...actual,
    readMany: async (...[files, mode, onResults, ...rest]: Parameters<typeof actual.readMany>) => {
      const gate = gates.reads;
      const held: (readonly ReadResult[])[] = [];
      await actual.readMany(files, mode, (results) => (gate === null ? onResults(results) : held.push(results)), ...rest);
      await gate?.wait();
      for (const results of held) onResults(results);
    },
  };
});

const { Library } = await import('../../main/core/library.js');

const SEED = '000_8a8d1d44de5d8be9.txt';
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function folder(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

async function open(dir: string, cacheFolder?: string): Promise<LibraryType> {
  const opened = await Library.open(dir, { cacheFolder });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

const approvedOnDisk = (path: string): boolean => /^published: true$/m.test(readFileSync(path, 'utf8'));

describe('the review pane’s read and a save at once', () => {
  test('never leave the article listed as it was before the save, nor the next edit refused', async () => {
    const dir = folder();
    cpSync(new URL('../../seeds', import.meta.url), dir, { recursive: true });
    const library = await open(dir);
    await library.checked;
    const wrong: string[] = [];
    // The read starts first; the save comes after 0 to 7 turns of the event loop, while the read is under way or done.
    for (let i = 0; i < 64; i++) {
      const want = !library.summary(SEED)!.published;
      const reading = library.read(SEED);
      for (let k = 0; k < i % 8; k++) await new Promise((r) => setImmediate(r));
      const saved = await library.setPublished(SEED, want);
      await reading;
      if (!saved.ok || library.summary(SEED)!.published !== approvedOnDisk(join(dir, SEED))) {
        wrong.push(`${i}: ${saved.ok ? `saved, listed as ${String(library.summary(SEED)!.published)}` : saved.error.message}`);
      }
    }
    await library.close();
    expect(wrong).toEqual([]);
  });
});

describe('a scan of the folder again', () => {
  test('keeps a file that was added, and read, after the scan had listed the folder', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.md'), '---\ntitle: A\n---\n');
    const library = await open(dir);
    await library.checked;
    gates.scan = new Gate();
    const rescan = library.rescan();
    await gates.scan.reached;
    writeFileSync(join(dir, 'b.md'), '---\ntitle: B\n---\n');
    await library.refresh('b.md'); // as the watcher does, once the file is quiet
    gates.scan.release();
    await rescan;
    expect(library.list().map((a) => a.id)).toEqual(['a.md', 'b.md']);
    await library.close();
  });
});

describe('a warm open', () => {
  test('lists a file saved while the read threads read it again as saved, and edits it further', async () => {
    const dir = folder();
    const cache = folder();
    cpSync(new URL('../../seeds', import.meta.url), dir, { recursive: true });
    writeFileSync(join(dir, 'other.md'), '---\ntitle: Other\npublished: false\n---\n');
    await new Promise((r) => setTimeout(r, 2100)); // a stamp younger than 2 s is not kept (see RACY_MS)
    const first = await open(dir, cache);
    await first.checked;
    await first.close();
    appendFileSync(join(dir, SEED), '\nA line added by another program.\n'); // to be read again on the next open
    gates.reads = new Gate();
    const library = await open(dir, cache);
    await gates.reads.reached; // the changed file is read, its result held
    await library.read(SEED); // the review pane's read: the file as it is now
    const saved = await library.setPublished(SEED, true);
    expect(saved.ok).toBe(true);
    gates.reads.release();
    await library.verified;
    expect(library.summary(SEED)?.published).toBe(true);
    const withdrawn = await library.setPublished(SEED, false);
    expect(withdrawn.ok && withdrawn.value.published).toBe(false);
    expect(approvedOnDisk(join(dir, SEED))).toBe(false);
    await library.checked;
    await library.close();
  });
});
