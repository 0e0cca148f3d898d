// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { App } from '../../renderer/components/App.js';
import { fakeBridge, summary } from '../helpers/fake-bridge.js';
import { SLICED_FROM } from '../../renderer/state/use-list-view.js';
import { MERGE_EVERY_MS, PAGES_WAIT_FOR_PAUSE_MS } from '../../renderer/state/pages.js';
import { FIRST_PAGE, NEXT_PAGE, type Bridge } from '../../shared/contract.js';
import { ok } from '../../shared/result.js';
import type { ArticleSummary } from '../../shared/article.js';

afterEach(cleanup);
// jsdom lays nothing out; give elements a size so the virtualized list renders its rows.
Object.defineProperties(HTMLElement.prototype, {
  clientHeight: { configurable: true, get: () => 800 },
  clientWidth: { configurable: true, get: () => 1000 },
});

const library = [
  summary('a.md', { title: 'Microsoft drops emotion recognition', excerpt: 'Facial analysis concerns', providerName: 'IT Business Edge', publishedDateTime: '2022-07-05T23:38:00Z', topics: ['AI', 'Microsoft AI'], quality: 43 }),
  summary('b.md', { title: 'Café culture returns', excerpt: 'Espresso', providerName: 'Le Monde', publishedDateTime: '2022-07-04T10:00:00Z', topics: ['Food'], published: true }),
  summary('c.md', { title: 'Broken file', problems: [{ level: 'error', code: 'yaml-syntax', message: 'YAML syntax: unexpected end', line: 3, column: 1 }] }),
];

async function setup() {
  const fake = fakeBridge(library);
  const user = userEvent.setup();
  render(<App bridge={fake.bridge} />);
  await screen.findByRole('row', { name: /Microsoft drops/ });
  // The first page paints first; the rest of the list follows page by page.
  await waitFor(() => expect(screen.getByRole('grid', { name: 'Articles' }).getAttribute('aria-busy')).toBe('false'));
  return { ...fake, user };
}

const rowTitles = () => within(screen.getByRole('grid', { name: 'Articles' })).getAllByRole('row').slice(1).map((r) => r.querySelector('.title-text')?.textContent);

