// Stand-in for `electron` where its package is absent: npm drops it (an optional dependency) when
// its binary cannot be downloaded and ELECTRON_SKIP_BINARY_DOWNLOAD is unset. Only the
// *.no-electron.json configs include this; CI installs the package and checks the real types.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare module 'electron' {
  export const app: any;
  export const BrowserWindow: any;
  export type BrowserWindow = any;
  export const contextBridge: any;
  export const dialog: any;
  export const ipcMain: any;
  export const ipcRenderer: any;
  export const Menu: any;
  export const protocol: any;
  export const screen: any;
  export const session: any;
  export const shell: any;
  export type BrowserWindowConstructorOptions = any;
  export type IpcMain = any;
  export type IpcRendererEvent = any;
  export type MenuItemConstructorOptions = any;
  export type Protocol = any;
  export type Session = any;
  export type WebContents = any;
}

declare namespace NodeJS {
  interface Process {
    /** Added by Electron: the packaged app's resources folder. */
    readonly resourcesPath: string;
  }
}
