/** The persistent index: a reopen takes unchanged files from it, and nothing stale ever comes back. */
import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ArticleSummary } from '../../shared/article.js';
import { generateLibrary } from '../../bench/generate.js';
import { cacheFileOf, readWhole } from '../../main/core/index-cache.js';
import { decodeIndex, encodeIndex, type CachedEntry } from '../../main/core/index-codec.js';
import { Library } from '../../main/core/library.js';
import { tempDir } from '../helpers/corpora.js';

const lib = tempDir();
const data = tempDir();
const cacheFolder = join(data.dir, 'index');
const OLD = new Date('2024-01-01T00:00:00Z');
afterAll(() => {
  lib.cleanup();
  data.cleanup();
});

async function open(options: { cacheFolder?: string; reader?: string } = { cacheFolder }): Promise<Library> {
  const opened = await Library.open(lib.dir, options);
  if (!opened.ok) throw new Error(opened.error.message);
  await opened.value.checked;
  return opened.value;
}

/** The index as a fresh library without any cache sees it. */
async function truth(): Promise<ArticleSummary[]> {
  const library = await open({});
  await library.close();
  return library.list();
}

beforeAll(async () => {
  generateLibrary(300, lib.dir, 5);
  // Whole-second times, which utimes can put back exactly after a change.
  for (const f of readdirSync(lib.dir)) utimesSync(join(lib.dir, f), OLD, OLD);
  // Stamps of files written within the last 2 s are not trusted (file times are coarse): let them age.
  await sleep(2100);
}, 30_000);