describe('the desk', () => {
  test('lists every article with live counts, newest first', async () => {
    await setup();
    expect(rowTitles()).toEqual(['Microsoft drops emotion recognition', 'Café culture returns', 'Broken file']);
    expect(screen.getByText(/3 articles · 1 published · 1 with problems/)).toBeTruthy();
  });

  test('filters that leave no row say so, and one press shows every article again', async () => {
    const { user } = await setup();
    await user.type(screen.getByRole('searchbox', { name: 'Search articles' }), 'zebra');
    await user.click(screen.getByRole('radio', { name: 'Published' }));
    expect(rowTitles()).toEqual([]);
    expect(screen.getByText(/No articles match these filters/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Show every article' }));
    expect(rowTitles()).toHaveLength(3);
    expect((screen.getByRole('searchbox', { name: 'Search articles' }) as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('radio', { name: 'All' }).getAttribute('aria-checked')).toBe('true');
  });

  test('a folder with no article in it says what Masthead looks for, not that filters hide them', async () => {
    render(<App bridge={fakeBridge([]).bridge} />);
    await screen.findByText(/This folder holds no articles/);
    expect(screen.queryByText(/No articles match these filters/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Show every article' })).toBeNull();
  });

  test('search and status filters narrow the list', async () => {
    const { user } = await setup();
    await user.type(screen.getByRole('searchbox', { name: 'Search articles' }), 'cafe');
    expect(rowTitles()).toEqual(['Café culture returns']);
    await user.clear(screen.getByRole('searchbox', { name: 'Search articles' }));
    await user.click(screen.getByRole('radio', { name: 'Has problems' }));
    expect(rowTitles()).toEqual(['Broken file']);
  });

  test('the status filters are one radio group: one Tab stop, the arrow keys move the choice and leave the list alone', async () => {
    const { user } = await setup();
    const radio = (name: string) => screen.getByRole('radio', { name });
    expect(['All', 'Unpublished', 'Published', 'Has problems'].map((n) => radio(n).tabIndex)).toEqual([0, -1, -1, -1]);
    radio('All').focus();
    await user.keyboard('{ArrowDown}'); // as ArrowRight
    expect(radio('Unpublished').getAttribute('aria-checked')).toBe('true');
    expect(document.activeElement).toBe(radio('Unpublished'));
    expect(rowTitles()).toEqual(['Microsoft drops emotion recognition', 'Broken file']);
    expect(screen.queryByRole('row', { selected: true })).toBeNull(); // the list's own arrow keys did not run
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(radio('Has problems').getAttribute('aria-checked')).toBe('true'); // round from the first to the last
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(radio('All'));
    expect(radio('All').tabIndex).toBe(0);
  });

  test('sorting by a column header', async () => {
    const { user } = await setup();
    await user.click(screen.getByRole('button', { name: /^Title/ }));
    expect(rowTitles()).toEqual(['Broken file', 'Café culture returns', 'Microsoft drops emotion recognition']);
    expect(screen.getByRole('columnheader', { name: /Title/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  test('a large list is sorted between frames: its rows keep their order meanwhile, and "sorting…" says so', async () => {
    const n = SLICED_FROM;
    const many = Array.from({ length: n }, (_, i) =>
      summary(`m${String(i).padStart(5, '0')}.md`, { title: `Story ${(i * 7919) % n}`, publishedDateTime: new Date(Date.UTC(2022, 0, 1) + i * 60_000).toISOString() }),
    );
    // The whole list in pages as large as the desk asks for (the fake's pages of two are for paging tests).
    const bridge: Bridge = {
      ...fakeBridge(many).bridge,
      listArticles: async (after, count) => {
        const from = after === null ? 0 : many.findIndex((a) => a.id === after) + 1;
        return ok({ name: 'Large', library: 'large', total: n, articles: many.slice(from, from + count), done: from + count >= n });
      },
    };
    render(<App bridge={bridge} />);
    const grid = await screen.findByRole('grid', { name: 'Articles' });
    await waitFor(() => expect(screen.getByText(new RegExp(`${n.toLocaleString('en')} articles`))).toBeTruthy(), { timeout: 10_000 });
    await waitFor(() => expect(grid.getAttribute('aria-busy')).toBe('false'));
    const newestFirst = rowTitles();
    expect(newestFirst[0]).toBe(`Story ${((n - 1) * 7919) % n}`);
    // The click answers at once; the sort runs in slices after it.
    fireEvent.click(screen.getByRole('button', { name: /^Title/ }));
    expect(screen.getByText(/sorting…/)).toBeTruthy();
    // In the status bar, outside its live region: the counts are announced, the work's steps are not.
    expect(screen.getByText(/sorting…/).closest('footer')).not.toBeNull();
    expect(screen.getByText(/sorting…/).closest('[aria-live]')).toBeNull();
    expect(screen.getByText(new RegExp(`${n.toLocaleString('en')} articles`)).closest('[aria-live]')?.getAttribute('aria-live')).toBe('polite');
    expect(grid.getAttribute('aria-busy')).toBe('true');
    expect(rowTitles()).toEqual(newestFirst);
    await waitFor(() => expect(rowTitles().slice(0, 3)).toEqual(['Story 0', 'Story 1', 'Story 2']), { timeout: 10_000 });
    expect(screen.queryByText(/sorting…/)).toBeNull();
    expect(grid.getAttribute('aria-busy')).toBe('false');
    expect(screen.getByRole('columnheader', { name: /Title/ }).getAttribute('aria-sort')).toBe('ascending');
    // The same column again turns the order round at once, with the ties found meanwhile in idle time.
    await new Promise((resolve) => setTimeout(resolve, 200));
    fireEvent.click(screen.getByRole('button', { name: /^Title/ }));
    expect(screen.queryByText(/sorting…/)).toBeNull();
    expect(rowTitles()[0]).toBe(`Story ${n - 1}`);
    // And back, with the ties that turn gave.
    fireEvent.click(screen.getByRole('button', { name: /^Title/ }));
    expect(rowTitles().slice(0, 3)).toEqual(['Story 0', 'Story 1', 'Story 2']);
  }, 30_000);

  test('keyboard: j/k move, p publishes, Ctrl+Z undoes and Ctrl+Shift+Z redoes', async () => {
    const { user, calls } = await setup();
    await user.keyboard('j');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Microsoft drops emotion recognition');
    await user.keyboard('jk');
    expect(screen.getByRole('row', { selected: true }).textContent).toContain('Microsoft drops');
    await user.keyboard('p');
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).checked).toBe(true));
    expect(screen.getByText('Saved')).toBeTruthy();
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).checked).toBe(false));
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).checked).toBe(true));
    expect(calls.filter((c) => c.name === 'setPublished').map((c) => c.args)).toEqual([['a.md', true], ['a.md', false], ['a.md', true]]);
  });

  test('with Caps Lock on, P approves as p does; Shift+P opens the bulk actions instead', async () => {
    const { user, calls } = await setup();
    await user.keyboard('j');
    fireEvent.keyDown(window, { key: 'P' });
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).checked).toBe(true));
    expect(calls.filter((c) => c.name === 'setPublished').map((c) => c.args)).toEqual([['a.md', true]]);
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.keyDown(window, { key: 'P', shiftKey: true });
    expect(screen.getByRole('dialog', { name: 'Bulk actions on the articles shown' })).toBeTruthy();
  });

  test('Page Down and Page Up move a screenful of rows, less one, and stop at the ends', async () => {
    const many = Array.from({ length: 40 }, (_, i) => summary(`p${String(i).padStart(2, '0')}.md`, { title: `Story ${i}`, publishedDateTime: new Date(Date.UTC(2024, 2, 1) - i * 86_400_000).toISOString() }));
    const user = userEvent.setup();
    render(<App bridge={fakeBridge(many).bridge} />);
    await waitFor(() => expect(screen.getByText(/40 articles/)).toBeTruthy());
    const selectedTitle = () => screen.getByRole('heading', { level: 1 }).textContent;
    screen.getByRole('grid', { name: 'Articles' }).focus();
    // The list shows 800 px here: 18 rows of 44 px, so a page is 17 rows.
    await user.keyboard('{PageDown}');
    expect(selectedTitle()).toBe('Story 0'); // from no selection, the first row
    await user.keyboard('{PageDown}');
    expect(selectedTitle()).toBe('Story 17');
    await user.keyboard('{PageDown}{PageDown}');
    expect(selectedTitle()).toBe('Story 39');
    await user.keyboard('{PageUp}');
    expect(selectedTitle()).toBe('Story 22');
    await user.keyboard('{PageUp}{PageUp}');
    expect(selectedTitle()).toBe('Story 0');
  });

  test('a date range keeps the articles of its days, for the list, the bulk actions and the export; × or Show every article clears it', async () => {
    // Three days apart at noon (UTC), so each lies in the same local day wherever the test runs, give or take one.
    const stories = Array.from({ length: 8 }, (_, i) => summary(`s${i}.md`, { title: `Story ${i}`, published: i % 2 === 1, publishedDateTime: new Date(Date.UTC(2024, 2, 1, 12) - 3 * i * 86_400_000).toISOString() }));
    const fake = fakeBridge([...stories, summary('undated.md', { title: 'Undated' })]);
    const user = userEvent.setup();
    render(<App bridge={fake.bridge} />);
    await waitFor(() => expect(screen.getByText(/9 articles/)).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Date from'), { target: { value: '2024-02-20' } });
    fireEvent.change(screen.getByLabelText('Date to'), { target: { value: '2024-02-25' } });
    expect(rowTitles()).toEqual(['Story 2', 'Story 3']); // 24 and 21 February; the undated one is in no range
    expect(screen.getByText(/· 2 shown/)).toBeTruthy();
    // Escape (or Enter) in a date field gives the keys back to the list, the range kept.
    screen.getByLabelText('Date to').focus();
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(screen.getByRole('grid', { name: 'Articles' }));
    await user.keyboard('j');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Story 2');
    await user.keyboard('{Shift>}P{/Shift}');
    expect(within(screen.getByRole('dialog')).getByText('The list shows 2 articles: 1 not approved, 1 approved.')).toBeTruthy();
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    const day = (date: number): string => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(2024, 1, date));
    expect(within(screen.getByRole('dialog')).getByRole('radio', { name: new RegExp(`current filter: ${day(20)} to ${day(25)}`) })).toBeTruthy();
    const range = { publishedFrom: new Date(2024, 1, 20).getTime(), publishedBefore: new Date(2024, 1, 26).getTime() };
    await waitFor(() => expect(fake.calls.filter((c) => c.name === 'previewExport').map((c) => c.args[0])).toContainEqual(expect.objectContaining(range)));
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Any date' }));
    expect(rowTitles()).toHaveLength(9);
    expect((screen.getByLabelText('Date from') as HTMLInputElement).value).toBe('');
    fireEvent.change(screen.getByLabelText('Date from'), { target: { value: '2030-01-01' } });
    expect(rowTitles()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Show every article' }));
    expect(rowTitles()).toHaveLength(9);
    expect(screen.queryByRole('button', { name: 'Any date' })).toBeNull();
  });

  test('approving down the drafts: the approved article leaves the rows, and j goes on to the one that followed it, k to the one before', async () => {
    const drafts = Array.from({ length: 6 }, (_, i) => summary(`d${i + 1}.md`, { title: `Draft ${i + 1}`, publishedDateTime: `2024-01-0${9 - i}T00:00:00Z` }));
    const fake = fakeBridge(drafts);
    const user = userEvent.setup();
    render(<App bridge={fake.bridge} />);
    await screen.findByRole('row', { name: /Draft 6/ });
    await user.click(screen.getByRole('radio', { name: 'Unpublished' }));
    const selectedTitle = () => screen.getByRole('row', { selected: true }).querySelector('.title-text')?.textContent;
    const approve = async (title: string) => {
      await user.keyboard('p');
      await waitFor(() => expect(screen.queryByRole('row', { name: new RegExp(title) })).toBeNull());
    };
    await user.click(screen.getByRole('row', { name: /Draft 2/ }));
    await approve('Draft 2');
    await user.keyboard('j');
    expect(selectedTitle()).toBe('Draft 3');
    await approve('Draft 3');
    await user.keyboard('k');
    expect(selectedTitle()).toBe('Draft 1');
    // The last one approved: j stays on what is now the last row.
    await user.click(screen.getByRole('row', { name: /Draft 6/ }));
    await approve('Draft 6');
    await user.keyboard('j');
    expect(selectedTitle()).toBe('Draft 5');
    expect(fake.calls.filter((c) => c.name === 'setPublished').map((c) => c.args[0])).toEqual(['d2.md', 'd3.md', 'd6.md']);
  });

  test('topics: add with autocomplete, remove by button and by Backspace', async () => {
    const { user, calls } = await setup();
    await user.click(screen.getByRole('row', { name: /Microsoft drops/ }));
    await user.keyboard('t');
    const input = screen.getByRole('combobox', { name: 'Add topic' });
    expect(document.activeElement).toBe(input);
    await user.keyboard('fo');
    expect(within(screen.getByRole('listbox', { name: 'Topic suggestions' })).getByRole('option', { name: 'Food' })).toBeTruthy();
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove topic Food' })).toBeTruthy());
    await user.click(screen.getByRole('button', { name: 'Remove topic AI' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Remove topic AI' })).toBeNull());
    await user.click(input);
    await user.keyboard('{Backspace}');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Remove topic Food' })).toBeNull());
    expect(calls.filter((c) => c.name === 'setTopics').map((c) => c.args[1])).toEqual([['AI', 'Microsoft AI', 'Food'], ['Microsoft AI', 'Food'], ['Microsoft AI']]);
  });

  test('topics changed again while the last change is still saving: each applies to what the one before left', async () => {
    const { user, calls, holdSaves } = await setup();
    await user.click(screen.getByRole('row', { name: /Microsoft drops/ }));
    await user.keyboard('t');
    const release = holdSaves();
    // Three Backspaces and a topic added, each pressed before the first change has saved.
    await user.keyboard('{Backspace}{Backspace}Wine{Enter}{Backspace}');
    release();
    await waitFor(() => expect(calls.filter((c) => c.name === 'setTopics')).toHaveLength(4));
    expect(calls.filter((c) => c.name === 'setTopics').map((c) => c.args[1])).toEqual([['AI'], [], ['Wine'], []]);
    await waitFor(() => expect(screen.queryAllByRole('button', { name: /^Remove topic/ })).toEqual([]));
    expect(screen.queryByText(/changed by another program/)).toBeNull();
  });

  test('keyboard in the fields: Escape clears the search, then goes back to the list; the suggestions wrap, Tab takes one, Escape clears and leaves', async () => {
    const { user, calls } = await setup();
    const search = screen.getByRole('searchbox', { name: 'Search articles' });
    const grid = screen.getByRole('grid', { name: 'Articles' });
    await user.keyboard('/');
    expect(document.activeElement).toBe(search);
    await user.keyboard('cafe');
    expect(rowTitles()).toEqual(['Café culture returns']);
    await user.keyboard('{Escape}');
    expect((search as HTMLInputElement).value).toBe('');
    expect(rowTitles()).toHaveLength(3);
    expect(document.activeElement).toBe(search);
    await user.keyboard('{Escape}');
    expect(grid.contains(document.activeElement)).toBe(true);
    await user.keyboard('/cafe{Enter}');
    expect(grid.contains(document.activeElement)).toBe(true);
    expect(rowTitles()).toEqual(['Café culture returns']); // Enter keeps the search

    await user.click(screen.getByRole('row', { name: /Café culture/ }));
    await user.keyboard('t');
    const input = screen.getByRole('combobox', { name: 'Add topic' });
    await user.keyboard('i');
    const options = () => within(screen.getByRole('listbox', { name: 'Topic suggestions' })).getAllByRole('option');
    expect(options().map((o) => o.textContent)).toEqual(['AI', 'Microsoft AI']);
    const active = () => document.getElementById(input.getAttribute('aria-activedescendant') ?? '')?.textContent;
    await user.keyboard('{ArrowUp}');
    expect(active()).toBe('Microsoft AI');
    await user.keyboard('{ArrowDown}');
    expect(active()).toBe('AI');
    await user.keyboard('{Tab}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove topic AI' })).toBeTruthy());
    expect(document.activeElement).toBe(input);
    await user.keyboard('micro');
    await user.keyboard('{Escape}');
    expect((input as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(input);
    await user.keyboard('{Escape}');
    expect(document.activeElement).not.toBe(input);
    await user.click(input);
    await user.keyboard('micro');
    fireEvent.mouseDown(within(screen.getByRole('listbox', { name: 'Topic suggestions' })).getByRole('option', { name: 'Microsoft AI' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove topic Microsoft AI' })).toBeTruthy());
    expect(calls.filter((c) => c.name === 'setTopics').map((c) => c.args[1])).toEqual([['Food', 'AI'], ['Food', 'AI', 'Microsoft AI']]);
  });

  test('the provider filter narrows the list to one provider', async () => {
    const { user } = await setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Provider' }), 'Le Monde');
    expect(rowTitles()).toEqual(['Café culture returns']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Provider' }), '');
    expect(rowTitles()).toHaveLength(3);
  });

  test('the library’s folder gone: the desk says so above the list until the folder is back, the editor’s place kept', async () => {
    const { user, emit } = await setup();
    await user.click(screen.getByRole('row', { name: /Microsoft drops/ }));
    act(() => emit({ type: 'gone', name: 'Test library' }));
    const banner = await screen.findByText(/The folder Test library is no longer where it was opened/);
    expect(banner.closest('[role="alert"]')).not.toBeNull();
    expect(screen.getByRole('alert').textContent).toMatch(/nothing in it can be read or\s+saved until it is back/);
    act(() => emit({ type: 'reloaded', name: 'Test library', library: 'library-1' }));
    await waitFor(() => expect(screen.queryByText(/no longer where it was opened/)).toBeNull());
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Microsoft drops emotion recognition');
  });

  test('a read-only file: the pane says so before any change, its switch is off limits and its topics are shown without the means to change them', async () => {
    const fake = fakeBridge([summary('ro.md', { title: 'A read-only story', topics: ['AI'] }), summary('rw.md', { title: 'A writable story', topics: ['AI'], publishedDateTime: '2020-01-01T00:00:00Z' })]);
    const user = userEvent.setup();
    render(<App bridge={fake.bridge} />);
    await user.click(await screen.findByRole('row', { name: /A read-only story/ }));
    await screen.findByText(/This file is marked read-only/);
    expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).disabled).toBe(true);
    const topics = screen.getByRole('region', { name: 'Topics' });
    expect(within(topics).getByText('AI')).toBeTruthy();
    expect(within(topics).queryByRole('button')).toBeNull();
    expect(within(topics).queryByRole('combobox')).toBeNull();
    await user.click(screen.getByRole('row', { name: /A writable story/ }));
    await waitFor(() => expect(screen.queryByText(/This file is marked read-only/)).toBeNull());
    expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).disabled).toBe(false);
    expect(within(screen.getByRole('region', { name: 'Topics' })).getByRole('button', { name: 'Remove topic AI' })).toBeTruthy();
  });

  test('a file the list knows is read-only: a padlock beside its state, and the pane says so at once; made writable, both go', async () => {
    const locked = summary('lk.md', { title: 'A locked story', readOnly: true });
    const fake = fakeBridge([locked, summary('rw.md', { title: 'A writable story' })]);
    const user = userEvent.setup();
    render(<App bridge={fake.bridge} />);
    const row = await screen.findByRole('row', { name: /A locked story/ });
    expect(within(row).getByRole('img', { name: 'read-only' })).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /A writable story/ })).queryByRole('img', { name: 'read-only' })).toBeNull();
    await user.click(row);
    // The fake's detail of this file does not say read-only: the note comes from the list's summary.
    expect(screen.getByText(/This file is marked read-only/)).toBeTruthy();
    expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).disabled).toBe(true);
    const { readOnly: _, ...writable } = locked;
    act(() => fake.emit({ type: 'changed', summary: writable }));
    await waitFor(() => expect(screen.queryByText(/This file is marked read-only/)).toBeNull());
    expect(within(screen.getByRole('row', { name: /A locked story/ })).queryByRole('img', { name: 'read-only' })).toBeNull();
    expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).disabled).toBe(false);
  });

  test('another library opened: its list, with no filter, selection or undo carried over from the last one; the same one reloaded keeps them', async () => {
    const { user, calls, emit, replaceLibrary } = await setup();
    await user.click(screen.getByRole('row', { name: /Microsoft drops/ }));
    await user.keyboard('p');
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).checked).toBe(true));
    await user.click(screen.getByRole('radio', { name: 'Unpublished' }));
    // Reload Library: the same library again.
    act(() => emit({ type: 'reloaded', name: 'Test library', library: 'library-1' }));
    await waitFor(() => expect(screen.getByRole('grid', { name: 'Articles' }).getAttribute('aria-busy')).toBe('false'));
    expect(screen.getByRole('radio', { name: 'Unpublished' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Microsoft drops emotion recognition');
    // Another library whose files happen to have the same names.
    replaceLibrary([summary('a.md', { title: 'Another desk’s article', published: true }), summary('z.md', { title: 'Only there' })], 'library-2');
    act(() => emit({ type: 'reloaded', name: 'Other library', library: 'library-2' }));
    await waitFor(() => expect(rowTitles()).toEqual(['Another desk’s article', 'Only there']));
    expect(screen.getByRole('radio', { name: 'All' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.queryByRole('row', { selected: true })).toBeNull();
    // Undo has nothing to undo here: it must not withdraw the other library's a.md.
    await user.keyboard('{Control>}z{/Control}');
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.filter((c) => c.name === 'setPublished').map((c) => c.args)).toEqual([['a.md', true]]);
    // Its own edits go through.
    await user.keyboard('j');
    await user.keyboard('p');
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).checked).toBe(false));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('an approval pressed on the last library while another opens is refused by main, and said so', async () => {
    const { user, calls, replaceLibrary } = await setup();
    await user.click(screen.getByRole('row', { name: /Microsoft drops/ }));
    // Main has opened another library; the desk has not heard yet.
    replaceLibrary([summary('a.md', { title: 'Another desk’s article' })], 'library-2');
    await user.keyboard('p');
    await waitFor(() => expect(screen.getByText(/in the library open before; nothing was changed/)).toBeTruthy());
    expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).checked).toBe(false);
    expect(calls.filter((c) => c.name === 'setPublished')).toHaveLength(1);
  });

  test('a file listing a topic twice, or an empty one: each chip removes itself alone, and any change writes a proper list', async () => {
    const messy = summary('m.md', { title: 'Messy topics', topics: ['AI', 'AI', '', 'Cloud'] });
    const fake = fakeBridge([messy]);
    const user = userEvent.setup();
    render(<App bridge={fake.bridge} />);
    await user.click(await screen.findByRole('row', { name: /Messy topics/ }));
    expect(screen.getAllByRole('button', { name: 'Remove topic AI' })).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Remove the empty topic' })).toBeTruthy();
    await user.click(screen.getAllByRole('button', { name: 'Remove topic AI' })[1]!);
    await waitFor(() => expect(screen.getAllByRole('button', { name: /^Remove topic/ })).toHaveLength(2));
    expect(fake.calls.filter((c) => c.name === 'setTopics').map((c) => c.args[1])).toEqual([['AI', 'Cloud']]);
  });

  test('topics changed by another program since the desk showed them are not overwritten, by an edit or by undo', async () => {
    const { user, calls, changeOnDisk } = await setup();
    await user.click(screen.getByRole('row', { name: /Café culture/ }));
    await user.keyboard('t');
    await user.keyboard('Wine{Enter}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove topic Wine' })).toBeTruthy());
    await user.click(screen.getByRole('button', { name: 'Remove topic Food' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Remove topic Food' })).toBeNull());
    // Another program replaces the topics.
    const theirs = summary('b.md', { title: 'Café culture returns', excerpt: 'Espresso', providerName: 'Le Monde', publishedDateTime: '2022-07-04T10:00:00Z', topics: ['Coffee'], published: true });
    act(() => changeOnDisk(theirs));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove topic Coffee' })).toBeTruthy());
    // Undo would put back [Food, Wine] over their [Coffee]: refused, said, and their list stays.
    await user.keyboard('{Escape}{Control>}z{/Control}');
    await waitFor(() => expect(screen.getByText(/^Could not undo: the topics of b\.md were changed by another program/)).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Remove topic Coffee' })).toBeTruthy();
    // That undo is taken off the list, so the next reaches the edit before it (refused too, for the same reason), and then there is none.
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(calls.filter((c) => c.name === 'setTopics')).toHaveLength(4));
    await user.keyboard('{Control>}z{/Control}');
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.filter((c) => c.name === 'setTopics').map((c) => c.args[1])).toEqual([['Food', 'Wine'], ['Wine'], ['Food', 'Wine'], ['Food']]);
    expect(screen.getByRole('button', { name: 'Remove topic Coffee' })).toBeTruthy();
  });

  test('a conflict is said plainly and the article keeps the other version', async () => {
    const { user, conflictNext } = await setup();
    await user.click(screen.getByRole('row', { name: /Microsoft drops/ }));
    conflictNext();
    await user.keyboard('p');
    expect(await screen.findByText(/Conflict/)).toBeTruthy();
    expect(screen.getAllByText(/changed by another program/).length).toBeGreaterThan(0);
    expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).checked).toBe(false);
  });

  test('a broken file is listed with its error and cannot be toggled', async () => {
    const { user } = await setup();
    await user.click(screen.getByRole('row', { name: /Broken file/ }));
    expect(screen.getByText(/line 3, column 1: YAML syntax: unexpected end/)).toBeTruthy();
    // The source shows the file with the error's line marked, where the editor fixes it.
    const source = await screen.findByLabelText('Source file');
    expect(source.textContent).toBe('---\ntitle: Broken file\n---\n');
    const marks = source.querySelectorAll('mark');
    expect(Array.from(marks, (m) => [m.className, m.textContent, m.getAttribute('title')])).toEqual([['line-error', '---\n', 'Error: YAML syntax: unexpected end']]);
  });

  test('article text is never run as HTML, and opaque tokens are shortened', async () => {
    const { user } = await setup();
    await user.click(screen.getByRole('row', { name: /Microsoft drops/ }));
    await screen.findByText(/<iframe src="https:\/\/evil.example"><\/iframe><script>/);
    expect(document.querySelector('iframe')).toBeNull();
    expect(document.querySelector('.review-pane script')).toBeNull();
    expect((window as { hacked?: number }).hacked).toBeUndefined();
    expect(screen.getByText(/AAAAAAAAAAAA…AAAAAA \(200 characters\)/)).toBeTruthy();
  });

  test('a file changed elsewhere in what the list does not show is read again for the review pane', async () => {
    const { user, calls, emit } = await setup();
    const reads = () => calls.filter((c) => c.name === 'readArticle').length;
    await user.click(screen.getByRole('row', { name: /Microsoft drops/ }));
    await waitFor(() => expect(reads()).toBe(1));
    // Its summary as it was (the list keeps its rows, see store.test.ts): only the pane reads it again.
    act(() => emit({ type: 'changed', summary: { ...library[0]! } }));
    await waitFor(() => expect(reads()).toBe(2));
    // Another article's file: nothing to read again.
    act(() => emit({ type: 'changed', summary: { ...library[1]! } }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads()).toBe(2);
  });

  test('files changed by other programs update the list live', async () => {
    const { emit } = await setup();
    act(() => emit({ type: 'added', summary: summary('d.md', { title: 'Just arrived', publishedDateTime: '2023-01-01T00:00:00Z' }) }));
    await waitFor(() => expect(rowTitles()[0]).toBe('Just arrived'));
    act(() => emit({ type: 'removed', id: 'b.md' }));
    await waitFor(() => expect(rowTitles()).not.toContain('Café culture returns'));
    expect(screen.getByText(/3 articles · 0 published/)).toBeTruthy();
    // A burst (a pull that changed many files) is shown together, as if each came alone.
    act(() => {
      emit({ type: 'changed', summary: { ...library[0]!, title: 'Retitled by a pull' } });
      emit({ type: 'added', summary: summary('e.md', { title: 'Pulled in', publishedDateTime: '2024-01-01T00:00:00Z', published: true }) });
      emit({ type: 'removed', id: 'c.md' });
      emit({ type: 'removed', id: 'absent.md' });
    });
    await waitFor(() => expect(rowTitles()).toEqual(['Pulled in', 'Just arrived', 'Retitled by a pull']));
    expect(screen.getByText(/3 articles · 1 published · 0 with problems/)).toBeTruthy();
  });
});

