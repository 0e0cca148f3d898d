/** One copy of each repeated value across the list's pages, the summaries otherwise unchanged. */
import { expect, test } from 'vitest';
import type { ArticleSummary } from '../../shared/article.js';
import { SharedValues } from '../../renderer/state/share-repeated.js';

/** A summary as the bridge hands it over. */
function fresh(n: number, topics: string[], problems: ArticleSummary['problems'] = []): ArticleSummary {
  return { id: `${n}.md`, title: `Title ${n}`, excerpt: '', providerName: 'Global Wire', providerDomain: 'globalwire.example.com', category: 'news', type: 'article', published: n % 2 === 0, topics, problems };
}

test('repeated values become one shared copy, and the summaries read as before', () => {
  const shared = new SharedValues();
  const problem = { level: 'warning', code: 'bad-date', message: 'bad date' } as const;
  const pages = [
    [fresh(1, ['AI', 'Mobile']), fresh(2, [])],
    [fresh(3, ['Mobile', 'AI']), fresh(4, ['AI'], [problem])],
  ];
  const expected = JSON.parse(JSON.stringify(pages)) as unknown;
  const [first, second] = pages.map((page) => shared.share(page));
  expect([first, second]).toEqual(expected);
  // Which copy of a string a summary holds cannot be seen from JavaScript (strings compare by value):
  // the saving shows in the page's heap, measured by the benchmark. What can be seen: lists with
  // content are the same lists, filled in place, not copies.
  const a = first![0]!;
  expect(a.topics).toBe(pages[0]![0]!.topics);
  // Empty lists are one shared, frozen list; a list with content is kept.
  expect(first![1]!.topics).toBe(a.problems);
  expect(Object.isFrozen(a.problems)).toBe(true);
  expect(second![1]!.problems).toEqual([problem]);
});
