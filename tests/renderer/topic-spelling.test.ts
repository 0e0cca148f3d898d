import { describe, expect, test } from 'vitest';
import { enterHint, librarySpelling, topicSuggestions } from '../../renderer/state/topic-spelling.js';

/** As the desk gives them: the library's topics, the most used first. */
const LIBRARY = ['Natural Language Processing', 'AI', 'Robotics', 'Retail', 'Café Culture', 'Euro Robots', 'Email', 'Aid', 'Smart Cities', 'Arts', 'ro'];

describe('topicSuggestions: the library’s topics for what is typed, best first', () => {
  const rows: readonly { name: string; typed: string; taken?: readonly string[]; max?: number; expected: readonly string[] }[] = [
    { name: 'the topic itself, then those it begins, then a word’s start, then inside a word', typed: 'ro', expected: ['ro', 'Robotics', 'Euro Robots', 'Natural Language Processing'] },
    { name: 'more letters, fewer topics', typed: 'rob', expected: ['Robotics', 'Euro Robots'] },
    { name: 'case and accents do not count', typed: 'CAFE', expected: ['Café Culture'] },
    { name: 'a short topic typed whole comes before the longer ones it begins', typed: 'ai', expected: ['AI', 'Aid', 'Retail', 'Email'] },
    { name: 'within a rank, the library’s order (by use) stays', typed: 'art', expected: ['Arts', 'Smart Cities'] },
    { name: 'the article’s own topics are left out', typed: 'ai', taken: ['AI', 'Retail'], expected: ['Aid', 'Email'] },
    { name: 'at most max', typed: 'r', max: 2, expected: ['Robotics', 'Retail'] },
    { name: 'spaces around what is typed do not count', typed: '  euro ', expected: ['Euro Robots'] },
    { name: 'nothing typed suggests nothing', typed: '   ', expected: [] },
    { name: 'nothing matching suggests nothing', typed: 'zz', expected: [] },
  ];
  test.each(rows)('$name', ({ typed, taken = [], max = 8, expected }) => {
    expect(topicSuggestions(typed, LIBRARY, taken, max)).toEqual(expected);
  });
});

describe('librarySpelling: a topic typed in, as the library spells it', () => {
  const rows: readonly { name: string; typed: string; expected: string }[] = [
    { name: 'the library’s spelling for another case', typed: 'ai', expected: 'AI' },
    { name: 'the library’s spelling without its accents', typed: 'cafe culture', expected: 'Café Culture' },
    { name: 'as typed, trimmed, where the library does not have it', typed: '  Space ', expected: 'Space' },
    { name: 'as the library has it, exactly', typed: 'ro', expected: 'ro' },
    { name: 'nothing typed is nothing', typed: ' ', expected: '' },
  ];
  test.each(rows)('$name', ({ typed, expected }) => {
    expect(librarySpelling(typed, LIBRARY)).toBe(expected);
  });
});

describe('enterHint: what Enter does with a topic typed, where the editor may not expect it', () => {
  const rows: readonly { name: string; typed: string; topics?: readonly string[]; expected: string | null }[] = [
    { name: 'a library topic as the library spells it: nothing to say', typed: 'Robotics', expected: null },
    { name: 'one the library spells otherwise', typed: ' cafe culture ', expected: 'Enter adds “Café Culture”, as the library spells it' },
    { name: 'one new to the library (a typo would be a topic of its own)', typed: 'Robtics', expected: 'Enter adds “Robtics”, new to the library' },
    { name: 'one the article has already, however typed', typed: 'ai', topics: ['AI'], expected: '“AI” is a topic of this article already' },
    { name: 'nothing typed', typed: '  ', expected: null },
  ];
  test.each(rows)('$name', ({ typed, topics = [], expected }) => {
    expect(enterHint(typed, LIBRARY, topics)).toBe(expected);
  });
});
