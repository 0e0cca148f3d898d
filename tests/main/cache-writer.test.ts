/** The persistent index's writer: writes what changed, when asked, and nothing after close. */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, test } from 'vitest';
import type { ArticleId } from '../../shared/article.js';
import { CacheWriter } from '../../main/core/cache-writer.js';
import { decodeIndex } from '../../main/core/index-codec.js';
import type { IndexEntry } from '../../main/core/library-index.js';
import { tempDir } from '../helpers/corpora.js';

const dirs: { cleanup: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

function entry(id: string, hash: string | null, stamped = true): [ArticleId, IndexEntry] {
  return [id, { summary: { id, title: id, excerpt: '', published: false, topics: [], problems: [] }, hash, stamp: stamped ? { size: 1, mtimeMs: 2, ctimeMs: 3 } : null, quickApprove: false }];
}

function setUp(): { file: string; entries: [ArticleId, IndexEntry][]; writer: CacheWriter } {
  const data = tempDir();
  dirs.push(data);
  const folder = join(data.dir, 'index');
  mkdirSync(folder);
  const file = join(folder, 'lib.idx');
  const entries: [ArticleId, IndexEntry][] = [];
  return { file, entries, writer: new CacheWriter(file, '/lib', 'reader', () => entries) };
}

const written = (file: string): string[] => [...(decodeIndex(readFileSync(file), '/lib', 'reader') ?? new Map()).keys()];

describe('CacheWriter', () => {
  test('writes only checked entries with a trusted stamp, and only once something changed', async () => {
    const { file, entries, writer } = setUp();
    entries.push(entry('a.md', 'ab'.repeat(32)), entry('unchecked.md', null), entry('unreadable.md', ''), entry('just-saved.md', 'cd'.repeat(32), false));
    await writer.save();
    expect(existsSync(file)).toBe(false); // nothing changed yet
    writer.changed();
    await writer.save();
    expect(written(file)).toStrictEqual(['a.md']);
  });

  test('a later call to soon wins; after close nothing more is written', async () => {
    const { file, entries, writer } = setUp();
    entries.push(entry('a.md', 'ab'.repeat(32)));
    writer.changed();
    writer.soon(10_000);
    writer.soon(0);
    await sleep(50);
    expect(written(file)).toStrictEqual(['a.md']);
    entries.push(entry('b.md', 'cd'.repeat(32)));
    writer.changed();
    await writer.close();
    expect(written(file)).toStrictEqual(['a.md', 'b.md']);
    entries.push(entry('c.md', 'ef'.repeat(32)));
    writer.changed();
    writer.soon(0);
    await sleep(50);
    await writer.close();
    expect(written(file)).toStrictEqual(['a.md', 'b.md']);
  });

  test('a write that fails is tried again at the next one', async () => {
    const { file, entries, writer } = setUp();
    entries.push(entry('a.md', 'ab'.repeat(32)));
    writer.changed();
    // A folder in the cache file's place, not empty: the rename fails, even for root.
    mkdirSync(join(file, 'in-the-way'), { recursive: true });
    await writer.save();
    expect(existsSync(join(file, 'in-the-way'))).toBe(true);
    rmSync(file, { recursive: true });
    await writer.save(); // nothing changed since, but the failed write left it to do
    expect(written(file)).toStrictEqual(['a.md']);
  });

  test('an entry the index cannot encode fails neither a save nor the close (which a quit waits for): the file written before stays', async () => {
    const { file, entries, writer } = setUp();
    entries.push(entry('a.md', 'ab'.repeat(32)));
    writer.changed();
    await writer.save();
    // A hash that is not one, as an entry copied without its getters once carried (see Library.load).
    const [id, broken] = entry('b.md', null);
    entries.push([id, { ...broken, hash: undefined as unknown as string }]);
    writer.changed();
    writer.soon(0);
    await sleep(50);
    await expect(writer.close()).resolves.toBeUndefined();
    expect(written(file)).toStrictEqual(['a.md']);
  });
});
