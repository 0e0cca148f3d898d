/** The Electron entry started while another Masthead runs: it hands over and ends, opening nothing. */
import { expect, test, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  app: {
    on: vi.fn(),
    quit: vi.fn(),
    whenReady: vi.fn(() => new Promise<void>(() => undefined)),
    getPath: () => '',
    requestSingleInstanceLock: vi.fn(() => false),
  },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
}));
vi.mock('electron', () => electron);

test('a second Masthead quits at once: no window, no library opened, its arguments left to the first', async () => {
  await import('../../../main/electron/app.js');
  expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
  expect(electron.app.quit).toHaveBeenCalledTimes(1);
  expect(electron.app.whenReady).not.toHaveBeenCalled();
});