describe('approving or withdrawing every article shown', () => {
  const published = () => (screen.getByText(/\d+ published ·/).textContent ?? '').match(/(\d+) published/)?.[1];

  test('an undo of many while the library’s folder is gone waits for it, even when the folder goes part way', async () => {
    const { user, calls, emit, bridge } = await setup();
    await user.keyboard('{Shift>}P{/Shift}');
    const dialog = screen.getByRole('dialog', { name: 'Bulk actions on the articles shown' });
    await user.click(within(dialog).getByRole('button', { name: 'Approve 1 article' }));
    await within(dialog).findByText('1 article approved. Ctrl+Z undoes it.');
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    const many = () => calls.filter((c) => c.name === 'setPublishedMany').length;
    act(() => emit({ type: 'gone', name: 'Test library' }));
    await user.keyboard('{Control>}z{/Control}');
    await screen.findByText(/Undo waits: the folder Test library is no longer where it was opened/);
    expect(many()).toBe(1); // nothing was asked of main
    // Back; then gone again while the undo is under way: every article fails, and the step stays.
    act(() => emit({ type: 'reloaded', name: 'Test library', library: 'library-1' }));
    const setPublishedMany = bridge.setPublishedMany;
    const goneMidway: Bridge['setPublishedMany'] = async (ids) => {
      calls.push({ name: 'setPublishedMany', args: [ids, 'gone'] });
      emit({ type: 'gone', name: 'Test library' });
      return ok({ saved: [], failed: ids.map((id) => ({ id, message: 'the library folder Test library is no longer where it was opened' })) });
    };
    Object.assign(bridge, { setPublishedMany: goneMidway });
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(screen.getAllByText(/Undo waits: the folder Test library/)).toHaveLength(2));
    expect(many()).toBe(2);
    Object.assign(bridge, { setPublishedMany });
    act(() => emit({ type: 'reloaded', name: 'Test library', library: 'library-1' }));
    await user.keyboard('{Control>}z{/Control}');
    await screen.findByText('Undone: 1 article withdrawn.');
    expect(calls.filter((c) => c.name === 'setPublishedMany').map((c) => c.args)).toEqual([[['a.md'], true], [['a.md'], 'gone'], [['a.md'], false]]);
  });

  test('Shift+P counts what the list shows; one press approves the drafts, and Ctrl+Z undoes them all as one step', async () => {
    const { user, calls } = await setup();
    await user.keyboard('{Shift>}P{/Shift}');
    const dialog = screen.getByRole('dialog', { name: 'Bulk actions on the articles shown' });
    expect(within(dialog).getByText('The list shows 3 articles: 1 not approved, 1 approved.')).toBeTruthy();
    expect(within(dialog).getByText(/1 article with errors is left as it is/)).toBeTruthy();
    // The main action has the focus, and the desk behind cannot be reached.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Approve 1 article' }));
    expect(screen.getByRole('grid', { name: 'Articles' }).closest('[inert]')).not.toBeNull();
    await user.keyboard('p'); // the desk's keys wait while the dialog is open
    fireEvent.keyDown(window, { key: 'P' }); // and Caps Lock's P too
    await user.click(within(dialog).getByRole('button', { name: 'Approve 1 article' }));
    expect(await within(dialog).findByText('1 article approved. Ctrl+Z undoes it.')).toBeTruthy();
    expect(calls.filter((c) => c.name === 'setPublishedMany' || c.name === 'setPublished').map((c) => c.args)).toEqual([[['a.md'], true]]);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(published()).toBe('2');
    await user.keyboard('{Control>}z{/Control}');
    await screen.findByText('Undone: 1 article withdrawn.');
    expect(published()).toBe('1');
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await screen.findByText('Redone: 1 article approved.');
    expect(published()).toBe('2');
    expect(calls.filter((c) => c.name === 'setPublishedMany').map((c) => c.args)).toEqual([[['a.md'], true], [['a.md'], false], [['a.md'], true]]);
  });

  test('only the rows the filter shows; withdrawing them; Escape closes without a change', async () => {
    const { user, calls } = await setup();
    await user.type(screen.getByRole('searchbox', { name: 'Search articles' }), 'café');
    await user.click(screen.getByRole('button', { name: 'Bulk actions…' }));
    let dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('The list shows 1 article: 0 not approved, 1 approved.')).toBeTruthy();
    expect((within(dialog).getByRole('button', { name: 'Approve 0 articles' }) as HTMLButtonElement).disabled).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Bulk actions…' }));
    dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Withdraw 1 article' }));
    expect(await within(dialog).findByText('1 article withdrawn. Ctrl+Z undoes it.')).toBeTruthy();
    expect(calls.filter((c) => c.name === 'setPublishedMany').map((c) => c.args)).toEqual([[['b.md'], false]]);
  });

  test('a long change goes a hundred at a time with progress, and Stop ends it there: the undo changes back only those', async () => {
    const many = Array.from({ length: 250 }, (_, i) => summary(`d${String(i).padStart(3, '0')}.md`, { title: `Draft ${i}` }));
    const fake = fakeBridge(many, 100);
    const gates: (() => void)[] = [];
    const bridge: Bridge = {
      ...fake.bridge,
      setPublishedMany: async (...args) => {
        await new Promise<void>((resolve) => gates.push(resolve));
        return fake.bridge.setPublishedMany(...args);
      },
    };
    const user = userEvent.setup();
    render(<App bridge={bridge} />);
    await waitFor(() => expect(screen.getByText(/250 articles/)).toBeTruthy());
    await waitFor(() => expect(screen.getByRole('grid', { name: 'Articles' }).getAttribute('aria-busy')).toBe('false'));
    await user.keyboard('{Shift>}P{/Shift}');
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Approve 250 articles' }));
    await waitFor(() => expect(gates).toHaveLength(1));
    expect(within(dialog).getByText('Approving: 0 of 250…')).toBeTruthy();
    act(() => gates.shift()!());
    await within(dialog).findByText('Approving: 100 of 250…');
    await waitFor(() => expect(gates).toHaveLength(1));
    await user.click(within(dialog).getByRole('button', { name: 'Stop' }));
    act(() => gates.shift()!());
    expect(await within(dialog).findByText('Stopped after 200 of 250: 200 articles approved. Ctrl+Z undoes it.')).toBeTruthy();
    const sent = fake.calls.filter((c) => c.name === 'setPublishedMany').map((c) => c.args[0] as string[]);
    expect(sent.map((ids) => ids.length)).toEqual([100, 100]);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(published()).toBe('200');
    expect(screen.queryByLabelText('Withdrawing')).toBeNull();
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(gates).toHaveLength(1));
    // An undo of many articles shows how far it is in the toolbar.
    expect(screen.getByText(/withdrawing 0 of 200/)).toBeTruthy();
    expect(screen.getByLabelText('Withdrawing')).toBeTruthy();
    act(() => gates.shift()!());
    await waitFor(() => expect(gates).toHaveLength(1));
    act(() => gates.shift()!());
    await screen.findByText('Undone: 200 articles withdrawn.');
    expect(published()).toBe('0');
    expect(screen.queryByLabelText('Withdrawing')).toBeNull();
    const undone = fake.calls.filter((c) => c.name === 'setPublishedMany').slice(2).flatMap((c) => c.args[0] as string[]);
    expect(undone).toEqual(sent.flat());
  });

  test('an undo of many articles can be stopped from the toolbar: what it did can be redone, and the next undo goes on with the rest', async () => {
    const many = Array.from({ length: 250 }, (_, i) => summary(`d${String(i).padStart(3, '0')}.md`, { title: `Draft ${i}` }));
    const fake = fakeBridge(many, 100);
    let gated = false;
    const gates: (() => void)[] = [];
    const bridge: Bridge = {
      ...fake.bridge,
      setPublishedMany: async (...args) => {
        if (gated) await new Promise<void>((resolve) => gates.push(resolve));
        return fake.bridge.setPublishedMany(...args);
      },
    };
    const user = userEvent.setup();
    render(<App bridge={bridge} />);
    await waitFor(() => expect(screen.getByRole('grid', { name: 'Articles' }).getAttribute('aria-busy')).toBe('false'));
    await user.keyboard('{Shift>}P{/Shift}');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Approve 250 articles' }));
    await user.click(await screen.findByRole('button', { name: 'Done' }));
    expect(published()).toBe('250');
    gated = true;
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(gates).toHaveLength(1));
    act(() => gates.shift()!());
    await waitFor(() => expect(gates).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    act(() => gates.shift()!());
    await screen.findByText('Undo stopped: 200 articles withdrawn; 50 articles left to undo, which Ctrl+Z goes on with.');
    expect(document.activeElement).toBe(screen.getByRole('grid', { name: 'Articles' }));
    expect(published()).toBe('50');
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    gated = false;
    await user.keyboard('{Control>}z{/Control}');
    await screen.findByText('Undone: 50 articles withdrawn.');
    expect(published()).toBe('0');
    // The redo list holds both parts: the last one undone first.
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await screen.findByText('Redone: 50 articles approved.');
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await screen.findByText('Redone: 200 articles approved.');
    expect(published()).toBe('250');
    const sent = fake.calls.filter((c) => c.name === 'setPublishedMany').map((c) => [(c.args[0] as string[]).length, c.args[1]]);
    expect(sent).toEqual([[100, true], [100, true], [50, true], [100, false], [100, false], [50, false], [50, true], [100, true], [100, true]]);
  });

  test('the menu opens the dialog too, never over the export dialog, and the export menu waits while it is open', async () => {
    const { emit } = await setup();
    act(() => emit({ type: 'command', command: 'export' }));
    expect(screen.getByRole('dialog', { name: 'Export approved articles' })).toBeTruthy();
    act(() => emit({ type: 'command', command: 'approve-shown' }));
    expect(screen.getAllByRole('dialog')).toEqual([screen.getByRole('dialog', { name: 'Export approved articles' })]);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    act(() => emit({ type: 'command', command: 'approve-shown' }));
    expect(screen.getByRole('dialog', { name: 'Bulk actions on the articles shown' })).toBeTruthy();
    act(() => emit({ type: 'command', command: 'export' }));
    expect(screen.getAllByRole('dialog')).toEqual([screen.getByRole('dialog', { name: 'Bulk actions on the articles shown' })]);
  });

  test('a topic added to every article shown, and removed from them; one undo puts back every list', async () => {
    const { user, calls } = await setup();
    await user.keyboard('{Shift>}P{/Shift}');
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByRole('combobox', { name: 'Topic to add to every article shown' }), 'Europe');
    expect(within(dialog).getByRole('button', { name: 'Add to 2 articles' })).toBeTruthy();
    await user.keyboard('{Enter}'); // as the button
    expect(await within(dialog).findByText('“Europe” added to 2 articles. Ctrl+Z undoes it.')).toBeTruthy();
    expect(calls.filter((c) => c.name === 'setTopicsMany').map((c) => c.args[0])).toEqual([
      [
        { id: 'a.md', topics: ['AI', 'Microsoft AI', 'Europe'], from: ['AI', 'Microsoft AI'] },
        { id: 'b.md', topics: ['Food', 'Europe'], from: ['Food'] },
      ],
    ]);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(within(screen.getByRole('grid', { name: 'Articles' })).getByRole('row', { name: /Café culture/ }).textContent).toContain('Food, Europe');
    await user.keyboard('{Control>}z{/Control}');
    await screen.findByText('Undone: the topics of 2 articles put back.');
    expect(calls.filter((c) => c.name === 'setTopicsMany').at(-1)?.args[0]).toEqual([
      { id: 'a.md', topics: ['AI', 'Microsoft AI'], from: ['AI', 'Microsoft AI', 'Europe'] },
      { id: 'b.md', topics: ['Food'], from: ['Food', 'Europe'] },
    ]);
    // Removing: the topics the articles shown hold, with how many hold each.
    await user.keyboard('{Shift>}P{/Shift}');
    const again = screen.getByRole('dialog');
    await user.selectOptions(within(again).getByRole('combobox', { name: 'Topic to remove or rename in every article shown' }), 'AI (1)');
    await user.click(within(again).getByRole('button', { name: 'Remove from 1 article' }));
    expect(await within(again).findByText('“AI” removed from 1 article. Ctrl+Z undoes it.')).toBeTruthy();
    expect(calls.filter((c) => c.name === 'setTopicsMany').at(-1)?.args[0]).toEqual([{ id: 'a.md', topics: ['Microsoft AI'], from: ['AI', 'Microsoft AI'] }]);
  });

  test('a topic renamed in every article shown, in its place; one undo gives each article its list back', async () => {
    const { user, calls } = await setup();
    await user.keyboard('{Shift>}P{/Shift}');
    const dialog = screen.getByRole('dialog');
    const newName = within(dialog).getByRole('combobox', { name: 'New name for that topic' });
    await user.type(newName, 'Artificial intelligence');
    expect((within(dialog).getByRole('button', { name: 'Rename' }) as HTMLButtonElement).disabled).toBe(true); // no topic chosen yet
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Topic to remove or rename in every article shown' }), 'AI (1)');
    expect(within(dialog).getByRole('button', { name: 'Rename in 1 article' })).toBeTruthy();
    await user.click(newName);
    await user.keyboard('{Enter}'); // as the button
    expect(await within(dialog).findByText('“AI” renamed to “Artificial intelligence” in 1 article. Ctrl+Z undoes it.')).toBeTruthy();
    expect(calls.filter((c) => c.name === 'setTopicsMany').map((c) => c.args[0])).toEqual([[{ id: 'a.md', topics: ['Artificial intelligence', 'Microsoft AI'], from: ['AI', 'Microsoft AI'] }]]);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await user.keyboard('{Control>}z{/Control}');
    await screen.findByText('Undone: the topics of 1 article put back.');
    expect(calls.filter((c) => c.name === 'setTopicsMany').at(-1)?.args[0]).toEqual([{ id: 'a.md', topics: ['AI', 'Microsoft AI'], from: ['Artificial intelligence', 'Microsoft AI'] }]);
  });

  test('an article that could not be changed is named with the reason, and the rest are changed', async () => {
    const { user, conflictNext } = await setup();
    await user.click(screen.getByRole('radio', { name: 'Published' }));
    await user.keyboard('{Shift>}P{/Shift}');
    const dialog = screen.getByRole('dialog');
    conflictNext();
    await user.click(within(dialog).getByRole('button', { name: 'Withdraw 1 article' }));
    expect(await within(dialog).findByText('0 articles withdrawn.')).toBeTruthy();
    expect(within(dialog).getByText(/1 article could not be changed, and is left as it was/)).toBeTruthy();
    expect(within(dialog).getByRole('list', { name: 'Articles that could not be changed' }).textContent).toBe('b.md: b.md was changed by another program; their version is kept');
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await user.keyboard('{Control>}z{/Control}'); // nothing was changed: nothing to undo
    expect(published()).toBe('1');
  });
});

