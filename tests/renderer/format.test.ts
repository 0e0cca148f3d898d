import { describe, expect, test } from 'vitest';
import { clip, filterWords, SHOWN_CHARS } from '../../renderer/format.js';
import { initialState, type Filters } from '../../renderer/state/desk-state.js';

const day = (year: number, month: number, date: number): string => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(year, month - 1, date));

describe('filterWords', () => {
  test.each<{ name: string; filters: Partial<Filters>; words: string }>([
    { name: 'nothing narrows the list', filters: {}, words: '' },
    { name: 'status, topic, provider and search, in that order', filters: { status: 'unpublished', topic: 'AI', provider: 'Le Monde', search: ' cafe ' }, words: 'not approved · topic AI · provider Le Monde · “cafe”' },
    { name: 'a range of days', filters: { status: 'published', from: '2024-12-01', to: '2024-12-15' }, words: `approved · ${day(2024, 12, 1)} to ${day(2024, 12, 15)}` },
    { name: 'a first day only', filters: { from: '2024-02-29' }, words: `from ${day(2024, 2, 29)}` },
    { name: 'a last day only', filters: { status: 'problems', to: '2024-01-31' }, words: `with problems · up to ${day(2024, 1, 31)}` },
  ])('$name', ({ filters, words }) => {
    expect(filterWords({ ...initialState.filters, ...filters })).toBe(words);
  });
});

describe('clip', () => {
  test('a text up to its length stays whole; a longer one is cut there with "…", never between the halves of a character', () => {
    expect(clip('short', 5)).toBe('short');
    expect(clip('longer', 5)).toBe('longe…');
    expect(clip('abcd😀xyz', 5)).toBe('abcd…'); // the emoji's first half is at the cut
    expect(clip('abc😀xyz', 5)).toBe('abc😀…');
    expect(clip('x'.repeat(SHOWN_CHARS + 1))).toHaveLength(SHOWN_CHARS + 1);
    expect(clip('')).toBe('');
  });
});
