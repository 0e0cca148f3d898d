import { beforeEach, describe, expect, test, vi } from 'vitest';
import { channelOf, EVENT_CHANNEL, REQUEST_NAMES } from '../../../shared/contract.js';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: null })), on: vi.fn(), removeListener: vi.fn() },
}));
vi.mock('electron', () => electron);

describe('the preload bridge', () => {
  beforeEach(() => vi.resetModules());

  test('exposes one function per request as window.masthead, the one flag that says it can show files, and nothing else from Node', async () => {
    await import('../../../main/electron/preload.js');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledWith('masthead', expect.any(Object));
    const { canShowFiles, ...bridge } = electron.contextBridge.exposeInMainWorld.mock.calls[0]![1] as Record<string, unknown>;
    expect(canShowFiles).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual([...REQUEST_NAMES, 'onEvent'].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  test('requests go to their channel; events arrive without the IPC event object', async () => {
    const { createIpcBridge } = await import('../../../main/electron/preload.js');
    const bridge = createIpcBridge(electron.ipcRenderer as never);
    await bridge.setPublished('a.md', true, 'library-key');
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(channelOf('setPublished'), 'a.md', true, 'library-key');
    const listener = vi.fn();
    const stop = bridge.onEvent(listener);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls.at(-1) as unknown as [string, (e: unknown, m: unknown) => void];
    expect(channel).toBe(EVENT_CHANNEL);
    forward({ sender: 'secret' }, { type: 'removed', id: 'a.md' });
    expect(listener).toHaveBeenCalledWith({ type: 'removed', id: 'a.md' });
    stop();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(EVENT_CHANNEL, forward);
  });
});
