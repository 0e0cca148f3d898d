import { describe, expect, test } from 'vitest';
import { TEXT_PART, textParts } from '../../renderer/components/ArticleText.js';

describe('textParts', () => {
  test('parts of a long text make the text again, none over the size, each ending where the text breaks: a paragraph first', () => {
    const paragraph = (i: number): string => `Paragraph ${i}: ${'words and more words, '.repeat(40 + (i % 7) * 30)}\nits second line.`;
    const body = Array.from({ length: 400 }, (_, i) => paragraph(i)).join('\n\n');
    const parts = textParts(body);
    expect(parts.join('')).toBe(body);
    expect(parts.length).toBeGreaterThan(body.length / TEXT_PART);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(TEXT_PART);
    for (const part of parts.slice(0, -1)) expect(part.endsWith('\n\n')).toBe(true);
  });

  test('without paragraphs, at a line end, then a space; with neither, never between the halves of a character', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i} of a text wrapped by hand`).join('\n');
    const byLine = textParts(lines);
    expect(byLine.join('')).toBe(lines);
    for (const part of byLine.slice(0, -1)) expect(part.endsWith('\n')).toBe(true);

    const spaced = 'word '.repeat(10_000);
    const bySpace = textParts(spaced);
    expect(bySpace.join('')).toBe(spaced);
    for (const part of bySpace.slice(0, -1)) expect(part.endsWith(' ')).toBe(true);

    for (const lead of ['', 'x']) {
      const emoji = lead + '😀'.repeat(20_000);
      const parts = textParts(emoji);
      expect(parts.join('')).toBe(emoji);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(TEXT_PART);
        expect(/[\uD800-\uDBFF]$/.test(part)).toBe(false);
      }
    }
    expect(textParts('')).toEqual([]);
    expect(textParts('short')).toEqual(['short']);
  });
});
