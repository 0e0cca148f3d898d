/** The Electron entry handed a second start's folder while it is still starting: that folder opens. */
import { cpSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test, vi } from 'vitest';
import { tempDir } from '../../helpers/corpora.js';

const SEEDS = fileURLToPath(new URL('../../../seeds', import.meta.url));
const userData = tempDir();
const asked = tempDir();
cpSync(SEEDS, asked.dir, { recursive: true });

const electron = await vi.hoisted(async () => (await import('../../helpers/electron-mock.js')).electronMock());
vi.mock('electron', () => electron.module);

afterAll(() => {
  electron.appEvents.get('will-quit')?.({ preventDefault: () => undefined });
  userData.cleanup();
  asked.cleanup();
});

test('a folder handed over before the app is ready is the one it opens, not the remembered one', async () => {
  electron.module.app.getPath = () => userData.dir;
  await import('../../../main/electron/app.js');
  // The launcher clicked twice: the second start hands over while the first waits for Electron.
  electron.appEvents.get('second-instance')!({}, ['electron', '.', '--library', basename(asked.dir)], dirname(asked.dir));
  electron.ready();
  const settingsFile = join(userData.dir, 'settings.json');
  const recent = (): unknown => {
    try {
      return JSON.parse(readFileSync(settingsFile, 'utf8')).recentLibraries;
    } catch {
      return undefined; // not written yet
    }
  };
  await vi.waitFor(() => expect(recent()).toEqual([realpathSync(asked.dir)]), { timeout: 5000 });
  expect(electron.windows).toHaveLength(1);
});
