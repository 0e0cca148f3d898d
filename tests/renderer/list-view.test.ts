/** The desk's list view: edits, additions, removals and new sorts are carried into the previous order and index, which answer as if made from scratch. */
import { describe, expect, test, vi } from 'vitest';
import type { ArticleSummary } from '../../shared/article.js';
import { SlotTexts } from '../../shared/slot-texts.js';
import { compileQuery } from '../../shared/query.js';
import { seededRandom } from '../helpers/seeded.js';
import { SlicedSort } from '../../renderer/state/sliced-sort.js';
import { findTies, indexToBuild, tiesOf, timesOf } from '../../renderer/state/list-view.js';
import { patchView } from '../../renderer/state/patch-view.js';
import { carryIndex, fullView, nextView, resealed, resortView, SLICED_FROM, withBuiltBase } from '../../renderer/state/use-list-view.js';
import { maxAddedTexts } from '../../shared/list-index.js';
import { changeFrom, type ListChange } from '../../renderer/state/list-change.js';
import { initialState } from '../../renderer/state/desk-state.js';
import { reduce } from '../../renderer/state/store.js';
import { flippedOrder, markTies, rowOf, rowSorting, sortArticles, timeOf } from '../../renderer/state/view.js';

const article = (i: number, extra: Partial<ArticleSummary> = {}): ArticleSummary => ({
  id: `a${String(i).padStart(3, '0')}.md`,
  title: `Story ${i} about ${i % 2 === 0 ? 'climate' : 'markets'}`,
  excerpt: i % 7 === 0 ? 'U.S. rates' : '',
  publishedDateTime: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
  providerName: i % 3 === 0 ? 'Wired' : 'Forbes',
  published: i % 4 === 0,
  topics: i % 5 === 0 ? ['AI'] : ['Food'],
  problems: [],
  ...extra,
});

const articles = Array.from({ length: 300 }, (_, i) => article(i));
const byDate = { key: 'date', direction: 'desc' } as const;
const replace = (list: readonly ArticleSummary[], i: number, change: Partial<ArticleSummary>): ArticleSummary[] => list.map((a, k) => (k === i ? { ...a, ...change } : a));

