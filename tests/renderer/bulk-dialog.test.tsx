// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { BulkDialog } from '../../renderer/components/BulkDialog.js';
import { renameChanges, tally, topicChanges } from '../../renderer/state/bulk-changes.js';
import { librarySpelling } from '../../renderer/state/topic-spelling.js';
import type { BulkReport } from '../../renderer/state/many-edits.js';
import { summary } from '../helpers/fake-bridge.js';

afterEach(cleanup);

const rows = [
  summary('a.md'),
  summary('b.md', { published: true }),
  summary('c.md', { problems: [{ level: 'error', code: 'yaml-syntax', message: 'YAML syntax: bad' }] }),
  summary('d.md', { problems: [{ level: 'warning', code: 'bad-url', message: 'not a web address' }] }),
];

describe('the dialog that approves or withdraws the articles shown', () => {
  test('counts the rows: drafts, approved, and those an error holds (a warning holds none), and the topics of the others', () => {
    const topical = [...rows, summary('e.md', { topics: ['AI', 'AI', ' '] }), summary('f.md', { topics: ['AI', 'Food'], problems: rows[2]!.problems })];
    expect(tally(topical)).toEqual({ drafts: 3, approved: 1, blocked: 2, readOnly: 0, topics: [{ topic: 'AI', count: 1 }] });
  });

  test('articles in read-only files are counted apart, said so, and never sent to be changed', () => {
    const shown = [...rows, summary('e.md', { readOnly: true, topics: ['AI'] }), summary('f.md', { readOnly: true, published: true })];
    expect(tally(shown)).toEqual({ drafts: 2, approved: 1, blocked: 1, readOnly: 2, topics: [] });
    const onPublish = vi.fn();
    render(<BulkDialog rows={shown} onPublish={onPublish} onTopics={vi.fn()} allTopics={[]} onClose={() => undefined} checking={null} receiving={null} searchWaits={false} />);
    expect(screen.getByText('The list shows 6 articles: 2 not approved, 1 approved.')).toBeTruthy();
    expect(screen.getByText('2 articles are read-only, left as they are: Masthead never rewrites a file marked read-only.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Withdraw 1 article' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Approve 2 articles' }));
    expect(onPublish.mock.calls.map((c) => c[0])).toEqual([['a.md', 'd.md']]);
  });

  test('a topic added or removed: only articles it changes, each written as a proper list', () => {
    const articles = [summary('a.md', { topics: ['AI'] }), summary('b.md', { topics: ['Food', 'Food', ''] }), summary('c.md', { topics: ['Food', 'AI'] })];
    expect(topicChanges(articles, 'Food', true)).toEqual([{ id: 'a.md', before: ['AI'], after: ['AI', 'Food'] }]);
    expect(topicChanges(articles, 'Food', false)).toEqual([
      { id: 'b.md', before: ['Food', 'Food', ''], after: [] },
      { id: 'c.md', before: ['Food', 'AI'], after: ['AI'] },
    ]);
    expect(topicChanges(articles, 'Cities', true).map((c) => c.after)).toEqual([['AI', 'Cities'], ['Food', 'Cities'], ['Food', 'AI', 'Cities']]);
  });

  test('a topic typed to add is added in the library\'s spelling of it, where it has one', () => {
    expect(librarySpelling('  microsoft ai ', ['AI', 'Microsoft AI'])).toBe('Microsoft AI');
    expect(librarySpelling('cafe', ['Café'])).toBe('Café');
    expect(librarySpelling('ai', ['ai', 'AI'])).toBe('ai'); // the library has it as typed
    expect(librarySpelling('Cafés', ['Café'])).toBe('Cafés');
    const onTopics = vi.fn();
    const shown = [summary('a.md', { topics: ['Food'] }), summary('b.md')];
    render(<BulkDialog rows={shown} onPublish={vi.fn()} onTopics={onTopics} allTopics={['Food', 'AI']} onClose={() => undefined} checking={null} receiving={null} searchWaits={false} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Topic to add to every article shown' }), { target: { value: 'food' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add to 1 article' }));
    expect(onTopics.mock.calls[0]?.[0]).toEqual([{ id: 'b.md', before: [], after: ['Food'] }]);
  });

  test('each topic field suggests the library’s topics as the review pane does: the best matches for what is typed first', () => {
    const allTopics = ['Natural Language Processing', 'AI', 'Robotics', 'Euro Robots'];
    render(<BulkDialog rows={[summary('a.md', { topics: ['AI'] })]} onPublish={vi.fn()} onTopics={vi.fn()} allTopics={allTopics} onClose={() => undefined} checking={null} receiving={null} searchWaits={false} />);
    const suggested = (name: string) => {
      const field = screen.getByRole('combobox', { name });
      return [...document.getElementById(field.getAttribute('list')!)!.querySelectorAll('option')].map((o) => o.value);
    };
    const adding = 'Topic to add to every article shown';
    const renaming = 'New name for that topic';
    expect(suggested(adding)).toEqual(allTopics); // the most used, while nothing is typed
    fireEvent.change(screen.getByRole('combobox', { name: adding }), { target: { value: 'ro' } });
    expect(suggested(adding)).toEqual(['Robotics', 'Euro Robots', 'Natural Language Processing']);
    expect(suggested(renaming)).toEqual(allTopics); // each field its own
    fireEvent.change(screen.getByRole('combobox', { name: renaming }), { target: { value: 'a' } });
    expect(suggested(renaming)).toEqual(['AI', 'Natural Language Processing']);
  });

  test('each topic field says what to know before pressing its button: a topic new to the library, its spelling, a rename that merges two or spells one otherwise', () => {
    const shown = [summary('a.md', { topics: ['AI'] }), summary('b.md', { topics: ['Food'] })];
    render(<BulkDialog rows={shown} onPublish={vi.fn()} onTopics={vi.fn()} allTopics={['AI', 'Food', 'Café']} onClose={() => undefined} checking={null} receiving={null} searchWaits={false} />);
    const note = (name: string) => {
      const id = screen.getByRole('combobox', { name }).getAttribute('aria-describedby');
      return id === null ? null : document.getElementById(id)!.textContent;
    };
    const type = (name: string, value: string) => fireEvent.change(screen.getByRole('combobox', { name }), { target: { value } });
    const [adding, renaming] = ['Topic to add to every article shown', 'New name for that topic'];
    expect([note(adding), note(renaming)]).toEqual([null, null]);
    type(adding, 'Robtics');
    expect(note(adding)).toBe('“Robtics” is new to the library');
    type(adding, ' cafe ');
    expect(note(adding)).toBe('Added as the library spells it: “Café”');
    type(adding, 'Food');
    expect(note(adding)).toBeNull();
    fireEvent.change(screen.getByRole('combobox', { name: 'Topic to remove or rename in every article shown' }), { target: { value: 'AI' } });
    type(renaming, 'Food');
    expect(note(renaming)).toBe('“Food” is a topic already: renamed, the two become one');
    expect(screen.getByRole('button', { name: 'Rename in 1 article' })).toBeTruthy();
    type(renaming, 'Artificial Intelligence');
    expect(note(renaming)).toBeNull();
    type(renaming, 'cafe');
    expect(note(renaming)).toBe('The library spells it “Café”: renamed as typed, the library would hold both spellings');
    type(renaming, 'ai'); // a new spelling of the topic renamed itself
    expect(note(renaming)).toBeNull();
    type(renaming, 'AI'); // the same name: nothing to rename, nothing to say
    expect(note(renaming)).toBeNull();
  });

  test('a topic renamed: in its place, once, as a proper list; only the articles holding it', () => {
    const articles = [summary('a.md', { topics: ['AI', 'Food'] }), summary('b.md', { topics: ['Food', 'ai'] }), summary('c.md', { topics: ['Cities', 'AI', 'Artificial intelligence', ''] })];
    expect(renameChanges(articles, 'AI', 'Artificial intelligence')).toEqual([
      { id: 'a.md', before: ['AI', 'Food'], after: ['Artificial intelligence', 'Food'] },
      // Holding the new name already: the old one goes, the list keeps one of each.
      { id: 'c.md', before: ['Cities', 'AI', 'Artificial intelligence', ''], after: ['Cities', 'Artificial intelligence'] },
    ]);
    expect(renameChanges(articles, 'ai', 'AI')).toEqual([{ id: 'b.md', before: ['Food', 'ai'], after: ['Food', 'AI'] }]);
  });

  test('while a search is still being prepared, the rows are not its answer: nothing is counted and nothing can start', () => {
    const onRun = vi.fn();
    const { rerender } = render(<BulkDialog rows={rows} onPublish={onRun} onTopics={vi.fn()} allTopics={[]} onClose={() => undefined} checking={null} receiving={null} searchWaits />);
    expect(screen.getByText(/Preparing the search/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Approve' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Withdraw' }) as HTMLButtonElement).disabled).toBe(true);
    // The search's answer in: counted, and ready.
    rerender(<BulkDialog rows={rows.slice(0, 2)} onPublish={onRun} onTopics={vi.fn()} allTopics={[]} onClose={() => undefined} checking={null} receiving={null} searchWaits={false} />);
    expect(screen.getByText('The list shows 2 articles: 1 not approved, 1 approved.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Approve 1 article' }) as HTMLButtonElement).disabled).toBe(false);
    expect(onRun).not.toHaveBeenCalled();
  });

  test('lists the topics the articles shown hold, most held first, each counted once per article', () => {
    const shown = [summary('a.md', { topics: ['Food', 'Food', ''] }), summary('b.md', { topics: ['Food', 'AI'] }), summary('c.md', { topics: ['Zoo'], problems: [{ level: 'error', code: 'yaml-syntax', message: 'bad' }] })];
    render(<BulkDialog rows={shown} onPublish={vi.fn()} onTopics={vi.fn()} allTopics={[]} onClose={() => undefined} checking={null} receiving={null} searchWaits={false} />);
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['A topic to remove or rename…', 'Food (2)', 'AI (1)']);
  });

  test('says when the library is still loading or being checked', () => {
    render(<BulkDialog rows={rows} onPublish={vi.fn()} onTopics={vi.fn()} allTopics={[]} onClose={() => undefined} checking={{ done: 10, total: 40 }} receiving={{ done: 4, total: 2000 }} searchWaits={false} />);
    expect(screen.getByText('The library is still loading (4 of 2,000): only the articles in so far are counted.')).toBeTruthy();
    expect(screen.getByText(/Every file is still being checked \(10 of 40\)/)).toBeTruthy();
    expect(screen.getByText(/1 article with errors is left as it is/)).toBeTruthy();
  });
});

