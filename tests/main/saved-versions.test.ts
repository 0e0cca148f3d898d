/**
 * An edit back to an earlier state writes the very bytes Masthead replaced (see saved-versions.ts):
 * an undo leaves no trace in the file, where splicing the change in again changed the form of the
 * lines it touched.
 */
import { chmodSync, copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { generateLibrary } from '../../bench/generate.js';
import { Library } from '../../main/core/library.js';
import { SavedVersions, type SavedVersion } from '../../main/core/saved-versions.js';
import type { ArticleSummary } from '../../shared/article.js';
import type { Result } from '../../shared/result.js';
import { CORPORA, haveCorpora, markdownFiles, tempDir } from '../helpers/corpora.js';
import { changedLines } from '../helpers/edit-text.js';
import { seededRandom } from '../helpers/seeded.js';

const SEED = '000_8a8d1d44de5d8be9.txt';
const seedText = readFileSync(new URL(`../../seeds/${SEED}`, import.meta.url), 'utf8');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function libraryOf(files: Record<string, string>): Promise<{ dir: string; library: Library }> {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  for (const [id, text] of Object.entries(files)) writeFileSync(join(dir, id), text);
  const opened = await Library.open(dir);
  if (!opened.ok) throw new Error(opened.error.message);
  await opened.value.checked;
  cleanups.push(() => void opened.value.close());
  return { dir, library: opened.value };
}

/** Sets an article's topics from what the index shows, as the desk does; fails the test on a refusal. */
async function setTopics(library: Library, id: string, topics: readonly string[]): Promise<void> {
  const saved = await library.setTopics(id, topics, library.summary(id)!.topics);
  if (!saved.ok) throw new Error(saved.error.message);
}

describe('an edit back to where the file was', () => {
  test('puts back a block list of topics emptied, as it was, not as a flow list', async () => {
    const { dir, library } = await libraryOf({ [SEED]: seedText });
    const topics = library.summary(SEED)!.topics;
    await setTopics(library, SEED, []);
    expect(readFileSync(join(dir, SEED), 'utf8')).toContain('topics: []');
    await setTopics(library, SEED, topics);
    expect(readFileSync(join(dir, SEED), 'utf8')).toBe(seedText);
    expect(library.summary(SEED)?.topics).toEqual(topics);
  });

  test('takes away a topics key Masthead added once its topics go again', async () => {
    const text = '---\ntitle: No topics\npublished: false\n---\nbody\n';
    const { dir, library } = await libraryOf({ 'a.md': text });
    await setTopics(library, 'a.md', ['AI']);
    await setTopics(library, 'a.md', []);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(text);
  });

  test('gives back the spelling of published and the comments among the topics, through many steps', async () => {
    const text = '---\r\ntitle: T\r\npublished: False # not yet\r\ntopics:\r\n  - "A" # first\r\n  # between\r\n  - B\r\n---\r\n';
    const { dir, library } = await libraryOf({ 'a.md': text });
    const file = (): string => readFileSync(join(dir, 'a.md'), 'utf8');
    expect((await library.setPublished('a.md', true)).ok).toBe(true);
    const approved = file();
    expect(changedLines(text, approved)).toEqual({ removed: ['published: False # not yet\r'], added: ['published: true # not yet\r'] });
    await setTopics(library, 'a.md', ['B']);
    await setTopics(library, 'a.md', ['B', 'C']);
    // Each undone in turn, each step the very file it was.
    await setTopics(library, 'a.md', ['B']);
    await setTopics(library, 'a.md', ['A', 'B']);
    expect((await library.setPublished('a.md', false)).ok).toBe(true);
    expect(file()).toBe(text);
    // And redone: approved again, as the first approval wrote it.
    expect((await library.setPublished('a.md', true)).ok).toBe(true);
    expect(file()).toBe(approved);
  });

  test('never undoes what another program changed meanwhile', async () => {
    const { dir, library } = await libraryOf({ [SEED]: seedText });
    const topics = library.summary(SEED)!.topics;
    await setTopics(library, SEED, []);
    const theirs = readFileSync(join(dir, SEED), 'utf8').replace(/^quality: 43$/m, 'quality: 44');
    writeFileSync(join(dir, SEED), theirs);
    await library.refresh(SEED); // as the watcher does
    await setTopics(library, SEED, topics);
    const now = readFileSync(join(dir, SEED), 'utf8');
    expect(now).toMatch(/^quality: 44$/m);
    expect(library.summary(SEED)?.topics).toEqual(topics);
  });

  test('leaves every file as it was once a seeded run of edits is undone step by step', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    generateLibrary(30, dir, 7);
    writeFileSync(join(dir, SEED), seedText);
    const ids = readdirSync(dir).sort();
    const before = new Map(ids.map((id) => [id, readFileSync(join(dir, id))]));
    const opened = await Library.open(dir);
    if (!opened.ok) throw new Error(opened.error.message);
    const library = opened.value;
    cleanups.push(() => void library.close());
    await library.checked;
    const draw = seededRandom(3);
    const done: { id: string; undo: () => Promise<unknown> }[] = [];
    for (let i = 0; i < 200; i++) {
      const id = ids[draw(ids.length)]!;
      const now = library.summary(id)!;
      if (now.problems.some((p) => p.level === 'error')) continue;
      if (draw(2) === 0) {
        const saved = await library.setPublished(id, !now.published);
        if (saved.ok) done.push({ id, undo: () => library.setPublished(id, now.published) });
      } else {
        const topics = draw(3) === 0 ? [] : draw(2) === 0 ? now.topics.slice(1) : [...new Set([...now.topics, `Topic ${draw(5)}`])];
        const saved = await library.setTopics(id, topics, now.topics);
        if (saved.ok) done.push({ id, undo: () => library.setTopics(id, now.topics, topics) });
      }
    }
    expect(done.length).toBeGreaterThan(150);
    for (const step of done.reverse()) expect(await step.undo()).toMatchObject({ ok: true });
    const changed = ids.filter((id) => !readFileSync(join(dir, id)).equals(before.get(id)!));
    expect(changed).toEqual([]);
  });

  test('leaves a few files as they were once a long run of edits, past what a chain keeps, is undone step by step', async () => {
    // Hundreds of edits on three files: each chain of versions outgrows its length many times, and
    // begins after approvals that started none. Topics in a flow list, one of them unquoted and not
    // ASCII: spliced in again rather than given back, it comes back quoted.
    const files: Record<string, string> = {
      'rtl.md': '---\ntitle: "مرحبا"\npublished: true\ntopics: [اقتصاد, "🚀 Launch"]\n---\nText.\n',
      'block.md': '---\ntitle: Block\npublished: False\ntopics:\n  - Politics   # the desk\n  - Élan\n---\n',
      [SEED]: seedText,
    };
    const { dir, library } = await libraryOf(files);
    const ids = Object.keys(files);
    const draw = seededRandom(11);
    const done: (() => Promise<unknown>)[] = [];
    const approve = async (id: string): Promise<void> => {
      const now = library.summary(id)!;
      const saved = await library.setPublished(id, !now.published);
      if (saved.ok) done.push(() => library.setPublished(id, now.published));
    };
    // Each file's first edits are an approval and its opposite: the chain then begins after them.
    for (const id of ids) for (let i = 0; i < 2; i++) await approve(id);
    for (let i = 0; i < 300; i++) {
      const id = ids[draw(ids.length)]!;
      const now = library.summary(id)!;
      if (draw(4) === 0) await approve(id);
      else {
        const topics = draw(3) === 0 ? now.topics.slice(1) : [...new Set([...now.topics, `Topic ${draw(12)}`])];
        const saved = await library.setTopics(id, topics, now.topics);
        if (saved.ok) done.push(() => library.setTopics(id, now.topics, topics));
      }
    }
    expect(done.length).toBeGreaterThan(250);
    for (const undo of done.reverse()) expect(await undo()).toMatchObject({ ok: true });
    for (const id of ids) expect(readFileSync(join(dir, id), 'utf8'), id).toBe(files[id]);
  });

  test.skipIf(!haveCorpora)('leaves real files as they were once long runs of edits, one at a time and in bulk, are undone step by step', async () => {
    const draw = seededRandom(5);
    const every = markdownFiles(CORPORA);
    const odd = ['AI', 'Élan', 'اقتصاد', '🚀 Launch', 'a: b', '#tag', 'yes', 'null', "it's", '"quoted"', 'Zeta news'];
    for (let run = 0; run < 4; run++) {
      const { dir, cleanup } = tempDir();
      cleanups.push(cleanup);
      const names = new Set<string>();
      while (names.size < 3) names.add(every[draw(every.length)]!);
      const before = new Map<string, Buffer>();
      for (const name of names) {
        const id = name.replaceAll('/', '__');
        copyFileSync(join(CORPORA, name), join(dir, id));
        chmodSync(join(dir, id), 0o644);
        before.set(id, readFileSync(join(dir, id)));
      }
      const opened = await Library.open(dir);
      if (!opened.ok) throw new Error(opened.error.message);
      const library = opened.value;
      cleanups.push(() => void library.close());
      await library.checked;
      const ids = library.list().filter((a) => !a.problems.some((p) => p.level === 'error')).map((a) => a.id);
      const done: (() => Promise<Result<unknown>>)[] = [];
      for (let i = 0; i < 400 && ids.length > 0; i++) {
        const what = draw(10);
        if (what < 3) {
          const id = ids[draw(ids.length)]!;
          const now = library.summary(id)!;
          if ((await library.setPublished(id, !now.published)).ok) done.push(() => library.setPublished(id, now.published));
        } else if (what < 7) {
          const id = ids[draw(ids.length)]!;
          const now = library.summary(id)!;
          const topics = draw(3) === 0 ? now.topics.slice(1) : [...new Set([...now.topics, odd[draw(odd.length)]!])];
          if ((await library.setTopics(id, topics, now.topics)).ok) done.push(() => library.setTopics(id, now.topics, topics));
        } else if (what < 9) {
          // As the desk's bulk actions and their undo: the articles changed are changed back together.
          const value = draw(2) === 0;
          const changing = ids.filter((id) => draw(2) === 0 && library.summary(id)!.published !== value);
          const saved = await library.setPublishedMany(changing, value);
          if (saved.ok && saved.value.saved.length > 0) {
            const changed = saved.value.saved.map((a) => a.id);
            done.push(() => library.setPublishedMany(changed, !value));
          }
        } else {
          const topic = odd[draw(odd.length)]!;
          const changes = ids.filter(() => draw(2) === 0).map((id) => ({ id, from: library.summary(id)!.topics, topics: [...new Set([...library.summary(id)!.topics, topic])] }));
          const saved = await library.setTopicsMany(changes);
          if (saved.ok && saved.value.saved.length > 0) {
            const changed = new Set(saved.value.saved.map((a) => a.id));
            const back = changes.filter((c) => changed.has(c.id)).map((c) => ({ id: c.id, topics: c.from, from: c.topics }));
            done.push(() => library.setTopicsMany(back));
          }
        }
      }
      expect(done.length, [...names].join(', ')).toBeGreaterThan(100);
      for (const undo of done.reverse()) {
        const undone = await undo();
        expect(undone.ok && !(undone.value as { failed?: unknown[] }).failed?.length, [...names].join(', ')).toBe(true);
      }
      for (const [id, bytes] of before) expect(readFileSync(join(dir, id)).equals(bytes), `${id} after undoing every edit`).toBe(true);
    }
  }, 60_000);
});

