// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../renderer/components/App.js';
import { library, rowTitles } from '../helpers/desk.js';
import { fakeBridge, summary } from '../helpers/fake-bridge.js';
import { MERGE_EVERY_MS, PAGES_WAIT_FOR_PAUSE_MS } from '../../renderer/state/pages.js';
import { FIRST_PAGE, NEXT_PAGE, type Bridge } from '../../shared/contract.js';
import { ok } from '../../shared/result.js';
import type { ArticleSummary } from '../../shared/article.js';

afterEach(cleanup);

describe('the list arriving page by page', () => {
  test("each page's repeated values are shared as it arrives: no article keeps a list of its own for its empty topics or problems", async () => {
    const n = FIRST_PAGE + 2 * NEXT_PAGE + 7;
    const many = Array.from({ length: n }, (_, i) => summary(`s${String(i).padStart(5, '0')}.md`, { title: `Story ${i}` }));
    // Fresh objects at each answer, as the bridge's are (parsed from JSON).
    const delivered: ArticleSummary[] = [];
    const bridge: Bridge = {
      ...fakeBridge(many).bridge,
      listArticles: async (after, count) => {
        const from = after === null ? 0 : many.findIndex((a) => a.id === after) + 1;
        const page = many.slice(from, from + count).map((a) => ({ ...a, topics: [], problems: [] }));
        delivered.push(...page);
        return ok({ name: 'Shared', library: 'shared', total: n, articles: page, done: from + count >= n });
      },
    };
    render(<App bridge={bridge} />);
    await waitFor(() => expect(screen.getByText(new RegExp(`^${n.toLocaleString('en')} articles`))).toBeTruthy(), { timeout: 10_000 });
    expect(delivered).toHaveLength(n);
    expect(new Set(delivered.map((a) => a.topics)).size).toBe(1);
    expect(new Set(delivered.map((a) => a.problems)).size).toBe(1);
    expect(Object.isFrozen(delivered.at(-1)!.topics)).toBe(true);
  });

  test('a search typed while the list arrives holds the pages back until it answers, then takes each page in', async () => {
    // A first page larger than the desk asks for, so that its index is built in several tasks.
    const first = 4 * FIRST_PAGE;
    const n = first + 3 * NEXT_PAGE;
    // Long excerpts, so that the index's build takes longer than the page's merge after a paint.
    const excerpt = 'A long excerpt about the markets and the weather. '.repeat(40);
    const many = Array.from({ length: n }, (_, i) => summary(`m${String(i).padStart(5, '0')}.md`, { title: i % 50 === 0 ? `Zebra sighting ${i}` : `Story ${i}`, excerpt }));
    let release = (): void => undefined;
    const secondPage = new Promise<void>((resolve) => (release = resolve));
    /** The counts line when each page was asked for. */
    const asked: string[] = [];
    const bridge: Bridge = {
      ...fakeBridge(many).bridge,
      listArticles: async (after, count) => {
        const from = after === null ? 0 : many.findIndex((a) => a.id === after) + 1;
        if (after !== null) asked.push(screen.queryByText(/articles ·/)?.textContent ?? '');
        if (from === first) await secondPage;
        const size = after === null ? first : count;
        return ok({ name: 'Arriving', library: 'arriving', total: n, articles: many.slice(from, from + size), done: from + size >= n });
      },
    };
    render(<App bridge={bridge} />);
    await screen.findByRole('row', { name: /Zebra sighting 0/ });
    // Pages read within MERGE_EVERY_MS of the last merge are read on, and merged together after.
    await new Promise((resolve) => setTimeout(resolve, MERGE_EVERY_MS + 20));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search articles' }), { target: { value: 'zebra' } });
    release();
    // The list is in, and the search answers for all of it.
    await waitFor(() => expect(screen.getByText(new RegExp(`${n.toLocaleString('en')} articles`)).textContent).toContain(`${n / 50} shown`), { timeout: 10_000 });
    // Each page after the second was asked for once the one before it was merged (one is read ahead),
    // so the page two after the held one only once the search had answered.
    expect(asked).toHaveLength(3);
    expect(asked[2]).toMatch(new RegExp(`^${(first + NEXT_PAGE).toLocaleString('en')} articles.* ${(first + NEXT_PAGE) / 50} shown`));
  });

  test('while the editor types, scrolls or drags the scrollbar, the list takes no page in; it does at the next pause', async () => {
    const n = FIRST_PAGE + 8 * NEXT_PAGE;
    const many = Array.from({ length: n }, (_, i) => summary(`p${String(i).padStart(5, '0')}.md`, { title: `Story ${i}` }));
    let asked = 0;
    const bridge: Bridge = {
      ...fakeBridge(many).bridge,
      listArticles: async (after, count) => {
        const from = after === null ? 0 : many.findIndex((a) => a.id === after) + 1;
        if (after !== null) {
          asked++;
          await new Promise((resolve) => setTimeout(resolve, 40)); // each page takes main a while
        }
        const size = after === null ? FIRST_PAGE : count;
        return ok({ name: 'Arriving', library: 'arriving', total: n, articles: many.slice(from, from + size), done: from + size >= n });
      },
    };
    render(<App bridge={bridge} />);
    await screen.findByRole('row', { name: /Story 0/ });
    const listed = (): number => Number(/^([\d,]+) articles/.exec(screen.getByText(/articles ·/).textContent ?? '')![1]!.replaceAll(',', ''));
    const pause = (ms: number): Promise<void> => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const body = document.querySelector('.grid-body')!;
    // Keys, then the wheel, then a scrollbar dragged (a pointer held while the list scrolls), 150 ms
    // apart for 2.4 s: a merge under way at the first may end, no other starts.
    const seen: number[] = [];
    for (let k = 0; k < 16; k++) {
      if (k < 5) fireEvent.keyDown(document.body, { key: 'Shift' });
      else if (k < 10) fireEvent.wheel(body, { deltaY: 100 });
      else {
        if (k === 10) fireEvent.pointerDown(body);
        fireEvent.scroll(body);
      }
      await pause(150);
      seen.push(listed());
    }
    expect(seen.at(-1)).toBeLessThan(n);
    expect(new Set(seen.slice(3)).size).toBe(1);
    // The page in flight is read on, and no other asked for.
    const askedWhileActive = asked;
    await pause(150);
    expect(asked).toBe(askedWhileActive);
    fireEvent.pointerUp(body);
    // The desk's own scrolls (the selected row kept in view) are not the editor's: the pages come in
    // half a second after the pointer was let go, while they go on.
    for (let k = 0; k < Math.ceil((2 * PAGES_WAIT_FOR_PAUSE_MS) / 150); k++) {
      fireEvent.scroll(body);
      await pause(150);
    }
    expect(listed()).toBeGreaterThan(seen.at(-1)!);
    await waitFor(() => expect(listed()).toBe(n), { timeout: 5000 });
  });

  test('a first page asked for before the desk rendered answers the first load', async () => {
    const fake = fakeBridge(library);
    let asked = 0;
    const listArticles = fake.bridge.listArticles;
    const bridge = { ...fake.bridge, listArticles: (after: string | null, count: number) => (asked++, listArticles(after, count)) };
    const firstPage = bridge.listArticles(null, 2000);
    render(<App bridge={bridge} firstPage={firstPage} />);
    await screen.findByRole('row', { name: /Microsoft drops/ });
    await waitFor(() => expect(screen.getByRole('grid', { name: 'Articles' }).getAttribute('aria-busy')).toBe('false'));
    // The early page, then the one page after it (pages of two here): no second request for the first page.
    expect(asked).toBe(2);
    expect(rowTitles()).toEqual(['Microsoft drops emotion recognition', 'Café culture returns', 'Broken file']);
  });
});
