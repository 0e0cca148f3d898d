/** A first open for the desk answers with the list's first part, and serves the rest as it is listed. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ArticleId } from '../../shared/article.js';
import { Library, type LibraryEvent } from '../../main/core/library.js';
import { inIdOrder, ListingFront } from '../../main/core/listing-front.js';
import { tempDir } from '../helpers/corpora.js';

let lib: ReturnType<typeof tempDir>;
beforeEach(() => {
  lib = tempDir();
});
afterEach(() => lib.cleanup());

const article = (title: string): string => `---\ntitle: ${title}\n# kept as it is\npublished: false\n---\nText.\n`;
const pad = (i: number): string => String(i).padStart(4, '0');

/**
 * 3,000 article files and 60 that are no article, laid out so that the scan's order (a folder's
 * files before its sub-folders) is not the id order: `a-1.md` and `b-….md` at the top come before
 * `a/…` in the scan, `a-1.md` before `a/…` before `b-…` by id.
 */
function writeLibrary(): ArticleId[] {
  const ids: string[] = [];
  mkdirSync(join(lib.dir, 'a'));
  const put = (id: string, text: string | null): void => {
    writeFileSync(join(lib.dir, id), text ?? 'No front matter: a note kept beside the articles.\n');
    if (text !== null) ids.push(id);
  };
  put('a-1.md', article('A one'));
  for (let i = 0; i < 1500; i++) put(`a/${pad(i)}.md`, article(`In a ${i}`));
  // A run of files that are no article, longer than a page: a page never comes back empty for them.
  for (let i = 0; i < 60; i++) put(`a/${pad(1500 + i)}.md`, null);
  for (let i = 0; i < 1499; i++) put(`b-${pad(i)}.md`, article(`B ${i}`));
  return ids.sort() as ArticleId[];
}

/** Opens the library, answering once `firstPart` files are listed where given. */
async function openLibrary(firstPart?: number): Promise<Library> {
  const opened = await Library.open(lib.dir, firstPart === undefined ? {} : { firstPart });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

describe('a first open with a first part', () => {
  test('answers before every file is listed, and its pages then give every article once, in id order, none as an event', async () => {
    const expected = writeLibrary();
    const library = await openLibrary(100);
    const events: LibraryEvent[] = [];
    library.subscribe((e) => events.push(e));
    try {
      // Answered with the first part in: the rest is still being listed.
      expect(library.list().length).toBeLessThan(expected.length);
      // The count the desk shows meanwhile is of the files being read (the 60 that are no article among them).
      expect(library.size).toBe(3060);
      const seen: ArticleId[] = [];
      let after: ArticleId | null = null;
      for (;;) {
        const page = await library.pageWhenListed(after, 40);
        expect(page.articles.length > 0 || page.done).toBe(true);
        seen.push(...page.articles.map((a) => a.id));
        if (page.done) break;
        after = page.articles.at(-1)!.id;
      }
      expect(seen).toEqual(expected);
      await library.verified;
      expect(library.size).toBe(expected.length);
      expect(library.list().map((a) => a.id)).toEqual(expected);
      await library.checked;
      // What the listing found was given with the pages; the check confirming it is news to nobody.
      expect(events.filter((e) => e.type === 'added' || e.type === 'changed' || e.type === 'removed')).toEqual([]);
    } finally {
      await library.close();
    }
  });

  test('an article of the first part can be approved while the rest is listed: a one-line change, and the list keeps it', async () => {
    writeLibrary();
    const library = await openLibrary(10);
    const events: LibraryEvent[] = [];
    library.subscribe((e) => events.push(e));
    try {
      const id = 'a-1.md' as ArticleId;
      const before = readFileSync(join(lib.dir, id), 'utf8');
      const approved = await library.setPublished(id, true);
      expect(approved.ok).toBe(true);
      await library.checked;
      expect(readFileSync(join(lib.dir, id), 'utf8')).toBe(before.replace('published: false', 'published: true'));
      expect(library.summary(id)?.published).toBe(true);
      expect(library.size).toBe(3000);
      // The check counts every article, the one the edit read in full among those done.
      expect(events.filter((e) => e.type === 'checking').at(-1)).toEqual({ type: 'checking', done: 3000, total: 3000 });
    } finally {
      await library.close();
    }
  });

  test('a library closed while it is listed stops, and its pages end', async () => {
    writeLibrary();
    const library = await openLibrary(10);
    const waiting = library.pageWhenListed('a/1400.md' as ArticleId, 1000);
    await library.close();
    await library.verified;
    const page = await waiting;
    expect(page.done).toBe(true);
    expect(library.list().length).toBeLessThan(3000);
  });

  test('without a first part, an open answers once every file is listed', async () => {
    const expected = writeLibrary();
    const library = await openLibrary();
    try {
      expect(library.list().map((a) => a.id)).toEqual(expected);
    } finally {
      await library.close();
    }
  });
});

describe('the listing front', () => {
  const files = (ids: string[]) => ids.map((id) => ({ id: id as ArticleId, path: `/lib/${id}` }));

  test('puts the scanned files in id order, and leaves files already in it as they are', () => {
    const sorted = files(['a-1.md', 'a/x.md', 'b.md']);
    expect(inIdOrder(sorted)).toBe(sorted);
    expect(inIdOrder(files(['a-1.md', 'b.md', 'a/x.md'])).map((f) => f.id)).toEqual(['a-1.md', 'a/x.md', 'b.md']);
  });

  test('gives a page once every file in it is listed, whatever order the reads answer in', async () => {
    const front = new ListingFront();
    front.begin(files(['1.md', '2.md', '3.md', '4.md']));
    let page: readonly ArticleId[] | null | undefined;
    void front.upTo('1.md' as ArticleId, 2).then((ids) => (page = ids));
    front.listed(['3.md', '4.md'] as ArticleId[]);
    await Promise.resolve();
    expect(page).toBeUndefined(); // 2.md is not listed yet
    front.listed(['1.md', '2.md'] as ArticleId[]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(page).toEqual(['2.md', '3.md']);
    // Past the last file, nothing is left to list: the index answers once the listing is over.
    let last: readonly ArticleId[] | null | undefined;
    void front.upTo('4.md' as ArticleId, 2).then((ids) => (last = ids));
    await new Promise((resolve) => setImmediate(resolve));
    expect(last).toBeUndefined();
    front.end();
    await new Promise((resolve) => setImmediate(resolve));
    expect(last).toBeNull();
  });
});
