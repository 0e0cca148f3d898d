// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Article, RelatedArticle } from '../../shared/article.js';
import { ArticleBody, IMAGES_SHOWN, RELATED_SHOWN } from '../../renderer/components/ArticleBody.js';
import { TREE_SHOWN } from '../../renderer/components/DataTree.js';
import { SHOW_STEP } from '../../renderer/components/ShowMore.js';

afterEach(cleanup);

const article = (fields: Partial<Article> = {}): Article => ({ id: 'a.md', title: 'A', published: false, topics: [], images: [], related: [], extra: {}, ...fields });

/** The pane's article body with spies for what it asks of the desk. */
function show(a: Article, showImages = false) {
  const onOpenExternal = vi.fn<(url: string) => void>();
  const onShowImages = vi.fn<() => void>();
  const view = render(<ArticleBody article={a} showImages={showImages} onOpenExternal={onOpenExternal} onShowImages={onShowImages} />);
  return { onOpenExternal, onShowImages, rerender: (shown: boolean) => view.rerender(<ArticleBody article={a} showImages={shown} onOpenExternal={onOpenExternal} onShowImages={onShowImages} />) };
}

describe('the article body: links, images and related articles', () => {
  const images = [
    { url: 'https://img.example/a.jpg', width: 640, height: 360 },
    { url: 'javascript:alert(1)' },
    { url: 'http://cdn.example:8080/b.png', width: 10 },
    { url: 'data:image/png;base64,AAAA' },
  ];

  test('remote images load only once asked, and only from http(s) addresses; each says its size and host', async () => {
    const { onShowImages, rerender } = show(article({ images }));
    const section = screen.getByRole('region', { name: 'Images' });
    expect(section.querySelectorAll('img')).toHaveLength(0); // nothing is fetched unasked
    expect([...section.querySelectorAll('figcaption')].map((c) => c.textContent)).toEqual([
      '640 × 360 · img.example',
      'size unknown · not a web address',
      'size unknown · cdn.example:8080', // one side alone is no size
      'size unknown · not a web address',
    ]);
    // A host too wide for its thumbnail wraps before a dot, not between two letters.
    expect([...section.querySelectorAll('figcaption')].map((c) => c.querySelectorAll('wbr').length)).toEqual([1, 0, 1, 0]);
    await userEvent.setup().click(within(section).getByRole('button', { name: 'Load remote images' }));
    expect(onShowImages).toHaveBeenCalledOnce();
    rerender(true); // as the desk answers
    expect(within(section).queryByRole('button', { name: 'Load remote images' })).toBeNull();
    const loaded = [...section.querySelectorAll('img')];
    expect(loaded.map((img) => img.getAttribute('src'))).toEqual(['https://img.example/a.jpg', 'http://cdn.example:8080/b.png']);
    // No referrer tells the image's host which article the editor is reading.
    expect(loaded.every((img) => img.getAttribute('referrerpolicy') === 'no-referrer' && img.getAttribute('alt') === '')).toBe(true);
  });

  test('an image that fails to load says so, in place of a broken image; the next article’s image at its place loads afresh', () => {
    const onOpenExternal = vi.fn<(url: string) => void>();
    const onShowImages = vi.fn<() => void>();
    const body = (a: Article) => <ArticleBody article={a} showImages onOpenExternal={onOpenExternal} onShowImages={onShowImages} />;
    const view = render(body(article({ images })));
    const section = () => screen.getByRole('region', { name: 'Images' });
    fireEvent.error(section().querySelector('img')!);
    expect([...section().querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual(['http://cdn.example:8080/b.png']);
    expect(section().querySelector('figcaption')!.textContent).toBe('640 × 360 · img.example · could not be loaded');
    view.rerender(body(article({ id: 'b.md', images: [{ url: 'https://img.example/other.jpg' }] })));
    expect([...section().querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual(['https://img.example/other.jpg']);
    expect(section().querySelector('figcaption')!.textContent).toBe('size unknown · img.example');
  });

  test('links open through the desk, http(s) only: any other address is shown, as text, and cannot be pressed', async () => {
    const user = userEvent.setup();
    const { onOpenExternal } = show(article({ originalUrl: 'https://news.example/story?id=1', webUrl: 'javascript:alert(document.cookie)' }));
    const original = screen.getByRole('button', { name: /Open original/ });
    expect(original.textContent).toBe('Open original news.example');
    expect(original.getAttribute('title')).toBe('https://news.example/story?id=1');
    await user.click(original);
    expect(onOpenExternal.mock.calls).toEqual([['https://news.example/story?id=1']]);
    const web = screen.getByRole('button', { name: /Open web page/ });
    expect(web.hasAttribute('disabled')).toBe(true);
    expect(web.textContent).toBe('Open web page javascript:alert(document.cookie)');
    await user.click(web);
    expect(onOpenExternal).toHaveBeenCalledTimes(1);
  });

  test('an article without links or images shows neither', () => {
    show(article());
    expect(screen.queryByRole('button', { name: /Open/ })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Images' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Related articles' })).toBeNull();
  });

  test('related articles: a card each, their links http(s) only, the first ten until all are asked for', async () => {
    const user = userEvent.setup();
    const related: RelatedArticle[] = [
      { title: 'First', provider: { name: 'Wire' }, quality: 7, webUrl: 'https://wire.example/1', images: [] },
      { title: 'Script', originalUrl: 'javascript:alert(1)', images: [] },
      { originalUrl: 'https://plain.example/x', images: [] },
      ...Array.from({ length: 12 }, (_, i) => ({ title: `More ${i}`, images: [] })),
    ];
    const { onOpenExternal } = show(article({ related }));
    const section = screen.getByRole('region', { name: 'Related articles' });
    expect(within(section).getByRole('heading', { name: `Related articles (${related.length})` })).toBeTruthy();
    const cards = () => within(section).getAllByRole('article');
    expect(cards()).toHaveLength(RELATED_SHOWN);
    expect(cards()[0]!.textContent).toBe('FirstWire · quality 7Open wire.example');
    expect(within(cards()[1]!).queryByRole('button')).toBeNull(); // no way to run it
    expect(within(cards()[2]!).getByRole('heading').textContent).toBe('Untitled');
    await user.click(within(cards()[2]!).getByRole('button', { name: /Open/ }));
    expect(onOpenExternal.mock.calls).toEqual([['https://plain.example/x']]);
    await user.click(within(section).getByRole('button', { name: `Show all ${related.length}` }));
    expect(cards()).toHaveLength(related.length);
    await user.click(within(section).getByRole('button', { name: `Show the first ${RELATED_SHOWN}` }));
    expect(cards()).toHaveLength(RELATED_SHOWN);
  });

  test('long lists come in parts, a few hundred at a press, however long they are: related articles, images, other fields at any depth', async () => {
    const user = userEvent.setup();
    const many = (n: number): RelatedArticle[] => Array.from({ length: n }, (_, i) => ({ title: `Story ${i}`, images: [] }));
    // As many related articles as one press makes: they all come at once, as any shorter list's do.
    show(article({ related: many(RELATED_SHOWN + SHOW_STEP) }));
    let section = screen.getByRole('region', { name: 'Related articles' });
    await user.click(within(section).getByRole('button', { name: 'Show all 210' }));
    expect(within(section).getAllByRole('article')).toHaveLength(210);
    cleanup();

    const total = 2 * SHOW_STEP + 50;
    const images = Array.from({ length: total }, (_, i) => ({ url: `https://img.example/${i}.jpg` }));
    const extra = { list: Array.from({ length: total }, (_, i) => ({ id: i, tags: Array.from({ length: total }, (_, j) => `t${j}`) })) };
    show(article({ related: many(total), images, extra }));
    const parts: [string, string, string, number][] = [
      ['Related articles', 'related articles', 'article', RELATED_SHOWN],
      ['Images', 'images', 'figure', IMAGES_SHOWN],
      ['Other fields', 'items', 'term', TREE_SHOWN],
    ];
    for (const [region, what, role, first] of parts) {
      section = screen.getByRole('region', { name: region });
      // The outer list's own entries (a field's nested entries are terms too).
      const items = () => (role === 'term' ? section.querySelectorAll(':scope > dl > div > dd > dl > div > dt') : within(section).getAllByRole(role));
      const said = () => within(section).queryAllByText(/ shown$/).at(-1)?.textContent;
      expect(items()).toHaveLength(first);
      expect(said()).toBe(`${first} of 450 ${what} shown`);
      const button = within(section).getAllByRole('button', { name: 'Show 200 more' }).at(-1)!;
      await user.click(button);
      expect(items()).toHaveLength(first + SHOW_STEP);
      expect(document.activeElement).toBe(button); // the keys stay on it as the list grows before it
      await user.keyboard('{Enter}');
      expect(items()).toHaveLength(Math.min(total, first + 2 * SHOW_STEP));
      if (first + 2 * SHOW_STEP < total) {
        expect(document.activeElement?.textContent).toBe(`Show the other ${total - first - 2 * SHOW_STEP}`);
        await user.keyboard('{Enter}');
      }
      expect(items()).toHaveLength(total);
      // The last press took the button away: a line says all are shown, and has the focus.
      expect(document.activeElement?.textContent).toBe(`All 450 ${what} shown`);
    }
    // Each nested list is in parts of its own: the first item's 450 tags, 50 of them shown.
    const tags = screen.getByRole('region', { name: 'Other fields' }).querySelector(':scope > dl > div > dd > dl > div > dd')!;
    expect(within(tags as HTMLElement).getAllByText(/^t\d+$/)).toHaveLength(TREE_SHOWN);
    expect(within(tags as HTMLElement).getByText('50 of 450 items shown')).toBeTruthy();
  });
});
