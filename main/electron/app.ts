/** Electron's entry: wires the session, the handlers, the window, the menu and the renderer scheme. */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session as electronSession, shell } from 'electron';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { EVENT_CHANNEL, type LibraryEventMessage } from '../../shared/contract.js';
import { fail, ok } from '../../shared/result.js';
import { ExportDesk } from '../export-desk.js';
import { createHandlers } from '../handlers.js';
import { prestartReadThreads } from '../core/read-threads.js';
import { seedsFolder } from '../package-root.js';
import { Session } from '../session.js';
import { recoverDesk } from './desk-recovery.js';
import { bindHandlers } from './ipc.js';
import { menuTemplate, type MenuActions } from './menu.js';
import { handleRendererScheme, registerRendererScheme } from './renderer-protocol.js';
import { SettingsFile, withRecent } from './settings.js';
import { denyPermissions, guardWebContents, mainWindowOptions, RENDERER_URL } from './window.js';
import { windowPlace } from './window-place.js';
import { isSafeExternalUrl } from '../../shared/contract.js';

registerRendererScheme(protocol);

let mainWindow: BrowserWindow | null = null;
/** What the app remembers (read once it is ready). */
let settings: SettingsFile | null = null;
/** The desk's exports (made once the app is ready). */
let exportDesk: ExportDesk | null = null;
const send = (event: LibraryEventMessage): void => mainWindow?.webContents.send(EVENT_CHANNEL, event);
const session = new Session(send, { watch: true, dataFolder: () => app.getPath('userData') });
// The read threads boot and compile their reader while the app starts (see read-threads.ts).
void prestartReadThreads();
/** For a link the page itself would follow (see `guardWebContents`): nothing to tell where the system cannot open it. */
const openExternal = (url: string): void => {
  if (isSafeExternalUrl(url)) shell.openExternal(url).catch(() => undefined);
};

/** `--library DIR` on the command line wins over the remembered library. */
function libraryArgument(argv: readonly string[]): string | undefined {
  const at = argv.indexOf('--library');
  return at === -1 ? undefined : argv[at + 1];
}

/**
 * Masthead started again (from the launcher, or `masthead start DIR`): this window comes forward,
 * and opens the folder that start was given, rather than a second window saving the same files. A
 * start handed over while this one is still starting (a launcher clicked twice) is not lost: its
 * folder is the one this start opens.
 */
let handedOver: string | undefined;
let openHandedOver: ((folder: string) => void) | null = null;
app.on('second-instance', (_event, argv: readonly string[], workingDirectory: string) => {
  if (mainWindow !== null) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
  const folder = libraryArgument(argv);
  if (folder === undefined) return;
  const path = resolve(workingDirectory, folder); // relative to where that start ran
  if (openHandedOver === null) handedOver = path;
  else openHandedOver(path);
});

