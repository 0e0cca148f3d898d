import { chmodSync, linkSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { Library, type LibraryEvent } from '../../main/core/library.js';
import { watchLibrary } from '../../main/core/library-watch.js';
import { tempDir } from '../helpers/corpora.js';

const seedText = readFileSync(new URL('../../seeds/000_8a8d1d44de5d8be9.txt', import.meta.url), 'utf8');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A temp library from a map of relative paths to contents. */
function makeLibrary(files: Record<string, string | Uint8Array>): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

async function open(dir: string): Promise<Library> {
  const opened = await Library.open(dir);
  if (!opened.ok) throw new Error(opened.error.message);
  await opened.value.checked;
  return opened.value;
}

/** Opens `dir` with its list in and the background check kept from reaching any file. */
async function openUnchecked(dir: string): Promise<Library> {
  let stop = false;
  const opened = await Library.open(dir, { abandoned: () => stop });
  if (!opened.ok) throw new Error(opened.error.message);
  cleanups.push(() => void opened.value.close());
  stop = true;
  return opened.value;
}

const article = (title: string, extra = ''): string => `---\ntitle: ${title}\npublished: false\n${extra}---\nbody\n`;

describe('scanning a library', () => {
  test('finds .md, .markdown and .txt articles, skipping hidden folders, node_modules and non-articles', async () => {
    const dir = makeLibrary({
      'a.md': article('A'),
      'sub/b.markdown': article('B'),
      'sub/deeper/c.txt': article('C'),
      'notes.txt': 'just a note\n',
      'README.md': '# not an article\n',
      '.git/d.md': article('D'),
      '.hidden.md': article('hidden'),
      'node_modules/pkg/e.md': article('E'),
      'image.png': Uint8Array.from([0x89, 0x50, 0x4e, 0x47]),
      'Économie/ünïcode 文章.md': article('Unicode'),
    });
    const library = await open(dir);
    expect(library.list().map((a) => a.id)).toEqual(['a.md', 'sub/b.markdown', 'sub/deeper/c.txt', 'Économie/ünïcode 文章.md']);
  });

  test('follows links inside the library but never one that leads outside', async () => {
    const outside = makeLibrary({ 'secret.md': article('Secret') });
    const dir = makeLibrary({ 'a.md': article('A'), 'real/b.md': article('B') });
    symlinkSync(join(outside, 'secret.md'), join(dir, 'link-out.md'));
    symlinkSync(outside, join(dir, 'folder-out'));
    symlinkSync(join(dir, 'real'), join(dir, 'alias'));
    const library = await open(dir);
    const ids = library.list().map((a) => a.id);
    expect(ids).not.toContain('link-out.md');
    expect(ids.some((id) => id.startsWith('folder-out'))).toBe(false);
    expect(ids.filter((id) => id.endsWith('b.md'))).toHaveLength(1);
    expect((await library.read('link-out.md')).ok).toBe(false);
  });

  test('an unreadable library folder is a failure value', async () => {
    const result = await Library.open('/definitely/not/here');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toBe('cannot open the library here: there is no such folder');
  });

  test('a file with an error stays listed with it', async () => {
    const dir = makeLibrary({ 'bad.md': '---\ntitle: A\ntitle: B\n---\n', 'good.md': article('Good') });
    const library = await open(dir);
    expect(library.summary('bad.md')?.problems[0]).toMatchObject({ level: 'error', code: 'duplicate-key', line: 3 });
  });
});

describe('what a save cut short left behind', () => {
  const leftovers = ['.a.md.0123456789ab.masthead-tmp', 'sub/.b.md.0123456789ab.masthead-old'];

  test('is removed when the library opens, once older than a minute', async () => {
    const dir = makeLibrary({ 'a.md': article('A'), 'sub/b.md': article('B'), '.notes': 'kept', [leftovers[0]!]: 'half', [leftovers[1]!]: article('B, before') });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 61_000);
      const library = await open(dir);
      await library.settled();
      expect(library.list().map((a) => a.id)).toEqual(['a.md', 'sub/b.md']);
    } finally {
      vi.useRealTimers();
    }
    expect(readdirSync(dir, { recursive: true }).sort()).toEqual(['.notes', 'a.md', 'sub', join('sub', 'b.md')]);
  });

  test('is kept while it may be another save in flight', async () => {
    const dir = makeLibrary({ 'a.md': article('A'), [leftovers[0]!]: 'half' });
    const library = await open(dir);
    await library.settled();
    expect(readdirSync(dir).sort()).toEqual([leftovers[0], 'a.md']);
  });
});

describe('ids never reach outside the library', () => {
  test.each(['../x.md', '/etc/passwd', 'a/../../x.md', 'a\\..\\x.md', 'C:/x.md', 'a.md\0', '', 'sub/', './a.md', 'a.yaml', 42, null])(
    'refuses %j',
    async (id) => {
      const dir = makeLibrary({ 'a.md': article('A') });
      const library = await open(dir);
      const read = await library.read(id);
      expect(read.ok).toBe(false);
      expect((await library.setPublished(id, true)).ok).toBe(false);
      expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('A'));
    },
  );
});

