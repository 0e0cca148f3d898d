/** The desk's store while the list arrives in pages and events arrive between them. */
import { describe, expect, test } from 'vitest';
import type { ArticleSummary } from '../../shared/article.js';
import { initialState, reduce, type DeskState } from '../../renderer/state/store.js';

const article = (i: number, title = `Story ${i}`): ArticleSummary => ({
  id: `a${String(i).padStart(3, '0')}.md`,
  title,
  excerpt: '',
  published: false,
  topics: [],
  problems: [],
});
const page = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => article(from + k));
const titles = (state: DeskState) => state.articles.map((a) => `${a.id} ${a.title}`);

describe('the list arriving in pages', () => {
  const loaded = reduce(initialState, { type: 'loaded', name: 'lib', articles: page(0, 3), total: 9, done: false });

  test('pages are appended in order; the last one ends receiving', () => {
    const second = reduce(loaded, { type: 'appended', articles: page(3, 6), total: 9, done: false });
    expect(second.receiving).toEqual({ total: 9, byEvent: [] });
    const last = reduce(second, { type: 'appended', articles: page(6, 9), total: 9, done: true });
    expect(last.articles.map((a) => a.id)).toEqual(page(0, 9).map((a) => a.id));
    expect(last.receiving).toBeNull();
  });

  test('an article an event brought before its page is listed once, in the version the event brought', () => {
    let state = reduce(loaded, { type: 'library-event', event: { type: 'added', summary: article(7, 'Added by an event') } });
    state = reduce(state, { type: 'library-event', event: { type: 'changed', summary: article(4, 'Changed by an event') } });
    state = reduce(state, { type: 'library-event', event: { type: 'changed', summary: article(1, 'Changed in place') } });
    expect(state.receiving?.byEvent).toEqual(['a007.md', 'a004.md']);
    state = reduce(state, { type: 'appended', articles: page(3, 6), total: 9, done: false });
    state = reduce(state, { type: 'appended', articles: page(6, 9), total: 9, done: true });
    expect(titles(state)).toEqual([
      'a000.md Story 0',
      'a001.md Changed in place',
      'a002.md Story 2',
      'a007.md Added by an event',
      'a004.md Changed by an event',
      'a003.md Story 3',
      'a005.md Story 5',
      'a006.md Story 6',
      'a008.md Story 8',
    ]);
  });

  test('once every page is in, an added article is simply added', () => {
    const done = reduce(loaded, { type: 'appended', articles: page(3, 9), total: 9, done: true });
    const state = reduce(done, { type: 'library-event', event: { type: 'added', summary: article(20) } });
    expect(state.articles.at(-1)?.id).toBe('a020.md');
    expect(state.receiving).toBeNull();
  });
});

describe('the same summary again', () => {
  const loaded = reduce(initialState, { type: 'loaded', name: 'lib', articles: page(0, 5), total: 5, done: true });
  const selected = reduce(loaded, { type: 'selected', id: 'a002.md' });
  const approved = { ...article(2), published: true, topics: ['AI'], problems: [{ level: 'warning' as const, code: 'bad-date' as const, message: 'bad date', line: 4 }] };

  test("a save's answer, then the library's event for the file it wrote: one new list, not two", () => {
    const saved = reduce(selected, { type: 'save-finished', save: { id: 'a002.md', state: 'saved' }, summary: approved });
    expect(saved.articles).not.toBe(selected.articles);
    expect(saved.articles[2]).toBe(approved);
    const echoed = reduce(saved, { type: 'library-event', event: { type: 'changed', summary: structuredClone(approved) } });
    expect(echoed.articles).toBe(saved.articles);
    expect(echoed.articles[2]).toBe(approved);
  });

  test('the selected file changed elsewhere with its summary as it was: the list stays, the review pane reads it again', () => {
    const echoed = reduce(selected, { type: 'library-event', event: { type: 'changed', summary: article(2) } });
    expect(echoed.articles).toBe(selected.articles);
    expect(echoed.selectedRevision).toBe(selected.selectedRevision + 1);
    // Another article's: nothing to show again; a save's own answer: the pane already reads it.
    expect(reduce(selected, { type: 'library-event', event: { type: 'changed', summary: article(3) } })).toBe(selected);
    expect(reduce(selected, { type: 'save-finished', save: { id: 'a002.md', state: 'saved' }, summary: article(2) }).selectedRevision).toBe(selected.selectedRevision);
  });

  test('any difference, however deep, is a new summary', () => {
    for (const change of [{ topics: ['AI', 'Food'] }, { problems: [{ ...approved.problems[0]!, line: 5 }] }, { quality: 3 }, { checked: false as const }]) {
      const changed = reduce(selected, { type: 'library-event', event: { type: 'changed', summary: { ...approved, ...change } } });
      const again = reduce(changed, { type: 'library-event', event: { type: 'changed', summary: approved } });
      expect(again.articles).not.toBe(changed.articles);
      expect(again.articles[2]).toBe(approved);
    }
  });
});
