/** The session's watch on the open library's folder itself: gone, then back where it was. */
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { LibraryEventMessage } from '../../shared/contract.js';
import { Library } from '../../main/core/library.js';
import { Session } from '../../main/session.js';
import { tempDir } from '../helpers/corpora.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  cleanups.splice(0).forEach((c) => c());
});

const article = (title: string): string => `---\ntitle: ${title}\npublished: false\n---\nbody\n`;

/** Waits (up to 10 s) for `check` to hold. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
}

/** A temp folder holding a library folder per name (each with one article), and a session (watching, unless told) that has heard nothing yet. */
function libraries(names: readonly string[], watch = true): { root: string; dirs: string[]; events: LibraryEventMessage[]; session: Session } {
  const { dir: root, cleanup } = tempDir();
  cleanups.push(cleanup);
  const dirs = names.map((name) => join(root, name));
  for (const dir of dirs) {
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.md'), article(basename(dir)));
  }
  const events: LibraryEventMessage[] = [];
  const session = new Session((e) => events.push(e), { watch, returnCheckMs: 50 });
  cleanups.push(() => void session.close());
  return { root, dirs, events, session };
}

describe('a session whose library folder goes', () => {
  test('says so; once the folder is back where it was, opens it again as a reload, and edits reach its files', async () => {
    const { root, dirs, events, session } = libraries(['news']);
    const dir = dirs[0]!;
    expect((await session.open(dir)).ok).toBe(true);
    const first = session.library();
    if (!first.ok) throw new Error(first.error.message);
    await first.value.library.checked;
    await new Promise((r) => setTimeout(r, 300)); // the watch is ready within this
    const opened = events.filter((e) => e.type === 'reloaded');
    expect(opened).toEqual([{ type: 'reloaded', name: 'news', library: first.value.key }]);

    renameSync(dir, join(root, 'elsewhere'));
    await until(() => events.some((e) => e.type === 'gone'));
    expect(events.filter((e) => e.type === 'gone')).toEqual([{ type: 'gone', name: 'news' }]);
    const refused = await first.value.library.setPublished('a.md', true);
    expect(refused.ok ? null : refused.error.kind).toBe('gone');

    // Back, with a file changed meanwhile: opened again under the same key (the desk keeps its place), listing what is there now.
    writeFileSync(join(root, 'elsewhere', 'a.md'), article('A, revised'));
    utimesSync(join(root, 'elsewhere', 'a.md'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    renameSync(join(root, 'elsewhere'), dir);
    await until(() => events.filter((e) => e.type === 'reloaded').length === 2);
    const again = session.library();
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.key).toBe(first.value.key);
    expect(again.value.library.summary('a.md')?.title).toBe('A, revised');
    expect((await again.value.library.setPublished('a.md', true)).ok).toBe(true);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('A, revised').replace('published: false', 'published: true'));
  });

  test('another library opened meanwhile is kept: the folder back is not opened over it', async () => {
    const { root, dirs, events, session } = libraries(['news', 'features']);
    const [dir, other] = [dirs[0]!, dirs[1]!];
    await session.open(dir);
    await new Promise((r) => setTimeout(r, 300));
    renameSync(dir, join(root, 'elsewhere'));
    await until(() => events.some((e) => e.type === 'gone'));
    expect((await session.open(other)).ok).toBe(true);
    renameSync(join(root, 'elsewhere'), dir);
    await new Promise((r) => setTimeout(r, 300));
    expect(events.filter((e) => e.type === 'reloaded').map((e) => (e.type === 'reloaded' ? e.name : ''))).toEqual(['news', 'features']);
    const open = session.library();
    expect(open.ok ? open.value.name : null).toBe('features');
  });

  test('one the editor asks for while the folder is gone stands, though the folder comes back while it is read', async () => {
    const { root, dirs, events, session } = libraries(['news', 'features']);
    const [dir, other] = [dirs[0]!, dirs[1]!];
    await session.open(dir);
    await new Promise((r) => setTimeout(r, 300));
    renameSync(dir, join(root, 'elsewhere'));
    await until(() => events.some((e) => e.type === 'gone'));
    const held = holdOpen();
    const chosen = session.open(other);
    renameSync(join(root, 'elsewhere'), dir);
    await new Promise((r) => setTimeout(r, 300)); // six looks for the folder meanwhile
    held.release();
    expect((await chosen).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(reloadedNames(events)).toEqual(['news', 'features']);
  });

  test('one the editor asks for that cannot be opened leaves the look going: the folder back is opened again', async () => {
    const { root, dirs, events, session } = libraries(['news']);
    const dir = dirs[0]!;
    await session.open(dir);
    await new Promise((r) => setTimeout(r, 300));
    renameSync(dir, join(root, 'elsewhere'));
    await until(() => events.some((e) => e.type === 'gone'));
    expect((await session.open(join(root, 'no-such-folder'))).ok).toBe(false);
    renameSync(join(root, 'elsewhere'), dir);
    await until(() => reloadedNames(events).length === 2);
    expect(reloadedNames(events)).toEqual(['news', 'news']);
  });

  test('a folder put back as another (a share mounted again), unseen by any watch: the first edit finds it gone, and it is opened again', async () => {
    const { root, dirs, events, session } = libraries(['news'], false);
    const dir = dirs[0]!;
    await session.open(dir);
    const first = session.library();
    if (!first.ok) throw new Error(first.error.message);
    renameSync(dir, join(root, 'elsewhere'));
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.md'), readFileSync(join(root, 'elsewhere', 'a.md')));
    utimesSync(join(dir, 'a.md'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const refused = await first.value.library.setPublished('a.md', true);
    expect(refused.ok ? null : refused.error.kind).toBe('gone');
    await until(() => events.filter((e) => e.type === 'reloaded').length === 2);
    expect(events.filter((e) => e.type === 'gone')).toHaveLength(1);
    const again = session.library();
    if (!again.ok) throw new Error(again.error.message);
    expect((await again.value.library.setPublished('a.md', true)).ok).toBe(true);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('news').replace('published: false', 'published: true'));
  });

  test('stops looking for it once the session is closed', async () => {
    const { root, dirs, events, session } = libraries(['news']);
    const dir = dirs[0]!;
    await session.open(dir);
    await new Promise((r) => setTimeout(r, 300));
    renameSync(dir, join(root, 'elsewhere'));
    await until(() => events.some((e) => e.type === 'gone'));
    await session.close();
    renameSync(join(root, 'elsewhere'), dir);
    await new Promise((r) => setTimeout(r, 300));
    expect(events.filter((e) => e.type === 'reloaded')).toHaveLength(1);
    expect(session.library().ok).toBe(false);
    rmSync(dir, { recursive: true });
  });
});

describe('a session opening a library while other programs change it', () => {
  test('what they change before the watch is ready still shows once it is: a file retitled, made read-only, added, removed', async () => {
    const { dirs, session } = libraries(['news']);
    const dir = dirs[0]!;
    for (const name of ['b.md', 'c.md', 'd.md']) writeFileSync(join(dir, name), article(name));
    expect((await session.open(dir)).ok).toBe(true);
    // At once: the watch is still starting (it is ready after the list, not before).
    writeFileSync(join(dir, 'a.md'), article('Retitled elsewhere'));
    chmodSync(join(dir, 'b.md'), 0o444);
    writeFileSync(join(dir, 'e.md'), article('New elsewhere'));
    unlinkSync(join(dir, 'd.md'));
    const library = () => {
      const open = session.library();
      if (!open.ok) throw new Error(open.error.message);
      return open.value.library;
    };
    await until(() => library().summary('a.md')?.title === 'Retitled elsewhere');
    await until(() => library().summary('b.md')?.readOnly === true);
    await until(() => library().summary('e.md')?.title === 'New elsewhere');
    await until(() => library().summary('d.md') === undefined);
    expect(library().list().map((a) => a.id)).toEqual(['a.md', 'b.md', 'c.md', 'e.md']);
  });
});

/**
 * The `Library.open` made after `skip` others waits to begin until the answer's `release` is called
 * (a large library still being read).
 */
function holdOpen(skip = 0): { release: () => void } {
  const open = Library.open.bind(Library);
  let release = (): void => undefined;
  const gate = new Promise<void>((r) => (release = r));
  let calls = 0;
  vi.spyOn(Library, 'open').mockImplementation(async (folder, options) => {
    if (calls++ === skip) await gate;
    return open(folder, options);
  });
  return { release };
}

const reloadedNames = (events: readonly LibraryEventMessage[]): string[] => events.flatMap((e) => (e.type === 'reloaded' ? [e.name] : []));

describe('a session asked for another library while one is still being read', () => {
  test('the later choice stands: the one read after it is never shown', async () => {
    const { dirs, events, session } = libraries(['large', 'small']);
    const held = holdOpen();
    const first = session.open(dirs[0]!);
    const second = await session.open(dirs[1]!);
    expect(second.ok && second.value.superseded !== true ? second.value.name : null).toBe('small');
    held.release();
    const outcome = await first;
    expect(outcome.ok && outcome.value.superseded).toBe(true);
    await session.ready();
    expect(reloadedNames(events)).toEqual(['small']);
    const open = session.library();
    expect(open.ok ? open.value.name : null).toBe('small');
  });

  test.each([
    { later: 'opens', shown: ['small'], first: 'superseded' },
    { later: 'cannot be opened', shown: ['large'], first: 'large' },
  ])('one read first waits for the later one, which $later', async ({ later, shown, first: firstOutcome }) => {
    const { root, dirs, events, session } = libraries(['large', 'small']);
    const held = holdOpen(1);
    const first = session.open(dirs[0]!);
    const second = session.open(later === 'opens' ? dirs[1]! : join(root, 'no-such-folder'));
    await new Promise((r) => setTimeout(r, 300)); // the first is read within this
    expect(reloadedNames(events)).toEqual([]); // not shown while the later one may still open
    let ready = false;
    void session.ready().then(() => (ready = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(ready).toBe(false);
    held.release();
    expect((await second).ok).toBe(later === 'opens');
    const outcome = await first;
    expect(outcome.ok ? (outcome.value.superseded === true ? 'superseded' : outcome.value.name) : outcome.error.message).toBe(firstOutcome);
    await session.ready();
    expect(reloadedNames(events)).toEqual(shown);
    const open = session.library();
    expect(open.ok ? open.value.name : null).toBe(shown[0]);
  });

  test('once a later one is shown, the first stops reading its files', async () => {
    const { dirs, events, session } = libraries(['large', 'small']);
    for (let i = 0; i < 3000; i++) writeFileSync(join(dirs[0]!, `n${i}.md`), article(`n${i}`));
    const open = Library.open.bind(Library);
    const libraries_: Library[] = [];
    vi.spyOn(Library, 'open').mockImplementation(async (folder, options) => {
      const result = await open(folder, options);
      if (result.ok) libraries_.push(result.value);
      return result;
    });
    const first = session.open(dirs[0]!);
    await session.open(dirs[1]!);
    const outcome = await first;
    expect(outcome.ok && outcome.value.superseded).toBe(true);
    expect(reloadedNames(events)).toEqual(['small']);
    const large = libraries_.find((l) => l.root.endsWith('large'))!;
    expect(large.size).toBeLessThan(1000); // of 3,001: it stopped within a few slices of the small one's open
  });

  test('a session closed while one is still being read: the open answers superseded, and its library is closed unshown', async () => {
    const { dirs, events, session } = libraries(['large']);
    const closed: string[] = [];
    const close = Library.prototype.close;
    vi.spyOn(Library.prototype, 'close').mockImplementation(function (this: Library) {
      closed.push(basename(this.root));
      return close.call(this);
    });
    const held = holdOpen();
    const first = session.open(dirs[0]!);
    let settled = false;
    const closing = session.close().then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false); // the close waits for the open under way
    held.release();
    await closing;
    const outcome = await first;
    expect(outcome.ok && outcome.value.superseded).toBe(true);
    expect(closed).toEqual(['large']);
    expect(reloadedNames(events)).toEqual([]);
    expect(session.library().ok).toBe(false);
  });

  test('a session closed while one is being read stops its reading', async () => {
    const { dirs, session } = libraries(['large']);
    for (let i = 0; i < 3000; i++) writeFileSync(join(dirs[0]!, `n${i}.md`), article(`n${i}`));
    const open = Library.open.bind(Library);
    let large: Library | undefined;
    vi.spyOn(Library, 'open').mockImplementation(async (folder, options) => {
      const result = await open(folder, options);
      if (result.ok) large = result.value;
      return result;
    });
    const first = session.open(dirs[0]!);
    await new Promise((r) => setTimeout(r, 5));
    await session.close();
    await first;
    expect(large!.size).toBeLessThan(1000); // of 3,001
  });

  test('the first tells its progress only until another is asked for', async () => {
    const { dirs, events, session } = libraries(['large', 'small']);
    for (let i = 0; i < 30; i++) writeFileSync(join(dirs[0]!, `n${i}.md`), article(`n${i}`));
    const held = holdOpen();
    const first = session.open(dirs[0]!);
    await session.open(dirs[1]!);
    held.release();
    await first;
    const totals = events.flatMap((e) => (e.type === 'open-progress' ? [e.total] : []));
    expect(totals).toContain(1);
    expect(totals).not.toContain(31);
  });
});
