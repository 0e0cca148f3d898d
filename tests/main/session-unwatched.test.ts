/** A library whose folder the system will not watch: it opens, and the desk is told why its list may lag. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import type { LibraryEventMessage } from '../../shared/contract.js';
import type { Session as SessionClass } from '../../main/session.js';
import { tempDir } from '../helpers/corpora.js';

vi.mock('@parcel/watcher', () => ({ default: { subscribe: () => Promise.reject(new Error('inotify_add_watch: No space left on device')) } }));

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** Opens a library of one article in a watching session of the modules as they are loaded now; answers its events, handlers and folder. */
async function openOne(lookAgainMs?: { watched: number; unwatched: number }) {
  const { Session } = await import('../../main/session.js');
  const { createHostHandlers } = await import('../../main/host/host-handlers.js');
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  writeFileSync(join(dir, 'a.md'), '---\ntitle: A\npublished: false\n---\n');
  const events: LibraryEventMessage[] = [];
  const session: SessionClass = new Session((e) => events.push(e), { watch: true, ...(lookAgainMs && { lookAgainMs }) });
  cleanups.push(() => void session.close());
  expect((await session.open(dir)).ok).toBe(true);
  return { events, dir, session, handlers: createHostHandlers(session, () => undefined) };
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

test('a folder that cannot be watched: what other programs changed shows once the desk comes back to the front, a look at a time', async () => {
  const { events, dir, handlers } = await openOne({ watched: 60_000, unwatched: 400 });
  await vi.waitFor(() => expect(events.map((e) => e.type)).toContain('unwatched'));
  writeFileSync(join(dir, 'a.md'), '---\ntitle: A\npublished: true\n---\n');
  writeFileSync(join(dir, 'b.md'), '---\ntitle: B\n---\n');
  type Change = Extract<LibraryEventMessage, { type: 'added' | 'changed' | 'removed' }>;
  const changes = () => events.filter((e): e is Change => e.type === 'added' || e.type === 'changed' || e.type === 'removed');
  // Nothing watches, so nothing shows by itself; and the open, which read every file just now, counts as a look.
  expect(await handlers.lookForChanges()).toEqual({ ok: true, value: null });
  await new Promise((r) => setTimeout(r, 200));
  expect(changes()).toEqual([]);
  await new Promise((r) => setTimeout(r, 250));
  expect(await handlers.lookForChanges()).toEqual({ ok: true, value: null });
  await handlers.lookForChanges(); // asked again while it looks: one look
  await vi.waitFor(() => expect(changes()).toHaveLength(2));
  expect(changes()).toEqual(
    expect.arrayContaining([
      { type: 'changed', summary: expect.objectContaining({ id: 'a.md', published: true }) },
      { type: 'added', summary: expect.objectContaining({ id: 'b.md', title: 'B' }) },
    ]),
  );
  // Soon after the last look, none; once the interval has passed, the next look shows the file removed.
  rmSync(join(dir, 'b.md'));
  await handlers.lookForChanges();
  await new Promise((r) => setTimeout(r, 200));
  expect(changes()).toHaveLength(2);
  await new Promise((r) => setTimeout(r, 300));
  await handlers.lookForChanges();
  // (a.md, written too recently for its stamp to be trusted, is read again too: told again as it is, for a pane that shows it.)
  await vi.waitFor(() => expect(changes().slice(2)).toContainEqual({ type: 'removed', id: 'b.md' }));
  const told = changes().slice(2).map((e) => (e.type === 'removed' ? `removed ${e.id}` : `${e.type} ${e.summary.id} published: ${e.summary.published}`));
  expect(new Set(told)).toEqual(new Set(['removed b.md', ...(told.length > 1 ? ['changed a.md published: true'] : [])]));
  expect(await handlers.lookForChanges(1)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
});

test('a watched folder is looked at again only as a safety net: at most once in its interval, the open counting as one', async () => {
  vi.doUnmock('@parcel/watcher');
  vi.resetModules();
  const { session, handlers } = await openOne({ watched: 1_500, unwatched: 0 });
  const open = session.library();
  if (!open.ok) throw new Error('no library');
  const catchUp = vi.spyOn(open.value.library, 'catchUp');
  await handlers.lookForChanges(); // just opened: every file was read
  expect(catchUp).not.toHaveBeenCalled();
  await new Promise((r) => setTimeout(r, 1_600)); // the watch ready, and its own catch-up made
  catchUp.mockClear();
  await handlers.lookForChanges();
  expect(catchUp).toHaveBeenCalledTimes(1);
  await catchUp.mock.results[0]!.value;
  await new Promise((r) => setTimeout(r, 50));
  await handlers.lookForChanges();
  await handlers.lookForChanges();
  expect(catchUp).toHaveBeenCalledTimes(1);
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
