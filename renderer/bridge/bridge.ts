/** Picks the bridge: the one Electron's preload exposed, or the browser host's. */
import type { Bridge } from '../../shared/contract.js';
import { createHttpBridge } from './http-bridge.js';

declare global {
  interface Window {
    /** Set by the Electron preload script; absent in a browser. */
    readonly masthead?: Bridge;
  }
}

/** The bridge for this page. */
export function getBridge(): Bridge {
  return window.masthead ?? createHttpBridge(window.location);
}
