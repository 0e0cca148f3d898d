/**
 * A watch where Linux has no inotify instance left: @parcel/watcher would hang the process for good
 * (its backend waits for a start that never comes), so it is not asked; the folder opens unwatched.
 */
import { afterEach, expect, test, vi } from 'vitest';
import type { Library } from '../../main/core/library.js';

const native = vi.hoisted(() => ({ subscribe: vi.fn(async () => ({ unsubscribe: async () => undefined })) }));
vi.mock('@parcel/watcher', () => ({ default: { subscribe: native.subscribe } }));
const { watchLibrary } = await import('../../main/core/library-watch.js');

const library = { root: '/news', refresh: vi.fn(), rescan: vi.fn(), folderGone: () => false } as unknown as Library;
afterEach(() => native.subscribe.mockClear());

test('none left: the native watcher is never asked, and the watch says why', async () => {
  const instancesLeft = vi.fn(async () => 0);
  const watch = watchLibrary(library, undefined, { platform: 'linux', instancesLeft });
  await expect(watch.ready).resolves.toMatch(/^Linux has no folder watcher left: other programs hold them all/);
  expect(instancesLeft).toHaveBeenCalledOnce();
  expect(native.subscribe).not.toHaveBeenCalled();
  await expect(watch.close()).resolves.toBeUndefined();
});

test('one left, or no way to tell: watched; while a watch runs, the next asks nothing of Linux', async () => {
  const first = watchLibrary(library, undefined, { platform: 'linux', instancesLeft: async () => 1 });
  await expect(first.ready).resolves.toBeNull();
  const unknown = watchLibrary(library, undefined, { platform: 'linux', instancesLeft: async () => null });
  await expect(unknown.ready).resolves.toBeNull();
  // The backend is started and shared: a new watch takes no new instance, so none left is no matter.
  const instancesLeft = vi.fn(async () => 0);
  const second = watchLibrary(library, undefined, { platform: 'linux', instancesLeft });
  await expect(second.ready).resolves.toBeNull();
  expect(instancesLeft).not.toHaveBeenCalled();
  expect(native.subscribe).toHaveBeenCalledTimes(3);
  for (const watch of [first, unknown, second, second]) await watch.close(); // closing twice counts once
  // All closed: the next watch asks again.
  const third = watchLibrary(library, undefined, { platform: 'linux', instancesLeft });
  await expect(third.ready).resolves.toMatch(/no folder watcher left/);
  expect(instancesLeft).toHaveBeenCalledOnce();
});

test('elsewhere than Linux, nothing is counted', async () => {
  const instancesLeft = vi.fn(async () => 0);
  for (const platform of ['darwin', 'win32'] as const) {
    const watch = watchLibrary(library, undefined, { platform, instancesLeft });
    await expect(watch.ready).resolves.toBeNull();
    await watch.close();
  }
  expect(instancesLeft).not.toHaveBeenCalled();
});
