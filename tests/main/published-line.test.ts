/** The quick approve must write exactly what the general editor writes, or leave the file to it. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generateLibrary } from '../../bench/generate.js';
import { Library } from '../../main/core/library.js';
import { editFrontMatter } from '../../main/core/front-matter-edit.js';
import { quickApprovable, splicePublished, vouchedByParse } from '../../main/core/published-line.js';
import { parseArticleFile } from '../../main/core/read-article.js';
import { CORPORA, haveCorpora, markdownFiles, tempDir } from '../helpers/corpora.js';

/** Compares both values on one file; returns how many the quick path answered (0 to 2). */
function agree(id: string, bytes: Buffer): number {
  const parsed = parseArticleFile(id, bytes);
  let answered = 0;
  // Unreadable files never reach the quick path: the full check vouches only for files it read.
  if (parsed.kind !== 'article' || parsed.readable === null || !quickApprovable(bytes, parsed.readable.data, parsed.readable.rootBooleans)) return 0;
  for (const value of [true, false]) {
    const quick = splicePublished(bytes, value);
    if (quick === null) continue;
    answered++;
    expect(quick.was, id).toBe(parsed.readable.data.published ?? false);
    const general = editFrontMatter(parsed.readable, { kind: 'set-published', value });
    expect(general.ok, id).toBe(true);
    const expected = general.ok ? Buffer.from(general.value, 'utf8') : null;
    const written = quick.chunks === null ? bytes : Buffer.concat(quick.chunks);
    expect(written.equals(expected!), `${id} set to ${value}`).toBe(true);
  }
  return answered;
}

/** Whether the full check would vouch for the quick approve on this text. */
function vouched(text: string): boolean {
  const bytes = Buffer.from(text, 'utf8');
  const parsed = parseArticleFile('a.md', bytes);
  return parsed.kind === 'article' && parsed.readable !== null && quickApprovable(bytes, parsed.readable.data, parsed.readable.rootBooleans);
}

/**
 * Whether the proof from the full parse's record vouches for a file; it must never vouch where the
 * skeleton proof does not (both are proofs of the same thing, the record's the shorter).
 */
function vouchedByRecord(id: string, bytes: Buffer): boolean {
  const parsed = parseArticleFile(id, bytes);
  if (parsed.kind !== 'article' || parsed.readable === null) return false;
  const byRecord = vouchedByParse(bytes, parsed.readable.data, parsed.readable.rootBooleans);
  if (byRecord) expect(quickApprovable(bytes, parsed.readable.data), `${id}: the skeleton proof refuses what the record vouches for`).toBe(true);
  return byRecord;
}

const generated = tempDir();
afterAll(() => generated.cleanup());

describe('the quick approve agrees with the general editor', () => {
  test('on 3,000 generated articles, answering for nearly all of them', () => {
    generateLibrary(3000, generated.dir, 11);
    const names = readdirSync(generated.dir);
    let answered = 0;
    for (const name of names) answered += agree(name, readFileSync(join(generated.dir, name)));
    console.info(`quick approve answered ${answered} of ${names.length * 2} generated cases`);
    expect(answered / (names.length * 2)).toBeGreaterThan(0.95);
  });

  test('the full parse\'s own record vouches for nearly every generated article, and only where the skeleton proof does', () => {
    const names = readdirSync(generated.dir);
    let byRecord = 0;
    for (const name of names) if (vouchedByRecord(name, readFileSync(join(generated.dir, name)))) byRecord++;
    console.info(`the parse's record vouched for ${byRecord} of ${names.length} generated files`);
    expect(byRecord / names.length).toBeGreaterThan(0.9);
  });

  test.skipIf(!haveCorpora)('on every corpus file', () => {
    let answered = 0;
    const ids = markdownFiles(CORPORA);
    for (const id of ids) vouchedByRecord(id, readFileSync(join(CORPORA, id)));
    for (const id of ids) answered += agree(id, readFileSync(join(CORPORA, id)));
    console.info(`quick approve answered ${answered} of ${ids.length * 2} corpus cases`);
    expect(answered).toBeGreaterThan(0);
  });

  test.each([
    { name: 'the seed', text: readFileSync(new URL('../../seeds/000_8a8d1d44de5d8be9.txt', import.meta.url), 'utf8') },
    { name: 'CRLF, BOM and a comment', text: '\uFEFF---\r\ntitle: A\r\npublished: False # held\r\nrelated:\r\n  - a: 1\r\n    b: 2\r\n---\r\nbody\r\n' },
    { name: 'a nested block with a published key', text: '---\nrelated:\n  - title: B\n    published: true\npublished: false\n---\n' },
    { name: 'no published line', text: '---\ntitle: A\nheat: 3\n\n# the provider\nprovider:\n  name: P\n---\n' },
    { name: 'a published line in the body only', text: '---\ntitle: A\n---\npublished: false\n' },
    { name: 'no published line, a key that only starts like the one it goes after', text: '---\ntitle:: A\ntitle: B\nnext: x\n---\n' },
    { name: 'no published line, the key it goes after last', text: '\uFEFF---\r\nexcerpt: E\r\ntitle: A\r\n# done\r\n\r\n---\r\n' },
  ])('$name', ({ name, text }) => {
    expect(agree(name, Buffer.from(text, 'utf8'))).toBe(2);
  });
});

