/** A library whose folder the system will not watch: it opens, and the desk is told why its list may lag. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import type { LibraryEventMessage } from '../../shared/contract.js';
import { tempDir } from '../helpers/corpora.js';

vi.mock('@parcel/watcher', () => ({ default: { subscribe: () => Promise.reject(new Error('inotify_add_watch: No space left on device')) } }));
const { Session } = await import('../../main/session.js');
const { createHostHandlers } = await import('../../main/host/host-handlers.js');

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

test('a folder that cannot be watched opens; the desk hears why, by event and with the list it asks for', async () => {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  writeFileSync(join(dir, 'a.md'), '---\ntitle: A\npublished: false\n---\n');
  const events: LibraryEventMessage[] = [];
  const session = new Session((e) => events.push(e), { watch: true });
  cleanups.push(() => void session.close());
  expect((await session.open(dir)).ok).toBe(true);
  await vi.waitFor(() => expect(events.map((e) => e.type)).toContain('unwatched'));
  const reason = 'Linux watches as many folders as it allows; raising fs.inotify.max_user_watches lets it watch this one';
  // After the list is announced: a desk that hears it first starts afresh with the list.
  expect(events.filter((e) => e.type === 'reloaded' || e.type === 'unwatched')).toEqual([expect.objectContaining({ type: 'reloaded' }), { type: 'unwatched', reason }]);
  // A desk that connects later (Electron's window loads after the library opens) learns it from the list.
  const handlers = createHostHandlers(session, () => undefined);
  const listing = await handlers.listArticles(null, 10);
  expect(listing).toMatchObject({ ok: true, value: { unwatched: reason, total: 1 } });
});

test('a watched folder says nothing of the kind', async () => {
  vi.doUnmock('@parcel/watcher');
  vi.resetModules();
  const { Session: Watching } = await import('../../main/session.js');
  const { createHostHandlers: handlersOf } = await import('../../main/host/host-handlers.js');
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  writeFileSync(join(dir, 'a.md'), '---\ntitle: A\npublished: false\n---\n');
  const events: LibraryEventMessage[] = [];
  const session = new Watching((e) => events.push(e), { watch: true });
  cleanups.push(() => void session.close());
  expect((await session.open(dir)).ok).toBe(true);
  const listing = await handlersOf(session, () => undefined).listArticles(null, 10);
  expect(listing.ok && 'unwatched' in listing.value).toBe(false);
  await new Promise((r) => setTimeout(r, 300));
  expect(events.map((e) => e.type)).not.toContain('unwatched');
});
