/** The one writer of article files: atomic, mode-keeping, and leaving nothing behind when it fails. */
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { keepOwner, removeAside, removeStaleLeftovers, SAVE_LEFTOVER, UNSAFE_replaceFileSync } from '../../main/core/save.js';
import { Library } from '../../main/core/library.js';
import { tempDir } from '../helpers/corpora.js';

const temps: { cleanup: () => void }[] = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));
/** A file's attributes as this process would make it: a save that keeps them has no owner to change. */
const mine = (mode: number) => ({ mode, uid: process.geteuid?.() ?? 0, gid: process.getegid?.() ?? 0 });
const folder = (): string => {
  const t = tempDir();
  temps.push(t);
  return t.dir;
};

test('writes the chunks in order over the file, with the mode given, and no temp file stays', async () => {
  const dir = folder();
  const path = join(dir, 'a.md');
  writeFileSync(path, 'old');
  const before = statSync(path).ino;
  const saved = UNSAFE_replaceFileSync(path, [Buffer.from('---\npub'), Buffer.from('lished: true'), Buffer.from('\n---\n')], mine(0o640));
  expect(readFileSync(path, 'utf8')).toBe('---\npublished: true\n---\n');
  expect(statSync(path).mode & 0o777).toBe(0o640);
  // The old version stays linked aside, under a hidden name, until the caller removes it.
  const aside = saved.ok ? saved.value : null;
  expect(aside).not.toBeNull();
  expect(basename(aside!)).toMatch(SAVE_LEFTOVER);
  expect(statSync(aside!).ino).toBe(before);
  expect(readFileSync(aside!, 'utf8')).toBe('old');
  await removeAside(aside!);
  await removeAside(aside!); // gone already: no error
  expect(readdirSync(dir)).toEqual(['a.md']);
});

test('each save names its aside link anew: saves of one file in a row never meet', () => {
  const dir = folder();
  const path = join(dir, 'a.md');
  writeFileSync(path, 'v0');
  const asides = Array.from({ length: 50 }, (_, i) => {
    const saved = UNSAFE_replaceFileSync(path, [Buffer.from(`v${i + 1}`)], mine(0o644));
    return saved.ok ? saved.value : null;
  });
  expect(new Set(asides).size).toBe(50);
  for (const aside of asides) expect(basename(aside!)).toMatch(SAVE_LEFTOVER);
  // Each still holds the version it was linked to: no save replaced another's link.
  expect(asides.map((aside) => readFileSync(aside!, 'utf8'))).toEqual(Array.from({ length: 50 }, (_, i) => `v${i}`));
  expect(readFileSync(path, 'utf8')).toBe('v50');
});

test('a new file is written without an aside link', () => {
  const dir = folder();
  const saved = UNSAFE_replaceFileSync(join(dir, 'new.md'), [Buffer.from('new')], mine(0o644));
  expect(saved).toEqual({ ok: true, value: null });
  expect(readdirSync(dir)).toEqual(['new.md']);
});

test('a save that fails after linking the old version aside removes the link and the temp file', async () => {
  const dir = folder();
  const path = join(dir, 'a.md');
  writeFileSync(path, 'old');
  vi.resetModules();
  vi.doMock('node:fs', async (original) => ({
    ...(await original<typeof import('node:fs')>()),
    renameSync: () => {
      throw Object.assign(new Error('EIO'), { code: 'ENOSPC' });
    },
  }));
  try {
    const save = await import('../../main/core/save.js');
    expect(save.UNSAFE_replaceFileSync(path, [Buffer.from('new')], mine(0o644))).toEqual({ ok: false, error: { kind: 'io', message: 'could not save a.md: the disk is full' } });
  } finally {
    vi.doUnmock('node:fs');
    vi.resetModules();
  }
  expect(readFileSync(path, 'utf8')).toBe('old');
  expect(readdirSync(dir)).toEqual(['a.md']);
});

test('each save syncs its folder; saves given a set leave their folders in it, synced once each by syncFolders', async () => {
  const [one, two] = [folder(), folder()];
  for (const name of ['a.md', 'b.md']) writeFileSync(join(one, name), 'old');
  writeFileSync(join(two, 'c.md'), 'old');
  const synced: string[] = [];
  vi.resetModules();
  vi.doMock('node:fs', async (original) => {
    const fs = await original<typeof import('node:fs')>();
    const opened = new Map<number, string>();
    return {
      ...fs,
      openSync: (path: string, ...rest: [string, number?]) => {
        const fd = fs.openSync(path, ...rest);
        opened.set(fd, path);
        return fd;
      },
      fsyncSync: (fd: number) => {
        const path = opened.get(fd)!;
        if (fs.statSync(path).isDirectory()) synced.push(path);
        fs.fsyncSync(fd);
      },
    };
  });
  try {
    const save = await import('../../main/core/save.js');
    expect(save.UNSAFE_replaceFileSync(join(one, 'a.md'), [Buffer.from('new')], mine(0o644)).ok).toBe(true);
    expect(synced).toEqual([one]);
    synced.length = 0;
    const unsynced = new Set<string>();
    for (const path of [join(one, 'a.md'), join(one, 'b.md'), join(two, 'c.md')]) expect(save.UNSAFE_replaceFileSync(path, [Buffer.from('newer')], mine(0o644), unsynced).ok).toBe(true);
    expect(synced).toEqual([]);
    expect([...unsynced]).toEqual([one, two]);
    save.syncFolders(unsynced);
    expect(synced).toEqual([one, two]);
  } finally {
    vi.doUnmock('node:fs');
    vi.resetModules();
  }
  expect(readFileSync(join(one, 'b.md'), 'utf8')).toBe('newer');
});

