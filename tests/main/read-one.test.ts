/** readBatch: every file's bytes first, then every parse, with the bytes in one reused buffer. */
import { linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { MAX_ARTICLE_BYTES, readBatch, readBytes, readWithStamp, type ReadResult } from '../../main/core/read-one.js';
import { tempDir } from '../helpers/corpora.js';

const lib = tempDir();
afterAll(() => lib.cleanup());

/** A valid article of about `size` bytes, padded with `related` items that name it. */
function article(n: number, size: number): string {
  const head = `---\ntitle: "Article ${n}"\npublished: ${n % 2 === 0}\nquality: ${n}\nrelated:\n`;
  const item = `  - title: "related to ${n}"\n    webUrl: "https://example.com/${n}"\n`;
  return `${head}${item.repeat(Math.max(1, Math.ceil((size - head.length) / item.length)))}---\nBody ${n}\n`;
}

const titleOf = (r: ReadResult): string | null => (r.kind === 'entry' ? r.summary.title : null);

test('a batch larger than the shared buffer reads every file as a batch of one does', () => {
  // 80 files of 140 KB are more than the 8 MB buffer: the last ones get buffers of their own.
  const files = Array.from({ length: 80 }, (_, n) => {
    const id = `a${String(n).padStart(3, '0')}.md`;
    writeFileSync(join(lib.dir, id), article(n, 140_000));
    return { id, path: join(lib.dir, id) };
  });
  for (const mode of ['quick', 'full'] as const) {
    const batch = readBatch(files, mode);
    expect(batch.map(titleOf)).toEqual(files.map((_, n) => `Article ${n}`));
    expect(batch).toEqual(files.map((f) => readBatch([f], mode)[0]));
    if (mode === 'full') for (const r of batch) expect(r.kind === 'entry' && r.hash).toMatch(/^[0-9a-f]{64}$/);
  }
});

test('a missing file is gone, a folder is unreadable, and neither disturbs its neighbours', () => {
  writeFileSync(join(lib.dir, 'one.md'), article(1, 500));
  mkdirSync(join(lib.dir, 'folder.md'));
  writeFileSync(join(lib.dir, 'notes.md'), 'no front matter here\n');
  writeFileSync(join(lib.dir, 'two.md'), article(2, 30_000));
  const names = ['one.md', 'missing.md', 'folder.md', 'notes.md', 'two.md'];
  for (const mode of ['quick', 'full'] as const) {
    const results = readBatch(names.map((id) => ({ id, path: join(lib.dir, id) })), mode);
    expect(results.map((r) => r.kind)).toEqual(['entry', 'gone', 'entry', 'gone', 'entry']);
    expect(results.map(titleOf)).toEqual(['Article 1', null, 'folder.md', null, 'Article 2']);
    const folder = results[2]!;
    expect(folder.kind === 'entry' && folder.summary.problems[0]?.code).toBe('unreadable');
  }
});

test('the list pass vouches for nothing it reads: no stamp and no hash, even where it took the full parse', () => {
  writeFileSync(join(lib.dir, 'plain.md'), article(3, 2_000));
  // A flow mapping is a shape the fast reader leaves to the full parse.
  writeFileSync(join(lib.dir, 'flow.md'), '---\ntitle: "Flow"\nprovider: {name: Wire, domain: wire.example.com}\n---\n');
  const files = ['plain.md', 'flow.md'].map((id) => ({ id, path: join(lib.dir, id) }));
  const listed = readBatch(files, 'quick');
  expect(listed.map(titleOf)).toEqual(['Article 3', 'Flow']);
  for (const r of listed) expect(r.kind === 'entry' && [r.hash, r.stamp, r.quickApprove]).toEqual([null, null, false]);
  // The check pass reads both again, with their stamps and hashes.
  for (const r of readBatch(files, 'full')) expect(r.kind === 'entry' && r.hash).toMatch(/^[0-9a-f]{64}$/);
});

test('the list pass lists YAML that does not read in js-yaml words, and the check names the mistake', () => {
  // A colon and a space in a plain title: js-yaml stops on the line below, in the grammar's terms.
  writeFileSync(join(lib.dir, 'colon.md'), '---\ntitle: Rates rise: what it means\npublished: false\n---\n');
  const file = { id: 'colon.md', path: join(lib.dir, 'colon.md') };
  const problem = (r: ReadResult) => (r.kind === 'entry' ? r.summary.problems : []);
  const listed = readBatch([file], 'quick')[0]!;
  expect(problem(listed)).toEqual([expect.objectContaining({ level: 'error', code: 'yaml-syntax', line: 2 })]);
  expect(problem(listed)[0]!.message).toMatch(/^YAML syntax: bad indentation of a mapping entry/);
  const checked = readBatch([file], 'full')[0]!;
  expect(problem(checked)[0]!.message).toBe(
    'YAML syntax: the value of title holds a colon and a space (": "), which YAML reads as the start of another key; put the whole value in double quotes',
  );
  expect(listed.kind === 'entry' && listed.hash).toBe(null); // read again by the check, as every file the list pass reads
});

test('a file larger than the room it is read into is read whole', () => {
  const big = article(5, 600_000);
  writeFileSync(join(lib.dir, 'big.md'), big);
  const room = { buffer: Buffer.alloc(1000) };
  expect(readBytes(join(lib.dir, 'big.md'), room).toString()).toBe(big);
  expect(readBytes(join(lib.dir, 'one.md'), { buffer: Buffer.alloc(0) }).toString()).toBe(article(1, 500));
});

test('a file read into room for fewer bytes than tell an article is still read whole, a BOM included', () => {
  const text = `\uFEFF${article(6, 2000)}`;
  writeFileSync(join(lib.dir, 'bom.md'), text);
  for (const size of [1, 2, 3, 5, 6, 7]) expect(readBytes(join(lib.dir, 'bom.md'), { buffer: Buffer.alloc(size) }).toString(), `room for ${size}`).toBe(text);
});

test('a file larger than an article may be is not read: listed with its error when it opens as one, else no article, its first bytes only read', () => {
  const size = MAX_ARTICLE_BYTES + 1024;
  writeFileSync(join(lib.dir, 'huge.md'), `---\ntitle: Huge\nexcerpt: "${'x'.repeat(size)}"\n---\n`);
  writeFileSync(join(lib.dir, 'transcript.txt'), 'y'.repeat(size));
  const files = ['huge.md', 'transcript.txt', 'one.md'].map((id) => ({ id, path: join(lib.dir, id) }));
  for (const mode of ['quick', 'full'] as const) {
    const [huge, transcript, one] = readBatch(files, mode);
    expect(huge?.kind === 'entry' && huge.summary.problems, mode).toEqual([
      { level: 'error', code: 'unreadable', message: 'the file cannot be read: it is 16.1 MB, more than the 16 MB an article may be; Masthead leaves it as it is' },
    ]);
    expect(transcript, mode).toEqual({ id: 'transcript.txt', kind: 'gone' });
    expect(titleOf(one!), mode).toBe('Article 1');
  }
  expect(readBytes(join(lib.dir, 'transcript.txt'), { buffer: Buffer.alloc(64 * 1024) }).length).toBe(64 * 1024);
  expect(readWithStamp(join(lib.dir, 'transcript.txt')).bytes.length).toBeLessThanOrEqual(6);
});

test('the check pass tells a file with other names on disk; the list pass, which takes no metadata, leaves that to it', () => {
  writeFileSync(join(lib.dir, 'linked.md'), article(4, 1_000));
  linkSync(join(lib.dir, 'linked.md'), join(lib.dir, 'linked-too.md'));
  const files = [{ id: 'linked.md', path: join(lib.dir, 'linked.md') }];
  expect(readWithStamp(files[0]!.path).links).toBe(2);
  const codes = (r: ReadResult | undefined): string[] => (r?.kind === 'entry' ? r.summary.problems.map((p) => p.code) : []);
  expect(codes(readBatch(files, 'full')[0])).toEqual(['linked']);
  expect(codes(readBatch(files, 'quick')[0])).toEqual([]);
});
