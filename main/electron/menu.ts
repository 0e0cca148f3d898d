/** The application menu, as a template built from plain actions so it is testable without Electron. */
import type { MenuItemConstructorOptions } from 'electron';

/** What the menu can ask the app to do. */
export interface MenuActions {
  readonly openLibrary: () => void;
  readonly exportApproved: () => void;
  /** Opens the desk's dialog that approves or withdraws every article shown. */
  readonly approveShown: () => void;
  /** Opens the desk's list of keyboard shortcuts. */
  readonly showShortcuts: () => void;
  readonly undo: () => void;
  readonly redo: () => void;
  readonly reload: () => void;
  /** Opens a library from File › Open Recent. */
  readonly openRecent: (folder: string) => void;
  readonly clearRecent: () => void;
}

/**
 * File (Open Library…, Open Recent, Export…, Reload, Quit), Edit (Undo, Redo, bulk actions, clipboard),
 * View, Window and Help (Keyboard Shortcuts, About) menus. `recent`: the libraries opened last, the latest first; `home` the
 * editor's home folder, shown as `~` in them.
 */
export function menuTemplate(actions: MenuActions, platform: NodeJS.Platform, recent: readonly string[] = [], home = ''): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No Recent Libraries', enabled: false }]
      : [...recent.map((folder) => ({ label: mac ? shortPath(folder, home) : escapeMnemonics(shortPath(folder, home)), click: () => actions.openRecent(folder) })), { type: 'separator' }, { label: 'Clear Recent', click: actions.clearRecent }];
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open Library…', accelerator: 'CmdOrCtrl+O', click: actions.openLibrary },
        { label: 'Open Recent', submenu: recentItems },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: actions.exportApproved },
        { label: 'Reload Library', accelerator: 'CmdOrCtrl+R', click: actions.reload },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // Undo and redo go to the desk, which undoes the editor's last publish or topic change
        // (or the text edit, when a text field has focus).
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: actions.undo },
        { label: 'Redo', accelerator: mac ? 'Cmd+Shift+Z' : 'Ctrl+Shift+Z', click: actions.redo },
        { type: 'separator' },
        // Shift+P is the desk's own key, shown here but not taken by the menu: it would take the
        // capital P from every text field.
        { label: 'Bulk Actions on Shown Articles…', accelerator: 'Shift+P', registerAccelerator: false, click: actions.approveShown },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: '&View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
    // As Shift+P above: `?` is the desk's own key, shown here only.
    // About is in the app menu on macOS; elsewhere, at the foot of Help.
    {
      role: 'help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: '?', registerAccelerator: false, click: actions.showShortcuts },
        ...(mac ? [] : [{ type: 'separator' as const }, { role: 'about' as const, label: 'About Masthead' }]),
      ],
    },
  ];
}

/** A folder with the home folder shown as `~`, as editors write it. */
function shortPath(folder: string, home: string): string {
  if (home === '' || home === '/') return folder;
  return folder === home ? '~' : folder.startsWith(`${home}/`) || folder.startsWith(`${home}\\`) ? `~${folder.slice(home.length)}` : folder;
}

/** On Windows and Linux an `&` in a menu label marks the next letter as its key: a real one is doubled. */
function escapeMnemonics(text: string): string {
  return text.replaceAll('&', '&&');
}
