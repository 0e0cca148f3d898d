/** The one writer of article files: atomic, mode-keeping, and leaving nothing behind when it fails. */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { UNSAFE_replaceFileSync } from '../../main/core/save.js';
import { tempDir } from '../helpers/corpora.js';

const temps: { cleanup: () => void }[] = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));
const folder = (): string => {
  const t = tempDir();
  temps.push(t);
  return t.dir;
};

test('writes the chunks in order over the file, with the mode given, and no temp file stays', () => {
  const dir = folder();
  const path = join(dir, 'a.md');
  writeFileSync(path, 'old');
  const saved = UNSAFE_replaceFileSync(path, [Buffer.from('---\npub'), Buffer.from('lished: true'), Buffer.from('\n---\n')], 0o640);
  expect(saved.ok).toBe(true);
  expect(readFileSync(path, 'utf8')).toBe('---\npublished: true\n---\n');
  expect(statSync(path).mode & 0o777).toBe(0o640);
  expect(readdirSync(dir)).toEqual(['a.md']);
});

test('a rename that fails leaves the target as it was and removes the temp file', () => {
  const dir = folder();
  const path = join(dir, 'a.md');
  mkdirSync(path); // a folder where the file should be: the rename over it fails
  const saved = UNSAFE_replaceFileSync(path, [Buffer.from('new')], 0o644);
  expect(!saved.ok && saved.error.kind).toBe('io');
  expect(!saved.ok && saved.error.message).toMatch(/^could not save a\.md: /);
  expect(statSync(path).isDirectory()).toBe(true);
  expect(readdirSync(dir)).toEqual(['a.md']);
});

test('a folder that is gone fails with a message, not an exception', () => {
  const saved = UNSAFE_replaceFileSync(join(folder(), 'missing', 'a.md'), [Buffer.from('x')], 0o644);
  expect(saved).toEqual({ ok: false, error: { kind: 'io', message: 'could not save a.md: the file or folder no longer exists' } });
});
