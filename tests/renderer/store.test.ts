/** The desk's store while the list arrives in pages and events arrive between them. */
import { describe, expect, test, vi } from 'vitest';
import type { ArticleSummary } from '../../shared/article.js';
import { changeFrom, orderedPrefix, placeOf } from '../../renderer/state/list-change.js';
import { initialState, type DeskState, type FileEvent } from '../../renderer/state/desk-state.js';
import { reduce } from '../../renderer/state/store.js';
import { createDeskStore, FILE_EVENTS_MS } from '../../renderer/state/desk-store.js';
import { BULK_REQUEST_CHARS, nextChunk } from '../../renderer/state/many-edits.js';
import { BULK_CHUNK } from '../../shared/contract.js';
import { seededRandom } from '../helpers/seeded.js';

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
  const loaded = reduce(initialState, { type: 'loaded', name: 'lib', library: 'lib-key', articles: page(0, 3), total: 9, done: false });

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

  test('an article removed before its page came is not listed when the page comes', () => {
    let state = reduce(loaded, { type: 'library-event', event: { type: 'removed', id: 'a005.md' } });
    state = reduce(state, { type: 'file-events', events: [{ type: 'removed', id: 'a007.md' }, { type: 'removed', id: 'a001.md' }] });
    // One already listed goes at once; the two still to come are kept out of their pages.
    expect(state.articles.map((a) => a.id)).toEqual(['a000.md', 'a002.md']);
    // So is one in a burst that changes nothing listed (here a listed file's event with nothing new).
    const before = state.articles;
    state = reduce(state, { type: 'file-events', events: [{ type: 'removed', id: 'a008.md' }, { type: 'changed', summary: article(0) }] });
    expect(state.articles).toBe(before);
    state = reduce(state, { type: 'appended', articles: page(3, 9), total: 9, done: true });
    expect(state.articles.map((a) => a.id)).toEqual(['a000.md', 'a002.md', 'a003.md', 'a004.md', 'a006.md']);
  });

  test('once every page is in, an added article is simply added', () => {
    const done = reduce(loaded, { type: 'appended', articles: page(3, 9), total: 9, done: true });
    const state = reduce(done, { type: 'library-event', event: { type: 'added', summary: article(20) } });
    expect(state.articles.at(-1)?.id).toBe('a020.md');
    expect(state.receiving).toBeNull();
  });
});

describe('a library opened', () => {
  const loaded = reduce(initialState, { type: 'loaded', name: 'lib', library: 'lib-key', articles: page(0, 5), total: 5, done: true });
  let worked = reduce(loaded, { type: 'selected', id: 'a002.md' });
  worked = reduce(worked, { type: 'filters-changed', filters: { status: 'unpublished', topic: 'AI', search: 'story' } });
  worked = reduce(worked, { type: 'sort-changed', key: 'title' });
  worked = reduce(worked, { type: 'edit-recorded', command: { kind: 'published', id: 'a002.md', before: false, after: true }, via: 'do' });
  worked = reduce(worked, { type: 'images-shown' });
  worked = reduce(worked, { type: 'dialog-opened', dialog: 'export' });
  worked = reduce(worked, { type: 'notice', level: 'info', text: 'Saved' });

  test('the same folder again (Reload Library) keeps the editor’s work on it', () => {
    const again = reduce(worked, { type: 'library-event', event: { type: 'reloaded', name: 'lib', library: 'lib-key' } });
    expect(again).toEqual(worked);
  });

  test('another folder starts afresh: only the sort and the notices stay', () => {
    const other = reduce(worked, { type: 'library-event', event: { type: 'reloaded', name: 'other', library: 'other-key' } });
    expect(other).toEqual({ ...initialState, libraryName: 'other', library: 'other-key', sort: worked.sort, notices: worked.notices });
    expect(other.sort).toEqual({ key: 'title', direction: 'asc' });
  });

  test('its folder gone, then back: the desk says so meanwhile, and keeps the editor’s work', () => {
    const gone = reduce(worked, { type: 'library-event', event: { type: 'gone', name: 'lib' } });
    expect(gone).toEqual({ ...worked, gone: 'lib' });
    expect(reduce(gone, { type: 'library-event', event: { type: 'reloaded', name: 'lib', library: 'lib-key' } })).toEqual(worked);
  });

  test('the first library, opened while the desk waits for its list, is simply named', () => {
    const first = reduce(initialState, { type: 'library-event', event: { type: 'reloaded', name: 'lib', library: 'lib-key' } });
    expect(first).toEqual({ ...initialState, libraryName: 'lib', library: 'lib-key' });
  });
});

