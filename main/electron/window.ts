/** The one place that creates windows and sets their security. */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { isSafeExternalUrl } from '../../shared/contract.js';

/** Where the renderer is served from: a privileged custom scheme, not file://. */
export const RENDERER_SCHEME = 'masthead';
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://app`;
export const RENDERER_URL = `${RENDERER_ORIGIN}/index.html`;

/** The main window's options, with every security setting in one block. */
export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 560,
    title: 'Masthead',
    show: false,
    backgroundColor: '#f7f6f3',
    webPreferences: {
      preload,
      // Security: change these only with the Electron security checklist at hand.
      contextIsolation: true, // the page and the preload live in separate JavaScript worlds
      sandbox: true, // the renderer is an OS-sandboxed process with no Node.js
      nodeIntegration: false, // no require() in the page
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true, // same-origin policy stays on
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false, // a file dropped on the window must not replace the desk
      safeDialogs: true,
    },
  };
}

/** True for a frame URL that belongs to the desk; IPC from anything else is refused. */
export function isDeskUrl(url: string | undefined): boolean {
  if (url === undefined || !URL.canParse(url)) return false;
  return new URL(url).origin === RENDERER_ORIGIN || url.startsWith(`${RENDERER_ORIGIN}/`);
}

/**
 * Denies navigation and new windows for any web contents. A link the page tries to open goes to the
 * system browser, and only when it is http(s); javascript:, file:, data: and the rest are refused.
 */
export function guardWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== contents.getURL()) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** Refuses every permission request (camera, notifications, geolocation…): the desk needs none. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