describe('the quick approve leaves odd files to the general editor', () => {
  test.each([
    { name: 'no published line and no key it goes after', text: '---\nfoo: A\n---\n' },
    { name: 'no published line, and a nested block under the key it goes after', text: '---\ntitle:\n  A\nfoo: B\n---\n' },
    { name: 'no published line, the key it goes after quoted', text: '---\ntitle: A\n"heat": 1\nnext: x\n---\n' },
    { name: 'no published line, the key it goes after spaced from its colon', text: '---\ntitle: A\nheat : 1\nnext: x\n---\n' },
    { name: 'no published line, an indented comment under the key it goes after', text: '---\ntitle: A\n  # a note\nnext: x\n---\n' },
    { name: 'no published line, the key it goes after holding a block scalar', text: '---\nexcerpt: >\n\nnext: x\n---\n' },
    { name: 'a quoted value', text: '---\npublished: "true"\n---\n' },
    { name: 'an anchor on the value', text: '---\npublished: &p false\nalso: *p\n---\n' },
    { name: 'a value continued below', text: '---\npublished: false\n  true\n---\n' },
    { name: 'only a nested published key', text: '---\nrelated:\n  published: false\n---\n' },
    { name: 'a duplicate key', text: '---\npublished: false\npublished: true\n---\n' },
    { name: 'the line inside a quoted title', text: '---\ntitle: "abc\npublished: false\n  xyz"\npublished: true\n---\n' },
    { name: 'the line inside a block scalar', text: '---\nexcerpt: |\n  published: false\n---\n' },
    { name: 'an unterminated front matter', text: '---\npublished: false\n' },
    { name: 'the first published line inside a quoted value, the real one later', text: '---\ntitle: A\nrelated:\n  - "x\npublished: false\ny: z"\npublished: false\n---\n' },
    { name: 'a merge key before the line', text: '---\nbase: &b {heat: 1}\n<<: *b\npublished: false\n---\n' },
  ])('$name', ({ text }) => {
    expect(vouched(text)).toBe(false);
  });

  test('the full check does not vouch for a skeleton that reads differently from the file', () => {
    // js-yaml lets a quoted value in a nested block run on at column 0: the skeleton then sees a
    // top-level published line that the file does not have.
    const text = '---\ntitle: A\nrelated:\n  - a\n  - "x\npublished: false\ny: z"\n---\n';
    const bytes = Buffer.from(text, 'utf8');
    const parsed = parseArticleFile('a.md', bytes);
    if (parsed.kind !== 'article' || parsed.readable === null) throw new Error('the example must read');
    expect(parsed.readable.data).toEqual({ title: 'A', related: ['a', 'x published: false y: z'] });
    expect(splicePublished(bytes, true)).not.toBeNull();
    expect(quickApprovable(bytes, parsed.readable.data)).toBe(false);
  });

  test('a merge key is left to the general editor', () => {
    expect(vouched('---\nbase: &b {published: true}\n<<: *b\npublished: false\n---\n')).toBe(false);
  });

  test('says whether the opposite approval gives the very bytes back: only for a value spelled true or false', () => {
    const invertible = (text: string, value: boolean): boolean | undefined => splicePublished(Buffer.from(text), value)?.invertible;
    expect(invertible('---\npublished: false\n---\n', true)).toBe(true);
    expect(invertible('---\npublished: true # ok\r\n---\n', false)).toBe(true);
    expect(invertible('---\npublished: False\n---\n', true)).toBe(false); // withdrawn again, it reads `false`
    expect(invertible('---\ntitle: A\nheat: 1\n---\n', true)).toBe(false); // the line is added; withdrawn, it stays
  });

  test('a file that already says it is left unwritten', () => {
    expect(splicePublished(Buffer.from('---\npublished: TRUE\n---\n'), true)).toEqual({ was: true, chunks: null, invertible: false });
  });
});

describe('approving in a library', () => {
  const lib = tempDir();
  afterAll(() => lib.cleanup());

  test('after the full check, writes what the general editor writes, and turning back restores every byte', async () => {
    generateLibrary(150, lib.dir, 5);
    const opened = await Library.open(lib.dir);
    if (!opened.ok) throw new Error(opened.error.message);
    const library = opened.value;
    await library.checked;
    let toggled = 0;
    for (const summary of library.list()) {
      const path = join(lib.dir, summary.id);
      const before = readFileSync(path);
      const parsed = parseArticleFile(summary.id, before);
      if (parsed.kind !== 'article' || parsed.readable === null) continue;
      const general = editFrontMatter(parsed.readable, { kind: 'set-published', value: !summary.published });
      const result = await library.setPublished(summary.id, !summary.published);
      expect(result.ok && result.value.published, summary.id).toBe(!summary.published);
      expect(readFileSync(path).toString('utf8'), summary.id).toBe(general.ok ? general.value : null);
      await library.setPublished(summary.id, summary.published);
      // A file that had no published line keeps the one the first change added.
      if (parsed.readable.data.published !== undefined) expect(readFileSync(path).equals(before), summary.id).toBe(true);
      toggled++;
    }
    expect(toggled).toBeGreaterThan(140);
    await library.close();
  });

  test('a file changed by another program after the check is not approved over', async () => {
    const opened = await Library.open(lib.dir);
    if (!opened.ok) throw new Error(opened.error.message);
    const library = opened.value;
    await library.checked;
    const target = library.list().find((a) => !a.published && a.problems.length === 0)!;
    const path = join(lib.dir, target.id);
    const theirs = readFileSync(path, 'utf8').replace(/^title: .*$/m, 'title: Their title');
    writeFileSync(path, theirs);
    const result = await library.setPublished(target.id, true);
    expect(!result.ok && result.error.kind).toBe('conflict');
    expect(readFileSync(path, 'utf8')).toBe(theirs);
    await library.close();
  });
});
