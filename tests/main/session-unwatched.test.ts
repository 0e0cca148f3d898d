/** A library whose folder the system will not watch: it opens, and the desk is told why its list may lag. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import type { LibraryEventMessage } from '../../shared/contract.js';
import type { Session as SessionClass } from '../../main/session.js';
import { tempDir } from '../helpers/corpora.js';

vi.mock('@parcel/watcher', () => ({ default: { subscribe: () => Promise.reject(new Error('inotify_add_watch: No space left on device')) } }));

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** Opens a library of one article in a watching session of the modules as they are loaded now; answers its events and handlers. */
async function openOne() {
  const { Session } = await import('../../main/session.js');
  const { createHostHandlers } = await import('../../main/host/host-handlers.js');
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  writeFileSync(join(dir, 'a.md'), '---\ntitle: A\npublished: false\n---\n');
  const events: LibraryEventMessage[] = [];
  const session: SessionClass = new Session((e) => events.push(e), { watch: true });
  cleanups.push(() => void session.close());
  expect((await session.open(dir)).ok).toBe(true);
  return { events, handlers: createHostHandlers(session, () => undefined) };
}

test('a folder that cannot be watched opens; the desk hears why, by event and with the list it asks for', async () => {
  const { events, handlers } = await openOne();
  await vi.waitFor(() => expect(events.map((e) => e.type)).toContain('unwatched'));
  const reason = 'Linux watches as many folders as it allows; raising fs.inotify.max_user_watches lets it watch this one';
  // After the list is announced: a desk that hears it first starts afresh with the list.
  expect(events.filter((e) => e.type === 'reloaded' || e.type === 'unwatched')).toEqual([expect.objectContaining({ type: 'reloaded' }), { type: 'unwatched', reason }]);
  // A desk that connects later (Electron's window loads after the library opens) learns it from the list.
  expect(await handlers.listArticles(null, 10)).toMatchObject({ ok: true, value: { unwatched: reason, total: 1 } });
});

test('a watched folder says nothing of the kind', async () => {
  vi.doUnmock('@parcel/watcher');
  vi.resetModules();
  const { events, handlers } = await openOne();
  const listing = await handlers.listArticles(null, 10);
  expect(listing.ok && 'unwatched' in listing.value).toBe(false);
  await new Promise((r) => setTimeout(r, 300));
  expect(events.map((e) => e.type)).not.toContain('unwatched');
});