describe('Escape on a bulk change', () => {
  test('closes the dialog, and the result has the focus, from the moment the change is shown done, not only once the browser has painted', async () => {
    let finish = (): void => undefined;
    const onPublish = vi.fn(() => new Promise<BulkReport>((resolve) => (finish = () => resolve({ changed: [{ id: 'a.md' }], failed: [], stopped: false, sent: 1 }))));
    const onClose = vi.fn();
    render(<BulkDialog rows={rows} onPublish={onPublish} onTopics={vi.fn()} allTopics={[]} onClose={onClose} checking={null} receiving={null} searchWaits={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Approve 2 articles' }));
    await screen.findByRole('button', { name: 'Stop' });
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(onClose).not.toHaveBeenCalled(); // a running change has Stop, and Escape leaves it be
    // Outside act(), as in a browser: React draws the result in one task and runs its passive
    // effects in a later one. An editor's Escape can come between (the browser test's random walk
    // pressed it there, and the dialog stayed open). Pressed as soon as "Done" is in the page:
    const act = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    const wasAct = act.IS_REACT_ACT_ENVIRONMENT;
    act.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      const closed = new Promise<{ focus: string | null | undefined; closed: boolean }>((resolve) => {
        const observer = new MutationObserver(() => {
          if (screen.queryByRole('button', { name: 'Done' }) === null) return;
          observer.disconnect();
          const focus = document.activeElement?.textContent;
          window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
          resolve({ focus, closed: onClose.mock.calls.length > 0 });
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
      finish();
      expect(await closed).toEqual({ focus: 'Done', closed: true });
    } finally {
      act.IS_REACT_ACT_ENVIRONMENT = wasAct;
    }
  });
});
