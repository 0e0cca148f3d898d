import { describe, expect, test, vi } from 'vitest';
import { menuTemplate, type MenuActions } from '../../../main/electron/menu.js';

type Item = { label?: string; role?: string; accelerator?: string; enabled?: boolean; type?: string; click?: () => void; submenu?: Item[] };

const menuActions = (): MenuActions => ({
  openLibrary: vi.fn(),
  exportApproved: vi.fn(),
  approveShown: vi.fn(),
  showShortcuts: vi.fn(),
  undo: vi.fn(),
  redo: vi.fn(),
  reload: vi.fn(),
  openRecent: vi.fn(),
  clearRecent: vi.fn(),
});
const openRecent = (items: Item[]): Item[] => flatten(items).find((i) => i.label === 'Open Recent')!.submenu!;

function flatten(items: Item[]): Item[] {
  return items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);
}

describe('the application menu', () => {
  test.each(['linux', 'darwin', 'win32'] as const)('has the usual items and shortcuts on %s', (platform) => {
    const actions = menuActions();
    const items = flatten(menuTemplate(actions, platform) as Item[]);
    const byLabel = (label: string): Item | undefined => items.find((i) => i.label === label);
    expect(byLabel('Open Library…')?.accelerator).toBe('CmdOrCtrl+O');
    expect(byLabel('Undo')?.accelerator).toBe('CmdOrCtrl+Z');
    expect(byLabel('Redo')?.accelerator).toMatch(/Shift\+Z$/);
    expect(byLabel('Reload Library')?.accelerator).toBe('CmdOrCtrl+R');
    expect(byLabel('Export…')?.accelerator).toBe('CmdOrCtrl+E');
    byLabel('Export…')?.click?.();
    expect(actions.exportApproved).toHaveBeenCalledOnce();
    // Shown, not registered: a menu accelerator would take the capital P from every text field.
    expect(byLabel('Bulk Actions on Shown Articles…')).toMatchObject({ accelerator: 'Shift+P', registerAccelerator: false });
    byLabel('Bulk Actions on Shown Articles…')?.click?.();
    expect(actions.approveShown).toHaveBeenCalledOnce();
    // The same for the desk's ?, in the Help menu.
    expect(byLabel('Keyboard Shortcuts')).toMatchObject({ accelerator: '?', registerAccelerator: false });
    expect(items.find((i) => i.role === 'help')?.submenu).toContain(byLabel('Keyboard Shortcuts'));
    byLabel('Keyboard Shortcuts')?.click?.();
    expect(actions.showShortcuts).toHaveBeenCalledOnce();
    expect(items.some((i) => i.role === 'quit' || i.role === 'appMenu')).toBe(true);
    // About Masthead: in the app menu on macOS (its role holds it), at the foot of Help elsewhere.
    const about = items.filter((i) => i.role === 'about');
    if (platform === 'darwin') expect(about).toEqual([]);
    else expect(items.find((i) => i.role === 'help')?.submenu?.at(-1)).toMatchObject({ role: 'about', label: 'About Masthead' });
    byLabel('Open Library…')?.click?.();
    byLabel('Undo')?.click?.();
    byLabel('Redo')?.click?.();
    byLabel('Reload Library')?.click?.();
    expect(actions.openLibrary).toHaveBeenCalledOnce();
    expect(actions.undo).toHaveBeenCalledOnce();
    expect(actions.redo).toHaveBeenCalledOnce();
    expect(actions.reload).toHaveBeenCalledOnce();
  });

  test('File › Open Recent lists the libraries opened last, the latest first, home as ~; each opens its folder', () => {
    const actions = menuActions();
    const recent = ['/home/ed/News & Politics', '/srv/wire', '/home/ed'];
    const items = openRecent(menuTemplate(actions, 'linux', recent, '/home/ed') as Item[]);
    expect(items.map((i) => i.label ?? i.type)).toEqual(['~/News && Politics', '/srv/wire', '~', 'separator', 'Clear Recent']);
    items[0]!.click!();
    expect(actions.openRecent).toHaveBeenCalledWith('/home/ed/News & Politics');
    items.at(-1)!.click!();
    expect(actions.clearRecent).toHaveBeenCalledOnce();
    // macOS shows an & as it is.
    expect(openRecent(menuTemplate(actions, 'darwin', recent, '/home/ed') as Item[])[0]!.label).toBe('~/News & Politics');
    // A folder merely beginning with the home folder's name is not in it.
    expect(openRecent(menuTemplate(actions, 'linux', ['/home/eddie/x'], '/home/ed') as Item[])[0]!.label).toBe('/home/eddie/x');
  });

  test('with no recent library, Open Recent says so and offers nothing to click', () => {
    const items = openRecent(menuTemplate(menuActions(), 'win32') as Item[]);
    expect(items).toEqual([{ label: 'No Recent Libraries', enabled: false }]);
  });
});