describe('the versions kept', () => {
  const summary = (published: boolean, topics: string[] = []): ArticleSummary => ({ id: 'a.md', published, topics, problems: [] }) as unknown as ArticleSummary;
  const version = (hash: string, size: number, published = false, topics: string[] = []): SavedVersion => ({
    hash,
    bytes: new Uint8Array(size),
    summary: summary(published, topics),
    quickApprove: true,
  });
  const isApproved = (s: ArticleSummary): boolean => s.published;

  test('are recalled only while the file holds the last one saved', () => {
    const versions = new SavedVersions();
    versions.saved('a.md', 'h0', () => version('h0', 10, true), version('h1', 10, false));
    expect(versions.recall('a.md', 'h1', isApproved)?.hash).toBe('h0');
    expect(versions.recall('a.md', 'h0', isApproved)).toBeNull();
    expect(versions.recall('a.md', 'other', isApproved)).toBeNull();
    // A save from other bytes than the last starts a new chain.
    versions.saved('a.md', 'x0', () => version('x0', 10, false), version('x1', 10, false, ['T']));
    expect(versions.recall('a.md', 'x1', isApproved)).toBeNull();
    expect(versions.size).toBe(20);
  });

  test('keep both where a chain begun after an approval started from and what that approval replaced, however long it grows', () => {
    const versions = new SavedVersions(1000, 4);
    // An approval with no chain wrote t0 over a0 (no copy); the next save, from t0, begins a chain.
    versions.toggled('a.md', { hash: 'a0', summary: summary(false), quickApprove: true }, 't0');
    versions.saved('a.md', 't0', () => version('t0', 5, true), version('v1', 5, true, ['T1']), (from) => version(from.hash, 5, false));
    for (let i = 1; i < 10; i++) versions.saved('a.md', `v${i}`, () => version('unused', 5), version(`v${i + 1}`, 5, true, [`T${i + 1}`]));
    const last = 'v10';
    expect(versions.recall('a.md', last, (s) => s.published && s.topics.length === 0)?.hash).toBe('t0');
    expect(versions.recall('a.md', last, (s) => !s.published)?.hash).toBe('a0');
    expect(versions.size).toBe(4 * 5);
  });

  test('keep the first version when an edit comes back to its very bytes, and after many more', () => {
    const versions = new SavedVersions(1000, 4);
    versions.saved('a.md', 'a0', () => version('a0', 5, true), version('a1', 5, false));
    versions.saved('a.md', 'a1', () => version('unused', 5), version('a0', 5, true));
    for (let i = 1; i < 10; i++) versions.saved('a.md', i === 1 ? 'a0' : `b${i - 1}`, () => version('unused', 5), version(`b${i}`, 5, false, [`T${i}`]));
    expect(versions.recall('a.md', 'b9', (s) => s.published)?.hash).toBe('a0');
  });

  test('keep an article’s first version and its latest ones, and forget the articles saved longest ago past the budget', () => {
    const versions = new SavedVersions(100, 4);
    for (let i = 0; i < 6; i++) versions.saved('a.md', `a${i}`, () => version(`a${i}`, 5, i === 0), version(`a${i + 1}`, 5));
    expect(versions.size).toBe(20); // a0 and the latest three
    expect(versions.recall('a.md', 'a6', isApproved)?.hash).toBe('a0');
    versions.saved('b.md', 'b0', () => version('b0', 40), version('b1', 40));
    expect(versions.size).toBe(100);
    versions.saved('c.md', 'c0', () => version('c0', 10), version('c1', 10));
    expect(versions.recall('a.md', 'a6', isApproved)).toBeNull(); // forgotten first
    expect(versions.size).toBe(100);
    versions.saved('d.md', 'd0', () => version('d0', 200), version('d1', 200)); // alone past the budget: kept until the next save
    expect(versions.recall('b.md', 'b1', () => true)).toBeNull();
    expect(versions.recall('d.md', 'd1', () => true)?.hash).toBe('d0');
  });
});