describe('the persistent index', () => {
  test('a reopen reads no unchanged file and lists exactly what a fresh read lists', async () => {
    const first = await open();
    expect(first.fromCache).toBe(0);
    await first.close();
    const files = readdirSync(cacheFolder);
    expect(files).toHaveLength(1);
    const second = await open();
    expect(second.fromCache).toBe(second.size);
    expect(second.list()).toStrictEqual(await truth());
    expect(second.list().some((a) => a.problems.some((p) => p.level === 'error'))).toBe(true);
    await second.close();
  });

  test('a file marked read-only is listed so from the index; made writable again, it is read again (ctime moved)', async () => {
    const id = readdirSync(lib.dir).sort()[7]!;
    chmodSync(join(lib.dir, id), 0o444);
    await sleep(2100); // a stamp younger than 2 s is not kept (see RACY_MS)
    const first = await open();
    expect(first.summary(id)?.readOnly).toBe(true);
    await first.close();
    const second = await open();
    expect(second.fromCache).toBe(second.size);
    expect(second.summary(id)?.readOnly).toBe(true);
    expect(second.list()).toStrictEqual(await truth());
    await second.close();
    chmodSync(join(lib.dir, id), 0o644);
    await sleep(2100);
    const third = await open();
    expect(third.fromCache).toBe(third.size - 1);
    expect(third.summary(id)?.readOnly).toBe(undefined);
    expect(third.list()).toStrictEqual(await truth());
    await third.close();
  }, 15_000);

  test('a file changed to the same size, with its old mtime put back, is read again (ctime moved)', async () => {
    const id = readdirSync(lib.dir).find((f) => readFileSync(join(lib.dir, f), 'utf8').includes('published: false'))!;
    const path = join(lib.dir, id);
    const before = statSync(path);
    writeFileSync(path, readFileSync(path, 'utf8').replace('published: false', 'published: true '));
    utimesSync(path, OLD, OLD);
    expect(statSync(path).size).toBe(before.size);
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs);
    const library = await open();
    expect(library.fromCache).toBe(library.size - 1);
    expect(library.summary(id)?.published).toBe(true);
    expect(library.list()).toStrictEqual(await truth());
    await library.close();
  });

  test('a file read again with the very bytes the index took from the cache (touched, its permissions changed) keeps its hash and approval: it is edited and the index written', async () => {
    await sleep(2100); // the file the test before changed: its stamp is trusted from now on
    const first = await open();
    await first.close();
    const second = await open();
    expect(second.fromCache).toBe(second.size);
    const [touched, chmodded] = second.list().filter((a) => !a.published && a.problems.every((p) => p.level !== 'error')).map((a) => a.id) as [string, string];
    const now = new Date();
    utimesSync(join(lib.dir, touched), now, now);
    chmodSync(join(lib.dir, chmodded), 0o600);
    await second.refresh(touched);
    await second.refresh(chmodded);
    const entry = (id: string) => (second as unknown as { index: { get(id: string): { hash: unknown; quickApprove: unknown } } }).index.get(id)!;
    for (const id of [touched, chmodded]) expect([typeof entry(id).hash, typeof entry(id).quickApprove], id).toEqual(['string', 'boolean']);
    expect((await second.setPublished(touched, true)).ok).toBe(true);
    await expect(second.close()).resolves.toBeUndefined();
    const third = await open();
    expect(third.summary(touched)?.published).toBe(true);
    expect(third.list()).toStrictEqual(await truth());
    await third.close();
    chmodSync(join(lib.dir, chmodded), 0o644);
  }, 15_000);

  test('added and removed files show, and an edit made through Masthead is never taken from an older index', async () => {
    const seed = readFileSync(new URL('../../seeds/000_8a8d1d44de5d8be9.txt', import.meta.url));
    mkdirSync(join(lib.dir, 'new'), { recursive: true });
    writeFileSync(join(lib.dir, 'new', 'added.txt'), seed);
    const gone = readdirSync(lib.dir).find((f) => f.endsWith('.md'))!;
    const goneText = readFileSync(join(lib.dir, gone));
    writeFileSync(join(lib.dir, gone), 'no longer front matter\n');
    const library = await open();
    expect(library.summary('new/added.txt')?.title).toBeTruthy();
    expect(library.summary(gone)).toBeUndefined();
    const target = library.list().find((a) => !a.published && a.problems.every((p) => p.level !== 'error'))!;
    expect((await library.setPublished(target.id, true)).ok).toBe(true);
    await library.close();
    const again = await open();
    expect(again.summary(target.id)?.published).toBe(true);
    expect(again.list()).toStrictEqual(await truth());
    await again.close();
    writeFileSync(join(lib.dir, gone), goneText);
  });

  test('the list comes from the index at once; files changed meanwhile arrive as events once verified', async () => {
    const warm = await open();
    await warm.close();
    const [first, second] = readdirSync(lib.dir).filter((f) => f.endsWith('.md')).slice(3, 5) as [string, string];
    const firstText = readFileSync(join(lib.dir, first));
    const secondText = readFileSync(join(lib.dir, second));
    writeFileSync(join(lib.dir, first), firstText.toString().replace(/^title: .*$/m, 'title: "Retitled elsewhere"'));
    writeFileSync(join(lib.dir, second), 'no longer an article\n');
    const opened = await Library.open(lib.dir, { cacheFolder });
    if (!opened.ok) throw new Error(opened.error.message);
    const library = opened.value;
    const events: string[] = [];
    library.subscribe((e) => events.push(e.type === 'removed' ? `removed ${e.id}` : e.type === 'added' || e.type === 'changed' ? `${e.type} ${e.summary.id} ${e.summary.title}` : e.type));
    expect(library.summary(first)?.title).not.toBe('Retitled elsewhere'); // as the index last saw it
    await library.verified;
    expect(events).toContain(`changed ${first} Retitled elsewhere`);
    expect(events).toContain(`removed ${second}`);
    await library.checked;
    expect(library.list()).toStrictEqual(await truth());
    await library.close();
    writeFileSync(join(lib.dir, first), firstText);
    writeFileSync(join(lib.dir, second), secondText);
  });

  test('while the editor works the index file is left alone; closing writes what changed', async () => {
    const first = await open();
    await first.close();
    const file = readdirSync(cacheFolder).map((f) => join(cacheFolder, f))[0]!;
    const written = readFileSync(file);
    const library = await open();
    // One no other test touches, so its stamp is trusted in the index written before.
    const target = library.list().slice(150).find((a) => a.problems.every((p) => p.level !== 'error'))!;
    expect((await library.setPublished(target.id, !target.published)).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readFileSync(file).equals(written)).toBe(true);
    await library.close();
    expect(readFileSync(file).equals(written)).toBe(false);
    const again = await open();
    expect(again.summary(target.id)?.published).toBe(!target.published);
    expect((await again.setPublished(target.id, target.published)).ok).toBe(true);
    await again.close();
  });

  test('a damaged cache file, another reader version or another library is ignored, never trusted', async () => {
    const library = await open();
    await library.close();
    const file = readdirSync(cacheFolder).map((f) => join(cacheFolder, f))[0]!;
    const bytes = readFileSync(file);
    for (const damaged of [bytes.subarray(0, bytes.length - 100), Buffer.from('garbage'), Buffer.concat([bytes.subarray(0, 60), Buffer.alloc(200, 7), bytes.subarray(260)])]) {
      writeFileSync(file, damaged);
      const reopened = await open();
      expect(reopened.list()).toStrictEqual(await truth());
      await reopened.close();
    }
    const other = await open({ cacheFolder, reader: 'a later reader' });
    expect(other.fromCache).toBe(0);
    await other.close();
    expect(decodeIndex(readFileSync(file), '/some/other/library', 'a later reader')).toBeNull();
  });

  test('encodes every field exactly: missing values, short summaries, NUL characters, problems, topics', () => {
    const entries: [string, CachedEntry][] = [
      ['a.md', { quickApprove: true, hash: 'ab'.repeat(32), stamp: { size: 10, mtimeMs: 1.5, ctimeMs: 2.25 }, summary: { id: 'a.md', title: 'A\0B', excerpt: '', providerName: undefined, providerDomain: 'x.org', publishedDateTime: '2024-01-01', category: undefined, type: 'story', quality: 0, heat: undefined, published: true, topics: ['Café', 'b'], problems: [] } }],
      ['b/c.md', { quickApprove: false, hash: 'cd'.repeat(32), stamp: { size: 0, mtimeMs: 0, ctimeMs: 0 }, summary: { id: 'b/c.md', title: 'c.md', excerpt: '', published: false, topics: [], problems: [{ level: 'error', code: 'yaml-syntax', message: 'bad', line: 2, column: 3 }] } }],
      ['ü.md', { quickApprove: false, hash: 'ef'.repeat(32), stamp: { size: 3, mtimeMs: 1e12 + 0.123456, ctimeMs: 5 }, summary: { id: 'ü.md', title: '文章', excerpt: 'e\nf', providerName: 'P', providerDomain: undefined, publishedDateTime: undefined, category: 'c', type: undefined, quality: 0.5, heat: -3, published: false, topics: ['b'], problems: [{ level: 'warning', code: 'bad-date', message: 'w', field: 'publishedDateTime' }] } }],
    ];
    const plain = (decoded: Map<string, CachedEntry> | null) => (decoded === null ? null : [...decoded].map(([id, e]) => [id, { quickApprove: e.quickApprove, hash: e.hash, stamp: e.stamp, summary: e.summary }]));
    const bytes = encodeIndex('/root', 'r', entries);
    expect(plain(decodeIndex(bytes, '/root', 'r'))).toStrictEqual(entries);
    // In memory of its own (as a cache file is read), the typed sections are views of the bytes; at
    // any other offset, copies: the same entries either way.
    for (let offset = 0; offset < 8; offset++) {
      const placed = Buffer.from(new ArrayBuffer(bytes.length + offset), offset, bytes.length);
      bytes.copy(placed);
      expect(plain(decodeIndex(placed, '/root', 'r'))).toStrictEqual(entries);
    }
    // Ids all ASCII are decoded as one string and sliced; with one that is not, one by one (above).
    const ascii = entries.slice(0, 2);
    expect([...(decodeIndex(encodeIndex('/root', 'r', ascii), '/root', 'r') ?? [])].map(([id, e]) => [id, e.summary.id])).toEqual(ascii.map(([id]) => [id, id]));
    // A cache naming a file twice, or a path out of the library, is refused whole.
    const withId = (id: string): [string, CachedEntry] => [id, { ...entries[0]![1], summary: { ...entries[0]![1].summary, id } }];
    for (const refused of [[entries[0]!, entries[1]!, entries[0]!], [withId('../a.md')], [withId('b/../../a.md')], [withId('/etc/a.md')]]) {
      expect(decodeIndex(encodeIndex('/root', 'r', refused), '/root', 'r')).toBeNull();
    }
    expect(cacheFileOf('/data', '/root')).not.toBe(cacheFileOf('/data', '/root2'));
  });

  test('the cache file is read whole, in parts read at once', async () => {
    const file = join(data.dir, 'parts.bin');
    const bytes = Buffer.from(Array.from({ length: 100_003 }, (_, i) => (i * 7919) % 251));
    writeFileSync(file, bytes);
    for (const part of [4096, 1000, 100_003, 1 << 23]) expect((await readWhole(file, part)).equals(bytes)).toBe(true);
    writeFileSync(file, '');
    expect((await readWhole(file, 4096)).length).toBe(0);
  });

  test('a data folder that cannot be written costs only the time, never the library', async () => {
    // A file where the folder should be: no one, not even root, can create the index there.
    const blocked = join(data.dir, 'blocked');
    writeFileSync(blocked, '');
    const library = await open({ cacheFolder: join(blocked, 'index') });
    expect(library.list()).toStrictEqual(await truth());
    await library.close();
    const again = await open({ cacheFolder: join(blocked, 'index') });
    expect(again.fromCache).toBe(0);
    await again.close();
  });
});
