// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { App } from '../../renderer/components/App.js';
import { library, setup } from '../helpers/desk.js';
import { fakeBridge } from '../helpers/fake-bridge.js';
import { type Bridge } from '../../shared/contract.js';
import { fail, ok } from '../../shared/result.js';

afterEach(cleanup);

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

  test('o is listed where the desk can open files (the app), not in a browser page', async () => {
    for (const canShowFiles of [false, true]) {
      const { user } = await setup({ canShowFiles });
      await user.keyboard('?');
      const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
      expect(within(dialog).queryByRole('row', { name: /^o Open its file/ }) !== null).toBe(canShowFiles);
      cleanup();
    }
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
    act(() => emit({ type: 'command', command: 'redo' }));
    await waitFor(() => expect(calls.filter((c) => c.name === 'setPublished').map((c) => c.args)).toEqual([['a.md', true], ['a.md', false], ['a.md', true]]));
  });
});

describe('the export dialog', () => {
  test('previews, chooses a destination, exports with progress and offers to show the folder', async () => {
    const { user, calls } = await setup();
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    const dialog = screen.getByRole('dialog', { name: 'Export approved articles' });
    expect(await within(dialog).findByText(/1 article will be exported/)).toBeTruthy();
    const heldBack = within(dialog).getByText(/held back by errors/);
    // The choice the export waits for comes before the list held back, which may be long and scrolls.
    const choose = within(dialog).getByRole('button', { name: 'Choose destination…' });
    expect(choose.compareDocumentPosition(heldBack) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect((within(dialog).getByRole('radio', { name: /current filter/ }) as HTMLInputElement).disabled).toBe(true);
    expect((within(dialog).getByRole('button', { name: /^Export 1 article/ }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(dialog).getByRole('radio', { name: 'CSV (spreadsheets)' }));
    await user.click(within(dialog).getByRole('checkbox', { name: /byte-order mark/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Choose destination…' }));
    expect(within(dialog).getByText('exports/library-approved.csv')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: /^Export 1 article/ }));
    expect(await within(dialog).findByText(/Exported 1 article to/)).toBeTruthy();
    // Done, the dialog says what was held back, and no longer what will be exported.
    expect(within(dialog).getByText('1 approved article was held back by errors:')).toBeTruthy();
    expect(within(dialog).getByRole('list', { name: /held back/ }).textContent).toBe('broken.md: line 2: YAML syntax');
    expect(within(dialog).queryByText(/will be exported/)).toBeNull();
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

describe('the related articles in the review pane', () => {
  const related = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Related ${i + 1}`, webUrl: `https://example.org/${i + 1}`, images: [] }));
  const titles = (pane: HTMLElement) => within(within(pane).getByRole('region', { name: 'Related articles' })).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);

  test('a long list shows its first ten, all of them at Show all, and the first ten again for the next article', async () => {
    const fake = fakeBridge(library, 2, { 'a.md': related(25), 'b.md': related(12) });
    const user = userEvent.setup();
    render(<App bridge={fake.bridge} />);
    await user.click(await screen.findByRole('row', { name: /Microsoft drops/ }));
    const pane = screen.getByRole('region', { name: 'Review' });
    await waitFor(() => expect(within(pane).getByRole('heading', { name: 'Related articles (25)' })).toBeTruthy());
    expect(titles(pane)).toEqual(related(10).map((r) => r.title));
    const more = within(pane).getByRole('button', { name: 'Show all 25' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    await user.click(more);
    expect(titles(pane)).toEqual(related(25).map((r) => r.title));
    // The same button, where it was, with the focus: it now gives the first ten back.
    expect(document.activeElement).toBe(more);
    expect(more.textContent).toBe('Show the first 10');
    expect(more.getAttribute('aria-expanded')).toBe('true');
    await user.click(screen.getByRole('row', { name: /Café culture/ }));
    await waitFor(() => expect(within(pane).getByRole('heading', { name: 'Related articles (12)' })).toBeTruthy());
    expect(titles(pane)).toHaveLength(10);
    expect(within(pane).getByRole('button', { name: 'Show all 12' })).toBeTruthy();
  });

  test('Open asks main to open the link in the system browser; a link the system cannot open says why', async () => {
    const fake = fakeBridge(library, 2, { 'a.md': related(2) });
    const user = userEvent.setup();
    render(<App bridge={fake.bridge} />);
    await user.click(await screen.findByRole('row', { name: /Microsoft drops/ }));
    const cards = await screen.findAllByRole('heading', { level: 3 });
    const open = (i: number) => within(cards[i]!.closest('li')!).getByRole('button', { name: /Open/ });
    await user.click(open(0));
    expect(fake.calls.filter((c) => c.name === 'openExternal').map((c) => c.args[0])).toEqual(['https://example.org/1']);
    expect(document.querySelector('.notice-error')).toBeNull();
    // No browser is registered with the system: main answers why, and the desk says it.
    Object.assign(fake.bridge, { openExternal: async (url: string) => fail('io', `could not open ${url}: no application is registered to open web pages`) });
    await user.click(open(1));
    const notice = await screen.findByText('could not open https://example.org/2: no application is registered to open web pages');
    expect(notice.closest('.notice-error')).not.toBeNull();
  });

  test('ten or fewer are all shown, with no button', async () => {
    const fake = fakeBridge(library, 2, { 'a.md': related(10) });
    const user = userEvent.setup();
    render(<App bridge={fake.bridge} />);
    await user.click(await screen.findByRole('row', { name: /Microsoft drops/ }));
    const pane = screen.getByRole('region', { name: 'Review' });
    await waitFor(() => expect(within(pane).getByRole('heading', { name: 'Related articles (10)' })).toBeTruthy());
    expect(titles(pane)).toHaveLength(10);
    expect(within(pane).queryByRole('button', { name: /^Show/ })).toBeNull();
  });
});
