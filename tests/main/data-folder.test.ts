/** Where the browser host keeps its persistent index, per platform. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { appDataFolder, indexCacheOf } from '../../main/data-folder.js';
import { READER_VERSION } from '../../main/core/read-article.js';

describe('the data folder', () => {
  test.each([
    { name: 'MASTHEAD_DATA_DIR wins everywhere', env: { MASTHEAD_DATA_DIR: '/data/m', XDG_CONFIG_HOME: '/x' }, platform: 'linux' as const, expected: '/data/m' },
    { name: 'Linux, XDG_CONFIG_HOME set', env: { XDG_CONFIG_HOME: '/x' }, platform: 'linux' as const, expected: join('/x', 'masthead') },
    { name: 'Linux, default', env: {}, platform: 'linux' as const, expected: join(homedir(), '.config', 'masthead') },
    { name: 'macOS', env: {}, platform: 'darwin' as const, expected: join(homedir(), 'Library', 'Application Support', 'masthead') },
    { name: 'Windows', env: { APPDATA: 'C:\\Users\\e\\AppData\\Roaming' }, platform: 'win32' as const, expected: join('C:\\Users\\e\\AppData\\Roaming', 'masthead') },
  ])('$name', ({ env, platform, expected }) => {
    expect(appDataFolder(env, platform)).toBe(expected);
  });

  test('the index lives under index/ and is versioned by the reader and the app', () => {
    const cache = indexCacheOf('/data/m');
    expect(cache.cacheFolder).toBe(join('/data/m', 'index'));
    expect(cache.reader).toMatch(new RegExp(`^${READER_VERSION}\\+masthead-\\d+\\.\\d+\\.\\d+`));
  });
});
