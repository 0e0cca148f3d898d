/** The one place that touches ipcMain: each contract request bound to its handler, for the desk's frames only. */
import type { IpcMain } from 'electron';
import { channelOf, REQUEST_NAMES, type Handlers } from '../../shared/contract.js';
import { fail } from '../../shared/result.js';
import { isDeskUrl } from './window.js';

/** Binds every request; returns the way to unbind them. */
export function bindHandlers(ipcMain: IpcMain, handlers: Handlers): () => void {
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(channelOf(name), (event, ...args: unknown[]) => {
      if (!isDeskUrl(event.senderFrame?.url)) return fail('bad-request', 'requests are only taken from the desk itself');
      return handlers[name](...args);
    });
  }
  return () => REQUEST_NAMES.forEach((name) => ipcMain.removeHandler(channelOf(name)));
}
