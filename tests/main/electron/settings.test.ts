/** What the app remembers between runs: read forgivingly, written whole. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadSettings, MOST_RECENT, saveSettings, SettingsFile, withRecent } from '../../../main/electron/settings.js';
import { tempDir } from '../../helpers/corpora.js';

let folder = tempDir();
afterEach(() => {
  folder.cleanup();
  folder = tempDir();
});

describe('the settings file', () => {
  test('a first run, with no file yet, starts from the defaults', async () => {
    expect(await loadSettings(join(folder.dir, 'settings.json'))).toEqual({});
  });

  test('what was saved is read back, in a data folder made for it', async () => {
    const file = join(folder.dir, 'not yet made', 'settings.json');
    await saveSettings(file, { lastLibrary: '/home/editor/News' });
    expect(await loadSettings(file)).toEqual({ lastLibrary: '/home/editor/News' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ lastLibrary: '/home/editor/News' });
    expect(readdirSync(join(folder.dir, 'not yet made'))).toEqual(['settings.json']); // no temp file left
  });

  test('a damaged file, or one with a library that is not a path, means the defaults', async () => {
    const file = join(folder.dir, 'settings.json');
    for (const text of ['{"lastLibrary": "/x"', 'null', '[]', '{"lastLibrary": 3}', '{"other": "/x"}']) {
      writeFileSync(file, text);
      expect(await loadSettings(file), text).toEqual({});
    }
  });

  test('only the known setting is taken from the file', async () => {
    const file = join(folder.dir, 'settings.json');
    writeFileSync(file, JSON.stringify({ lastLibrary: '/x', injected: true }));
    expect(await loadSettings(file)).toEqual({ lastLibrary: '/x' });
  });

  test('saving again replaces the file whole', async () => {
    const file = join(folder.dir, 'settings.json');
    await saveSettings(file, { lastLibrary: '/a/much/longer/path/than/the/next/one' });
    await saveSettings(file, { lastLibrary: '/b' });
    expect(await loadSettings(file)).toEqual({ lastLibrary: '/b' });
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  test("the window's place is read back; a damaged one is dropped and the library kept", async () => {
    const file = join(folder.dir, 'settings.json');
    const window = { x: -1200, y: 40, width: 1280.5, height: 800, maximized: true };
    await saveSettings(file, { lastLibrary: '/x', window });
    expect(await loadSettings(file)).toEqual({ lastLibrary: '/x', window });
    for (const damaged of [null, 3, { ...window, width: 0 }, { ...window, x: '10' }, { ...window, maximized: 'yes' }, { x: 1, y: 2 }]) {
      writeFileSync(file, JSON.stringify({ lastLibrary: '/x', window: damaged }));
      expect(await loadSettings(file), JSON.stringify(damaged)).toEqual({ lastLibrary: '/x' });
    }
    writeFileSync(file, JSON.stringify({ window: { ...window, extra: 1 } }));
    expect(await loadSettings(file)).toEqual({ window });
  });

  test('a running app changes one setting at a time, keeping the others; every change is written in turn', async () => {
    const file = join(folder.dir, 'settings.json');
    await saveSettings(file, { lastLibrary: '/a' });
    const settings = await SettingsFile.open(file);
    const window = { x: 0, y: 0, width: 1000, height: 700, maximized: false };
    // Not awaited one by one: the writes must not race for the temp file.
    void settings.update({ window });
    void settings.update({ lastLibrary: '/b' });
    await settings.written();
    expect(settings.settings).toEqual({ lastLibrary: '/b', window });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ lastLibrary: '/b', window });
    expect(readdirSync(folder.dir)).toEqual(['settings.json']);
  });

  test('the recent libraries are read back; what is not a path is dropped, and no more than are listed', async () => {
    const file = join(folder.dir, 'settings.json');
    writeFileSync(file, JSON.stringify({ recentLibraries: ['/a', 3, '', null, '/b', ...Array.from({ length: 20 }, (_, i) => `/c${i}`)] }));
    const { recentLibraries } = await loadSettings(file);
    expect(recentLibraries?.slice(0, 3)).toEqual(['/a', '/b', '/c0']);
    expect(recentLibraries).toHaveLength(MOST_RECENT);
    writeFileSync(file, JSON.stringify({ lastLibrary: '/a', recentLibraries: '/a' }));
    expect(await loadSettings(file)).toEqual({ lastLibrary: '/a' });
  });

  test.each([
    { name: 'a first library', recent: undefined, folder: '/a', expected: ['/a'] },
    { name: 'a new one goes first', recent: ['/a', '/b'], folder: '/c', expected: ['/c', '/a', '/b'] },
    { name: 'one listed already moves first, once', recent: ['/a', '/b', '/c'], folder: '/b', expected: ['/b', '/a', '/c'] },
    { name: 'the oldest goes when the list is full', recent: Array.from({ length: MOST_RECENT }, (_, i) => `/${i}`), folder: '/new', expected: ['/new', ...Array.from({ length: MOST_RECENT - 1 }, (_, i) => `/${i}`)] },
  ])('withRecent: $name', ({ recent, folder, expected }) => {
    expect(withRecent(recent, folder)).toEqual(expected);
  });
});