test('a rename that fails leaves the target as it was and removes the temp file', () => {
  const dir = folder();
  const path = join(dir, 'a.md');
  mkdirSync(path); // a folder where the file should be: the rename over it fails
  const saved = UNSAFE_replaceFileSync(path, [Buffer.from('new')], mine(0o644));
  expect(!saved.ok && saved.error.kind).toBe('io');
  expect(!saved.ok && saved.error.message).toMatch(/^could not save a\.md: /);
  expect(statSync(path).isDirectory()).toBe(true);
  expect(readdirSync(dir)).toEqual(['a.md']);
});

test('a folder that is gone fails with a message, not an exception', () => {
  const saved = UNSAFE_replaceFileSync(join(folder(), 'missing', 'a.md'), [Buffer.from('x')], mine(0o644));
  expect(saved).toEqual({ ok: false, error: { kind: 'io', message: 'could not save a.md: the file or folder no longer exists' } });
});

test('stale leftovers of saves are removed, and nothing else', async () => {
  const dir = folder();
  const names = ['.a.md.0123456789ab.masthead-tmp', '.a.md.abcdef012345.masthead-old', '.a.md.masthead-old', 'a.md.0123456789ab.masthead-tmp', '.b.md.0123456789ab.masthead-old'];
  for (const name of names.slice(0, 4)) writeFileSync(join(dir, name), 'x');
  mkdirSync(join(dir, names[4]!)); // a folder by that name is not a save's
  const paths = names.map((n) => join(dir, n));
  expect(await removeStaleLeftovers(paths)).toBe(0); // a minute old at least
  expect(await removeStaleLeftovers(paths, Date.now() + 61_000)).toBe(2);
  expect(readdirSync(dir).sort()).toEqual([names[4], names[2], names[3]].sort());
});

describe('a save keeps the file’s owner and group', () => {
  const uid = process.geteuid?.() ?? 0;
  const gid = process.getegid?.() ?? 0;
  const EPERM = (): never => {
    throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
  };
  const rows: readonly { name: string; owner: { uid: number; gid: number }; allowed: (u: number, g: number) => boolean; calls: [number, number][] }[] = [
    { name: 'the saver’s own file: no call at all', owner: { uid, gid }, allowed: () => true, calls: [] },
    { name: 'another user’s file, saved by root: owner and group given back', owner: { uid: uid + 1, gid: gid + 1 }, allowed: () => true, calls: [[uid + 1, gid + 1]] },
    { name: 'another user’s file in the saver’s group, saved by them: nothing more can be kept', owner: { uid: uid + 1, gid }, allowed: () => false, calls: [[uid + 1, gid]] },
    { name: 'another user’s file in a group the saver belongs to: the group kept', owner: { uid: uid + 1, gid: gid + 1 }, allowed: (u) => u === -1, calls: [[uid + 1, gid + 1], [-1, gid + 1]] },
    { name: 'a group the saver is not in: left as the system made it', owner: { uid: uid + 1, gid: gid + 1 }, allowed: () => false, calls: [[uid + 1, gid + 1], [-1, gid + 1]] },
  ];
  test.each(rows)('$name', ({ owner, allowed, calls }) => {
    const made: [number, number][] = [];
    keepOwner(7, owner, (fd, u, g) => {
      expect(fd).toBe(7);
      made.push([u, g]);
      if (!allowed(u, g)) EPERM();
    });
    expect(made).toEqual(calls);
  });

  // Only root may give a file to another user: elsewhere the rows above stand for this.
  test.skipIf(uid !== 0)('on disk (as root, as here): an approval of another user’s file leaves it theirs, with its mode', async () => {
    const dir = folder();
    const path = join(dir, 'shared.md');
    writeFileSync(path, '---\ntitle: Shared\npublished: false\n---\n');
    chownSync(path, 4321, 4322);
    chmodSync(path, 0o664); // after the umask, and the change of owner
    const library = await Library.open(dir);
    if (!library.ok) throw new Error(library.error.message);
    await library.value.checked;
    expect((await library.value.setPublished('shared.md', true)).ok).toBe(true);
    await library.value.close();
    expect(readFileSync(path, 'utf8')).toBe('---\ntitle: Shared\npublished: true\n---\n');
    const info = statSync(path);
    expect([info.uid, info.gid, info.mode & 0o7777]).toEqual([4321, 4322, 0o664]);
  });
});
