/** The one place that touches contextBridge: the typed bridge the desk sees as `window.masthead`. */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelOf, EVENT_CHANNEL, REQUEST_NAMES, type Bridge, type LibraryEventMessage } from '../../shared/contract.js';

/** Builds the bridge over ipcRenderer; exported for tests. */
export function createIpcBridge(ipc: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>): Bridge {
  const requests = Object.fromEntries(REQUEST_NAMES.map((name) => [name, (...args: unknown[]) => ipc.invoke(channelOf(name), ...args)]));
  return {
    ...(requests as Omit<Bridge, 'onEvent' | 'canShowFiles'>),
    canShowFiles: true, // main's handlers have Electron's shell
    onEvent: (listener) => {
      // Only the message crosses into the page, never the IPC event object.
      const forward = (_event: IpcRendererEvent, message: LibraryEventMessage): void => listener(message);
      ipc.on(EVENT_CHANNEL, forward);
      return () => ipc.removeListener(EVENT_CHANNEL, forward);
    },
  };
}

contextBridge.exposeInMainWorld('masthead', createIpcBridge(ipcRenderer));
