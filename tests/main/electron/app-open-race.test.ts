/**
 * The Electron entry asked for another library while the one it opens at start is still being
 * read (a large library remembered from the last start): the editor's choice stands.
 */
import { cpSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test, vi } from 'vitest';
import { channelOf } from '../../../shared/contract.js';
import { Library } from '../../../main/core/library.js';
import { tempDir } from '../../helpers/corpora.js';

const SEEDS = fileURLToPath(new URL('../../../seeds', import.meta.url));
const userData = tempDir();
const remembered = tempDir();
const chosen = tempDir();
cpSync(SEEDS, remembered.dir, { recursive: true });
cpSync(SEEDS, chosen.dir, { recursive: true });
writeFileSync(join(chosen.dir, 'chosen.md'), '---\ntitle: Only in the chosen library\npublished: false\n---\n');

const electron = await vi.hoisted(async () => (await import('../../helpers/electron-mock.js')).electronMock());
vi.mock('electron', () => electron.module);

afterAll(() => {
  electron.appEvents.get('will-quit')?.({ preventDefault: () => undefined });
  userData.cleanup();
  remembered.cleanup();
  chosen.cleanup();
});

test('a library chosen while the remembered one is still being read is the one shown and remembered; no error is said', async () => {
  electron.module.app.getPath = () => userData.dir;
  writeFileSync(join(userData.dir, 'settings.json'), JSON.stringify({ lastLibrary: remembered.dir }));
  // The remembered library's read is held until the chosen one is open.
  const open = Library.open.bind(Library);
  let release = (): void => undefined;
  const held = new Promise<void>((r) => (release = r));
  vi.spyOn(Library, 'open').mockImplementationOnce(async (folder, options) => {
    await held;
    return open(folder, options);
  });
  await import('../../../main/electron/app.js');
  electron.ready();
  for (let i = 0; i < 100 && electron.module.Menu.buildFromTemplate.mock.calls.length === 0; i++) await new Promise((r) => setTimeout(r, 20));

  type Item = { label?: string; click?: () => void; submenu?: Item[] };
  const template = electron.module.Menu.buildFromTemplate.mock.calls[0]![0] as Item[];
  electron.module.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [chosen.dir] });
  template.flatMap((menu) => menu.submenu ?? []).find((i) => i.label === 'Open Library…')!.click!();
  const settings = (): { lastLibrary?: string; recentLibraries?: string[] } => JSON.parse(readFileSync(join(userData.dir, 'settings.json'), 'utf8'));
  await vi.waitFor(() => expect(settings().lastLibrary).toBe(realpathSync(chosen.dir)), { timeout: 5000 });

  release();
  await new Promise((r) => setTimeout(r, 500)); // the remembered library is read within this
  const listing = (await electron.handlers.get(channelOf('listArticles'))!({ senderFrame: { url: 'masthead://app/index.html' } }, null, 100)) as {
    value: { articles: { id: string }[] };
  };
  expect(listing.value.articles.map((a) => a.id)).toContain('chosen.md');
  expect(electron.module.dialog.showErrorBox).not.toHaveBeenCalled();
  expect(settings()).toMatchObject({ lastLibrary: realpathSync(chosen.dir), recentLibraries: [realpathSync(chosen.dir)] });
  const sent = electron.windows[0]!.sent.map((args) => args[1] as { type?: string });
  expect(sent.filter((e) => e.type === 'reloaded')).toHaveLength(1);
});
