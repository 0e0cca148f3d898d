/** A save's aside link (see save.ts) is removed after the save has answered, not before. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { Library } from '../../main/core/library.js';
import { tempDir } from '../helpers/corpora.js';

const unlinked = vi.hoisted(() => [] as string[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const unlink: typeof real.unlink = (path) => {
    unlinked.push(String(path));
    return real.unlink(path);
  };
  return { ...real, default: { ...real, unlink }, unlink };
});

const seedText = readFileSync(new URL('../../seeds/000_8a8d1d44de5d8be9.txt', import.meta.url), 'utf8');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

test('the aside link is removed only once the save has answered, and gone when the library settles', async () => {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  writeFileSync(join(dir, 'seed.txt'), seedText);
  const opened = await Library.open(dir);
  if (!opened.ok) throw new Error(opened.error.message);
  const library = opened.value;
  await library.checked;
  const asides = (): string[] => unlinked.filter((p) => p.endsWith('.masthead-old'));

  const saved = await library.setPublished('seed.txt', true);
  expect(saved.ok).toBe(true);
  // Answered: the aside link is still there, and nothing has begun to remove it.
  expect(asides()).toEqual([]);
  const beside = readdirSync(dir).filter((name) => name.endsWith('.masthead-old'));
  expect(beside).toHaveLength(1);

  await library.settled();
  expect(asides()).toEqual([join(dir, beside[0]!)]);
  expect(readdirSync(dir)).toEqual(['seed.txt']);
  await library.close();
});