describe('the line between the list and the review pane', () => {
  afterEach(() => window.localStorage.clear());
  const line = () => screen.getByRole('separator', { name: 'Width of the list' });

  // jsdom does not take the panes' columns (it parses no min() in them): the browser test checks the layout.
  test('its keys move it, not the list; the width is remembered for the next start', async () => {
    const { user } = await setup();
    await user.keyboard('jj');
    const selected = () => screen.getByRole('row', { selected: true }).textContent;
    const before = selected();
    expect(before).toMatch(/Café culture/);
    expect(line().getAttribute('aria-valuenow')).toBe('59');
    expect(line().getAttribute('aria-controls')).toBe(screen.getByRole('region', { name: 'Article list' }).id);
    line().focus();
    await user.keyboard('{ArrowRight}');
    expect(line().getAttribute('aria-valuenow')).toBe('61');
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}');
    expect(line().getAttribute('aria-valuenow')).toBe('71');
    await user.keyboard('{Home}'); // on the desk, Home selects the first article
    expect(line().getAttribute('aria-valuenow')).toBe('30');
    expect(line().getAttribute('aria-valuetext')).toBe('The list takes 30% of the width');
    expect(selected()).toBe(before);
    await user.keyboard('{End}');
    expect(line().getAttribute('aria-valuenow')).toBe('80');
    expect(selected()).toBe(before);
    await user.keyboard('{ArrowLeft}');
    expect(window.localStorage.getItem('masthead.listShare')).toBe('0.78');
    cleanup();
    await setup();
    expect(line().getAttribute('aria-valuenow')).toBe('78');
    line().focus();
    await user.keyboard('{Enter}');
    expect(line().getAttribute('aria-valuenow')).toBe('59');
    expect(window.localStorage.getItem('masthead.listShare')).toBe('0.59');
  });

  test('a drag moves it to the pointer; the width is remembered when the drag ends', async () => {
    await setup();
    const panes = screen.getByRole('main');
    // Panes this wide leave the line its whole reach (30-80%): the list's and the pane's narrowest are far inside it.
    panes.getBoundingClientRect = () => ({ left: 0, top: 0, width: 2007, height: 800, right: 2007, bottom: 800, x: 0, y: 0, toJSON: () => ({}) });
    // jsdom has no pointer capture
    line().setPointerCapture = () => {};
    line().releasePointerCapture = () => {};
    line().hasPointerCapture = () => true;
    fireEvent.pointerDown(line(), { button: 0, pointerId: 1, clientX: 600 });
    fireEvent.pointerMove(line(), { pointerId: 1, clientX: 1403.5 });
    expect(line().getAttribute('aria-valuenow')).toBe('70');
    expect(window.localStorage.getItem('masthead.listShare')).toBeNull(); // not at every move
    fireEvent.pointerMove(line(), { pointerId: 1, clientX: 5 });
    expect(line().getAttribute('aria-valuenow')).toBe('30'); // no narrower than the line allows
    fireEvent.pointerMove(line(), { pointerId: 1, clientX: 903.5 });
    fireEvent.pointerUp(line(), { pointerId: 1, clientX: 903.5 });
    expect(line().getAttribute('aria-valuenow')).toBe('45');
    expect(window.localStorage.getItem('masthead.listShare')).toBe('0.45');
    fireEvent.pointerMove(line(), { pointerId: 1, clientX: 1603.5 }); // the button is up: no drag
    expect(line().getAttribute('aria-valuenow')).toBe('45');
    fireEvent.doubleClick(line());
    expect(line().getAttribute('aria-valuenow')).toBe('59');
  });
});

