// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../renderer/components/App.js';
import { SHOWN_CHARS } from '../../renderer/format.js';
import { library, rowTitles, setup } from '../helpers/desk.js';
import { fakeBridge, summary } from '../helpers/fake-bridge.js';
import { SLICED_FROM } from '../../renderer/state/use-list-view.js';
import { type Bridge } from '../../shared/contract.js';
import { fail, ok } from '../../shared/result.js';

afterEach(() => {
  cleanup();
  window.localStorage.clear(); // the sort the desk remembers
});

describe('the desk', () => {
  test('lists every article with live counts, newest first, the library named in the window’s title', async () => {
    await setup();
    expect(document.title).toBe('Test library — Masthead');
    expect(rowTitles()).toEqual(['Microsoft drops emotion recognition', 'Café culture returns', 'Broken file']);
    expect(screen.getByText(/3 articles · 1 published · 1 with problems/)).toBeTruthy();
  });

  test('while a library opens, the counts say it is opening, not that it holds nothing; then they count it', async () => {
    const fake = fakeBridge(library, 2);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const list = fake.bridge.listArticles;
    render(<App bridge={{ ...fake.bridge, listArticles: async (...args) => (await held, list(...args)) }} />);
    act(() => fake.emit({ type: 'open-progress', done: 40_000, total: 100_000 }));
    expect(await screen.findByRole('progressbar', { name: 'Opening the library' })).toBeTruthy();
    const counts = document.querySelector('.statusbar .counts')!;
    expect(counts.textContent).toBe('Opening the library…');
    release();
    await waitFor(() => expect(counts.textContent).toBe('3 articles · 1 published · 1 with problems'));
  });

  test('a cell cut short says the whole on hover: the title with its file, the provider, the topics', async () => {
    await setup();
    const hover = (row: string): (string | null)[] =>
      Array.from(screen.getByRole('row', { name: new RegExp(row) }).querySelectorAll('.col-title, .col-provider, .col-topics'), (cell) => cell.getAttribute('title'));
    expect(hover('Microsoft drops')).toEqual(['Microsoft drops emotion recognition\na.md', 'IT Business Edge', 'AI, Microsoft AI']);
    // Cells with nothing in them say nothing on hover.
    expect(hover('Broken file')).toEqual(['Broken file\nc.md', null, null]);
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

  test('sorting by a column header, remembered for the next start', async () => {
    const { user } = await setup();
    await user.click(screen.getByRole('button', { name: /^Title/ }));
    expect(rowTitles()).toEqual(['Broken file', 'Café culture returns', 'Microsoft drops emotion recognition']);
    expect(screen.getByRole('columnheader', { name: /Title/ }).getAttribute('aria-sort')).toBe('ascending');
    await user.click(screen.getByRole('button', { name: /^Title/ }));
    expect(window.localStorage.getItem('masthead.sort')).toBe('title desc');
    cleanup();
    await setup();
    expect(screen.getByRole('columnheader', { name: /Title/ }).getAttribute('aria-sort')).toBe('descending');
    expect(rowTitles()).toEqual(['Microsoft drops emotion recognition', 'Café culture returns', 'Broken file']);
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

  test('keyboard: j/k move, p or Space publishes, Ctrl+Z undoes and Ctrl+Shift+Z or Ctrl+Y redoes', async () => {
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
    // Space withdraws as p does; Ctrl+Y redoes as Ctrl+Shift+Z does.
    await user.keyboard(' ');
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).checked).toBe(false));
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).checked).toBe(true));
    await user.keyboard('{Control>}y{/Control}');
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).checked).toBe(false));
    expect(calls.filter((c) => c.name === 'setPublished').map((c) => c.args)).toEqual([['a.md', true], ['a.md', false], ['a.md', true], ['a.md', false], ['a.md', true], ['a.md', false]]);
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
    expect(screen.getByText('No articles match these filters.')).toBeTruthy();
    // A range typed the wrong way round says so.
    fireEvent.change(screen.getByLabelText('Date to'), { target: { value: '2024-02-25' } });
    expect(rowTitles()).toEqual([]);
    expect(screen.getByText('No articles match these filters: the date range ends before it starts.')).toBeTruthy();
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

  test('a topic typed in another case or without its accents is added as the library spells it', async () => {
    const { user, calls } = await setup();
    await user.click(screen.getByRole('row', { name: /Café culture/ }));
    await user.keyboard('t');
    const input = screen.getByRole('combobox', { name: 'Add topic' });
    // Each time, the field says what Enter will do with what is typed, where that is not plain.
    const hint = () => (input.getAttribute('aria-describedby') === null ? null : document.getElementById(input.getAttribute('aria-describedby')!)!.textContent);
    await user.keyboard('microsoft ai');
    expect(hint()).toBe('Enter adds “Microsoft AI”, as the library spells it; ↓ picks a suggestion');
    await user.keyboard('{ArrowDown}');
    expect(hint()).toBeNull(); // a suggestion picked: Enter adds that one
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove topic Microsoft AI' })).toBeTruthy());
    // One the article has already: nothing to add.
    await user.keyboard('FOOD');
    expect(hint()).toBe('“Food” is a topic of this article already');
    await user.keyboard('{Enter}');
    // One the library does not have: as typed.
    await user.keyboard('Cafés');
    expect(hint()).toBe('Enter adds “Cafés”, new to the library');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove topic Cafés' })).toBeTruthy());
    expect(calls.filter((c) => c.name === 'setTopics').map((c) => c.args[1])).toEqual([['Food', 'Microsoft AI'], ['Food', 'Microsoft AI', 'Cafés']]);
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

  test('keyboard in the fields: Escape clears the search, then goes back to the list; the suggestions wrap, Tab takes one, Escape clears, then goes back to the list', async () => {
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
    expect(document.activeElement).toBe(grid); // the keys back on the list, as from the search
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
    expect(within(topics).queryByText('None')).toBeNull();
    // With no topic and no field to add one, the section says there is none rather than stand empty.
    fake.changeOnDisk(summary('ro.md', { title: 'A read-only story', topics: [] }));
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Topics' })).getByText('None')).toBeTruthy());
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

  test('a library that cannot be opened again says why, and the desk stays as it was', async () => {
    const { user, emit, bridge } = await setup();
    act(() => emit({ type: 'unwatched', reason: 'the system would not watch it: Unsupported file system' }));
    Object.assign(bridge, { reopenLibrary: async () => fail('gone', 'the library folder Test library is no longer where it was opened') });
    await user.click(screen.getByRole('button', { name: 'Open it again' }));
    const notice = await screen.findByText('Could not open the library again: the library folder Test library is no longer where it was opened');
    expect(notice.closest('.notice-error')).not.toBeNull();
    expect(rowTitles()).toHaveLength(3);
  });

  test('a folder the system will not watch: the desk says why changes elsewhere may not show, until dismissed or opened again', async () => {
    const { user, emit, unwatch, calls } = await setup();
    const banner = () => screen.queryByText(/Changes other programs make to this folder show when you come back to Masthead, not as they happen/)?.closest('[role="status"]');
    expect(banner()).toBeFalsy();
    act(() => emit({ type: 'unwatched', reason: 'the system would not watch it: Unsupported file system' }));
    expect(banner()?.textContent).toContain('(the system would not watch it: Unsupported file system)');
    expect(banner()?.textContent).toContain('none of them overwrites a file another program changed');
    // Opened again from the banner: main reads the folder again, and watches it afresh.
    await user.click(screen.getByRole('button', { name: 'Open it again' }));
    expect(calls.filter((c) => c.name === 'reopenLibrary')).toHaveLength(1);
    await waitFor(() => expect(banner()).toBeFalsy());
    act(() => emit({ type: 'unwatched', reason: 'the system would not watch it: Unsupported file system' })); // still not
    await user.click(screen.getByRole('button', { name: 'Dismiss: the folder is not watched' }));
    expect(banner()).toBeFalsy();
    // Opened again (Reload Library): a desk told only by the list, as one that connects after the event.
    unwatch('Linux watches as many folders as it allows; raising fs.inotify.max_user_watches lets it watch this one');
    act(() => emit({ type: 'reloaded', name: 'Test library', library: 'library-1' }));
    await waitFor(() => expect(banner()?.textContent).toContain('fs.inotify.max_user_watches'));
  });

  test('the desk come to the front asks main to look for changes no watch saw, each time (main decides how often it looks)', async () => {
    const { calls } = await setup();
    const looks = () => calls.filter((c) => c.name === 'lookForChanges').length;
    expect(looks()).toBe(0);
    fireEvent.focus(window);
    fireEvent.focus(window);
    expect(looks()).toBe(2);
    fireEvent.blur(window);
    expect(looks()).toBe(2);
  });

  test('folders the library holds that cannot be read: the desk names them and why, until dismissed or readable again', async () => {
    const { user, emit, cannotRead } = await setup();
    const banner = () => screen.queryByText(/cannot be read, so (its|their) articles are not listed/)?.closest('[role="status"]');
    expect(banner()).toBeFalsy();
    const folders = ['2019/embargoed', 'legal', 'wire/afp', 'wire/ap'].map((folder) => ({ folder, message: 'permission denied' }));
    act(() => emit({ type: 'unreadable-folders', folders: folders.slice(0, 1) }));
    expect(banner()?.textContent).toContain('A folder in this library cannot be read, so its articles are not listed: 2019/embargoed (permission denied).');
    act(() => emit({ type: 'unreadable-folders', folders }));
    expect(banner()?.textContent).toContain('4 folders in this library cannot be read, so their articles are not listed: 2019/embargoed (permission denied), legal (permission denied), wire/afp (permission denied) and 1 more.');
    act(() => emit({ type: 'unreadable-folders', folders: [] })); // readable again
    expect(banner()).toBeFalsy();
    // Opened again while one still cannot be read: a desk told only by the list, as one that connects after the event.
    cannotRead(folders.slice(1, 2));
    act(() => emit({ type: 'reloaded', name: 'Test library', library: 'library-1' }));
    await waitFor(() => expect(banner()?.textContent).toContain('legal (permission denied)'));
    await user.click(screen.getByRole('button', { name: 'Dismiss: folders that cannot be read' }));
    expect(banner()).toBeFalsy();
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
    replaceLibrary([summary('a.md', { title: 'Another desk’s article', published: true }), summary('z.md', { title: 'Only there' })], 'library-2', 'Other library');
    act(() => emit({ type: 'reloaded', name: 'Other library', library: 'library-2' }));
    await waitFor(() => expect(rowTitles()).toEqual(['Another desk’s article', 'Only there']));
    expect(document.title).toBe('Other library — Masthead'); // the window's title, in the taskbar
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

  test('an undo that fails for a reason that may pass (a full disk) says so and stays: the same key tries it again', async () => {
    const { user, calls, bridge } = await setup();
    await user.click(screen.getByRole('row', { name: /Microsoft drops/ }));
    await user.keyboard('p');
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).checked).toBe(true));
    const setPublished = bridge.setPublished;
    Object.assign(bridge, { setPublished: async () => fail('io', 'could not save a.md: the disk is full') });
    await user.keyboard('{Control>}z{/Control}');
    const notice = await screen.findByText('Could not undo (Ctrl+Z tries it again): could not save a.md: the disk is full');
    expect(notice.closest('.notice-error')).not.toBeNull();
    Object.assign(bridge, { setPublished });
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).checked).toBe(false));
    expect(calls.filter((c) => c.name === 'setPublished').map((c) => c.args)).toEqual([['a.md', true], ['a.md', false]]);
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
    // Its row says "Error", not an approval the file may not hold, nor that it cannot be read.
    const row = screen.getByRole('row', { name: /Broken file/ });
    expect(row.querySelector('.col-published')?.textContent).toBe('Error');
    await user.click(row);
    expect(screen.getByText(/line 3, column 1: YAML syntax: unexpected end/)).toBeTruthy();
    // The source shows the file with the error's line marked, where the editor fixes it.
    const source = await screen.findByLabelText('Source file');
    expect(source.textContent).toBe('---\ntitle: Broken file\n---\n');
    const marks = source.querySelectorAll('mark');
    expect(Array.from(marks, (m) => [m.className, m.getAttribute('data-n'), m.textContent, m.getAttribute('title')])).toEqual([['src-line line-error', '3', '---\n', 'Error: YAML syntax: unexpected end']]);
  });

  test('a file that cannot be read at all shows its error, with no source and nothing to change, and no message besides', async () => {
    const problem = { level: 'error', code: 'unreadable', message: 'the file cannot be read: it is 18.7 MB, more than the 16 MB an article may be; Masthead leaves it as it is' } as const;
    const unreadable = summary('huge.md', { title: 'huge.md', problems: [problem] });
    const fake = fakeBridge([unreadable]);
    const bridge: Bridge = { ...fake.bridge, readArticle: async () => ok({ summary: unreadable, article: null, source: '', bodyStart: null, readOnly: false }) };
    const user = userEvent.setup();
    render(<App bridge={bridge} />);
    const row = await screen.findByRole('row', { name: /huge\.md/ });
    expect(row.querySelector('.col-published')?.textContent).toBe('Unreadable');
    await user.click(row);
    await screen.findByText(/it is 18\.7 MB, more than the 16 MB/);
    expect((screen.getByRole('switch', { name: 'Published' }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByText('Source file')).toBeNull();
    expect(screen.queryByRole('textbox', { name: /topic/i })).toBeNull();
    expect(screen.queryByText(/Mend it/)).toBeNull(); // its error says why; nothing in it to mend
    expect(document.querySelector('.notices')?.textContent ?? '').toBe('');
  });

  test("in the app, the article's file opens in its app (its button, or o) or shows in its folder; a failure is told", async () => {
    const { user, calls } = await setup({ canShowFiles: true });
    const shown = () => calls.filter((c) => c.name === 'showArticleFile').map((c) => c.args);
    await user.keyboard('o'); // nothing selected: nothing to open
    await user.click(screen.getByRole('row', { name: /Microsoft drops/ }));
    await user.click(screen.getByRole('button', { name: 'Open file' }));
    await user.click(screen.getByRole('button', { name: 'Show in folder' }));
    screen.getByRole('grid', { name: 'Articles' }).focus();
    await user.keyboard('o');
    expect(shown()).toEqual([
      ['a.md', 'app', 'library-1'],
      ['a.md', 'folder', 'library-1'],
      ['a.md', 'app', 'library-1'],
    ]);
    // A broken file says where it is mended.
    await user.click(screen.getByRole('row', { name: /Broken file/ }));
    expect(screen.getByText(/Mend it in your text editor \(Open file above\): once it is saved, the desk reads it again/)).toBeTruthy();
    cleanup();
    const fake = fakeBridge([summary('no-app.md', { title: 'No app for it' })], 2, {}, { canShowFiles: true });
    const user2 = userEvent.setup();
    render(<App bridge={fake.bridge} />);
    await user2.click(await screen.findByRole('row', { name: /No app for it/ }));
    await user2.keyboard('o');
    expect(await screen.findByText('Could not open no-app.md: no app is set to open such files')).toBeTruthy();
  });

  test('a page in a browser has no file to open or show: no buttons, and o does nothing', async () => {
    const { user, calls } = await setup();
    await user.click(screen.getByRole('row', { name: /Broken file/ }));
    expect(screen.queryByRole('button', { name: 'Open file' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Show in folder' })).toBeNull();
    expect(screen.getByText(/Mend it in your text editor: once it is saved/)).toBeTruthy();
    await user.keyboard('o');
    expect(calls.some((c) => c.name === 'showArticleFile')).toBe(false);
  });

  test('the source is numbered line by line, made only once opened, and stays open from article to article', async () => {
    const { user } = await setup();
    await user.click(screen.getByRole('row', { name: /Microsoft drops/ }));
    const section = (await screen.findByText('Source file')).closest('details')!;
    expect(section.open).toBe(false);
    expect(section.querySelector('pre')).toBeNull(); // folded: no lines made
    await user.click(screen.getByText('Source file'));
    const source = await screen.findByLabelText('Source file');
    const lines = source.querySelectorAll('.src-line');
    expect(source.textContent).toMatch(/^---\ntitle: /);
    expect(lines.length).toBe(source.textContent!.split('\n').length - 1);
    expect(lines[1]!.textContent).toMatch(/^title: /);
    await user.click(screen.getByRole('row', { name: /Café culture/ }));
    await waitFor(() => expect(screen.getByLabelText('Source file').textContent).toMatch(/Café culture returns/));
    expect(screen.getByText('Source file').closest('details')!.open).toBe(true);
    await user.click(screen.getByText('Source file'));
    await waitFor(() => expect(screen.queryByLabelText('Source file')).toBeNull());
    await user.click(screen.getByRole('row', { name: /Microsoft drops/ }));
    await screen.findByText(/Microsoft drops emotion recognition/, { selector: 'h1' });
    expect(screen.getByText('Source file').closest('details')!.open).toBe(false);
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

  test('a file’s texts of any length are shown cut to a few thousand characters, in the list and the pane; the search still finds words past the cut', async () => {
    const huge = (word: string): string => `${word} `.repeat(200_000);
    const fake = fakeBridge([
      summary('huge.md', { title: `${huge('Headline')}Tail`, excerpt: `${huge('Lede')}Coda`, providerName: huge('Wire'), topics: [huge('Topic'), 'AI'], publishedDateTime: huge('soon') }),
      summary('small.md', { title: 'Small' }),
    ]);
    const user = userEvent.setup();
    render(<App bridge={fake.bridge} />);
    const row = await screen.findByRole('row', { name: /^Headline/ });
    const cells = within(row).getAllByRole('gridcell');
    for (const cell of cells) {
      expect(cell.textContent!.length).toBeLessThan(SHOWN_CHARS + 100);
      expect((cell.getAttribute('title') ?? '').length).toBeLessThan(SHOWN_CHARS + 100);
    }
    expect(within(row).getByText(/^Headline Headline/).textContent).toBe(`${huge('Headline').slice(0, SHOWN_CHARS)}…`);
    await user.click(row);
    const pane = screen.getByRole('region', { name: 'Review' });
    await waitFor(() => expect(pane.querySelector('.excerpt')).not.toBeNull());
    expect(within(pane).getByRole('heading', { level: 1 }).textContent).toBe(`${huge('Headline').slice(0, SHOWN_CHARS)}…`);
    expect(pane.querySelector('.excerpt')!.textContent).toBe(`${huge('Lede').slice(0, SHOWN_CHARS)}…`);
    expect(within(pane).getByRole('button', { name: /^Remove topic Topic/ }).getAttribute('aria-label')!.length).toBeLessThan(SHOWN_CHARS + 100);
    // Everything the pane says stays short of the whole: no text node holds the file's megabytes.
    const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) expect(node.textContent!.length).toBeLessThan(SHOWN_CHARS + 100);
    await user.keyboard('/Tail');
    await waitFor(() => expect(rowTitles()).toHaveLength(1));
  });

  test('the text after the front matter shows under Text, as text: a long one from its beginning, each article from its own; none when there is none', async () => {
    const long = `${'Lorem ipsum. '.repeat(400)}THE END`;
    const fake = fakeBridge(
      [summary('post.md', { title: 'A post', publishedDateTime: '2022-07-03T00:00:00Z' }), summary('long.md', { title: 'A long post', publishedDateTime: '2022-07-02T00:00:00Z' }), summary('bare.md', { title: 'Metadata only', publishedDateTime: '2022-07-01T00:00:00Z' })],
      10,
      {},
      { bodies: { 'post.md': '\nHello <b>world</b>\n\nSecond paragraph.\n\n', 'long.md': long, 'bare.md': '\n\n' } },
    );
    const user = userEvent.setup();
    render(<App bridge={fake.bridge} />);
    const text = () => screen.queryByRole('region', { name: 'Text' });
    await user.click(await screen.findByRole('row', { name: /A post/ }));
    await waitFor(() => expect(text()).not.toBeNull());
    // The blank lines around it go; the markup stays text.
    expect(text()!.querySelector('.text-body')!.textContent).toBe('Hello <b>world</b>\n\nSecond paragraph.');
    expect(text()!.querySelector('b')).toBeNull();
    await user.click(screen.getByRole('row', { name: /A long post/ }));
    await waitFor(() => expect(text()?.textContent).toMatch(/Show all 5,207 characters/));
    expect(text()!.querySelector('.text-body')!.textContent).toBe(`${long.slice(0, 4000)}…`);
    await user.click(within(text()!).getByRole('button', { name: 'Show all 5,207 characters' }));
    expect(text()!.querySelector('.text-body')!.textContent).toBe(long);
    expect(within(text()!).getByRole('button', { name: 'Show the beginning' }).getAttribute('aria-expanded')).toBe('true');
    await user.click(screen.getByRole('row', { name: /Metadata only/ }));
    await screen.findByText('Metadata only', { selector: 'h1' });
    expect(text()).toBeNull();
    // Back to the long one: from its beginning again.
    await user.click(screen.getByRole('row', { name: /A long post/ }));
    await waitFor(() => expect(within(text()!).getByRole('button', { name: 'Show all 5,207 characters' })).toBeTruthy());
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