describe('the list view', () => {
  test('a toggle is patched in: same index and choices, the row in its place, filters answer the new state', () => {
    const view = fullView(articles, byDate);
    const next = replace(articles, 40, { published: !articles[40]!.published });
    const patched = patchView(view, next)!;
    expect(patched).not.toBeNull();
    expect(patched.index).toBe(view.index);
    expect(patched.topics).toBe(view.topics);
    const row = view.sorted.indexOf(articles[40]!);
    expect(patched.sorted[row]).toBe(next[40]);
    expect(patched.sorted.map((a) => a.id)).toEqual(view.sorted.map((a) => a.id));
    for (const query of [{ status: 'published' as const }, { status: 'unpublished' as const, search: 'climate' }]) {
      expect(patched.index.filter(query).map((a) => a.id)).toEqual(patched.sorted.filter(compileQuery(query)).map((a) => a.id));
    }
  });

  test('edit after edit: each is patched into its own row, sorted by any key', () => {
    for (const sort of [byDate, { key: 'title', direction: 'asc' } as const]) {
      let view = fullView(articles, sort);
      const rows = view.sorted.map((a) => a.id);
      let list: readonly ArticleSummary[] = articles;
      for (const i of [40, 7, 40, 299, 0]) {
        list = replace(list, i, { published: !list[i]!.published });
        view = patchView(view, list)!;
        expect(view).not.toBeNull();
        expect(view.sorted.map((a) => a.id)).toEqual(rows);
        expect(view.sorted[rows.indexOf(list[i]!.id)]).toBe(list[i]);
      }
      expect(view.index.filter({ status: 'published' }).map((a) => a.id)).toEqual(view.sorted.filter(compileQuery({ status: 'published' })).map((a) => a.id));
    }
  });

  test('new topics are ranked again; nothing changed is the same view', () => {
    const view = fullView(articles, byDate);
    const retopiced = patchView(view, replace(articles, 7, { topics: ['Brand new'] }))!;
    expect(retopiced.topics).toContain('Brand new');
    expect(retopiced.index.filter({ topic: 'brand new' }).map((a) => a.id)).toEqual([articles[7]!.id]);
    expect(patchView(view, articles)?.index).toBe(view.index);
    // The only article with the topic removed: the choice goes with it.
    const without = retopiced.articles.filter((_, i) => i !== 7);
    expect(patchView(retopiced, without)!.topics).not.toContain('Brand new');
  });

  test('articles added together in the same gap of the order are placed as a sort places them', () => {
    const view = fullView(articles, byDate);
    while (!view.index.buildSome(100));
    // Same date as article 5 (ties break by id): z1 goes before z2, though added after it.
    const list = [...articles, article(5, { id: 'z2.md' }), article(5, { id: 'z1.md' }), article(33, { id: 'y9.md' })];
    const next = patchView(view, list)!;
    expectFresh(next, list);
    expect(next.sorted.map((a) => a.id).filter((id) => id.startsWith('z'))).toEqual(['z1.md', 'z2.md']);
  });

  // Word-table searches and one the table cannot answer (its dots make the index scan the texts).
  const queries = [
    {},
    { status: 'published' as const },
    { status: 'unpublished' as const, search: 'climate' },
    { topic: 'ai' },
    { topic: 'new' },
    { provider: 'wired', search: 'story 4' },
    { provider: 'new wire' },
    { search: 'u.s. rates' },
    { search: 'zebra' },
    { search: 'ebra stor' },
  ];
  /** The patched view must be the view made from scratch: same order, same answers. */
  const expectFresh = (view: ReturnType<typeof fullView>, list: readonly ArticleSummary[]): void => {
    const fresh = fullView(list, view.sort);
    expect(view.sorted.map((a) => a.id)).toEqual(fresh.sorted.map((a) => a.id));
    expect(view.sorted.every((a, row) => a === fresh.sorted[row])).toBe(true);
    for (const query of queries) expect(view.index.filter(query).map((a) => a.id)).toEqual(fresh.sorted.filter(compileQuery(query)).map((a) => a.id));
    expect(view.counts).toEqual(fresh.counts);
    expect(view.topics).toEqual(fresh.topics);
    expect(view.providers).toEqual(fresh.providers);
    // Each article's row, as the next patch will look it up (made afresh after a new sort).
    if (view.positions !== null) expect(Array.from(view.positions, (row) => view.sorted[row]!.id)).toEqual(list.map((a) => a.id));
  };

  test('a view whose index a newer view has patched since: a change made from it compares every row, and answers as a fresh view does', () => {
    const view = fullView(articles, byDate);
    while (!view.index.buildSome(100));
    const toggled = replace(articles, 3, { published: !articles[3]!.published });
    expect(patchView(view, toggled)!.index).toBe(view.index); // patched in place: it now holds the toggled article
    const added = [...articles, article(40, { id: 'zz-added.md' })];
    expectFresh(patchView(view, added)!, added);
  });

  test('a moved sort key moves the article to the row a full sort gives it, the index renumbered, not rebuilt', () => {
    for (const sort of [{ key: 'published', direction: 'desc' } as const, { key: 'published', direction: 'asc' } as const, byDate, { key: 'quality', direction: 'asc' } as const]) {
      let view = fullView(articles, sort);
      while (!view.index.buildSome(100));
      let list: readonly ArticleSummary[] = articles;
      // First and last rows, ties on both sides, the same article twice, and an in-place edit beside them.
      for (const [i, change] of [
        [7, { published: true, publishedDateTime: '2030-01-01', quality: 5 }],
        [0, { published: !list[0]!.published, publishedDateTime: '1999-01-01', quality: 500 }],
        [299, { published: true, quality: -3 }],
        [7, { published: false, publishedDateTime: '2024-01-08', quality: 5 }],
        [150, { topics: ['AI', 'Food'] }],
      ] as const) {
        list = replace(list, i, change);
        const next = patchView(view, list)!;
        expect(next).not.toBeNull();
        expect(next.index.complete).toBe(true); // renumbered, nothing left to build
        view = next;
        expectFresh(view, list);
      }
    }
  });

  test('a moved article keeps its text in the index: a toggle while sorted by approval lays down no new text', () => {
    const append = vi.spyOn(SlotTexts.prototype, 'append');
    try {
      let view = fullView(articles, { key: 'published', direction: 'desc' });
      while (!view.index.buildSome(100));
      let list: readonly ArticleSummary[] = articles;
      for (const i of [3, 40, 3, 299]) {
        list = replace(list, i, { published: !list[i]!.published });
        view = patchView(view, list)!;
        expectFresh(view, list);
      }
      expect(append.mock.calls.map(([rows]) => rows.length)).toEqual([0, 0, 0, 0]);
      list = replace(list, 5, { published: !list[5]!.published, title: 'Zebra moves' });
      view = patchView(view, list)!;
      expectFresh(view, list);
      expect(append.mock.calls.at(-1)![0]).toHaveLength(1); // a new text: laid down in a new slot
    } finally {
      append.mockRestore();
    }
  });

  test('several moved at once, and moves before the index is built or with new text, are still right', () => {
    const sort = { key: 'published', direction: 'desc' } as const;
    const view = fullView(articles, sort);
    while (!view.index.buildSome(100));
    let list: readonly ArticleSummary[] = articles;
    for (const i of [3, 4, 5, 100, 101, 250]) list = replace(list, i, { published: !list[i]!.published });
    expectFresh(patchView(view, list)!, list);
    // Before the index is complete it is started again; a changed title is laid down again, not rebuilt.
    const unbuilt = fullView(articles, sort);
    const approved = replace(articles, 9, { published: true });
    const moved = patchView(unbuilt, approved)!;
    expect(moved.index).not.toBe(unbuilt.index);
    expectFresh(moved, approved);
    const retitled = replace(articles, 9, { published: true, title: 'A zebra story, renamed' });
    const renamed = patchView(view, retitled)!;
    expect(renamed.index.complete).toBe(true);
    expectFresh(renamed, retitled);
  });

  const sorts = [byDate, { key: 'published', direction: 'desc' } as const, { key: 'title', direction: 'asc' } as const, { key: 'provider', direction: 'desc' } as const, { key: 'quality', direction: 'asc' } as const, { key: 'heat', direction: 'desc' } as const];

  test('pages as the list arrives (hundreds at once, ties on every key) are merged where a full sort puts them, by every key', () => {
    const rand = seededRandom(5);
    // Ids in page order, as main sends them; keys spread over the whole order, many of them equal.
    const all = Array.from({ length: 1400 }, (_, i) =>
      article(rand(40), {
        id: `p${String(i).padStart(5, '0')}.md`,
        quality: rand(3) === 0 ? undefined : rand(20),
        heat: rand(10),
        publishedDateTime: rand(9) === 0 ? 'not a date' : `2024-0${1 + rand(9)}-1${rand(10)}T0${rand(10)}:00:00Z`,
      }),
    );
    for (const sort of sorts) {
      let list = all.slice(0, 200);
      let view = fullView(list, sort);
      for (const size of [100, 150, 200, 300, 450]) {
        list = [...list, ...all.slice(list.length, list.length + size)];
        const next = patchView(view, list);
        expect(next).not.toBeNull(); // merged, not sorted again
        view = next!;
        expectFresh(view, list);
      }
    }
  });

  test('a build begun goes on over its own list while pages come, and is carried into the newest, retitled and re-sorted articles included', () => {
    const rand = seededRandom(8);
    const all = Array.from({ length: 1600 }, (_, i) =>
      article(rand(60), { id: `q${String(i).padStart(5, '0')}.md`, heat: rand(10), title: rand(5) === 0 ? 'Zebra crossing' : `Story ${rand(90)} about ${rand(2) === 0 ? 'climate' : 'markets'}` }),
    );
    for (const sort of sorts) {
      let list = all.slice(0, 300);
      let view = fullView(list, sort);
      // Not begun (the desk builds no index while the list arrives, unless a search waits): no base.
      list = all.slice(0, 400);
      view = nextView(view, list, sort);
      expect(view.base).toBeNull();
      // Begun: each page makes a new index, and the build goes on over the view it began with.
      const began = view;
      began.index.buildSome(50);
      for (const size of [200, 250, 300]) {
        list = [...list, ...all.slice(list.length, list.length + size)];
        view = nextView(view, list, sort);
        expect(view.base).toBe(began);
        expect(indexToBuild(view)).toBe(began.index);
        expect(view.index.started).toBe(false);
        indexToBuild(view).buildSome(50);
      }
      // An article retitled and another approved since the build began; then a new sort, the other way.
      list = replace(replace(list, 5, { title: 'Zebra at the zoo' }), 320, { published: !list[320]!.published });
      view = nextView(view, list, sort);
      const other = { key: sort.key, direction: sort.direction === 'asc' ? 'desc' : 'asc' } as const;
      view = nextView(view, list, other);
      expect(view.base).toBe(began);
      expect(withBuiltBase(view)).toBe(view); // not carried before the build is done
      while (!indexToBuild(view).buildSome(100));
      const carried = withBuiltBase(view);
      expect(carried.base).toBeNull();
      expect(carried.index.complete).toBe(true);
      expect(carried.sorted).toBe(view.sorted);
      expectFresh(carried, list);
      // From there each page updates the carried index.
      list = [...list, ...all.slice(list.length, list.length + 250)];
      const after = nextView(carried, list, other);
      expect(after.index.complete).toBe(true);
      expectFresh(after, list);
    }
  });

  test('a base too far behind is dropped, and one that cannot be carried leaves the view its own index to build', () => {
    const many = Array.from({ length: 1001 + maxAddedTexts(0) }, (_, i) => article(i, { id: `m${String(i).padStart(6, '0')}.md` }));
    const began = fullView(many.slice(0, 1000), byDate);
    began.index.buildSome(10);
    const near = nextView(began, many.slice(0, 2000), byDate);
    expect(near.base).toBe(began);
    const far = nextView(near, many, byDate);
    expect(far.base).toBeNull();
    expect(indexToBuild(far)).toBe(far.index);
    // Carried from an unfinished build: nothing to carry.
    expect(carryIndex(began, near)).toBeNull();
    // A base whose list the view no longer holds (most of it gone): the view builds its own.
    while (!began.index.buildSome(500));
    const gone = fullView(many.slice(1000), byDate);
    const stranded = withBuiltBase({ ...gone, base: began });
    expect(stranded.base).toBeNull();
    expect(stranded.index).toBe(gone.index);
  });

  test('while the list arrives an index takes in every page; once it is in, a fresh one is built beside it and carried in', () => {
    const extra = maxAddedTexts(0) + 1000;
    const many = Array.from({ length: 1000 + extra }, (_, i) => article(i, { id: `r${String(i).padStart(6, '0')}.md`, title: i % 97 === 0 ? `Zebra ${i}` : `Story ${i} about climate` }));
    const first = fullView(many.slice(0, 1000), byDate);
    while (!first.index.buildSome(500));
    // Not arriving, that many more texts past the word table are refused: the index is made anew.
    expect(nextView(first, many, byDate).index.complete).toBe(false);
    // Arriving, each page is taken in (pages of up to half the list: more is sorted afresh).
    let view = first;
    for (let end = 1500; view.articles.length < many.length; end += end >> 1) {
      view = nextView(view, many.slice(0, end), byDate, null, true);
      expect(view.index.complete).toBe(true);
    }
    expect(view.index.unsealed).toBe(extra);
    expectFresh(view, many);
    // Once in: a fresh index to build, the one that took the pages in answering meanwhile.
    const answering = view.index;
    view = resealed(view);
    expect(view.index).toBe(answering);
    expect(view.base?.sorted).toBe(view.sorted);
    expect(indexToBuild(view).started).toBe(false);
    expect(resealed(view)).toBe(view);
    indexToBuild(view).buildSome(1000);
    // An edit meanwhile keeps the build going; once built, it is carried in.
    const list = replace(many, 3, { published: !many[3]!.published });
    view = nextView(view, list, byDate);
    expect(view.base).not.toBeNull();
    while (!indexToBuild(view).buildSome(1000));
    view = nextView(view, list, byDate);
    expect(view.base).toBeNull();
    expect(view.index.unsealed).toBe(0);
    expectFresh(view, list);
    expect(resealed(view)).toBe(view);
  });

  test('a new sort renumbers a complete index instead of building it again', () => {
    let view = fullView(articles, byDate);
    while (!view.index.buildSome(100));
    for (const sort of sorts) {
      view = resortView(view, sort);
      expect(view.index.complete).toBe(true);
      expectFresh(view, articles);
    }
    // An index still being built is simply started again in the new order.
    const unbuilt = resortView(fullView(articles, byDate), sorts[2]!);
    expect(unbuilt.index.complete).toBe(false);
    expectFresh(unbuilt, articles);
  });

  test('the same key the other way round: the order turned, ties still in id order, as a sort gives', () => {
    // Ties on every key: equal titles but for case and accents, equal dates (and unparseable ones), equal numbers.
    const titles = ['Élan', 'elan', 'Zebra', 'zebra', 'Alpha 10', 'Alpha 9', ''];
    const list = Array.from({ length: 200 }, (_, i) =>
      article((i * 37) % 200, {
        title: titles[i % titles.length]!,
        publishedDateTime: ['2024-01-01T00:00:00Z', '2024-01-01', 'soon', undefined][i % 4],
        quality: i % 3 === 0 ? undefined : i % 5,
        heat: i % 2,
      }),
    );
    /** The ties of a view's rows, found afresh. */
    const freshTies = (view: ReturnType<typeof fullView>): Uint8Array => {
      const ties = new Uint8Array(view.sorted.length);
      markTies(view.sorted, view.sort.key, ties, 0, ties.length);
      return ties;
    };
    for (const key of ['title', 'provider', 'date', 'quality', 'heat', 'published'] as const) {
      for (const found of [false, true]) {
        // The first flip compares rows, or takes the ties found in idle time; each after it takes the ties the flip before gave.
        let view = fullView(list, { key, direction: 'asc' });
        while (!view.index.buildSome(100));
        const step = findTies(view)!;
        if (found) while (!step());
        expect(tiesOf(view)).toEqual(found ? freshTies(view) : undefined);
        for (const direction of ['desc', 'asc', 'desc'] as const) {
          view = resortView(view, { key, direction });
          expect(view.index.complete).toBe(true);
          expectFresh(view, list);
          expect(tiesOf(view)).toEqual(freshTies(view));
          expect(findTies(view)).toBeNull();
        }
      }
    }
  });

  test('a flip takes the ties it is given without comparing rows; an edit that keeps every row keeps them, one that moves a row does not', () => {
    const list = Array.from({ length: 12 }, (_, i) => article(i, { title: i < 6 ? 'Same' : `Story ${i}` }));
    const byTitle = { key: 'title', direction: 'asc' } as const;
    const order = Int32Array.from(sortArticles(list, byTitle), (a) => list.indexOf(a));
    // Told that nothing ties, the flip only reverses: the six equal titles stay in reverse id order.
    expect(Array.from(flippedOrder(list, order, 'title', new Uint8Array(12)).order.slice(-6))).toEqual([5, 4, 3, 2, 1, 0]);
    expect(Array.from(flippedOrder(list, order, 'title').order.slice(-6))).toEqual([0, 1, 2, 3, 4, 5]);
    const view = resortView(resortView(fullView(list, byTitle), { key: 'title', direction: 'desc' }), byTitle);
    const ties = tiesOf(view)!;
    expect(Array.from(ties)).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    const toggled = patchView(view, replace(list, 3, { published: true }))!;
    expect(tiesOf(toggled)).toBe(ties);
    const retitled = patchView(view, replace(list, 3, { title: 'Zebra' }))!;
    expect(tiesOf(retitled)).toBeUndefined();
  });

  test('a large list waits for a new order from a sort in slices, and takes it while it still holds; a flip is at once', () => {
    const big = Array.from({ length: SLICED_FROM }, (_, i) => article(i, { id: `big${String(i).padStart(6, '0')}.md`, title: `Story ${(i * 7919) % SLICED_FROM}` }));
    const view = fullView(big, byDate);
    while (!view.index.buildSome(5000));
    const byTitle = { key: 'title', direction: 'asc' } as const;
    // Asked for a new sort, the view keeps its own until the order comes.
    expect(nextView(view, big, byTitle)).toBe(view);
    const { compare, tie } = rowSorting(big, byTitle);
    const job = new SlicedSort(big.length, compare, tie);
    while (!job.step());
    const sliced = { articles: big, sort: byTitle, order: job.order, ties: job.ties };
    // Made from the list as it was, toggled since: the order still holds, as the titles did not change.
    const toggled = replace(big, 5, { published: !big[5]!.published });
    const waiting = nextView(view, toggled, byTitle);
    expect(waiting.sort).toBe(byDate);
    const sortedView = nextView(waiting, toggled, byTitle, sliced);
    expect(sortedView.sort).toBe(byTitle);
    expect(sortedView.index.complete).toBe(true);
    expectFresh(sortedView, toggled);
    // With the ties the sort marked: the same column again turns it round without comparing rows.
    const marked = new Uint8Array(big.length);
    markTies(sortedView.sorted, 'title', marked, 0, big.length);
    expect(Array.from(tiesOf(sortedView)!)).toEqual(Array.from(marked));
    const turned = nextView(sortedView, toggled, { key: 'title', direction: 'desc' });
    expectFresh(turned, toggled);
    // A title changed meanwhile: the order no longer holds, and the view waits for another.
    expect(nextView(view, replace(big, 5, { title: 'Aardvark' }), byTitle, sliced).sort).toBe(byDate);
    // Nor is an order taken for a sort asked for since (the same key and direction, asked again).
    expect(nextView(view, big, { key: 'title', direction: 'asc' }, sliced).sort).toBe(byDate);
    // The other direction of the view's own key is turned round at once.
    const flipped = nextView(view, big, { key: 'date', direction: 'asc' });
    expect(flipped.sort.direction).toBe('asc');
    expectFresh(flipped, big);
  });

  test('articles added, removed, edited and re-sorted, change after change, as the store makes them', () => {
    const rand = seededRandom(11);
    let list: ArticleSummary[] = articles.slice();
    let view = fullView(list, byDate);
    while (!view.index.buildSome(100));
    let added = 1000;
    for (let step = 0; step < 60; step++) {
      let sort = view.sort;
      const next = list.slice();
      switch (step % 6) {
        case 0: // files added (at the end, as events and pages add them), among them ties on every key
          for (let k = 0; k < 1 + rand(4); k++) next.push(article(rand(2) === 0 ? added++ : 2000 + rand(300) * 2, { id: `b${added++}.md` }));
          break;
        case 1: // files removed
          for (let k = 0; k < 1 + rand(3); k++) next.splice(rand(next.length), 1);
          break;
        case 2: // an external change of a title, a topic, a provider, a date: in place or moved
          for (let k = 0; k < 1 + rand(3); k++) {
            const i = rand(next.length);
            const problems = [[], [{ level: 'warning' as const, code: 'bad-date' as const, message: 'bad date' }], [{ level: 'error' as const, code: 'yaml-syntax' as const, message: 'broken' }]][rand(3)]!;
            next[i] = { ...next[i]!, title: `Zebra story ${step}`, topics: ['New'], providerName: 'New Wire', publishedDateTime: `2023-0${1 + rand(9)}-01`, quality: rand(100), problems };
          }
          break;
        case 3: // toggles
          for (let k = 0; k < 1 + rand(5); k++) {
            const i = rand(next.length);
            next[i] = { ...next[i]!, published: !next[i]!.published };
          }
          break;
        case 4: // a new sort alone, or the same key the other way round
          sort = rand(2) === 0 ? sorts[rand(sorts.length)]! : { key: sort.key, direction: sort.direction === 'asc' ? 'desc' : 'asc' };
          break;
        default: // everything at once: removed, added, edited and a new sort
          next.splice(rand(next.length), 1);
          next.push(article(added++, { id: `c${added}.md`, title: 'Zebra arrives' }));
          next[0] = { ...next[0]!, title: `${next[0]!.title} again`, published: !next[0]!.published };
          sort = sorts[rand(sorts.length)]!;
      }
      const before = view;
      view = nextView(view, next, sort);
      expect(view.index.complete).toBe(true); // carried over, never built again
      // The view it came from still answers for its own list (none of its work arrays is kept by
      // another), unless the change was patched into the same index.
      if (view.index !== before.index) expectFresh(before, list);
      list = next;
      expectFresh(view, list);
    }
  });

  test("one change as the store makes it (a save's answer, a file changed, added or removed elsewhere, a page of the list) is taken in from its known place, as a walk of the lists would", () => {
    const rand = seededRandom(23);
    for (const sort of sorts) {
      let state = reduce(initialState, { type: 'loaded', name: 'lib', library: 'key', articles, total: articles.length, done: true });
      let view = fullView(state.articles, sort);
      while (!view.index.buildSome(100));
      for (let step = 0; step < 20; step++) {
        const place = rand(state.articles.length);
        const was = state.articles[place]!;
        let next: typeof state;
        let expected: ListChange;
        switch (step % 5) {
          case 0: // a toggle: moves the row when sorted by approval
            next = reduce(state, { type: 'save-finished', save: { id: was.id, state: 'saved' }, summary: { ...was, published: !was.published } });
            expected = { kind: 'replaced', at: [place] };
            break;
          case 1: // retitled elsewhere, with a new topic
            next = reduce(state, { type: 'library-event', event: { type: 'changed', summary: { ...was, title: `Zebra ${step}`, topics: [`New ${step}`], quality: rand(50) } } });
            expected = { kind: 'replaced', at: [place] };
            break;
          case 2: // a file added elsewhere, tied on some keys with others
            next = reduce(state, { type: 'library-event', event: { type: 'added', summary: article(rand(300), { id: `b${step}.md`, topics: [`Added ${step}`] }) } });
            expected = { kind: 'added', count: 1 };
            break;
          case 3: // a file removed elsewhere
            next = reduce(state, { type: 'library-event', event: { type: 'removed', id: was.id } });
            expected = { kind: 'removed', at: place };
            break;
          default: // a page of the list, tied on some keys with others
            next = reduce(state, { type: 'appended', articles: [0, 1, 2].map((k) => article(rand(300), { id: `c${step}-${k}.md`, topics: [`Page ${step}`] })), total: articles.length, done: false });
            expected = { kind: 'added', count: 3 };
        }
        expect(changeFrom(next.articles, state.articles)).toEqual(expected);
        // The same list, not made by the store: how is not known, and the lists are walked.
        const copy = next.articles.slice();
        expect(changeFrom(copy, state.articles)).toBeUndefined();
        const walked = patchView(view, copy)!;
        view = patchView(view, next.articles)!;
        state = next;
        expectFresh(view, state.articles);
        expect(view.sorted).toEqual(walked.sorted);
        expect(Array.from(view.positions)).toEqual(Array.from(walked.positions));
      }
    }
  });

  test('a list that is not what the store makes (a new order, most of it new) is still right, or made again', () => {
    const view = fullView(articles, byDate);
    while (!view.index.buildSome(100));
    const reversed = articles.slice().reverse();
    expectFresh(nextView(view, reversed, byDate), reversed);
    const mostlyNew = Array.from({ length: 300 }, (_, i) => article(i + 400));
    expect(patchView(view, mostlyNew)).toBeNull();
    expectFresh(nextView(view, mostlyNew, byDate), mostlyNew);
    expectFresh(nextView(view, [], byDate), []);
  });

  test('by provider: names the collator calls equal (case, accents) tie and break by id, as comparing every pair does', () => {
    const names = ['Le Monde', 'le monde', 'Le Mondé', undefined, 'Wired', 'wired', 'Écho', 'Echo', 'Zeit', '', 'Forbes 10', 'Forbes 9'];
    const list = Array.from({ length: 240 }, (_, i) => article(i, { providerName: names[(i * 7) % names.length] }));
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    for (const direction of ['asc', 'desc'] as const) {
      const sign = direction === 'asc' ? 1 : -1;
      const expected = [...list].sort((a, b) => sign * collator.compare(a.providerName ?? '', b.providerName ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      expect(sortArticles(list, { key: 'provider', direction }).map((a) => a.id)).toEqual(expected.map((a) => a.id));
    }
  });

  test("sorted by date, a view knows its rows' dates from its first page on, through pages, edits, additions, removals and a flip", () => {
    const rand = seededRandom(31);
    const dated = (i: number): ArticleSummary => article(i, { publishedDateTime: i % 11 === 0 ? undefined : i % 13 === 0 ? 'not a date' : `2024-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:00:00Z` });
    let list: ArticleSummary[] = Array.from({ length: 60 }, (_, i) => dated(i));
    let view = fullView(list, byDate);
    let added = 60;
    for (let step = 0; step < 40; step++) {
      const kind = step % 5;
      if (kind === 0) {
        list = [...list, ...Array.from({ length: 1 + rand(40) }, () => dated(added++))];
      } else if (kind === 1) {
        const at = rand(list.length);
        list = list.map((a, k) => (k === at ? { ...a, title: `Retitled ${step}` } : a)); // same date: stays in its row
      } else if (kind === 2) {
        const at = rand(list.length);
        list = list.map((a, k) => (k === at ? { ...a, publishedDateTime: `2023-12-0${1 + rand(9)}` } : a)); // moves
      } else if (kind === 3) {
        const at = rand(list.length);
        list = list.filter((_, k) => k !== at);
      }
      const sort = kind === 4 ? { key: 'date', direction: view.sort.direction === 'desc' ? 'asc' : 'desc' } as const : view.sort;
      view = nextView(view, list, sort);
      expect(view.sorted.map((a) => a.id)).toEqual(sortArticles(list, sort).map((a) => a.id));
      expect(timesOf(view)).toEqual(Float64Array.from(view.sorted, timeOf));
      // Its ties are read from those dates as from the articles' own (undated and unparseable ones tie as the oldest).
      const [byTimes, byRows] = [new Uint8Array(list.length), new Uint8Array(list.length)];
      markTies(view.sorted, 'date', byTimes, 0, list.length, timesOf(view));
      markTies(view.sorted, 'date', byRows, 0, list.length);
      expect(byTimes).toEqual(byRows);
    }
    // Sorted by another key, no dates are kept; by date again, read afresh.
    view = nextView(view, list, { key: 'title', direction: 'asc' });
    expect(timesOf(view)).toBeUndefined();
    view = nextView(view, list, byDate);
    expect(timesOf(view)).toEqual(Float64Array.from(view.sorted, timeOf));
  });

  test('by date: newest or oldest first, undated and unparseable as the oldest, ties in file-name order', () => {
    const dated = [
      article(1, { publishedDateTime: '2024-03-01T10:00:00Z' }),
      article(2, { publishedDateTime: undefined }),
      article(3, { publishedDateTime: '2024-03-01T11:00:00+02:00' }), // 09:00 UTC
      article(4, { publishedDateTime: 'soon' }),
      article(5, { publishedDateTime: '2024-03-01T10:00:00Z' }),
      article(6, { publishedDateTime: '2023-12-31' }),
    ];
    const ids = (list: readonly ArticleSummary[]) => list.map((a) => Number(a.id.slice(1, 4)));
    expect(ids(sortArticles(dated, { key: 'date', direction: 'desc' }))).toEqual([1, 5, 3, 6, 2, 4]);
    expect(ids(sortArticles(dated, { key: 'date', direction: 'asc' }))).toEqual([2, 4, 6, 3, 1, 5]);
    expect(ids(dated)).toEqual([1, 2, 3, 4, 5, 6]); // the input is left as it was
  });
});

describe('rowOf', () => {
  const rows = Array.from({ length: 50 }, (_, i) => article(i));
  test('finds the row from any starting point, near or far, before or after it, or answers -1', () => {
    for (const target of [0, 1, 24, 48, 49]) {
      for (const near of [-5, 0, 3, target - 1, target, target + 1, 49, 80]) expect(rowOf(rows, rows[target]!.id, near)).toBe(target);
    }
    expect(rowOf(rows, 'absent.md', 10)).toBe(-1);
    expect(rowOf(rows, null, 10)).toBe(-1);
    expect(rowOf([], rows[0]!.id, 0)).toBe(-1);
  });

  test('looks at the rows nearest its starting point first', () => {
    const seen: number[] = [];
    const watched = rows.map((a, row) => ({ ...a, get id() { seen.push(row); return a.id; } }));
    expect(rowOf(watched, rows[22]!.id, 20)).toBe(22);
    expect(seen).toEqual([20, 21, 19, 22]);
  });
});
