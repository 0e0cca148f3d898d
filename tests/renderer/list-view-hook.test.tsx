// @vitest-environment jsdom
/** `useListView` across renders: the list's last page, and the fresh index built once the list is in. */
import { renderHook } from '@testing-library/react';
import { expect, test } from 'vitest';
import { maxAddedTexts } from '../../shared/list-index.js';
import { indexToBuild } from '../../renderer/state/list-view.js';
import { useListView } from '../../renderer/state/use-list-view.js';
import { summary } from '../helpers/fake-bridge.js';

const byDate = { key: 'date', direction: 'desc' } as const;

test('the last page is taken in as the pages before it were; a fresh index is then built beside the one answering, and carried in', () => {
  const many = Array.from({ length: 1000 + maxAddedTexts(0) + 1000 }, (_, i) => summary(`h${String(i).padStart(6, '0')}.md`, { title: `Story ${i}`, publishedDateTime: `2024-03-${String((i % 28) + 1).padStart(2, '0')}` }));
  const { result, rerender } = renderHook(({ list, arriving }) => useListView(list, byDate, null, arriving), { initialProps: { list: many.slice(0, 1000), arriving: true } });
  // Built for a search typed while the list arrives.
  while (!indexToBuild(result.current).buildSome(500));
  for (let end = 1500; end < many.length - 500; end += end >> 1) {
    rerender({ list: many.slice(0, end), arriving: true });
    expect(result.current.index.complete).toBe(true);
  }
  // The last page comes with the list's end: taken in too, not dropped for a build the search would wait for.
  rerender({ list: many, arriving: false });
  const answering = result.current.index;
  expect(answering.complete).toBe(true);
  expect(answering.unsealed).toBeGreaterThan(maxAddedTexts(many.length));
  expect(answering.filter({ search: `story ${many.length - 1}` })).toHaveLength(1);
  // Built afresh beside it, then carried in at the next render.
  expect(indexToBuild(result.current)).not.toBe(answering);
  while (!indexToBuild(result.current).buildSome(1000));
  rerender({ list: many, arriving: false });
  expect(result.current.base).toBeNull();
  expect(result.current.index.unsealed).toBe(0);
  expect(result.current.index.filter({ search: `story ${many.length - 1}` }).map((a) => a.id)).toEqual([many.at(-1)!.id]);
});
