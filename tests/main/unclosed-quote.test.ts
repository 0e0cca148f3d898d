import * as jsYaml from 'js-yaml';
import { describe, expect, test, vi } from 'vitest';
import { readFrontMatterYaml } from '../../main/core/yaml-read.js';

// Every parse counted: the tries a broken file costs are bounded.
vi.mock('js-yaml', async (original) => {
  const real = await original<typeof import('js-yaml')>();
  return { ...real, load: vi.fn(real.load) };
});

/** The problem a YAML's parse answers, its line counted from 2 (the line after the opening ---). */
const problemOf = (yaml: string) => {
  const read = readFrontMatterYaml(yaml, 2);
  return read.ok ? null : read.problem;
};

describe('a quote left open is named where it opens', () => {
  test.each([
    {
      name: 'a title, its quote closed by the next line’s: the YAML fails two lines down',
      yaml: 'category: news\ntitle: "Health treaty\nexcerpt: "Lawsuit policy"\npublishedDateTime: 2022-03-22T02:29:00Z\n',
      at: { line: 3, column: 8 },
      message: 'YAML syntax: the quote (") that opens the value of title is not closed on its line, so the value runs on into the lines below, and the YAML cannot be read from line 5 on; add the closing " at the end of this line',
    },
    {
      name: 'a title whose quote nothing closes: the YAML fails at its end',
      yaml: 'title: "Health treaty\npublished: false\n',
      at: { line: 2, column: 8 },
      message: 'YAML syntax: the quote (") that opens the value of title is not closed on its line, so the value runs on to the end of the front matter; add the closing " at the end of this line',
    },
    { name: 'single quotes, with a doubled one inside', yaml: "title: 'it''s\nx: 1\n", at: { line: 2, column: 8, message: expect.stringContaining("the quote (') that opens the value of title") } },
    { name: 'escaped double quotes inside', yaml: 'title: "A \\"quoted\\" word\nexcerpt: x\n', at: { line: 2, column: 8 } },
    { name: 'a nested key', yaml: 'provider:\n  name: "Capital\n  domain: x.com\ntopics: [a]\n', at: { line: 3, column: 9, message: expect.stringContaining('the value of name') } },
    { name: 'a key of a list item', yaml: 'related:\n  - title: "Foo\n    url: x\n  - title: ok\n', at: { line: 3, column: 12 } },
    { name: 'after a value rightly run on over two lines', yaml: 'title: Plain\nexcerpt: "multi\n  line ok"\nheat: "3\n', at: { line: 5, column: 7, message: expect.stringContaining('the value of heat') } },
    { name: 'CRLF lines', yaml: 'title: "Foo\r\nexcerpt: x\r\n', at: { line: 2, column: 8 } },
    { name: 'blank lines and a comment before the next key', yaml: 'title: "Foo\n\n# note\nexcerpt: x\n', at: { line: 2, column: 8 } },
    { name: 'a second mistake further down, which the first hid', yaml: 'title: "Foo\nx: 1\n\ty: tab\n', at: { line: 2, column: 8 } },
  ])('$name', ({ yaml, at, message }) => {
    const problem = problemOf(yaml);
    expect(problem).toMatchObject({ level: 'error', code: 'yaml-syntax', ...at });
    if (message !== undefined) expect(problem?.message).toBe(message);
  });

  test.each([
    { name: 'a value meant to run on, then another mistake', yaml: 'excerpt: "first part\nsecond: part"\nheat: [1,\n', reason: 'unexpected end of the stream within a flow collection', line: 5 },
    { name: 'a quote closed with more after it', yaml: 'title: "closed" trailing\nx: 1\n', reason: 'bad indentation of a mapping entry', line: 2 },
    { name: 'a quote left open whose next line goes on deeper (not a key of its own)', yaml: 'a:\n  b: "open\n    c: d\n', reason: 'unexpected end of the stream within a double quoted scalar', line: 5 },
    { name: 'a quote inside a plain value', yaml: 'title: It"s\nx: [\n', reason: 'unexpected end of the stream within a flow collection', line: 4 },
  ])('js-yaml’s own words where it is not that: $name', ({ yaml, reason, line }) => {
    expect(problemOf(yaml)).toMatchObject({ code: 'yaml-syntax', message: `YAML syntax: ${reason}`, line });
  });

  test('a file that reads is not touched: a value rightly run on over lines that look like keys', () => {
    expect(readFrontMatterYaml('title: "Foo\nexcerpt: bar"\n', 2)).toMatchObject({ ok: true, data: { title: 'Foo excerpt: bar' } });
  });

  test('only a few open quotes are tried, however many the YAML holds: each try parses it whole', () => {
    // Every line opens a quote that the next closes: valid until the last; none of the tries reads.
    const yaml = `${Array.from({ length: 5000 }, (_, i) => `k${i}: "v\nw${i}: x"`).join('\n')}\nend: [\n`;
    const load = vi.mocked(jsYaml.load);
    load.mockClear();
    expect(problemOf(yaml)).toMatchObject({ message: 'YAML syntax: unexpected end of the stream within a flow collection' });
    expect(load).toHaveBeenCalledTimes(1 + 3);
  });
});
