import { EventEmitter } from 'node:events';
import { describe, expect, test, vi } from 'vitest';
import { denyPermissions, guardWebContents, isDeskUrl, mainWindowOptions, RENDERER_URL } from '../../../main/electron/window.js';

describe('the main window', () => {
  test('is isolated and sandboxed', () => {
    const { webPreferences } = mainWindowOptions('/app/out/preload/preload.cjs');
    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  test.each([
    { url: RENDERER_URL, desk: true },
    { url: 'masthead://app/assets/index.js', desk: true },
    { url: 'masthead://evil/index.html', desk: false },
    { url: 'https://example.com/', desk: false },
    { url: 'file:///etc/passwd', desk: false },
    { url: undefined, desk: false },
  ])('isDeskUrl($url) is $desk', ({ url, desk }) => {
    expect(isDeskUrl(url)).toBe(desk);
  });
});

/** A stand-in for WebContents: an event emitter with the window-open hook. */
function fakeContents() {
  const contents = Object.assign(new EventEmitter(), {
    openHandler: undefined as undefined | ((d: { url: string }) => { action: string }),
    setWindowOpenHandler(handler: (d: { url: string }) => { action: string }) {
      contents.openHandler = handler;
    },
    getURL: () => RENDERER_URL,
  });
  return contents;
}

describe('guarding web contents', () => {
  test('navigation away from the desk and redirects are prevented', () => {
    const contents = fakeContents();
    guardWebContents(contents as never, vi.fn());
    for (const [event, url] of [['will-navigate', 'https://evil.example/'], ['will-redirect', 'https://evil.example/'], ['will-attach-webview', '']] as const) {
      const preventDefault = vi.fn();
      contents.emit(event, { preventDefault }, url);
      expect(preventDefault, event).toHaveBeenCalled();
    }
  });

  test.each([
    { url: 'https://www.forbes.com/x', opened: true },
    { url: 'http://example.com/', opened: true },
    { url: 'javascript:alert(1)', opened: false },
    { url: 'file:///etc/passwd', opened: false },
    { url: 'data:text/html,<script>alert(1)</script>', opened: false },
    { url: 'masthead://app/index.html', opened: false },
  ])('a new window for $url is denied; system browser: $opened', ({ url, opened }) => {
    const contents = fakeContents();
    const openExternal = vi.fn();
    guardWebContents(contents as never, openExternal);
    expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(opened ? 1 : 0);
  });

  test('every permission request and check is refused', () => {
    let request: ((wc: unknown, permission: string, callback: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    denyPermissions({ setPermissionRequestHandler: (h: typeof request) => (request = h), setPermissionCheckHandler: (h: typeof check) => (check = h) } as never);
    const callback = vi.fn();
    request?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check?.()).toBe(false);
  });
});