describe('editing files on disk', () => {
  test('publishing the seed changes exactly its published line, keeps the mode, and leaves no temp file', async () => {
    const dir = makeLibrary({ 'seed.txt': seedText });
    chmodSync(join(dir, 'seed.txt'), 0o640);
    const library = await open(dir);
    const result = await library.setPublished('seed.txt', true);
    expect(result.ok && result.value.published).toBe(true);
    expect(readFileSync(join(dir, 'seed.txt'), 'utf8')).toBe(seedText.replace('published: false', 'published: true'));
    expect(statSync(join(dir, 'seed.txt')).mode & 0o777).toBe(0o640);
    await library.settled(); // the old version's aside link goes once the save has answered
    expect(readdirSync(dir)).toEqual(['seed.txt']);
  });

  test('closing waits for the tidying after saves: nothing is left beside the files', async () => {
    const dir = makeLibrary({ 'a.md': article('A'), 'sub/b.md': article('B') });
    const library = await open(dir);
    await Promise.all([library.setPublished('a.md', true), library.setPublished('sub/b.md', true), library.setTopics('a.md', ['x'])]);
    await library.close();
    expect(readdirSync(dir, { recursive: true }).sort()).toEqual(['a.md', 'sub', join('sub', 'b.md')]);
  });

  test('an edit that changes nothing does not write', async () => {
    const dir = makeLibrary({ 'a.md': article('A') });
    const before = statSync(join(dir, 'a.md'));
    await new Promise((r) => setTimeout(r, 20));
    const library = await open(dir);
    expect((await library.setPublished('a.md', false)).ok).toBe(true);
    expect((await library.changeTopics('a.md', [], ['none'])).ok).toBe(true);
    expect(statSync(join(dir, 'a.md')).mtimeMs).toBe(before.mtimeMs);
  });

  test('topics are added and removed on disk', async () => {
    const dir = makeLibrary({ 'seed.txt': seedText });
    const library = await open(dir);
    const added = await library.changeTopics('seed.txt', ['Ethics', 'C#'], ['AI']);
    expect(added.ok && added.value.topics).toEqual(['Computer Vision', 'Microsoft AI', 'Natural Language Processing', 'Ethics', 'C#']);
    const text = readFileSync(join(dir, 'seed.txt'), 'utf8');
    expect(text).toContain('  - Natural Language Processing\n  - Ethics\n  - "C#"\n\nimages:');
    expect(text).not.toContain('  - AI\n');
    const restored = await library.setTopics('seed.txt', ['Computer Vision', 'AI', 'Microsoft AI', 'Natural Language Processing']);
    expect(restored.ok).toBe(true);
    expect(readFileSync(join(dir, 'seed.txt'), 'utf8')).toBe(seedText);
  });

  test('a file changed on disk between read and save is not overwritten', async () => {
    const dir = makeLibrary({ 'a.md': article('A') });
    const library = await open(dir);
    const theirs = article('Changed by someone else');
    writeFileSync(join(dir, 'a.md'), theirs);
    const result = await library.setPublished('a.md', true);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe('conflict');
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(theirs);
    expect(library.summary('a.md')?.title).toBe('Changed by someone else');
  });

  test('topics changed from a list the file no longer holds are refused: the other program’s topics stay', async () => {
    const dir = makeLibrary({ 'a.md': article('A', 'topics: [Politics]\n') });
    const library = await open(dir);
    // Another program added a topic, and the library has read it (the watcher's refresh).
    const theirs = article('A', 'topics: [Politics, Elections]\n');
    writeFileSync(join(dir, 'a.md'), theirs);
    await library.refresh('a.md');
    const stale = await library.setTopics('a.md', ['Politics', 'Europe'], ['Politics']);
    expect(stale).toEqual({ ok: false, error: { kind: 'conflict', message: expect.stringMatching(/^the topics of a\.md were changed by another program; their version is kept/) } });
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(theirs);
    // Made from what the file holds, it is written.
    const fresh = await library.setTopics('a.md', ['Politics', 'Elections', 'Europe'], ['Politics', 'Elections']);
    expect(fresh.ok && fresh.value.topics).toEqual(['Politics', 'Elections', 'Europe']);
    // The order counts: a list reordered elsewhere is another list.
    expect((await library.setTopics('a.md', ['Europe'], ['Elections', 'Politics', 'Europe'])).ok).toBe(false);
    expect((await library.setTopics('a.md', ['Europe'], 'Politics')).ok).toBe(false);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('A', 'topics: [Politics, Elections, Europe]\n'));
  });

  test('topics made from a list with an empty or repeated topic are written as a proper list', async () => {
    const dir = makeLibrary({ 'a.md': article('A', 'topics: [AI, AI, ""]\n') });
    const library = await open(dir);
    expect(library.summary('a.md')?.problems.map((p) => p.code)).toEqual(['bad-topic', 'bad-topic']);
    const fixed = await library.setTopics('a.md', ['AI', 'Cloud'], ['AI', 'AI', '']);
    expect(fixed.ok && fixed.value).toMatchObject({ topics: ['AI', 'Cloud'], problems: [] });
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('A', 'topics: [AI, Cloud]\n'));
    expect((await library.setTopics('a.md', ['AI'], [7])).ok).toBe(false);
  });

  test('a read-only file is never rewritten: the edit says so; made writable, it is edited', async () => {
    const dir = makeLibrary({ 'locked.md': article('Locked'), 'open.md': article('Open') });
    chmodSync(join(dir, 'locked.md'), 0o444);
    const library = await open(dir);
    // The list knows it once the file is checked, the review pane's detail too.
    expect([library.summary('locked.md')?.readOnly, library.summary('open.md')?.readOnly]).toEqual([true, undefined]);
    const [locked, writable] = [await library.read('locked.md'), await library.read('open.md')];
    expect([locked.ok && locked.value.readOnly, writable.ok && writable.value.readOnly]).toEqual([true, false]);
    expect(locked.ok && locked.value.summary.readOnly).toBe(true);
    const refused = await library.setPublished('locked.md', true);
    expect(refused.ok ? null : [refused.error.kind, refused.error.message]).toEqual(['not-editable', 'locked.md is read-only: Masthead leaves it as it is. Make the file writable to edit it.']);
    expect((await library.setTopics('locked.md', ['AI'])).ok).toBe(false);
    const many = await library.setPublishedMany(['locked.md', 'open.md'], true);
    expect(many.ok ? [many.value.saved.map((a) => a.id), many.value.failed.map((f) => f.id)] : null).toEqual([['open.md'], ['locked.md']]);
    expect(readFileSync(join(dir, 'locked.md'), 'utf8')).toBe(article('Locked'));
    expect(statSync(join(dir, 'locked.md')).mode & 0o777).toBe(0o444);
    chmodSync(join(dir, 'locked.md'), 0o644);
    const approved = await library.setPublished('locked.md', true);
    expect(approved.ok && approved.value.readOnly).toBe(undefined);
    expect(library.summary('locked.md')?.readOnly).toBe(undefined);
    expect(readFileSync(join(dir, 'locked.md'), 'utf8')).toBe(article('Locked').replace('published: false', 'published: true'));
    await library.close();
  });

  // The other half of the check: the file's write bits are set, but not for this user. Only root can
  // run a process as another user, so the test runs as root (as our machines and CI do) and skips elsewhere.
  const asRoot = process.getuid?.() === 0;
  test.skipIf(!asRoot)("a file this user may not write is never rewritten, though its folder would let a save's rename through (needs root, to run as 'nobody')", () => {
    const dir = makeLibrary({ 'theirs.md': article('Theirs') });
    chmodSync(dir, 0o777); // anyone may make and rename files here: only Masthead's own check stops the save
    chmodSync(join(dir, 'theirs.md'), 0o644); // root's, writable by root alone
    const library = new URL('../../out/main/core/library.js', import.meta.url).href;
    const script = `
      const { Library } = await import(${JSON.stringify(library)});
      const opened = await Library.open(${JSON.stringify(dir)});
      const lib = opened.value;
      await lib.checked;
      const detail = await lib.read('theirs.md');
      const approve = await lib.setPublished('theirs.md', true);
      const topics = await lib.setTopics('theirs.md', ['AI']);
      await lib.close();
      console.log(JSON.stringify([detail.ok && detail.value.readOnly, approve.ok || approve.error.kind, topics.ok || topics.error.kind]));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { uid: 65534, gid: 65534, cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([true, 'not-editable', 'not-editable']);
    expect(readFileSync(join(dir, 'theirs.md'), 'utf8')).toBe(article('Theirs'));
    expect(readdirSync(dir)).toEqual(['theirs.md']); // no temp file or aside link left
  });

  test('a file that cannot be read (larger than an article may be) reads as a broken file: its error, no text, no failure, and no event each time', async () => {
    const dir = makeLibrary({ 'a.md': article('A'), 'huge.md': `---\ntitle: Huge\nexcerpt: "${'x'.repeat(17 * 1024 * 1024)}"\n---\n` });
    const library = await open(dir);
    const events: LibraryEvent[] = [];
    library.subscribe((e) => events.push(e));
    for (let i = 0; i < 3; i++) {
      const read = await library.read('huge.md');
      expect(read.ok && { article: read.value.article, source: read.value.source, problems: read.value.summary.problems.map((p) => [p.code, p.message.slice(0, 40)]) }).toEqual({
        article: null,
        source: '',
        problems: [['unreadable', 'the file cannot be read: it is 17.1 MB, ']],
      });
    }
    expect(events).toEqual([]); // read again and again, the same error: nothing new (the desk would read it again)
    rmSync(join(dir, 'huge.md'));
    expect(await library.read('huge.md')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(library.summary('huge.md')).toBeUndefined();
    await library.close();
  });

  test('a file made read-only after it was read: the refused edit marks it in the list, and the list hears it', async () => {
    const dir = makeLibrary({ 'later.md': article('Later') });
    const library = await open(dir);
    const events: LibraryEvent[] = [];
    library.subscribe((e) => events.push(e));
    chmodSync(join(dir, 'later.md'), 0o444); // no watch here to tell of it
    expect(library.summary('later.md')?.readOnly).toBe(undefined);
    const refused = await library.setPublished('later.md', true);
    expect(!refused.ok && refused.error.kind).toBe('not-editable');
    expect(library.summary('later.md')?.readOnly).toBe(true);
    expect(events.map((e) => (e.type === 'changed' ? [e.type, e.summary.readOnly] : e.type))).toEqual([['changed', true]]);
    expect(readFileSync(join(dir, 'later.md'), 'utf8')).toBe(article('Later'));
    await library.close();
  });

  test('a key a value left open swallowed is not added again, and the refusal names the value; other keys still edit', async () => {
    const titleOpen = '---\ntitle: "Rates rise\npublished: true\nexcerpt: Some text"\ntopics:\n  - A\n---\nbody\n';
    const listOpen = '---\ntitle: A\nrelated:\n  - title: B\n    tags: [AI, Cloud,\npublished: true]\n---\nbody\n';
    const flowOpen = '---\ntitle: A\ntopics: [AI, Cloud,\npublished: true]\n---\nbody\n';
    const tagsOpen = '---\ntitle: A\npublished: true\nrelated:\n  - title: B\n    tags: [AI,\ntopics: [X]]\n---\nbody\n';
    const dir = makeLibrary({ 'title.md': titleOpen, 'list.md': listOpen, 'flow.md': flowOpen, 'tags.md': tagsOpen });
    const library = await open(dir);
    const approve = await library.setPublished('title.md', true);
    expect(approve.ok ? null : approve.error).toEqual({
      kind: 'not-editable',
      message: 'published in title.md cannot be changed while a value runs on over its line (the warning on line 2); close that value by hand first. Nothing was changed.',
    });
    expect(readFileSync(join(dir, 'title.md'), 'utf8')).toBe(titleOpen);
    // Topics were not swallowed: they change as anywhere else.
    expect((await library.setTopics('title.md', ['A', 'B'])).ok).toBe(true);
    expect(readFileSync(join(dir, 'title.md'), 'utf8')).toBe(titleOpen.replace('  - A\n', '  - A\n  - B\n'));
    const nested = await library.setPublished('list.md', true);
    expect(nested.ok ? null : nested.error.message).toBe('published in list.md cannot be changed while a value runs on over its line (the warning on line 5); close that value by hand first. Nothing was changed.');
    expect(readFileSync(join(dir, 'list.md'), 'utf8')).toBe(listOpen);
    // A topics line swallowed by a list left open in a related article: no second topics key either.
    const topicsSwallowed = await library.setTopics('tags.md', ['AI']);
    expect(topicsSwallowed.ok ? null : topicsSwallowed.error.message).toBe('topics in tags.md cannot be changed while a value runs on over its line (the warning on line 6); close that value by hand first. Nothing was changed.');
    expect(readFileSync(join(dir, 'tags.md'), 'utf8')).toBe(tagsOpen);
    // The list that runs on is the field changed: the editor cannot follow it, and says why.
    const topics = await library.setTopics('flow.md', ['AI']);
    expect(topics.ok ? null : topics.error.message).toBe('topics in flow.md cannot be changed while a value runs on over a key\'s line (the warning on line 3); close that value by hand first. Nothing was changed.');
    expect(readFileSync(join(dir, 'flow.md'), 'utf8')).toBe(flowOpen);
    await library.close();
  });

  test('a file with other names on disk (hard links) is warned of; a save parts this name from them, the others keep their bytes', async () => {
    const outside = makeLibrary({ 'kept.md': article('Outside') });
    const dir = makeLibrary({ 'a.md': article('A'), 'plain.md': article('Plain') });
    linkSync(join(dir, 'a.md'), join(dir, 'same.md'));
    linkSync(join(dir, 'a.md'), join(outside, 'a-elsewhere.md'));
    const library = await open(dir);
    const linked = (id: string): string | undefined => library.summary(id)?.problems.find((p) => p.code === 'linked')?.message;
    expect(linked('a.md')).toBe('this file has 2 other names on disk (hard links): a change saved here gives this name a file of its own, and the other names keep the text they have now');
    expect(linked('same.md')).toBe(linked('a.md'));
    expect(linked('plain.md')).toBeUndefined();
    expect(library.summary('a.md')?.problems.map((p) => p.level)).toEqual(['warning']);
    const events: LibraryEvent[] = [];
    library.subscribe((e) => events.push(e));
    const changed = (): string[] => events.map((e) => (e.type === 'changed' ? e.summary.id : e.type));
    // Approved: a.md is a file of its own, the warning gone; its other names hold what they held.
    const saved = await library.setPublished('a.md', true);
    expect(saved.ok && saved.value.problems).toEqual([]);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('A').replace('published: false', 'published: true'));
    expect(readFileSync(join(dir, 'same.md'), 'utf8')).toBe(article('A'));
    expect(readFileSync(join(outside, 'a-elsewhere.md'), 'utf8')).toBe(article('A'));
    expect(statSync(join(dir, 'a.md')).nlink).toBe(1);
    // A moment later, same.md is read again on its own: it now shares its bytes with one other name only.
    await library.settled();
    expect(linked('same.md')).toBe('this file has another name on disk (a hard link): a change saved here gives this name a file of its own, and the other name keeps the text it has now');
    expect(changed()).toEqual(['a.md', 'same.md']);
    // Its approval through the same name parts it from the last: its warning goes; plain.md (other bytes) was not read.
    expect((await library.setPublished('same.md', true)).ok).toBe(true);
    await library.settled();
    expect(linked('same.md')).toBeUndefined();
    expect(readFileSync(join(outside, 'a-elsewhere.md'), 'utf8')).toBe(article('A'));
    expect(changed()).toEqual(['a.md', 'same.md', 'same.md']);
    // A link made since is told when the file is read again.
    linkSync(join(dir, 'plain.md'), join(outside, 'plain-elsewhere.md'));
    await library.refresh('plain.md');
    expect(linked('plain.md')).toMatch(/^this file has another name on disk/);
    expect(changed()).toEqual(['a.md', 'same.md', 'same.md', 'plain.md']);
    // Closed right after a save that parts a file from a name: the close does not wait on the look, nor hangs.
    expect((await library.setPublished('plain.md', true)).ok).toBe(true);
    await library.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(changed()).toEqual(['a.md', 'same.md', 'same.md', 'plain.md', 'plain.md']);
  });

  test('a file with an error is never rewritten', async () => {
    const broken = '---\ntitle: "A\npublished: false\n---\n';
    const dir = makeLibrary({ 'bad.md': broken });
    const library = await open(dir);
    const result = await library.setPublished('bad.md', true);
    expect(!result.ok && result.error.kind).toBe('has-errors');
    expect(!result.ok && result.error.message).toMatch(/line \d+/);
    expect(readFileSync(join(dir, 'bad.md'), 'utf8')).toBe(broken);
  });

  test('bad arguments are refused before any file is touched', async () => {
    const dir = makeLibrary({ 'a.md': article('A') });
    const library = await open(dir);
    expect((await library.setPublished('a.md', 'yes')).ok).toBe(false);
    expect((await library.setTopics('a.md', 'AI')).ok).toBe(false);
    expect((await library.setTopics('a.md', ['a', 'a'])).ok).toBe(false);
    expect((await library.setTopics('a.md', ['two\nlines'])).ok).toBe(false);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('A'));
  });

  test('many articles approved at once: each a one-line change; those already approved, and the unchangeable, left as they are', async () => {
    const broken = '---\ntitle: "A\npublished: false\n---\n';
    const approved = article('C').replace('published: false', 'published: true');
    const dir = makeLibrary({ 'a.md': article('A'), 'sub/b.md': article('B'), 'c.md': approved, 'bad.md': broken, 'seed.txt': seedText });
    const library = await open(dir);
    const before = statSync(join(dir, 'c.md')).mtimeMs;
    const result = await library.setPublishedMany(['a.md', 'c.md', 'bad.md', 'gone.md', '../x.md', 'sub/b.md', 'seed.txt', 'a.md'], true);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.saved.map((a) => [a.id, a.published])).toEqual([['a.md', true], ['sub/b.md', true], ['seed.txt', true]]);
    expect(result.value.failed).toEqual([
      { id: 'bad.md', kind: 'has-errors', message: expect.stringMatching(/line \d+/) },
      { id: 'gone.md', kind: 'not-found', message: expect.stringContaining('gone.md') },
      { id: '../x.md', kind: 'outside-library', message: expect.stringContaining('is not the id of an article') },
    ]);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('A').replace('published: false', 'published: true'));
    expect(readFileSync(join(dir, 'sub/b.md'), 'utf8')).toBe(article('B').replace('published: false', 'published: true'));
    expect(readFileSync(join(dir, 'seed.txt'), 'utf8')).toBe(seedText.replace('published: false', 'published: true'));
    expect(readFileSync(join(dir, 'bad.md'), 'utf8')).toBe(broken);
    expect(statSync(join(dir, 'c.md')).mtimeMs).toBe(before);
    // And back: the three it changed, as the desk's undo sends them.
    const undone = await library.setPublishedMany(['a.md', 'sub/b.md', 'seed.txt'], false);
    expect(undone.ok && undone.value.saved.length).toBe(3);
    expect(readFileSync(join(dir, 'seed.txt'), 'utf8')).toBe(seedText);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('A'));
  });

  test('many articles’ topics: each change made from what the file holds, one line each; a conflict or a bad change named, the rest made', async () => {
    const dir = makeLibrary({ 'a.md': article('A', 'topics: [Politics]\n'), 'b.md': article('B', 'topics:\n  - Politics\n  - Sport\n'), 'c.md': article('C', 'topics: [Politics]\n'), 'd.md': article('D', 'topics: [Tech]\n') });
    const library = await open(dir);
    // Another program changed c.md's topics since the desk showed them.
    writeFileSync(join(dir, 'c.md'), article('C', 'topics: [Politics, Europe]\n'));
    await library.refresh('c.md');
    const before = statSync(join(dir, 'd.md')).mtimeMs;
    const result = await library.setTopicsMany([
      { id: 'a.md', topics: ['Politics', 'Elections'], from: ['Politics'] },
      { id: 'b.md', topics: ['Sport'], from: ['Politics', 'Sport'] },
      { id: 'c.md', topics: ['Politics', 'Elections'], from: ['Politics'] },
      { id: 'd.md', topics: ['Tech'], from: ['Tech'] },
      { id: 'a.md', topics: ['x', 'x'], from: ['Politics', 'Elections'] },
      { id: 'b.md', topics: ['Sport', 'Elections'] },
      7,
    ]);
    expect(result.ok && result.value.saved.map((a) => [a.id, a.topics])).toEqual([['a.md', ['Politics', 'Elections']], ['b.md', ['Sport']]]);
    // The kind tells the desk's undo whether trying again may do (see `staleFailure`).
    expect(result.ok && result.value.failed.map((f) => [f.id, f.kind, f.message])).toEqual([
      ['c.md', 'conflict', expect.stringMatching(/^the topics of c\.md were changed by another program/)],
      ['a.md', 'bad-request', 'the topic "x" is listed twice'],
      ['b.md', 'bad-request', 'each topic change must give the topics it was made from'],
      ['undefined', 'bad-request', 'each topic change must give the topics it was made from'],
    ]);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('A', 'topics: [Politics, Elections]\n'));
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(article('B', 'topics:\n  - Sport\n'));
    expect(readFileSync(join(dir, 'c.md'), 'utf8')).toBe(article('C', 'topics: [Politics, Europe]\n'));
    expect(statSync(join(dir, 'd.md')).mtimeMs).toBe(before);
    expect((await library.setTopicsMany('a.md')).ok).toBe(false);
    expect((await library.setTopicsMany(Array.from({ length: 1001 }, () => ({ id: 'a.md', topics: [], from: [] })))).ok).toBe(false);
  });

  test('many articles: each folder is synced once, after the saves and before the answer', async () => {
    const dir = realpathSync(makeLibrary({ 'a.md': article('A'), 'c.md': article('C'), 'sub/b.md': article('B') }));
    const synced: string[][] = [];
    vi.resetModules();
    vi.doMock('../../main/core/save.js', async (original) => {
      const save = await original<typeof import('../../main/core/save.js')>();
      return { ...save, syncFolders: (folders: ReadonlySet<string>) => (synced.push([...folders]), save.syncFolders(folders)) };
    });
    try {
      const { Library: Fresh } = await import('../../main/core/library.js');
      const opened = await Fresh.open(dir);
      if (!opened.ok) throw new Error(opened.error.message);
      await opened.value.checked;
      const result = await opened.value.setPublishedMany(['a.md', 'sub/b.md', 'c.md'], true);
      expect(result.ok && result.value.saved).toHaveLength(3);
      expect(synced).toEqual([[dir, join(dir, 'sub')]]);
      await opened.value.close();
    } finally {
      vi.doUnmock('../../main/core/save.js');
      vi.resetModules();
    }
  });

  test('a file read again with the bytes the index holds (the watcher reporting a save) is not parsed again', async () => {
    const dir = makeLibrary({ 'a.md': article('A'), 'b.md': article('B') });
    let parses = 0;
    vi.resetModules();
    vi.doMock('../../main/core/read-article.js', async (original) => {
      const read = await original<typeof import('../../main/core/read-article.js')>();
      return { ...read, parseArticleFile: (...args: Parameters<typeof read.parseArticleFile>) => (parses++, read.parseArticleFile(...args)) };
    });
    try {
      const { Library: Fresh } = await import('../../main/core/library.js');
      const opened = await Fresh.open(dir);
      if (!opened.ok) throw new Error(opened.error.message);
      const library = opened.value;
      await library.checked;
      expect((await library.setPublished('a.md', true)).ok).toBe(true);
      parses = 0;
      await library.refresh('a.md');
      expect(parses).toBe(0);
      expect(library.summary('a.md')?.published).toBe(true);
      // Other bytes are parsed, as ever.
      writeFileSync(join(dir, 'b.md'), article('B, retitled'));
      await library.refresh('b.md');
      expect(parses).toBe(1);
      expect(library.summary('b.md')?.title).toBe('B, retitled');
      await library.close();
    } finally {
      vi.doUnmock('../../main/core/read-article.js');
      vi.resetModules();
    }
  });

  test('many articles: bad arguments and too many ids are refused before any file is touched', async () => {
    const dir = makeLibrary({ 'a.md': article('A') });
    const library = await open(dir);
    expect(await library.setPublishedMany(['a.md'], 'true')).toEqual({ ok: false, error: { kind: 'bad-request', message: 'published must be true or false' } });
    expect((await library.setPublishedMany('a.md', true)).ok).toBe(false);
    expect((await library.setPublishedMany(Array.from({ length: 1001 }, () => 'a.md'), true)).ok).toBe(false);
    expect(await library.setPublishedMany([7, null], true)).toMatchObject({ ok: true, value: { saved: [], failed: [{ id: '7' }, { id: 'null' }] } });
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('A'));
  });

  test('quick toggles of one article are applied in order', async () => {
    const dir = makeLibrary({ 'a.md': article('A') });
    const library = await open(dir);
    const results = await Promise.all([true, false, true, false, true].map((v) => library.setPublished('a.md', v)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('A').replace('published: false', 'published: true'));
  });

  test('reading an article gives every field and the raw source', async () => {
    const dir = makeLibrary({ 'seed.txt': seedText });
    const library = await open(dir);
    const read = await library.read('seed.txt');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.source).toBe(seedText);
    expect(read.value.article?.related).toHaveLength(3);
    expect(read.value.article?.images[0]).toMatchObject({ width: 1088, height: 725 });
    expect(Object.keys(read.value.article?.extra ?? {})).toEqual(['secured']);
    expect(read.value.source.slice(read.value.bodyStart ?? 0)).toBe('\n'); // only a blank line follows its front matter
  });

  test('the text after the front matter (a post’s body) starts on the line after the closing ---, whatever the file’s line ends', async () => {
    const files: Record<string, string> = {
      'post.md': '---\ntitle: Post\n---\nFirst line.\n\nSecond *para*.\n',
      'crlf.md': '---\r\ntitle: CRLF\r\n---  \r\nBody\r\n',
      'bom.md': '\uFEFF---\ntitle: BOM\n---\nBody',
      'bare.md': '---\ntitle: Bare\n---',
      'broken.md': '---\ntitle: [unclosed\n---\nBody\n',
    };
    const library = await open(makeLibrary(files));
    const bodies: Record<string, string | null> = {};
    for (const id of Object.keys(files)) {
      const read = await library.read(id);
      if (!read.ok) throw new Error(read.error.message);
      const { source, bodyStart } = read.value;
      bodies[id] = bodyStart === null ? null : source.slice(bodyStart);
    }
    expect(bodies).toEqual({ 'post.md': 'First line.\n\nSecond *para*.\n', 'crlf.md': 'Body\r\n', 'bom.md': 'Body', 'bare.md': '', 'broken.md': null });
  });

  test('an article another program made a plain note, or deleted, since it was listed: reading it says so, and it leaves the list', async () => {
    const dir = makeLibrary({ 'note.md': article('Note'), 'gone.md': article('Gone'), 'kept.md': article('Kept') });
    const library = await open(dir);
    const events: LibraryEvent[] = [];
    library.subscribe((e) => events.push(e));
    writeFileSync(join(dir, 'note.md'), 'Just a note now, no front matter.\n'); // no watch here to tell of either
    unlinkSync(join(dir, 'gone.md'));
    const note = await library.read('note.md');
    expect(!note.ok && [note.error.kind, note.error.message]).toEqual(['not-found', 'note.md no longer holds front matter']);
    const gone = await library.read('gone.md');
    expect(!gone.ok && gone.error.kind).toBe('not-found');
    expect(library.list().map((a) => a.id)).toEqual(['kept.md']);
    expect(events.map((e) => e.type === 'removed' ? [e.type, e.id] : e.type)).toEqual([['removed', 'note.md'], ['removed', 'gone.md']]);
    expect(readFileSync(join(dir, 'note.md'), 'utf8')).toBe('Just a note now, no front matter.\n'); // left as it is
    await library.close();
  });
});

describe('listing in pages', () => {
  test('pages by id cover every article once, even when files come and go between pages', async () => {
    const files = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`a${i}.md`, article(`A${i}`)]));
    const dir = makeLibrary(files);
    const library = await open(dir);
    const first = library.page(null, 3);
    expect(first).toMatchObject({ done: false });
    writeFileSync(join(dir, 'a0-new.md'), article('Arrived before the cursor'));
    await library.refresh('a0-new.md');
    const ids = [...first.articles.map((a) => a.id)];
    let page = first;
    while (!page.done) {
      page = library.page(ids.at(-1)!, 3);
      ids.push(...page.articles.map((a) => a.id));
    }
    expect(ids).toEqual(['a0.md', 'a1.md', 'a2.md', 'a3.md', 'a4.md', 'a5.md', 'a6.md']);
    expect(library.page('a6.md', 3)).toEqual({ articles: [], done: true });
  });
});

describe('opening fast, then checking every file', () => {
  test('the list is ready from the fast reader; the full check finds what it could not see', async () => {
    const latin1 = Uint8Array.from([...new TextEncoder().encode('---\ntitle: Caf'), 0xe9, ...new TextEncoder().encode('\npublished: true\n---\n')]);
    const dir = makeLibrary({ 'a.md': article('A'), 'latin1.md': latin1, 'dup.md': '---\ntitle: A\ntitle: B\n---\n' });
    const opened = await Library.open(dir);
    if (!opened.ok) throw new Error(opened.error.message);
    const library = opened.value;
    expect(library.summary('a.md')).toMatchObject({ title: 'A', checked: false });
    expect(library.summary('latin1.md')).toMatchObject({ published: true, checked: false, problems: [] });
    expect(library.summary('dup.md')?.problems[0]?.code).toBe('duplicate-key'); // the fast reader left it to the full parse
    const events: LibraryEvent[] = [];
    library.subscribe((e) => events.push(e));
    await library.checked;
    expect(library.summary('a.md')?.checked).toBeUndefined();
    expect(library.summary('latin1.md')?.problems[0]?.code).toBe('not-utf8');
    expect(events.filter((e) => e.type === 'changed').map((e) => (e.type === 'changed' ? e.summary.id : ''))).toEqual(['latin1.md']);
    // Every file is checked, dup.md too: the list pass took its full parse but vouched for nothing.
    expect(events.at(-1)).toEqual({ type: 'checking', done: 3, total: 3 });
  });

  test('an edit before the full check reaches the file still refuses a changed file', async () => {
    const dir = makeLibrary({ 'a.md': article('A') });
    const library = await openUnchecked(dir);
    writeFileSync(join(dir, 'a.md'), article('Changed elsewhere'));
    const result = await library.setPublished('a.md', true);
    expect(!result.ok && result.error.kind).toBe('conflict');
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('Changed elsewhere'));
    writeFileSync(join(dir, 'a.md'), article('Changed elsewhere').replace('\nbody', '\nnew body'));
    expect((await library.setPublished('a.md', true)).ok).toBe(false);
  });

  test('approvals before the full check reaches their files are written as after it: the one line, the list told', async () => {
    const files: Record<string, string> = {
      'plain.md': '---\ntitle: Plain\npublished: false\n---\nbody\n',
      'commented.md': '---\n# kept\ntitle: "Quoted"\npublished: true   # by the desk\ntopics: [A, B]\n---\n',
      'crlf.md': '\ufeff---\r\ntitle: Windows\r\npublished: false\r\nheat: 3\r\n---\r\n',
      'none.md': '---\ntitle: No line yet\nquality: 40\nheat: 7\n---\n',
      // A line at column 0 inside a quoted value: not the file's approval, left to the general editor.
      'inside.md': '---\ntitle: "runs\npublished: false"\npublished: false\n---\n',
    };
    const dir = makeLibrary(files);
    const library = await openUnchecked(dir);
    const lines = (text: string): string[] => text.split(/(?<=\n)/);
    for (const [id, before] of Object.entries(files)) {
      const was = library.summary(id)!.published;
      const result = await library.setPublished(id, !was);
      expect(result.ok && result.value.published, id).toBe(!was);
      expect(library.summary(id)?.published, id).toBe(!was);
      const after = readFileSync(join(dir, id), 'utf8');
      // Exactly one line changed (or, where there was none, one added after the key it follows).
      const a = lines(before);
      const b = lines(after);
      const changed = b.filter((line, i) => line !== a[i]);
      expect(b.length - a.length, id).toBe(id === 'none.md' ? 1 : 0);
      if (id !== 'none.md') {
        expect(changed, id).toHaveLength(1);
        expect(changed[0], id).toMatch(new RegExp(`^published: ${!was}\\b`));
      }
    }
    expect(readFileSync(join(dir, 'none.md'), 'utf8')).toBe('---\ntitle: No line yet\nquality: 40\nheat: 7\npublished: true\n---\n');
    expect(readFileSync(join(dir, 'crlf.md'), 'utf8')).toBe('\ufeff---\r\ntitle: Windows\r\npublished: true\r\nheat: 3\r\n---\r\n');
    expect(readFileSync(join(dir, 'inside.md'), 'utf8')).toBe('---\ntitle: "runs\npublished: false"\npublished: true\n---\n');
    // What the edits told the list is what a full read of the files finds.
    const fresh = await open(dir);
    cleanups.push(() => void fresh.close());
    for (const id of Object.keys(files)) expect(library.summary(id), id).toEqual(fresh.summary(id));
  });

  test('an edit before the full check reaches a file whose YAML does not read says it has an error, not that another program changed it', async () => {
    const dir = makeLibrary({ 'broken.md': '---\ntitle: "unclosed\n---\n' });
    const library = await openUnchecked(dir);
    // As the list pass lists it: its error, not yet explained as the check explains it.
    expect(library.summary('broken.md')?.problems).toEqual([{ level: 'error', code: 'yaml-syntax', message: 'YAML syntax: unexpected end of the stream within a double quoted scalar', line: 3, column: 1 }]);
    const result = await library.setPublished('broken.md', true);
    expect(!result.ok && result.error).toEqual({ kind: 'has-errors', message: expect.stringMatching(/^broken\.md cannot be edited until its error is fixed: line 2, column 8: YAML syntax: the quote/) });
    expect(readFileSync(join(dir, 'broken.md'), 'utf8')).toBe('---\ntitle: "unclosed\n---\n');
  });
});

test('a closed library refuses every edit and writes nothing', async () => {
  const dir = makeLibrary({ 'a.md': article('A'), 'b.md': article('B') });
  const library = await open(dir);
  await library.close();
  const one = await library.setPublished('a.md', true);
  expect(one.ok ? null : one.error).toEqual({ kind: 'closed', message: `${basename(library.root)} was closed; open it again to change its articles` });
  const topics = await library.setTopics('a.md', ['AI']);
  expect(topics.ok ? null : topics.error.kind).toBe('closed');
  const many = await library.setPublishedMany(['a.md', 'b.md'], true);
  expect(many.ok ? many.value.failed.map((f) => f.kind) : null).toEqual(['closed', 'closed']);
  expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('A'));
  expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(article('B'));
});

describe('a library folder that went', () => {
  test('moved away: reads and edits say so and write nothing, the list stays; back where it was, edits work again', async () => {
    const dir = makeLibrary({ 'a.md': article('A'), 'sub/b.md': article('B') });
    const library = await open(dir);
    const away = `${dir}-away`;
    cleanups.push(() => rmSync(away, { recursive: true, force: true }));
    expect(library.folderGone()).toBe(false);
    renameSync(dir, away);
    expect(library.folderGone()).toBe(true);
    const edit = await library.setPublished('a.md', true);
    expect(edit.ok ? null : edit.error.kind).toBe('gone');
    expect(edit.ok ? '' : edit.error.message).toMatch(/the library folder .* is no longer where it was opened/);
    const read = await library.read('sub/b.md');
    expect(read.ok ? null : read.error.kind).toBe('gone');
    // Nothing is taken off the list: the files are out of reach, not gone.
    await library.rescan();
    await library.refresh('a.md');
    expect(library.list().map((a) => a.id)).toEqual(['a.md', 'sub/b.md']);
    expect(readFileSync(join(away, 'a.md'), 'utf8')).toBe(article('A'));
    renameSync(away, dir);
    expect(library.folderGone()).toBe(false);
    expect((await library.setPublished('a.md', true)).ok).toBe(true);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('A').replace('published: false', 'published: true'));
    await library.close();
  });

  test('another folder put in its place is not the library: nothing in it is edited', async () => {
    const dir = makeLibrary({ 'a.md': article('A') });
    const library = await open(dir);
    const away = `${dir}-away`;
    cleanups.push(() => rmSync(away, { recursive: true, force: true }));
    renameSync(dir, away);
    mkdirSync(dir);
    writeFileSync(join(dir, 'b.md'), article('B'));
    writeFileSync(join(dir, 'a.md'), article('A')); // the same name and bytes as the library's own
    expect(library.folderGone()).toBe(true);
    for (const id of ['a.md', 'b.md']) {
      const edit = await library.setPublished(id, true);
      expect(edit.ok ? null : edit.error.kind).toBe('gone');
    }
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(article('A'));
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(article('B'));
    expect(readdirSync(dir).sort()).toEqual(['a.md', 'b.md']);
    await library.close();
  });
});

describe('watching the library', () => {
  test('a catch-up reads what changed since the open, and drops nothing while the folder is gone', async () => {
    const dir = makeLibrary({ 'a.md': article('A'), 'b.md': article('B') });
    const library = await open(dir);
    const events: string[] = [];
    library.subscribe((e) => events.push(e.type === 'removed' ? `removed ${e.id}` : e.type === 'added' || e.type === 'changed' ? `${e.type} ${e.summary.title}` : e.type));
    writeFileSync(join(dir, 'a.md'), article('A, elsewhere'));
    unlinkSync(join(dir, 'b.md'));
    writeFileSync(join(dir, 'c.md'), article('C'));
    await library.catchUp();
    expect(library.list().map((a) => [a.id, a.title])).toEqual([
      ['a.md', 'A, elsewhere'],
      ['c.md', 'C'],
    ]);
    expect(events.filter((e) => e !== 'checking').sort()).toEqual(['added C', 'changed A, elsewhere', 'removed b.md']);
    renameSync(dir, `${dir}-away`);
    cleanups.push(() => rmSync(`${dir}-away`, { recursive: true, force: true }));
    await library.catchUp();
    expect(library.list().map((a) => a.id)).toEqual(['a.md', 'c.md']);
    await library.close();
  });


  test('files added, changed and removed by other programs update the index', async () => {
    const dir = makeLibrary({ 'a.md': article('A') });
    const library = await open(dir);
    const events: LibraryEvent[] = [];
    library.subscribe((e) => events.push(e));
    const watch = watchLibrary(library);
    cleanups.push(() => void watch.close());
    await watch.ready;
    const until = async (check: () => boolean): Promise<void> => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
      expect(check()).toBe(true);
    };

    writeFileSync(join(dir, 'b.md'), article('B'));
    await until(() => library.summary('b.md')?.title === 'B');
    writeFileSync(join(dir, 'a.md'), article('A, revised'));
    await until(() => library.summary('a.md')?.title === 'A, revised');
    writeFileSync(join(dir, 'ignored.yaml'), 'title: x\n');
    (await import('node:fs')).unlinkSync(join(dir, 'b.md'));
    await until(() => library.summary('b.md') === undefined);
    expect(events.map((e) => e.type)).toEqual(['added', 'changed', 'removed']);

    // A folder moved in brings its articles; removing it takes them away.
    const outside = makeLibrary({ 'inner/c.md': article('C'), 'inner/d.md': article('D') });
    renameSync(join(outside, 'inner'), join(dir, 'moved'));
    await until(() => library.summary('moved/c.md')?.title === 'C' && library.summary('moved/d.md')?.title === 'D');
    rmSync(join(dir, 'moved'), { recursive: true });
    await until(() => library.summary('moved/c.md') === undefined && library.summary('moved/d.md') === undefined);
    events.splice(3);

    // Masthead's own saves come back from the watcher as the same bytes: no event.
    await library.setPublished('a.md', true);
    await new Promise((r) => setTimeout(r, 300));
    expect(events.map((e) => e.type)).toEqual(['added', 'changed', 'removed', 'changed']);

    // Its permissions changed elsewhere, the same bytes: the list marks it read-only, then not.
    chmodSync(join(dir, 'a.md'), 0o444);
    await until(() => library.summary('a.md')?.readOnly === true);
    chmodSync(join(dir, 'a.md'), 0o644);
    await until(() => library.summary('a.md')?.readOnly === undefined);
    expect(events.slice(4).map((e) => (e.type === 'changed' ? e.summary.readOnly ?? 'writable' : e.type))).toEqual([true, 'writable']);
  });

  test('a file another program moves or deletes at once after Masthead saved it leaves the list, though the watcher tells nothing of it', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `f${i}.md`);
    const dir = makeLibrary(Object.fromEntries(names.map((name) => [name, article(name)])));
    const library = await open(dir);
    const watch = watchLibrary(library);
    cleanups.push(() => void watch.close());
    await watch.ready;
    // The save's rename reads as the file created; moved or deleted in the same batch of the
    // watcher's events, the two cancel out and nothing is reported (see saved-recheck.ts).
    for (const [i, name] of names.entries()) {
      expect((await library.setPublished(name, true)).ok).toBe(true);
      await new Promise((r) => setTimeout(r, (i % 4) * 8));
      if (i % 2 === 0) renameSync(join(dir, name), join(dir, `moved-${name}`));
      else unlinkSync(join(dir, name));
    }
    for (let i = 0; i < 160 && library.list().some((a) => names.includes(a.id)); i++) await new Promise((r) => setTimeout(r, 25));
    expect(library.list().map((a) => a.id)).toEqual(names.filter((_, i) => i % 2 === 0).map((name) => `moved-${name}`).sort());
    await library.close();
  });
});
