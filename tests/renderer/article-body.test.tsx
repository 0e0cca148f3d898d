// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Article, RelatedArticle } from '../../shared/article.js';
import { ArticleBody, RELATED_SHOWN, RELATED_STEP } from '../../renderer/components/ArticleBody.js';

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

  test('a long list of related articles comes a few hundred at a press, however long it is, the focus kept on the buttons', async () => {
    const user = userEvent.setup();
    const many = (n: number): RelatedArticle[] => Array.from({ length: n }, (_, i) => ({ title: `Story ${i}`, images: [] }));
    // As many as one press makes: they all come at once, as any shorter list's do.
    show(article({ related: many(RELATED_SHOWN + RELATED_STEP) }));
    let section = screen.getByRole('region', { name: 'Related articles' });
    await user.click(within(section).getByRole('button', { name: 'Show all 210' }));
    expect(within(section).getAllByRole('article')).toHaveLength(210);
    cleanup();

    const total = 2 * RELATED_STEP + 50;
    show(article({ related: many(total) }));
    section = screen.getByRole('region', { name: 'Related articles' });
    const cards = () => within(section).getAllByRole('article');
    const buttons = () => within(section).getAllByRole('button').map((b) => b.textContent);
    const said = () => within(section).queryByText(/ shown$/)?.textContent;
    expect(within(section).getByRole('heading', { level: 2 }).textContent).toBe('Related articles (450)');
    expect(cards()).toHaveLength(RELATED_SHOWN);
    expect(buttons()).toEqual(['Show 200 more']);
    expect(said()).toBe('10 of 450 shown');
    await user.click(within(section).getByRole('button', { name: 'Show 200 more' }));
    expect(cards()).toHaveLength(210);
    expect(buttons()).toEqual(['Show the first 10', 'Show 200 more']);
    expect(document.activeElement?.textContent).toBe('Show 200 more');
    await user.keyboard('{Enter}');
    expect(cards()).toHaveLength(410);
    expect(said()).toBe('410 of 450 shown');
    expect(buttons()).toEqual(['Show the first 10', 'Show the last 40']);
    expect(document.activeElement?.textContent).toBe('Show the last 40');
    await user.keyboard('{Enter}');
    expect(cards()).toHaveLength(total);
    expect(cards()[total - 1]!.textContent).toBe(`Story ${total - 1}`);
    expect(said()).toBeUndefined();
    // The button pressed went with the last of them: the focus is on the one left, which folds them.
    expect(document.activeElement?.textContent).toBe('Show the first 10');
    await user.keyboard('{Enter}');
    expect(cards()).toHaveLength(RELATED_SHOWN);
    expect(buttons()).toEqual(['Show 200 more']);
    expect(document.activeElement?.textContent).toBe('Show 200 more'); // the button pressed went with the fold
  });
});
