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
      id: 'e.md',
      kind: 'entry',
      summary: {
        id: 'e.md',
        title: 'E \u{1F600} \uD800',
        excerpt: 'x',
        providerName: 'P',
        providerDomain: undefined,
        publishedDateTime: '2022-07-05T23:38:00Z',
        category: 'news',
        type: undefined,
        quality: undefined,
        heat: 3,
        published: false,
        topics: [],
        problems: [{ level: 'warning', code: 'bad-url', field: 'webUrl', message: 'webUrl is "x"', line: 4 }, { level: 'warning', code: 'wrong-type', field: 'heat', message: 'heat' }],
      },
      hash: 'cd'.repeat(32),
      stamp: { size: 1, mtimeMs: 2, ctimeMs: 3 },
      quickApprove: true,
    },
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
  const unpacked = unpackResults(results.map((r) => ({ id: r.id, path: `/l/${r.id}` })), packed);
  const plain = unpacked.map((r) => (r.kind === 'gone' ? r : { id: r.id, kind: r.kind, summary: r.summary, hash: r.hash, stamp: r.stamp, quickApprove: r.quickApprove }));
  expect(plain).toStrictEqual(results);
  // Keys whose value is undefined are kept: the persistent index tells short summaries by them.
  expect('providerName' in (unpacked[0] as { summary: object }).summary).toBe(true);
  expect('providerName' in (unpacked[3] as { summary: object }).summary).toBe(false);
  expect('checked' in (unpacked[2] as { summary: object }).summary).toBe(false);
});
