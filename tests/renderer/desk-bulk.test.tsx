// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../renderer/components/App.js';
import { library, setup } from '../helpers/desk.js';
import { fakeBridge, summary } from '../helpers/fake-bridge.js';
import { type Bridge } from '../../shared/contract.js';
import { fail, ok } from '../../shared/result.js';

afterEach(cleanup);

/** Adds the topic Europe to both articles the desk shows that take topics, from the bulk dialog, and closes it. */
async function addEuropeToBoth(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await user.keyboard('{Shift>}P{/Shift}');
  const dialog = screen.getByRole('dialog');
  await user.type(within(dialog).getByRole('combobox', { name: 'Topic to add to every article shown' }), 'Europe');
  await user.click(within(dialog).getByRole('button', { name: 'Add to 2 articles' }));
  await user.click(await within(dialog).findByRole('button', { name: 'Done' }));
}

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
      return ok({ saved: [], failed: ids.map((id) => ({ id, kind: 'gone' as const, message: 'the library folder Test library is no longer where it was opened' })) });
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

  test('an undo of many that finds its articles already changed back by another program says there is nothing to undo, and drops the step', async () => {
    const { user, calls, changeOnDisk } = await setup();
    await user.keyboard('{Shift>}P{/Shift}');
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Approve 1 article' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Done' }));
    expect(published()).toBe('2');
    act(() => changeOnDisk({ ...library[0]!, published: false })); // another program withdrew it meanwhile
    await waitFor(() => expect(published()).toBe('1'));
    await user.keyboard('{Control>}z{/Control}');
    await screen.findByText('Nothing to undo: each of those articles is already withdrawn.');
    // The step is gone from both lists: neither key asks main for anything more.
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await user.keyboard('{Control>}z{/Control}');
    expect(calls.filter((c) => c.name === 'setPublishedMany').map((c) => c.args)).toEqual([[['a.md'], true], [['a.md'], false]]);
    expect(published()).toBe('1');
  });

  test('an undo of many that finds an article changed by another program names it with the reason, drops it, and keeps the rest for the redo', async () => {
    const { user, calls, conflictNext } = await setup();
    await addEuropeToBoth(user);
    conflictNext(); // the first article's file was changed by another program
    await user.keyboard('{Control>}z{/Control}');
    const notice = await screen.findByText('Undo: the topics of 1 article put back; a.md could not be changed: a.md was changed by another program; their version is kept.');
    expect(notice.closest('.notice-error')).not.toBeNull(); // an error: it stays until dismissed
    const rows = within(screen.getByRole('grid', { name: 'Articles' }));
    expect(rows.getByRole('row', { name: /Café culture/ }).textContent).not.toContain('Europe');
    // The redo changes again only the article the undo changed; a.md is not tried again.
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await screen.findByText('Redone: the topics of 1 article changed again.');
    expect(calls.filter((c) => c.name === 'setTopicsMany').at(-1)?.args[0]).toEqual([{ id: 'b.md', topics: ['Food', 'Europe'], from: ['Food'] }]);
    await user.keyboard('{Control>}z{/Control}');
    await screen.findByText('Undone: the topics of 1 article put back.');
    await user.keyboard('{Control>}z{/Control}'); // nothing is left to undo
    expect(calls.filter((c) => c.name === 'setTopicsMany')).toHaveLength(4);
  });

  test('an undo of many that fails for a reason that may pass (a full disk) keeps those articles, and the next press tries them again', async () => {
    const { user, calls, bridge } = await setup();
    await addEuropeToBoth(user);
    const setTopicsMany = bridge.setTopicsMany;
    // The disk is full while a.md is saved: main names it, and saves the rest.
    const diskFull: Bridge['setTopicsMany'] = async (changes, key) => {
      const result = await setTopicsMany(changes.filter((c) => c.id !== 'a.md'), key);
      return result.ok ? ok({ ...result.value, failed: [{ id: 'a.md', kind: 'io', message: 'could not save a.md: the disk is full' }] }) : result;
    };
    Object.assign(bridge, { setTopicsMany: diskFull });
    await user.keyboard('{Control>}z{/Control}');
    await screen.findByText('Undo: the topics of 1 article put back; a.md could not be changed (Ctrl+Z tries it again): could not save a.md: the disk is full.');
    const rows = within(screen.getByRole('grid', { name: 'Articles' }));
    expect(rows.getByRole('row', { name: /Microsoft drops/ }).textContent).toContain('Europe');
    Object.assign(bridge, { setTopicsMany });
    await user.keyboard('{Control>}z{/Control}');
    await screen.findByText('Undone: the topics of 1 article put back.');
    expect(calls.filter((c) => c.name === 'setTopicsMany').at(-1)?.args[0]).toEqual([{ id: 'a.md', topics: ['AI', 'Microsoft AI'], from: ['AI', 'Microsoft AI', 'Europe'] }]);
    expect(rows.getByRole('row', { name: /Microsoft drops/ }).textContent).not.toContain('Europe');
    // A request main cannot take at all fails for each of its articles with its reason, and they stay too.
    const refused: Bridge['setTopicsMany'] = async () => fail('io', 'the library could not be reached');
    Object.assign(bridge, { setTopicsMany: refused });
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await screen.findByText('Redo: the topics of 0 articles changed again; a.md could not be changed (Ctrl+Shift+Z tries it again): the library could not be reached.');
    Object.assign(bridge, { setTopicsMany });
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await screen.findByText('Redone: the topics of 1 article changed again.');
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(() => expect(screen.getAllByText('Redone: the topics of 1 article changed again.')).toHaveLength(2));
    expect(rows.getByRole('row', { name: /Microsoft drops/ }).textContent).toContain('Europe');
    expect(rows.getByRole('row', { name: /Café culture/ }).textContent).toContain('Europe');
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