async function start(): Promise<void> {
  const remembered = await SettingsFile.open(join(app.getPath('userData'), 'settings.json'));
  settings = remembered;
  const seeds = app.isPackaged ? join(process.resourcesPath, 'seeds') : seedsFolder();
  const wanted = handedOver ?? libraryArgument(process.argv) ?? remembered.settings.lastLibrary ?? seeds;
  // The window comes up at once; the desk shows the opening's progress and asks for the list when it is in.
  const opening = session.open(wanted).then(async (opened) => {
    if (opened.ok) return opened.value.superseded === true ? undefined : session.root; // the editor opened another meanwhile: it is remembered as it opens
    dialog.showErrorBox('Masthead could not open the library', `${opened.error.message}\n\nThe bundled sample library opens instead.`);
    await session.open(seeds);
  });

  handleRendererScheme(protocol, join(app.getAppPath(), 'out', 'renderer'));
  // Help › About Masthead (the app menu's About on macOS): which release this is, for a bug report.
  app.setAboutPanelOptions({ applicationName: 'Masthead', applicationVersion: app.getVersion() });
  denyPermissions(electronSession.defaultSession);
  const exports = new ExportDesk(
    () => session.library(),
    async (_format, name) => {
      const choice = await dialog.showSaveDialog({ title: 'Export approved articles', defaultPath: join(app.getPath('documents'), name) });
      return choice.canceled || !choice.filePath ? null : choice.filePath;
    },
    send,
    (path) => shell.showItemInFolder(path),
  );
  exportDesk = exports;
  bindHandlers(
    ipcMain,
    createHandlers(
      session,
      // Refused where the system has no browser for the link: said on the desk, not thrown across the bridge.
      (url) =>
        shell.openExternal(url).then(
          () => ok(null),
          (e: unknown) => fail('io', `could not open ${url}: ${e instanceof Error ? e.message : String(e)}`),
        ),
      exports,
      { reveal: (path) => shell.showItemInFolder(path), open: (path) => shell.openPath(path) },
    ),
  );

  /**
   * Opens a folder the editor chose, and remembers it for the next start and in File › Open Recent;
   * one that cannot be opened is said so, and leaves Open Recent.
   */
  const openFolder = async (folder: string): Promise<void> => {
    const result = await session.open(folder);
    if (result.ok && result.value.superseded === true) return; // another open asked for after this one stands, and is remembered
    const recent = remembered.settings.recentLibraries ?? [];
    if (!result.ok) {
      dialog.showErrorBox('Masthead could not open the library', result.error.message);
      if (recent.includes(folder)) await remembered.update({ recentLibraries: recent.filter((f) => f !== folder) });
    } else if (session.root !== undefined) await remembered.update({ lastLibrary: session.root, recentLibraries: withRecent(recent, session.root) });
    setMenu();
  };
  const openLibrary = async (): Promise<void> => {
    const choice = await dialog.showOpenDialog({ title: 'Open Library', properties: ['openDirectory'] });
    const folder = choice.filePaths[0];
    if (choice.canceled || folder === undefined) return;
    await openFolder(folder);
  };
  openHandedOver = (folder) => void openFolder(folder);
  const actions: MenuActions = {
    openLibrary: () => void openLibrary(),
    exportApproved: () => send({ type: 'command', command: 'export' }),
    approveShown: () => send({ type: 'command', command: 'approve-shown' }),
    showShortcuts: () => send({ type: 'command', command: 'shortcuts' }),
    undo: () => send({ type: 'command', command: 'undo' }),
    redo: () => send({ type: 'command', command: 'redo' }),
    reload: () => void (session.root && session.open(session.root)),
    openRecent: (folder) => void openFolder(folder),
    clearRecent: () => void remembered.update({ recentLibraries: [] }).then(setMenu),
  };
  /** The menu, built again whenever the recent libraries change. */
  function setMenu(): void {
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, process.platform, remembered.settings.recentLibraries, homedir())));
  }
  setMenu();
  // The library open at start is the latest opened.
  void opening.then((root) => {
    if (root !== undefined) void remembered.update({ recentLibraries: withRecent(remembered.settings.recentLibraries, root) }).then(setMenu);
  });

  // Where the editor left it, if that is still on a screen (see window-place.ts).
  const place = windowPlace(
    remembered.settings.window,
    screen.getAllDisplays().map((display) => display.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const window = new BrowserWindow({ ...mainWindowOptions(join(app.getAppPath(), 'out', 'preload', 'preload.cjs')), ...place.bounds });
  mainWindow = window;
  // Maximized as it is shown: maximize() shows a hidden window at once, before the desk is drawn.
  window.once('ready-to-show', () => {
    if (place.maximized) window.maximize();
    window.show(); // and focused, which maximize() alone does not do
  });
  // Its bounds as a window, not maximized, so that it comes back maximized over them.
  window.on('close', () => void remembered.update({ window: { ...window.getNormalBounds(), maximized: window.isMaximized() } }));
  window.on('closed', () => (mainWindow = null));
  recoverDesk(window.webContents, {
    reload: () => window.reload(),
    tell: ({ title, detail }) => void dialog.showMessageBox(window, { type: 'warning', title: 'Masthead', message: title, detail }),
    ask: ({ title, detail, choices }, signal) =>
      dialog.showMessageBox(window, { type: 'warning', title: 'Masthead', message: title, detail, buttons: [...choices], defaultId: 0, cancelId: 0, noLink: true, signal }).then((r) => r.response),
    end: () => window.webContents.forcefullyCrashRenderer(),
  });
  await window.loadURL(RENDERER_URL);
  await opening;
}

app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openExternal));
app.on('window-all-closed', () => app.quit());

/**
 * However Masthead quits (its window closed, File › Quit, Cmd+Q, the system logging out), the
 * library is closed first: its background check stopped, the persistent index written (so the next
 * start is a warm open) and the tidying after its saves done; and the settings are written. An
 * export under way is cancelled first, and its temp files removed. Quitting waits for all that, once.
 */
let closed = false;
let closing: Promise<unknown> | null = null;
app.on('will-quit', (event) => {
  if (closed) return;
  event.preventDefault();
  // The export first: it reads the library. The settings too: the window's place is written as it closes, just before.
  closing ??= Promise.resolve(exportDesk?.close())
    .then(() => Promise.all([session.close(), settings?.written()]))
    .finally(() => {
      closed = true;
      app.quit();
    });
});

// One Masthead at a time: a second start hands its arguments to the first (see 'second-instance') and ends.
if (!app.requestSingleInstanceLock()) app.quit();
else {
  app.whenReady().then(start, (e: unknown) => {
    dialog.showErrorBox('Masthead could not start', String(e));
    app.quit();
  });
}
