/** A batch of results crosses from a read thread to the main process intact. */
import { expect, test } from 'vitest';
import { packResults, unpackResults } from '../../main/core/read-batch.js';
import type { ReadResult } from '../../main/core/read-one.js';

test('every field of every result survives packing, in order, the summaries read on demand', () => {
  const results: ReadResult[] = [
    {
      id: 'a.md',
      kind: 'entry',
      summary: { id: 'a.md', title: 'Café', excerpt: '', providerName: undefined, providerDomain: 'x.org', publishedDateTime: undefined, category: undefined, type: 'story', quality: 0, heat: -1.5, published: true, topics: ['a', 'b'], problems: [], checked: false },
      hash: null,
      stamp: { size: 10, mtimeMs: 1.5, ctimeMs: 1e12 + 0.25 },
      quickApprove: false,
    },
    { id: 'b.md', kind: 'gone' },
    {
      id: 'c/d.md',
      kind: 'entry',
      summary: { id: 'c/d.md', title: 'd.md', excerpt: '', published: false, topics: [], problems: [{ level: 'error', code: 'yaml-syntax', message: 'bad', line: 2, column: 3 }] },
      hash: 'ab'.repeat(32),
      stamp: null,
      quickApprove: true,
    },
  ];
  const packed = structuredClone(packResults(results)); // as postMessage hands it over
  const unpacked = unpackResults([{ id: 'a.md', path: '/l/a.md' }, { id: 'b.md', path: '/l/b.md' }, { id: 'c/d.md', path: '/l/c/d.md' }], packed);
  const plain = unpacked.map((r) => (r.kind === 'gone' ? r : { id: r.id, kind: r.kind, summary: r.summary, hash: r.hash, stamp: r.stamp, quickApprove: r.quickApprove }));
  expect(plain).toStrictEqual(results);
  // Keys whose value is undefined are kept: the persistent index tells short summaries by them.
  expect('providerName' in (unpacked[0] as { summary: object }).summary).toBe(true);
});
