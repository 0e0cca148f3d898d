/** The desk's export in main: every request checked, one export at a time, to the destination the editor chose. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { LibraryEventMessage } from '../../shared/contract.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { Library } from '../../main/core/library.js';
import { besideLibrary, checkQuery, ExportDesk, suggestedName } from '../../main/export-desk.js';
import { tempDir } from '../helpers/corpora.js';

const ARTICLES: Record<string, string> = {
  'a.md': '---\ntitle: Council votes\npublishedDateTime: 2024-01-03T08:00:00Z\npublished: true\ntopics: [Politics]\n---\n',
  'b.md': '---\ntitle: Harbour reopens\npublishedDateTime: 2024-01-02T08:00:00Z\npublished: true\ntopics: [Travel]\n---\n',
  'c.md': '---\ntitle: Not yet\npublishedDateTime: 2024-01-01T08:00:00Z\npublished: false\n---\n',
  'd.md': '---\ntitle: "Unclosed\npublished: true\n---\n',
};

let work: { dir: string; cleanup: () => void };
let library: Library;
let events: LibraryEventMessage[];
let revealed: string[];
let chosen: string | null;
let desk: ExportDesk;

const open = (): Result<{ library: Library; name: string }> => ok({ library, name: 'news' });
const make = (reveal: ((path: string) => void) | null = (p) => revealed.push(p), library = open): ExportDesk =>
  new ExportDesk(library, async () => chosen, (e) => events.push(e), reveal);

beforeEach(async () => {
  work = tempDir();
  const root = join(work.dir, 'news');
  mkdirSync(root);
  mkdirSync(join(work.dir, 'out'));
  for (const [id, text] of Object.entries(ARTICLES)) writeFileSync(join(root, id), text);
  const opened = await Library.open(root);
  if (!opened.ok) throw new Error(opened.error.message);
  library = opened.value;
  events = [];
  revealed = [];
  chosen = join(work.dir, 'out', 'news-approved.json');
  desk = make();
});
afterEach(async () => {
  await library.close();
  work.cleanup();
});

describe('the filter the desk sends', () => {
  test('none, or any of the known fields as text', () => {
    expect(checkQuery(null)).toEqual(ok(undefined));
    expect(checkQuery(undefined)).toEqual(ok(undefined));
    expect(checkQuery({})).toEqual(ok({ status: undefined, topic: undefined, provider: undefined, search: undefined }));
    expect(checkQuery({ status: 'published', topic: 'Politics', provider: 'Le Monde', search: 'vote' })).toEqual(
      ok({ status: 'published', topic: 'Politics', provider: 'Le Monde', search: 'vote' }),
    );
    const range = { publishedFrom: Date.UTC(2024, 0, 2), publishedBefore: Date.UTC(2024, 0, 3) };
    expect(checkQuery(range)).toEqual(ok(range));
  });

  test('anything else is refused, saying what is wrong', () => {
    const refused = (query: unknown): string => {
      const checked = checkQuery(query);
      expect(checked.ok, JSON.stringify(query)).toBe(false);
      return checked.ok ? '' : `${checked.error.kind}: ${checked.error.message}`;
    };
    expect(refused('published')).toBe('bad-request: the filter must be an object');
    expect(refused(['published'])).toBe('bad-request: the filter must be an object');
    expect(refused({ status: 'all', path: '../x' })).toBe('bad-request: unknown filter fields: path');
    expect(refused({ topic: 3 })).toBe('bad-request: the topic filter must be text');
    expect(refused({ search: 'x'.repeat(1001) })).toBe('bad-request: the search filter must be text');
    expect(refused({ provider: { $ne: '' } })).toBe('bad-request: the provider filter must be text');
    expect(refused({ status: 'everything' })).toBe('bad-request: unknown status filter');
    expect(refused({ publishedFrom: '2024-01-01' })).toBe('bad-request: publishedFrom must be a time in milliseconds');
    expect(refused({ publishedBefore: Number.POSITIVE_INFINITY })).toBe('bad-request: publishedBefore must be a time in milliseconds');
    expect(refused({ publishedBefore: null })).toBe('bad-request: publishedBefore must be a time in milliseconds');
  });
});

describe('an export from the desk', () => {
  test('the preview counts what would go, and names what is held back', async () => {
    const preview = await desk.preview(null);
    expect(preview).toMatchObject({ ok: true, value: { count: 2, withWarnings: 0, heldBack: [{ id: 'd.md' }] } });
    expect(await desk.preview({ topic: 'Politics' })).toMatchObject({ ok: true, value: { count: 1 } });
    // The approved articles of 2 January 2024 (UTC): one; the held-back file has no date.
    expect(await desk.preview({ publishedFrom: Date.UTC(2024, 0, 2), publishedBefore: Date.UTC(2024, 0, 3) })).toMatchObject({ ok: true, value: { count: 1, heldBack: [] } });
    expect(await desk.preview({ topic: 7 })).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
  });

  test('without a library, nothing is planned', async () => {
    const closed = make(null, () => fail('not-found', 'no library is open'));
    expect(await closed.preview(null)).toEqual(fail('not-found', 'no library is open'));
    expect(await closed.chooseDestination('json')).toEqual(fail('not-found', 'no library is open'));
  });

  test('goes only where the editor chose, in the format chosen', async () => {
    expect(await desk.run({ format: 'json' })).toEqual(fail('bad-request', 'choose where the export goes first'));
    expect(await desk.chooseDestination('pdf')).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(await desk.chooseDestination('json')).toEqual(ok({ destination: 'out/news-approved.json' }));
    expect(await desk.run({ format: 'csv' })).toEqual(fail('bad-request', 'choose where the export goes first'));
    const done = await desk.run({ format: 'json', query: null });
    expect(done).toEqual(ok({ count: 2, withWarnings: 0, heldBack: [expect.objectContaining({ id: 'd.md' })], destination: 'out/news-approved.json', canReveal: true }));
    const written = JSON.parse(readFileSync(chosen!, 'utf8')) as unknown;
    expect(JSON.stringify(written)).toContain('Council votes');
    expect(JSON.stringify(written)).not.toContain('Not yet');
    expect(events).toContainEqual({ type: 'export-progress', done: 2, total: 2 });
    expect(desk.revealLast()).toEqual(ok(null));
    expect(revealed).toEqual([chosen]);
  });

  test('a dialog cancelled leaves no destination', async () => {
    chosen = null;
    expect(await desk.chooseDestination('json')).toEqual(ok(null));
    expect(await desk.run({ format: 'json' })).toEqual(fail('bad-request', 'choose where the export goes first'));
  });

  test('a request of the wrong shape is refused before anything is written', async () => {
    await desk.chooseDestination('json');
    for (const request of [null, 'json', { format: 'pdf' }, { format: 'json', csvBom: 'yes' }, { format: 'json', query: { status: 'all', extra: 1 } }]) {
      expect(await desk.run(request), JSON.stringify(request)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    }
    expect(readdirSync(join(work.dir, 'out'))).toEqual([]);
  });

  test('one export at a time, and a cancelled one leaves nothing behind', async () => {
    chosen = join(work.dir, 'out', 'news-approved');
    await desk.chooseDestination('files');
    const first = desk.run({ format: 'files' });
    expect(await desk.run({ format: 'files' })).toEqual(fail('bad-request', 'an export is already running'));
    expect(desk.cancel()).toEqual(ok(null));
    expect(await first).toMatchObject({ ok: false, error: { message: expect.stringContaining('cancelled') } });
    expect(readdirSync(join(work.dir, 'out'))).toEqual([]);
    expect(desk.revealLast()).toEqual(fail('bad-request', 'there is no export to show'));
    // Once it has answered, the next may run.
    expect(await desk.run({ format: 'files' })).toMatchObject({ ok: true, value: { count: 2 } });
    expect(readdirSync(chosen).sort()).toEqual(expect.arrayContaining(['a.md', 'b.md']));
  });

  test('closed (the app quitting), the export under way is cancelled, and close waits until it has removed its files', async () => {
    await desk.close(); // nothing under way: at once
    const root = join(work.dir, 'many');
    mkdirSync(root);
    for (let i = 0; i < 600; i++) writeFileSync(join(root, `${String(i).padStart(3, '0')}.md`), `---\ntitle: Story ${i}\npublished: true\n---\n`);
    const opened = await Library.open(root);
    if (!opened.ok) throw new Error(opened.error.message);
    await opened.value.checked;
    // Closed at its first progress (100 of 600 copied), from within: its temp folder then holds copies.
    let closed: Promise<void> | null = null;
    let under: string[] = [];
    const many: ExportDesk = new ExportDesk(() => ok({ library: opened.value, name: 'many' }), async () => join(work.dir, 'out', 'many-approved'), (e) => {
      if (e.type !== 'export-progress' || closed !== null) return;
      under = readdirSync(join(work.dir, 'out'));
      closed = many.close();
    }, null);
    try {
      await many.chooseDestination('files');
      const running = many.run({ format: 'files' });
      await expect.poll(() => closed !== null).toBe(true);
      expect(under).toEqual([expect.stringMatching(/^\.many-approved\.masthead-[0-9a-f]+\.tmp$/)]);
      await closed;
      // By the time close resolves, the export has stopped and its temp folder is gone.
      expect(readdirSync(join(work.dir, 'out'))).toEqual([]);
      expect(await running).toMatchObject({ ok: false, error: { message: expect.stringContaining('cancelled') } });
    } finally {
      await opened.value.close();
    }
  });

  test('a host that cannot show the file says so, and is never asked to', async () => {
    const plain = make(null);
    await plain.chooseDestination('json');
    expect(await plain.run({ format: 'json' })).toMatchObject({ ok: true, value: { canReveal: false } });
    expect(plain.revealLast()).toEqual(fail('bad-request', 'there is no export to show'));
  });
});

describe('where an export goes by default', () => {
  test('a name from the library and the format', () => {
    expect(suggestedName('news', 'files')).toBe('news-approved');
    expect(suggestedName('news', 'rss')).toBe('news-approved.xml');
    expect(suggestedName('news', 'jsonl')).toBe('news-approved.jsonl');
  });

  test('beside the library, or nowhere without one', async () => {
    expect(await besideLibrary(() => '/home/ed/news')('csv', 'news-approved.csv')).toBe('/home/ed/news-exports/news-approved.csv');
    expect(await besideLibrary(() => undefined)('csv', 'news-approved.csv')).toBeNull();
  });
});
