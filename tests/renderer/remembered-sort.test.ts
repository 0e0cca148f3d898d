/** The list's sort as it is kept between starts: only a column and direction the list has are taken back. */
import { describe, expect, test } from 'vitest';
import { initialState } from '../../renderer/state/desk-state.js';
import { readSort, sortText } from '../../renderer/state/remembered-sort.js';

describe('readSort', () => {
  const rows: { name: string; stored: string | null; expected: ReturnType<typeof readSort> }[] = [
    { name: 'nothing kept yet', stored: null, expected: initialState.sort },
    { name: 'a column, ascending', stored: 'title asc', expected: { key: 'title', direction: 'asc' } },
    { name: 'a column, descending', stored: 'heat desc', expected: { key: 'heat', direction: 'desc' } },
    { name: 'spaces around it', stored: '  provider   asc ', expected: { key: 'provider', direction: 'asc' } },
    { name: 'a column the list no longer has', stored: 'topics asc', expected: initialState.sort },
    { name: 'no direction', stored: 'quality', expected: initialState.sort },
    { name: 'a direction that is none', stored: 'quality up', expected: initialState.sort },
    { name: 'more than a sort', stored: 'date asc title', expected: initialState.sort },
    { name: 'an inherited name', stored: 'constructor asc', expected: initialState.sort },
    { name: 'empty', stored: '', expected: initialState.sort },
  ];
  test.each(rows)('$name', ({ stored, expected }) => expect(readSort(stored)).toEqual(expected));

  test('what is kept reads back as the same sort', () => {
    for (const sort of [{ key: 'published', direction: 'asc' }, initialState.sort] as const) expect(readSort(sortText(sort))).toEqual(sort);
  });
});
