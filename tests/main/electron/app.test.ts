/** The Electron entry, run against a mocked `electron`: what it registers, creates and refuses. */
import { cpSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { channelOf, EVENT_CHANNEL, REQUEST_NAMES } from '../../../shared/contract.js';
import { tempDir } from '../../helpers/corpora.js';

const SEEDS = fileURLToPath(new URL('../../../seeds', import.meta.url));
const library = tempDir();
const userData = tempDir();
const other = tempDir();
cpSync(SEEDS, library.dir, { recursive: true });
cpSync(SEEDS, other.dir, { recursive: true });

const electron = await vi.hoisted(async () => (await import('../../helpers/electron-mock.js')).electronMock());
vi.mock('electron', () => electron.module);

beforeAll(async () => {
  electron.module.app.getPath = () => userData.dir;
  // The window was left maximized, larger than this laptop's screen (a larger monitor, unplugged since).
  writeFileSync(join(userData.dir, 'settings.json'), JSON.stringify({ window: { x: 30, y: 20, width: 1600, height: 1000, maximized: true } }));
  process.argv.push('--library', library.dir);
  await import('../../../main/electron/app.js');
  electron.ready();
  for (let i = 0; i < 100 && electron.windows[0]?.url === undefined; i++) await new Promise((r) => setTimeout(r, 20));
});
afterAll(() => {
  process.argv.splice(process.argv.indexOf('--library'), 2);
  electron.appEvents.get('will-quit')?.({ preventDefault: () => undefined });
  library.cleanup();
  userData.cleanup();
  other.cleanup();
});

const trusted = { senderFrame: { url: 'masthead://app/index.html' } };
/** The key the desk was given with the first library's list (see `LibraryKey`). */
let firstKey = '';

describe('the Electron entry', () => {
  test('registers the privileged scheme, denies permissions and sets the menu', () => {
    expect(electron.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'masthead' })]);
    expect(electron.module.protocol.handle).toHaveBeenCalledWith('masthead', expect.any(Function));
    expect(electron.module.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.module.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(electron.appEvents.has('web-contents-created')).toBe(true);
    expect(electron.module.app.setAboutPanelOptions).toHaveBeenCalledWith(expect.objectContaining({ applicationName: 'Masthead', applicationVersion: '9.8.7' }));
  });

  test('opens one sandboxed window on the desk, where it was left, made to fit the screen, maximized again', () => {
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0]!.url).toBe('masthead://app/index.html');
    expect(electron.windows[0]!.options).toMatchObject({ webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(electron.windows[0]!.options).toMatchObject({ x: 30, y: 20, width: 1366, height: 728 });
    expect(electron.windows[0]!.calls).toEqual([]); // nothing shown before the desk is drawn
    electron.windows[0]!.events.get('ready-to-show')!();
    expect(electron.windows[0]!.calls).toEqual(['maximize', 'show']);
  });

  test('binds every request, answering the desk with the library given by --library', async () => {
    expect([...electron.handlers.keys()].sort()).toEqual(REQUEST_NAMES.map(channelOf).sort());
    const listing = (await electron.handlers.get(channelOf('listArticles'))!(trusted, null, 100)) as { ok: boolean; value: { articles: unknown[]; library: string } };
    expect(listing.ok).toBe(true);
    expect(listing.value.articles).toHaveLength(1);
    firstKey = listing.value.library;
  });

  test('refuses requests from any other frame, and bad arguments from the desk', async () => {
    const untrusted = await electron.handlers.get(channelOf('setPublished'))!({ senderFrame: { url: 'https://evil.example/' } }, '000_8a8d1d44de5d8be9.txt', true);
    expect(untrusted).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    const escape = await electron.handlers.get(channelOf('readArticle'))!(trusted, '../../etc/passwd.md');
    expect(escape).toMatchObject({ ok: false, error: { kind: 'outside-library' } });
    const link = await electron.handlers.get(channelOf('openExternal'))!(trusted, 'javascript:alert(1)');
    expect(link).toMatchObject({ ok: false });
    expect(electron.module.shell.openExternal).not.toHaveBeenCalled();
  });

  test('a web link from the desk opens in the system browser; where the system cannot, the desk is told why', async () => {
    const open = electron.handlers.get(channelOf('openExternal'))!;
    const { openExternal } = electron.module.shell;
    expect(await open(trusted, 'https://news.example/story?id=1')).toEqual({ ok: true, value: null });
    expect(openExternal).toHaveBeenLastCalledWith('https://news.example/story?id=1');
    openExternal.mockRejectedValueOnce(new Error('No application found to open the URL'));
    expect(await open(trusted, 'http://news.example/')).toEqual({ ok: false, error: { kind: 'io', message: 'could not open http://news.example/: No application found to open the URL' } });
  });

  test('an edit from the desk reaches the file and the event reaches the window', async () => {
    const id = '000_8a8d1d44de5d8be9.txt';
    const result = await electron.handlers.get(channelOf('setPublished'))!(trusted, id, true, firstKey);
    expect(result).toMatchObject({ ok: true, value: { published: true } });
    expect(readFileSync(join(library.dir, id), 'utf8')).toContain('\npublished: true\n');
    expect(electron.windows[0]!.sent).toContainEqual([EVENT_CHANNEL, expect.objectContaining({ type: 'changed' })]);
  });

  test("an article's file is shown in its folder or opened in its app, and only an article of the open library", async () => {
    const show = electron.handlers.get(channelOf('showArticleFile'))!;
    const id = '000_8a8d1d44de5d8be9.txt';
    const file = join(realpathSync(library.dir), id);
    const { showItemInFolder, openPath } = electron.module.shell;
    expect(await show(trusted, id, 'folder', firstKey)).toEqual({ ok: true, value: null });
    expect(showItemInFolder).toHaveBeenLastCalledWith(file);
    expect(await show(trusted, id, 'app', firstKey)).toEqual({ ok: true, value: null });
    expect(openPath).toHaveBeenLastCalledWith(file);
    openPath.mockResolvedValueOnce('Failed to open path');
    expect(await show(trusted, id, 'app', firstKey)).toMatchObject({ ok: false, error: { kind: 'io', message: `could not open ${id}: Failed to open path` } });
    // Nothing outside the library, nothing it does not list as an article, nothing of another library, no other way of showing.
    writeFileSync(join(library.dir, 'notes.txt'), 'no front matter here\n');
    const refused = [
      await show(trusted, '../../etc/passwd.md', 'folder', firstKey),
      await show(trusted, 'notes.txt', 'app', firstKey),
      await show(trusted, 'missing.md', 'app', firstKey),
      await show(trusted, id, 'app', 'another-library'),
      await show(trusted, id, 'run', firstKey),
      await show(trusted, id, 'app'),
      await show({ senderFrame: { url: 'https://evil.example/' } }, id, 'app', firstKey),
    ];
    expect(refused.map((r) => (r as { ok: boolean }).ok)).toEqual([false, false, false, false, false, false, false]);
    expect(showItemInFolder).toHaveBeenCalledTimes(1);
    expect(openPath).toHaveBeenCalledTimes(2);
  });

  test('a desk whose renderer crashed is loaded again, and the editor told', () => {
    const window = electron.windows[0]!;
    const before = window.calls.length;
    window.events.get('contents render-process-gone')!({}, { reason: 'crashed', exitCode: 139 });
    expect(window.calls.slice(before)).toEqual(['reload']);
    expect(electron.module.dialog.showMessageBox).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ message: 'The desk was drawn again' }));
    window.calls.splice(before);
  });

  test('a desk that stops responding: the editor chooses to draw it again, and it is, in a new renderer', async () => {
    const window = electron.windows[0]!;
    const before = window.calls.length;
    const { showMessageBox } = electron.module.dialog;
    showMessageBox.mockResolvedValueOnce({ response: 1 });
    window.events.get('contents unresponsive')!();
    expect(showMessageBox).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ message: 'The desk is not responding', buttons: ['Wait', 'Draw the desk again'], cancelId: 0, signal: expect.any(AbortSignal) }),
    );
    await vi.waitFor(() => expect(window.calls.slice(before)).toEqual(['end renderer']));
    const told = showMessageBox.mock.calls.length;
    window.events.get('contents render-process-gone')!({}, { reason: 'killed', exitCode: 9 });
    expect(window.calls.slice(before)).toEqual(['end renderer', 'reload']);
    expect(showMessageBox.mock.calls.length).toBe(told);
    window.calls.splice(before);
  });

  describe('File > Open Library…', () => {
    type Item = { label?: string; click?: () => void; submenu?: Item[] };
    const openLibrary = (): void => {
      const template = electron.module.Menu.buildFromTemplate.mock.calls[0]![0] as Item[];
      const item = template.flatMap((menu) => menu.submenu ?? []).find((i) => i.label === 'Open Library…');
      item!.click!();
    };
    const settingsFile = (): string => join(userData.dir, 'settings.json');
    const remembered = (): { lastLibrary?: string } => JSON.parse(readFileSync(settingsFile(), 'utf8')) as { lastLibrary?: string };
    const sent = (): unknown[] => electron.windows[0]!.sent.map((args) => args[1]);
    const settle = async (until: () => boolean): Promise<void> => {
      for (let i = 0; i < 1000 && !until(); i++) await new Promise((r) => setTimeout(r, 10)); // up to 10 s: the whole suite runs beside it
    };

    test('cancelled, it changes nothing', async () => {
      electron.module.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
      const before = sent().length;
      openLibrary();
      await new Promise((r) => setTimeout(r, 100));
      // (The watcher may still report the last test's edit meanwhile: only a library opened counts.)
      expect(sent().slice(before)).not.toContainEqual(expect.objectContaining({ type: 'reloaded' }));
      expect(electron.module.dialog.showErrorBox).not.toHaveBeenCalled();
      expect(remembered().lastLibrary).toBeUndefined();
    });

    test('a folder that cannot be opened is said so, and not remembered', async () => {
      electron.module.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [join(other.dir, 'no such folder')] });
      openLibrary();
      await settle(() => electron.module.dialog.showErrorBox.mock.calls.length > 0);
      expect(electron.module.dialog.showErrorBox).toHaveBeenCalledWith('Masthead could not open the library', expect.any(String));
      expect(remembered().lastLibrary).toBeUndefined();
    });

    test('opens the chosen folder, tells the desk, and remembers it for the next start', async () => {
      electron.module.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [other.dir] });
      openLibrary();
      await settle(() => remembered().lastLibrary !== undefined);
      const listing = (await electron.handlers.get(channelOf('listArticles'))!(trusted, null, 100)) as { ok: boolean; value: { articles: { published: boolean }[]; library: string } };
      expect(listing.value.library).not.toBe(firstKey);
      expect(sent()).toContainEqual({ type: 'reloaded', name: expect.any(String), library: listing.value.library });
      expect(remembered()).toEqual({
        lastLibrary: realpathSync(other.dir),
        recentLibraries: [realpathSync(other.dir), realpathSync(library.dir)],
        window: { x: 30, y: 20, width: 1600, height: 1000, maximized: true },
      });
      expect(listing.value.articles).toEqual([expect.objectContaining({ published: false })]); // the other copy, not the one approved above
    });

    test('an edit made on the list of the library open before is refused: the file of the same name here is left as it is', async () => {
      const id = '000_8a8d1d44de5d8be9.txt';
      const stale = await electron.handlers.get(channelOf('setPublished'))!(trusted, id, true, firstKey);
      expect(stale).toMatchObject({ ok: false, error: { kind: 'not-found' } });
      expect(readFileSync(join(other.dir, id), 'utf8')).toContain('\npublished: false\n');
    });

    test('the first library opened again has the key it had', async () => {
      electron.module.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [library.dir] });
      openLibrary();
      await settle(() => JSON.parse(readFileSync(settingsFile(), 'utf8')).lastLibrary === realpathSync(library.dir));
      const listing = (await electron.handlers.get(channelOf('listArticles'))!(trusted, null, 100)) as { value: { library: string } };
      expect(listing.value.library).toBe(firstKey);
    });

    test('File › Open Recent lists the libraries opened, the latest first; one gone since is said so and leaves the list', async () => {
      const recentItems = (): Item[] => {
        const calls = electron.module.Menu.buildFromTemplate.mock.calls;
        const template = calls[calls.length - 1]![0] as Item[];
        return template.flatMap((menu) => menu.submenu ?? []).find((i) => i.label === 'Open Recent')!.submenu!;
      };
      // The menu is built again once the settings are written: the test before waited for the file only.
      await settle(() => recentItems()[0]?.label === realpathSync(library.dir));
      expect(recentItems().map((i) => i.label)).toEqual([realpathSync(library.dir), realpathSync(other.dir), undefined, 'Clear Recent']);
      const passing = tempDir();
      cpSync(SEEDS, passing.dir, { recursive: true });
      electron.module.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [passing.dir] });
      openLibrary();
      await settle(() => remembered().lastLibrary === realpathSync(passing.dir));
      await settle(() => recentItems().length === 5);
      expect(recentItems()[0]!.label).toBe(realpathSync(passing.dir));
      passing.cleanup();
      electron.module.dialog.showErrorBox.mockClear();
      recentItems()[0]!.click!();
      await settle(() => electron.module.dialog.showErrorBox.mock.calls.length > 0);
      expect(electron.module.dialog.showErrorBox).toHaveBeenCalledWith('Masthead could not open the library', expect.stringContaining('there is no such folder'));
      await settle(() => recentItems().length === 4);
      expect(recentItems().map((i) => i.label)).toEqual([realpathSync(library.dir), realpathSync(other.dir), undefined, 'Clear Recent']);
    });
  });
  test('a second start brings the window forward and opens the folder it was given, relative to where it ran', async () => {
    expect(electron.module.app.requestSingleInstanceLock).toHaveBeenCalled();
    const window = electron.windows[0]!;
    const sentBefore = window.sent.length;
    electron.appEvents.get('second-instance')!({}, ['electron', '.', '--library', basename(other.dir)], dirname(other.dir));
    expect(window.calls).toEqual(['maximize', 'show', 'restore', 'focus']);
    const settingsFile = join(userData.dir, 'settings.json');
    for (let i = 0; i < 1000 && JSON.parse(readFileSync(settingsFile, 'utf8')).lastLibrary !== realpathSync(other.dir); i++) await new Promise((r) => setTimeout(r, 10));
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toMatchObject({ lastLibrary: realpathSync(other.dir) });
    expect(window.sent.slice(sentBefore).map((args) => args[1])).toContainEqual(expect.objectContaining({ type: 'reloaded' }));
    // Started again without a folder: only brought forward.
    electron.appEvents.get('second-instance')!({}, ['electron', '.'], '/');
    expect(window.calls).toEqual(['maximize', 'show', 'restore', 'focus', 'restore', 'focus']);
  });

  test("closing the window remembers its place and quits; quitting waits, once, until the library is closed and the place written", async () => {
    electron.module.app.quit.mockClear();
    electron.windows[0]!.events.get('close')!();
    electron.appEvents.get('window-all-closed')!();
    expect(electron.module.app.quit).toHaveBeenCalledTimes(1);
    const event = { preventDefault: vi.fn() };
    electron.appEvents.get('will-quit')!(event);
    electron.appEvents.get('will-quit')!(event); // pressed again while it closes: still held, closed once
    expect(event.preventDefault).toHaveBeenCalledTimes(2);
    for (let i = 0; i < 1000 && electron.module.app.quit.mock.calls.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(electron.module.app.quit).toHaveBeenCalledTimes(2);
    const listing = (await electron.handlers.get(channelOf('listArticles'))!(trusted, null, 100)) as { ok: boolean };
    expect(listing.ok).toBe(false); // the library was closed before the app quit
    expect(JSON.parse(readFileSync(join(userData.dir, 'settings.json'), 'utf8'))).toEqual({
      lastLibrary: realpathSync(other.dir),
      recentLibraries: [realpathSync(other.dir), realpathSync(library.dir)],
      window: { x: 30, y: 20, width: 1200, height: 700, maximized: true },
    });
    const last = { preventDefault: vi.fn() };
    electron.appEvents.get('will-quit')!(last);
    expect(last.preventDefault).not.toHaveBeenCalled(); // the quit it asked for goes through
  });
});