describe('the list of keyboard shortcuts', () => {
  test('? opens it over the desk; it names the keys, Escape closes it, and the keys go back to the list', async () => {
    const { user, calls } = await setup();
    await user.keyboard('j');
    const list = screen.getByRole('grid', { name: 'Articles' });
    list.focus();
    await user.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const group of ['The list', 'The selected article', /^The line between the panes/, 'Everywhere']) expect(within(dialog).getByRole('table', { name: group })).toBeTruthy();
    const row = (does: RegExp) => within(dialog).getByRole('row', { name: does });
    expect(row(/Next article/).textContent).toBe('↓ or jNext article');
    expect(row(/Approve it/).textContent).toBe('p or SpaceApprove it, or withdraw its approval');
    expect(row(/^Shift\+P /).textContent).toMatch(/^Shift\+PBulk actions/);
    expect(row(/^Ctrl\+Z /).textContent).toBe('Ctrl+ZUndo the last approval or topic change');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
    expect(list.closest('[inert]')).not.toBeNull();
    await user.keyboard('p'); // the desk's keys wait while it is open
    expect(calls.some((c) => c.name === 'setPublished')).toBe(false);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(list);
    await user.keyboard('p');
    expect(calls.filter((c) => c.name === 'setPublished').map((c) => c.args)).toEqual([['a.md', true]]);
  });

  test('the toolbar button and the Help menu open it; a ? typed in the search is text', async () => {
    const { user, emit } = await setup();
    await user.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    act(() => emit({ type: 'command', command: 'shortcuts' }));
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    // One dialog at a time: the other menu commands wait while it is open.
    act(() => emit({ type: 'command', command: 'export' }));
    act(() => emit({ type: 'command', command: 'approve-shown' }));
    expect(screen.getAllByRole('dialog')).toEqual([screen.getByRole('dialog', { name: 'Keyboard shortcuts' })]);
    await user.keyboard('{Escape}');
    const search = screen.getByRole('searchbox', { name: 'Search articles' }) as HTMLInputElement;
    await user.type(search, 'why?');
    expect(search.value).toBe('why?');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  test('behind a dialog the menu’s Undo changes no article; in the dialog’s text field it edits the text', async () => {
    const { user, emit, calls } = await setup();
    await user.keyboard('jp');
    await waitFor(() => expect(calls.filter((c) => c.name === 'setPublished')).toHaveLength(1));
    await user.keyboard('{Shift>}P{/Shift}');
    const field = within(screen.getByRole('dialog')).getByRole('combobox', { name: 'Topic to add to every article shown' });
    // jsdom has no execCommand: this one records what the browser would be asked.
    const execCommand = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { configurable: true, value: execCommand });
    act(() => emit({ type: 'command', command: 'undo' })); // the focus on a button of the dialog
    expect(execCommand).not.toHaveBeenCalled();
    field.focus();
    act(() => emit({ type: 'command', command: 'undo' }));
    expect(execCommand).toHaveBeenCalledWith('undo');
    Reflect.deleteProperty(document, 'execCommand');
    await user.keyboard('{Escape}');
    expect(calls.filter((c) => c.name === 'setPublished').map((c) => c.args)).toEqual([['a.md', true]]);
    act(() => emit({ type: 'command', command: 'undo' }));
    await waitFor(() => expect(calls.filter((c) => c.name === 'setPublished').map((c) => c.args)).toEqual([['a.md', true], ['a.md', false]]));
  });
});

