/** An edit knows a file is unchanged by its trusted stamp, without hashing it, and never by a stamp that moved. */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { RACY_MS, type FileStamp } from '../../main/core/file-stamp.js';
import { Library } from '../../main/core/library.js';
import { stampVouches } from '../../main/core/library-edit.js';
import type { IndexEntry } from '../../main/core/library-index.js';
import { tempDir } from '../helpers/corpora.js';

/** Run once, at the next `readSync` of this process: another program writing the file as Masthead reads it. */
const hooks = vi.hoisted(() => ({ onNextRead: null as (() => void) | null, hashes: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const readSync = ((...args: Parameters<typeof real.readSync>) => {
    const hook = hooks.onNextRead;
    hooks.onNextRead = null;
    hook?.();
    return real.readSync(...args);
  }) as typeof real.readSync;
  return { ...real, default: { ...real, readSync }, readSync };
});
/** Counts the sha256 hashes this process makes. */
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const createHash = ((...args: Parameters<typeof real.createHash>) => {
    if (args[0] === 'sha256') hooks.hashes++;
    return real.createHash(...args);
  }) as typeof real.createHash;
  return { ...real, default: { ...real, createHash }, createHash };
});

const article = (title: string): string => `---\ntitle: ${title}\npublished: false\nquality: 3\n---\nbody\n`;
const names = ['plain.md', 'rewritten.md', 'during.md'];
const lib = tempDir();
let library: Library;

beforeAll(async () => {
  for (const name of names) writeFileSync(join(lib.dir, name), article(name));
  // Files older than file times' granularity: the full check trusts their stamps.
  await new Promise((resolve) => setTimeout(resolve, RACY_MS + 100));
  const opened = await Library.open(lib.dir);
  if (!opened.ok) throw new Error(opened.error.message);
  library = opened.value;
  await library.checked;
}, RACY_MS + 20_000);
afterAll(async () => {
  await library.close();
  lib.cleanup();
});

test('an approval of a file its trusted stamp vouches for hashes only the bytes it writes', async () => {
  hooks.hashes = 0;
  const saved = await library.setPublished('plain.md', true);
  expect(saved.ok).toBe(true);
  expect(hooks.hashes).toBe(1);
  expect(readFileSync(join(lib.dir, 'plain.md'), 'utf8')).toBe(article('plain.md').replace('published: false', 'published: true'));
  // Just written, the file has no trusted stamp: the next edit hashes what it reads.
  hooks.hashes = 0;
  expect((await library.setPublished('plain.md', false)).ok).toBe(true);
  expect(hooks.hashes).toBe(2);
  expect(readFileSync(join(lib.dir, 'plain.md'), 'utf8')).toBe(article('plain.md'));
});

test('a file another program rewrote to the same size, its times set back, is still refused', async () => {
  const path = join(lib.dir, 'rewritten.md');
  const before = statSync(path);
  const times = `${path}.times`;
  execFileSync('touch', ['-r', path, times]); // the file's times, to the nanosecond
  const theirs = article('rewritten.md').replace('quality: 3', 'quality: 9');
  expect(theirs.length).toBe(article('rewritten.md').length);
  writeFileSync(path, theirs);
  execFileSync('touch', ['-m', '-r', times, path]); // the size and the mtime as they were; the ctime moved
  expect(statSync(path).mtimeMs).toBe(before.mtimeMs);
  expect(statSync(path).ctimeMs).not.toBe(before.ctimeMs);
  const result = await library.setPublished('rewritten.md', true);
  expect(!result.ok && result.error.kind).toBe('conflict');
  expect(readFileSync(path, 'utf8')).toBe(theirs);
});

test('a file another program writes while the edit reads it is refused: the stamp before the read no longer vouches', async () => {
  const path = join(lib.dir, 'during.md');
  const theirs = article('during.md').replace('quality: 3', 'quality: 7');
  hooks.onNextRead = () => writeFileSync(path, theirs);
  const result = await library.setPublished('during.md', true);
  expect(hooks.onNextRead).toBeNull(); // the edit's read ran the other program's write
  expect(!result.ok && result.error.kind).toBe('conflict');
  expect(readFileSync(path, 'utf8')).toBe(theirs);
});

const stamp: FileStamp = { size: 120, mtimeMs: 1_700_000_000_000.25, ctimeMs: 1_700_000_000_000.5 };
const entry = (fields: Partial<IndexEntry>): IndexEntry => ({ summary: { id: 'a.md', title: 'A', excerpt: '', published: false, topics: [], problems: [] }, hash: 'ab'.repeat(32), stamp, quickApprove: true, ...fields });

test.each([
  { name: 'the same trusted stamp, bytes hashed', current: stamp, known: entry({}), vouches: true },
  { name: 'no trusted stamp now (too fresh, or written while read)', current: null, known: entry({}), vouches: false },
  { name: 'no trusted stamp then (just written by Masthead)', current: stamp, known: entry({ stamp: null }), vouches: false },
  { name: 'a stamp with no hash (listed, not yet checked)', current: stamp, known: entry({ hash: null }), vouches: false },
  { name: 'a stamp of an unreadable file', current: stamp, known: entry({ hash: '' }), vouches: false },
  { name: 'another size', current: { ...stamp, size: 121 }, known: entry({}), vouches: false },
  { name: 'another mtime', current: { ...stamp, mtimeMs: stamp.mtimeMs + 0.25 }, known: entry({}), vouches: false },
  { name: 'another ctime', current: { ...stamp, ctimeMs: stamp.ctimeMs + 0.25 }, known: entry({}), vouches: false },
])('a stamp vouches: $name', ({ current, known, vouches }) => {
  expect(stampVouches({ stamp: current }, known)).toBe(vouches);
});
