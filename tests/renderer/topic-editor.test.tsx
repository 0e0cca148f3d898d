// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { SHOW_STEP } from '../../renderer/components/ShowMore.js';
import { TOPICS_SHOWN, TopicEditor } from '../../renderer/components/TopicEditor.js';
import type { TopicsChange } from '../../renderer/state/use-desk.js';

afterEach(cleanup);

describe('the topic chips', () => {
  test('a file with thousands of topics shows them in parts; the field still adds, and Backspace still removes the last of all', async () => {
    const user = userEvent.setup();
    const topics = Array.from({ length: 450 }, (_, i) => `Topic ${i}`);
    const onChange = vi.fn<(change: TopicsChange, from: readonly string[]) => void>();
    render(<TopicEditor topics={topics} allTopics={topics} inputRef={createRef()} onChange={onChange} onLeave={() => undefined} />);
    const chips = () => screen.getAllByRole('button', { name: /^Remove topic/ });
    expect(chips()).toHaveLength(TOPICS_SHOWN);
    expect(screen.getByText('100 of 450 topics shown')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Show 200 more' }));
    expect(chips()).toHaveLength(TOPICS_SHOWN + SHOW_STEP);
    await user.click(screen.getByRole('button', { name: 'Show the other 150' }));
    expect(chips()).toHaveLength(450);
    expect(screen.getByText('All 450 topics shown')).toBeTruthy();
    await user.click(screen.getByRole('combobox', { name: 'Add topic' }));
    await user.keyboard('{Backspace}');
    const [change, from] = onChange.mock.calls[0]!;
    expect(from).toBe(topics);
    expect(change(topics)).toEqual(topics.slice(0, -1));
  });

  test('once all are shown, a topic added shows its chip too', async () => {
    const user = userEvent.setup();
    const topics = Array.from({ length: TOPICS_SHOWN + SHOW_STEP }, (_, i) => `Topic ${i}`);
    const editor = (list: readonly string[]) => <TopicEditor topics={list} allTopics={topics} inputRef={createRef()} onChange={() => undefined} onLeave={() => undefined} />;
    const view = render(editor(topics));
    await user.click(screen.getByRole('button', { name: `Show the other ${SHOW_STEP}` }));
    expect(screen.getAllByRole('button', { name: /^Remove topic/ })).toHaveLength(topics.length);
    view.rerender(editor([...topics, 'Fresh']));
    expect(screen.getByRole('button', { name: 'Remove topic Fresh' })).toBeTruthy();
    expect(screen.queryByText(/ of .* shown$/)).toBeNull();
  });

  test('a short list shows whole, with nothing said about parts', () => {
    render(<TopicEditor topics={['AI', 'Cloud']} allTopics={['AI', 'Cloud']} inputRef={createRef()} onChange={() => undefined} onLeave={() => undefined} />);
    expect(screen.getAllByRole('button', { name: /^Remove topic/ })).toHaveLength(2);
    expect(screen.queryByText(/ shown$/)).toBeNull();
  });
});
