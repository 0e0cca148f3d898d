/** The watch's own edges, with @parcel/watcher stood in for: what the native watcher does rarely, on cue. */
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Library } from '../../main/core/library.js';

const native = vi.hoisted(() => ({
  subscribe: vi.fn(),
}));
vi.mock('@parcel/watcher', () => ({ default: { subscribe: native.subscribe } }));
const { unwatchedReason, watchLibrary } = await import('../../main/core/library-watch.js');

const library = (gone = false): Library & { refresh: ReturnType<typeof vi.fn>; rescan: ReturnType<typeof vi.fn> } =>
  ({ root: '/news', refresh: vi.fn(async () => undefined), rescan: vi.fn(async () => undefined), folderGone: () => gone }) as never;

/** Stands in for a native watcher whose events the test delivers: answers the way to deliver them. */
function nativeWatcher(): (error: Error | null, events: { type: string; path: string }[]) => void {
  let deliver: (error: Error | null, events: { type: string; path: string }[]) => void = () => undefined;
  native.subscribe.mockImplementation(async (_root: string, callback: typeof deliver) => {
    deliver = callback;
    return { unsubscribe: async () => undefined };
  });
  return (error, events) => deliver(error, events);
}

afterEach(() => {
  native.subscribe.mockReset();
  vi.useRealTimers();
});

describe('the library watch', () => {
  test('a watch whose folder is gone (deleted, its drive or share removed) still closes', async () => {
    native.subscribe.mockResolvedValue({ unsubscribe: () => Promise.reject(new Error('Unable to remove watcher: Invalid argument')) });
    const watch = watchLibrary(library());
    await expect(watch.ready).resolves.toBeNull(); // watching
    await expect(watch.close()).resolves.toBeUndefined();
  });

  test('a folder that cannot be watched still opens, says why, and closes', async () => {
    native.subscribe.mockRejectedValue(new Error('inotify_add_watch: no space left on device'));
    const watch = watchLibrary(library());
    await expect(watch.ready).resolves.toBe('Linux watches as many folders as it allows; raising fs.inotify.max_user_watches lets it watch this one');
    await expect(watch.close()).resolves.toBeUndefined();
  });

  test.each([
    { name: "inotify's watches all taken", error: new Error('Error starting watcher: No space left on device'), reason: /^Linux watches as many folders as it allows; raising fs\.inotify\.max_user_watches/ },
    { name: "inotify's watchers all taken", error: new Error('inotify_init1: Too many open files'), reason: /^Linux has no folder watcher left: other programs hold them all; closing some, or raising fs\.inotify\.max_user_instances/ },
    { name: 'any other refusal, in its own words', error: new Error('Unsupported file system'), reason: /^the system would not watch it: Unsupported file system$/ },
    { name: 'a refusal that is not an Error', error: 'no backend', reason: /^the system would not watch it: no backend$/ },
  ])('why a folder is not watched: $name', ({ error, reason }) => {
    expect(unwatchedReason(error)).toMatch(reason);
  });

  test('a watcher that lost track finds every file again; a file is read once it has been quiet', async () => {
    vi.useFakeTimers();
    const deliver = nativeWatcher();
    const lib = library();
    const watch = watchLibrary(lib);
    await watch.ready;
    deliver(new Error('Events were dropped by the FSEvents client'), []);
    deliver(null, [{ type: 'update', path: '/news/world/a.md' }]);
    deliver(null, [{ type: 'update', path: '/news/world/a.md' }]);
    deliver(null, [{ type: 'create', path: '/news/node_modules/x.md' }]);
    expect(lib.rescan).not.toHaveBeenCalled();
    expect(lib.refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(lib.rescan).toHaveBeenCalledTimes(1);
    expect(lib.refresh.mock.calls).toEqual([['world/a.md']]);
    // Nothing is read once the watch is closed, even what was waiting to settle.
    deliver(null, [{ type: 'update', path: '/news/b.md' }]);
    await watch.close();
    await vi.advanceTimersByTimeAsync(100);
    expect(lib.refresh).toHaveBeenCalledTimes(1);
  });

  test('the folder itself gone (moved, renamed, deleted) is told once, and nothing is read or dropped', async () => {
    vi.useFakeTimers();
    const deliver = nativeWatcher();
    const gone = library(true);
    const onGone = vi.fn();
    const watch = watchLibrary(gone, onGone);
    await watch.ready;
    deliver(null, [{ type: 'delete', path: '/news' }]);
    deliver(new Error('Unable to read the folder'), []); // what some platforms say instead
    await vi.advanceTimersByTimeAsync(100);
    expect(onGone).toHaveBeenCalledTimes(1);
    expect(gone.rescan).not.toHaveBeenCalled();
    await watch.close();
    // A delete reported for the folder while it is still there (it went and came back at once): found again.
    const back = library(false);
    const notGone = vi.fn();
    const again = watchLibrary(back, notGone);
    await again.ready;
    deliver(null, [{ type: 'delete', path: '/news' }]);
    await vi.advanceTimersByTimeAsync(100);
    expect(notGone).not.toHaveBeenCalled();
    expect(back.rescan).toHaveBeenCalledTimes(1);
    await again.close();
  });
});