describe('undo and redo lists', () => {
  const a = { kind: 'published', id: 'a.md', before: false, after: true } as const;
  const b = { kind: 'topics', id: 'b.md', before: [], after: ['AI'] } as const;

  test('an undo or redo that can no longer apply is taken off its own list only', () => {
    let state = reduce(initialState, { type: 'edit-recorded', command: a, via: 'do' });
    state = reduce(state, { type: 'edit-recorded', command: b, via: 'do' });
    state = reduce(state, { type: 'edit-recorded', command: b, via: 'undo' });
    expect([state.undo, state.redo]).toEqual([[a], [b]]);
    expect(reduce(state, { type: 'edit-dropped', via: 'undo' })).toMatchObject({ undo: [], redo: [b] });
    expect(reduce(state, { type: 'edit-dropped', via: 'redo' })).toMatchObject({ undo: [a], redo: [] });
  });
});

describe('the same summary again', () => {
  const loaded = reduce(initialState, { type: 'loaded', name: 'lib', library: 'lib-key', articles: page(0, 5), total: 5, done: true });
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

describe('an article found by its id', () => {
  test('in the list in id order, as its pages come, or among articles added after them, from any last place; -1 when absent', () => {
    // The last two were added after the pages: the last out of id order.
    const list = [...page(0, 500), article(900), { ...article(1000), id: 'a0005.md' }];
    for (const id of ['a000.md', 'a250.md', 'a499.md', 'a900.md', 'a0005.md', 'a250.md', 'a0005.md', 'a000.md']) {
      const at = placeOf(list, id);
      expect(list[at]!.id).toBe(id);
    }
    expect(placeOf(list, 'a500.md')).toBe(-1);
    expect(placeOf(list, null)).toBe(-1);
    expect(placeOf([], 'a000.md')).toBe(-1);
  });

  test("one article's change says how the list was made from which list: replaced in its place, added at the end, taken out", () => {
    const loaded = reduce(initialState, { type: 'loaded', name: 'lib', library: 'lib-key', articles: page(0, 300), total: 300, done: true });
    const saved = reduce(loaded, { type: 'save-finished', save: { id: 'a123.md', state: 'saved' }, summary: { ...article(123), published: true } });
    expect(saved.articles[123]!.published).toBe(true);
    expect(changeFrom(saved.articles, loaded.articles)).toEqual({ kind: 'replaced', at: [123] });
    // Only from the list it was made from, and only the last such list.
    expect(changeFrom(saved.articles, saved.articles)).toBeUndefined();
    const retitled = reduce(saved, { type: 'library-event', event: { type: 'changed', summary: { ...article(7), title: 'Retitled' } } });
    expect(changeFrom(retitled.articles, saved.articles)).toEqual({ kind: 'replaced', at: [7] });
    expect(changeFrom(saved.articles, loaded.articles)).toBeUndefined();
    const added = reduce(retitled, { type: 'library-event', event: { type: 'added', summary: article(500) } });
    expect(added.articles.at(-1)!.id).toBe('a500.md');
    expect(changeFrom(added.articles, retitled.articles)).toEqual({ kind: 'added', count: 1 });
    const removed = reduce(added, { type: 'library-event', event: { type: 'removed', id: 'a042.md' } });
    expect(removed.articles.map((a) => a.id)).toEqual(added.articles.filter((a) => a.id !== 'a042.md').map((a) => a.id));
    expect(changeFrom(removed.articles, added.articles)).toEqual({ kind: 'removed', at: 42 });
    // One not in the list: the same list, no change recorded.
    const none = reduce(removed, { type: 'library-event', event: { type: 'removed', id: 'a042.md' } });
    expect(none.articles).toBe(removed.articles);
    expect(changeFrom(none.articles, removed.articles)).toBeUndefined();
  });

  test('a page of the list says it was added at the end, without the articles an event brought first', () => {
    const loaded = reduce(initialState, { type: 'loaded', name: 'lib', library: 'lib-key', articles: page(0, 100), total: 300, done: false });
    const second = reduce(loaded, { type: 'appended', articles: page(100, 200), total: 300, done: false });
    expect(changeFrom(second.articles, loaded.articles)).toEqual({ kind: 'added', count: 100 });
    const brought = reduce(second, { type: 'library-event', event: { type: 'added', summary: article(250, 'By event') } });
    const last = reduce(brought, { type: 'appended', articles: page(200, 300), total: 300, done: true });
    expect(changeFrom(last.articles, brought.articles)).toEqual({ kind: 'added', count: 99 });
    expect(last.articles.filter((a) => a.id === 'a250.md').map((a) => a.title)).toEqual(['By event']);
  });

  test("how much of the list is in id order is carried through the store's changes as a pass over it finds it, and every article is found there", () => {
    const rand = seededRandom(41);
    /** The first `n` articles in id order, found by a pass over a list no change made. */
    const scanned = (articles: readonly ArticleSummary[]): number => orderedPrefix(articles.slice());
    for (let round = 0; round < 40; round++) {
      let next = 40;
      const total = 200;
      let state = reduce(initialState, { type: 'loaded', name: 'lib', library: 'lib-key', articles: page(0, next), total, done: false });
      for (let step = 0; step < 30; step++) {
        const kind = rand(5);
        const listed = state.articles;
        if (kind === 0 && next < total) {
          const to = Math.min(total, next + 1 + rand(30));
          state = reduce(state, { type: 'appended', articles: page(next, to), total, done: to === total });
          next = to;
        } else if (kind === 1) {
          // A file added elsewhere: one a page is still to bring, or past every page.
          state = reduce(state, { type: 'library-event', event: { type: 'added', summary: article(rand(2) === 0 ? next + rand(total - next + 1) : total + rand(100), `Added ${step}`) } });
        } else if (kind === 2 && listed.length > 0) {
          state = reduce(state, { type: 'library-event', event: { type: 'removed', id: listed[rand(listed.length)]!.id } });
        } else if (listed.length > 0) {
          state = reduce(state, { type: 'library-event', event: { type: 'changed', summary: { ...listed[rand(listed.length)]!, title: `Changed ${step}` } } });
        }
        expect(orderedPrefix(state.articles)).toBe(scanned(state.articles));
        // From a last place anywhere: each listed article where it is, none other.
        for (const k of [rand(state.articles.length), rand(state.articles.length), state.articles.length - 1]) {
          const id = state.articles[k]?.id ?? null;
          expect(placeOf(state.articles, id)).toBe(id === null ? -1 : k);
        }
        const listedIds = new Set(state.articles.map((a) => a.id));
        for (const i of [rand(total + 100), rand(total + 100), rand(total + 100)]) {
          const { id } = article(i);
          expect(placeOf(state.articles, id)).toBe(listedIds.has(id) ? state.articles.findIndex((a) => a.id === id) : -1);
        }
      }
    }
  });
});

describe('a burst of file events', () => {
  const rand = seededRandom(5);
  /** A random event about one of the first `n + 3` ids (a few never listed). */
  const randomEvent = (n: number, step: number): FileEvent => {
    const i = rand(n + 3);
    const kind = rand(6);
    if (kind === 0) return { type: 'removed', id: article(i).id };
    const summary = kind === 1 ? article(i) : kind === 2 ? { ...article(i), published: true } : article(i, `Retitled ${step}`);
    return { type: rand(4) === 0 ? 'added' : 'changed', summary };
  };

  test('applied together, it comes to what applying its events one by one comes to', () => {
    for (let round = 0; round < 300; round++) {
      const done = rand(3) !== 0;
      let state = reduce(initialState, { type: 'loaded', name: 'lib', library: 'lib-key', articles: page(0, 12), total: done ? 12 : 40, done });
      state = reduce(state, { type: 'selected', id: article(rand(14)).id });
      state = reduce(state, { type: 'detail-loaded', detail: { summary: state.articles.find((a) => a.id === state.selectedId) ?? article(0), article: { id: 'x', published: false, topics: [], images: [], related: [], extra: {} }, source: '', bodyStart: 0, readOnly: false } });
      const events = Array.from({ length: 1 + rand(8) }, (_, k) => randomEvent(12, k));
      const together = reduce(state, { type: 'file-events', events });
      const oneByOne = events.reduce((s, event) => reduce(s, { type: 'library-event', event }), state);
      expect(together).toEqual(oneByOne);
      expect(together.articles.every((a, i) => a === oneByOne.articles[i])).toBe(true);
      if (oneByOne.articles === state.articles) expect(together.articles).toBe(state.articles);
    }
  });

  test('the desk store gathers file events for a frame, and any other action applies them first', () => {
    vi.useFakeTimers();
    try {
      const store = createDeskStore();
      let notified = 0;
      store.subscribe(() => notified++);
      store.dispatch({ type: 'loaded', name: 'lib', library: 'lib-key', articles: page(0, 5), total: 5, done: true });
      notified = 0;
      store.fileEvent({ type: 'changed', summary: article(1, 'One') });
      store.fileEvent({ type: 'removed', id: article(2).id });
      store.fileEvent({ type: 'added', summary: article(9) });
      expect(notified).toBe(0);
      expect(titles(store.getState())[1]).toBe('a001.md Story 1');
      vi.advanceTimersByTime(FILE_EVENTS_MS);
      expect(notified).toBe(1);
      expect(titles(store.getState())).toEqual(['a000.md Story 0', 'a001.md One', 'a003.md Story 3', 'a004.md Story 4', 'a009.md Story 9']);
      // An action coming before the frame is over: the events waiting are applied first, then it.
      store.fileEvent({ type: 'removed', id: article(9).id });
      store.dispatch({ type: 'save-finished', save: { id: 'a009.md', state: 'saved' }, summary: article(9, 'Saved again') });
      expect(notified).toBe(2);
      expect(titles(store.getState()).at(-1)).toBe('a009.md Saved again');
      vi.advanceTimersByTime(FILE_EVENTS_MS);
      expect(notified).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  test('held (a change to many articles running), file events wait for a flush, not for a frame', () => {
    vi.useFakeTimers();
    try {
      const store = createDeskStore();
      let notified = 0;
      store.subscribe(() => notified++);
      store.dispatch({ type: 'loaded', name: 'lib', library: 'lib-key', articles: page(0, 3), total: 3, done: true });
      notified = 0;
      store.hold(true);
      store.fileEvent({ type: 'changed', summary: article(1, 'One') });
      vi.advanceTimersByTime(FILE_EVENTS_MS * 10);
      expect(notified).toBe(0);
      expect(titles(store.getState())[1]).toBe('a001.md Story 1');
      store.flush();
      expect(notified).toBe(1);
      expect(titles(store.getState())[1]).toBe('a001.md One');
      store.flush(); // nothing waiting: no change to tell
      expect(notified).toBe(1);
      store.hold(false);
      store.fileEvent({ type: 'changed', summary: article(2, 'Two') });
      vi.advanceTimersByTime(FILE_EVENTS_MS);
      expect(titles(store.getState())[2]).toBe('a002.md Two');
      expect(notified).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  test('a change to many articles is sent a hundred at a time, fewer where they are large, never none', () => {
    const small = Array.from({ length: 250 }, (_, i) => ({ id: `a${i}.md` }));
    expect([0, 100, 200].map((at) => nextChunk(small, at).length)).toEqual([BULK_CHUNK, BULK_CHUNK, 50]);
    const big = (i: number) => ({ id: `b${i}.md`, before: [], after: Array.from({ length: 400 }, (_, k) => `topic ${k} ${'x'.repeat(180)}`) });
    const large = Array.from({ length: 30 }, (_, i) => big(i));
    const chunks: number[] = [];
    for (let at = 0; at < large.length; at += chunks.at(-1)!) chunks.push(nextChunk(large, at).length);
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(30);
    expect(Math.max(...chunks)).toBeLessThan(BULK_CHUNK);
    expect(chunks.every((n, i) => JSON.stringify(large.slice(chunks.slice(0, i).reduce((a, b) => a + b, 0)).slice(0, n)).length <= BULK_REQUEST_CHARS)).toBe(true);
    // One item larger than a request's share still goes, alone.
    const huge = [{ id: 'h.md', after: ['y'.repeat(BULK_REQUEST_CHARS)] }, { id: 'i.md' }];
    expect(nextChunk(huge, 0)).toEqual([huge[0]]);
    expect(nextChunk(huge, 1)).toEqual([huge[1]]);
  });

  test('an undo of many articles stopped part way: what it did moves to redo, the rest stays on top of undo', () => {
    const command = (ids: string[]) => ({ kind: 'published-many' as const, ids, after: true });
    let state = reduce(initialState, { type: 'edit-recorded', command: { kind: 'published', id: 'x.md', before: false, after: true }, via: 'do' });
    state = reduce(state, { type: 'edit-recorded', command: command(['a.md', 'b.md', 'c.md']), via: 'do' });
    state = reduce(state, { type: 'edit-split', via: 'undo', done: command(['a.md']), rest: command(['b.md', 'c.md']) });
    expect(state.undo).toEqual([{ kind: 'published', id: 'x.md', before: false, after: true }, command(['b.md', 'c.md'])]);
    expect(state.redo).toEqual([command(['a.md'])]);
    // Stopped before any was changed: nothing moves.
    state = reduce(state, { type: 'edit-split', via: 'undo', done: null, rest: command(['b.md', 'c.md']) });
    expect(state.redo).toEqual([command(['a.md'])]);
    // And a redo stopped likewise.
    state = reduce(state, { type: 'edit-split', via: 'redo', done: command([]), rest: command(['a.md']) });
    expect(state.undo.at(-1)).toEqual(command([]));
    expect(state.redo).toEqual([command(['a.md'])]);
  });
});
