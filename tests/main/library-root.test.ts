/** The library folder as opened: what an open says of a folder it cannot take, and when the folder is gone. */
import { realpathSync } from 'node:fs';
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { isMissing, openRoot } from '../../main/core/library-root.js';
import { tempDir } from '../helpers/corpora.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  const made = tempDir();
  dir = realpathSync(made.dir);
  cleanup = made.cleanup;
});
afterEach(() => cleanup());

describe('openRoot', () => {
  test('a folder opens as its real path, through a link', async () => {
    await mkdir(join(dir, 'news'));
    await symlink(join(dir, 'news'), join(dir, 'link'));
    const opened = await openRoot(join(dir, 'link'));
    expect(opened.ok && opened.value.path).toBe(join(dir, 'news'));
    expect(opened.ok && opened.value.gone()).toBe(false);
  });

  test.each([
    { name: 'a folder that was never there', make: async () => undefined, expected: 'cannot open the library news: there is no such folder' },
    { name: 'a file', make: () => writeFile(join(dir, 'news'), 'x'), expected: 'news is not a folder' },
  ])('$name is refused in words', async ({ make, expected }) => {
    await make();
    const opened = await openRoot(join(dir, 'news'));
    expect(opened.ok ? '' : `${opened.error.kind}: ${opened.error.message}`).toBe(`io: ${expected}`);
  });
});

describe('LibraryRoot.gone', () => {
  test.each([
    { name: 'moved away', change: (path: string) => rename(path, `${path}-moved`) },
    { name: 'deleted', change: (path: string) => rm(path, { recursive: true }) },
    { name: 'replaced by a file', change: async (path: string) => (await rm(path, { recursive: true }), writeFile(path, 'x')) },
    { name: 'replaced by another folder of the same name', change: async (path: string) => (await rename(path, `${path}-old`), mkdir(path)) },
  ])('a folder $name is gone', async ({ change }) => {
    await mkdir(join(dir, 'news'));
    const opened = await openRoot(join(dir, 'news'));
    if (!opened.ok) throw new Error(opened.error.message);
    await change(join(dir, 'news'));
    expect(opened.value.gone()).toBe(true);
    expect(opened.value.goneMessage()).toMatch(/^the library folder news is no longer where it was opened/);
  });

  test('a folder moved away and back is there again', async () => {
    await mkdir(join(dir, 'news'));
    const opened = await openRoot(join(dir, 'news'));
    if (!opened.ok) throw new Error(opened.error.message);
    await rename(join(dir, 'news'), join(dir, 'away'));
    expect(opened.value.gone()).toBe(true);
    await rename(join(dir, 'away'), join(dir, 'news'));
    expect(opened.value.gone()).toBe(false);
  });
});

test.each([
  { code: 'ENOENT', expected: true },
  { code: 'ENOTDIR', expected: true },
  { code: 'EACCES', expected: false },
  { code: undefined, expected: false },
])('isMissing($code) is $expected', ({ code, expected }) => {
  expect(isMissing(Object.assign(new Error('x'), { code }))).toBe(expected);
});