describe('the export dialog', () => {
  test('previews, chooses a destination, exports with progress and offers to show the folder', async () => {
    const { user, calls } = await setup();
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    const dialog = screen.getByRole('dialog', { name: 'Export approved articles' });
    expect(await within(dialog).findByText(/1 article will be exported/)).toBeTruthy();
    expect(within(dialog).getByText(/held back by errors/)).toBeTruthy();
    expect((within(dialog).getByRole('radio', { name: /current filter/ }) as HTMLInputElement).disabled).toBe(true);
    expect((within(dialog).getByRole('button', { name: /^Export 1 article/ }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(dialog).getByRole('radio', { name: 'CSV (spreadsheets)' }));
    await user.click(within(dialog).getByRole('checkbox', { name: /byte-order mark/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Choose destination…' }));
    expect(within(dialog).getByText('exports/library-approved.csv')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: /^Export 1 article/ }));
    expect(await within(dialog).findByText(/Exported 1 article to/)).toBeTruthy();
    expect(calls.find((c) => c.name === 'runExport')?.args).toEqual([{ format: 'csv', query: undefined, csvBom: true }]);
    await user.click(within(dialog).getByRole('button', { name: 'Show in folder' }));
    expect(calls.some((c) => c.name === 'revealExport')).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  test('the approved part of the current filter; Escape closes', async () => {
    const { user, calls } = await setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Topic' }), 'Food');
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: /^The approved part of the current filter: topic Food/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Choose destination…' }));
    await user.click(within(dialog).getByRole('button', { name: /^Export 1 article/ }));
    await within(dialog).findByText(/Exported/);
    expect(calls.find((c) => c.name === 'runExport')?.args[0]).toMatchObject({ format: 'files', query: { status: 'all', topic: 'Food' } });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  test('while the full check runs, the dialog says the count waits for it', async () => {
    const fake = fakeBridge(library);
    let answer: (value: Awaited<ReturnType<typeof fake.bridge.previewExport>>) => void = () => undefined;
    const bridge: Bridge = { ...fake.bridge, previewExport: () => new Promise((resolve) => (answer = resolve)) };
    const user = userEvent.setup();
    render(<App bridge={bridge} />);
    await screen.findByRole('row', { name: /Microsoft drops/ });
    act(() => fake.emit({ type: 'check-progress', done: 1200, total: 3000 }));
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText(/Counting the approved articles… They are known once every file is checked: 1,200 of 3,000 so far\./)).toBeTruthy();
    act(() => answer(ok({ count: 1, withWarnings: 0, heldBack: [] })));
    expect(await within(dialog).findByText(/1 article will be exported/)).toBeTruthy();
    expect(within(dialog).queryByText(/Counting/)).toBeNull();
  });

  test('nothing approved in the scope: nothing to export, so no empty export can replace the last one', async () => {
    const { user, calls } = await setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Topic' }), 'AI');
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: /current filter/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Choose destination…' }));
    expect(await within(dialog).findByText(/0 articles will be exported/)).toBeTruthy();
    expect((within(dialog).getByRole('button', { name: 'Nothing to export' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(dialog).getByRole('radio', { name: /Every approved article/ }));
    expect((within(dialog).getByRole('button', { name: /^Export 1 article/ }) as HTMLButtonElement).disabled).toBe(false);
    expect(calls.filter((c) => c.name === 'runExport')).toEqual([]);
  });
});

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
