/** A mocked `electron` module for the Electron entry's tests: it records what the entry asks of it. */
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

/** A fresh mock: `module` stands in for `electron`; `ready()` lets `app.whenReady()` resolve. */
export function electronMock() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const windows: { options: unknown; url?: string; sent: unknown[][]; calls: string[]; events: Map<string, (...args: unknown[]) => void> }[] = [];
  class BrowserWindow {
    record: (typeof windows)[number];
    webContents: { send: (...args: unknown[]) => void; on: (name: string, fn: (...args: unknown[]) => void) => void; forcefullyCrashRenderer: () => void };
    constructor(options: unknown) {
      this.record = { options, sent: [], calls: [], events: new Map() };
      windows.push(this.record);
      this.webContents = {
        send: (...args) => this.record.sent.push(args),
        on: (name, fn) => this.record.events.set(`contents ${name}`, fn),
        forcefullyCrashRenderer: () => this.record.calls.push('end renderer'),
      };
    }
    once(name: string, fn: () => void) {
      this.record.events.set(name, fn);
    }
    on(name: string, fn: () => void) {
      this.record.events.set(name, fn);
    }
    reload() {
      this.record.calls.push('reload');
    }
    show() {
      this.record.calls.push('show');
    }
    maximize() {
      this.record.calls.push('maximize');
    }
    getNormalBounds() {
      return { x: 30, y: 20, width: 1200, height: 700 };
    }
    isMaximized() {
      return true;
    }
    isMinimized() {
      return true;
    }
    restore() {
      this.record.calls.push('restore');
    }
    focus() {
      this.record.calls.push('focus');
    }
    async loadURL(url: string) {
      this.record.url = url;
    }
  }
  const appEvents = new Map<string, (...args: unknown[]) => void>();
  let ready: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  return {
    handlers,
    windows,
    appEvents,
    ready: () => ready(),
    module: {
      app: {
        isPackaged: false,
        whenReady: () => whenReady,
        on: (name: string, fn: (...args: unknown[]) => void) => appEvents.set(name, fn),
        getPath: (): string => '',
        getAppPath: () => fileURLToPath(new URL('../..', import.meta.url)),
        quit: vi.fn(),
        requestSingleInstanceLock: vi.fn(() => true),
        getVersion: () => '9.8.7',
        setAboutPanelOptions: vi.fn(),
      },
      BrowserWindow,
      dialog: { showErrorBox: vi.fn(), showOpenDialog: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })) },
      ipcMain: { handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, fn), removeHandler: vi.fn() },
      Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
      shell: { openExternal: vi.fn(async () => undefined), showItemInFolder: vi.fn(), openPath: vi.fn(async (_path: string) => '') },
      // A laptop's screen: 1366 × 768, less a panel.
      screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1366, height: 728 } }], getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1366, height: 728 } }) },
    },
  };
}
