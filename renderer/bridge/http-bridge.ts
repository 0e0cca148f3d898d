/** The bridge used in a browser: the browser host's HTTP API, with the per-run token from the address. */
import { isSafeExternalUrl, REQUEST_NAMES, type Bridge, type LibraryEventMessage, type RequestName } from '../../shared/contract.js';
import { fail, type Result } from '../../shared/result.js';

/** Builds the bridge for a page served by `masthead serve`. */
export function createHttpBridge(location: Location, win: Window = window): Bridge {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const call = async (name: RequestName, args: unknown[]): Promise<Result<unknown>> => {
    try {
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Masthead-Token': token },
        body: JSON.stringify({ args }),
      });
      return (await response.json()) as Result<unknown>;
    } catch {
      return fail('io', 'Masthead is not answering: is the terminal running "masthead serve" still open?');
    }
  };
  const requests = Object.fromEntries(REQUEST_NAMES.map((name) => [name, (...args: unknown[]) => call(name, args)]));
  return {
    ...(requests as Omit<Bridge, 'onEvent' | 'openExternal' | 'canShowFiles'>),
    // The host is a server: it has no file manager to show a file in, nor the editor's apps.
    canShowFiles: false,
    // A browser page opens links itself, in a new tab that cannot reach back to the desk.
    openExternal: async (url) => {
      if (!isSafeExternalUrl(url)) return fail('bad-request', 'only http:// and https:// links can be opened');
      win.open(url, '_blank', 'noopener,noreferrer');
      return { ok: true, value: null };
    },
    onEvent: (listener) => {
      const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (message: MessageEvent<string>) => listener(JSON.parse(message.data) as LibraryEventMessage);
      return () => source.close();
    },
  };
}
