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

describe('the mistakes people make by hand, named where they are made', () => {
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
  ])('a quote left open, named where it opens: $name', ({ yaml, at, message }) => {
    const problem = problemOf(yaml);
    expect(problem).toMatchObject({ level: 'error', code: 'yaml-syntax', ...at });
    if (message !== undefined) expect(problem?.message).toBe(message);
  });

  test.each([
    { name: 'a value meant to run on, then another mistake', yaml: 'excerpt: "first part\nsecond: part"\nheat: 1\n  bad: x\n', reason: 'bad indentation of a mapping entry', line: 5 },
    { name: 'a value indented too far', yaml: 'provider:\n  name: A\n   domain: b\n', reason: 'bad indentation of a mapping entry', line: 4 },
    { name: 'a list item without its dash', yaml: 'topics:\n  - a\n  b\n', reason: 'bad indentation of a mapping entry', line: 4 },
    { name: 'a list over two lines left open (not one line’s)', yaml: 'topics: [a, b,\n  c\nx: 1\n', reason: 'missed comma between flow collection entries', line: 4 },
    { name: 'a quote left open whose next line goes on deeper (not a key of its own)', yaml: 'a:\n  b: "open\n    c: d\n', reason: 'unexpected end of the stream within a double quoted scalar', line: 5 },
  ])('js-yaml’s own words where it is not that: $name', ({ yaml, reason, line }) => {
    expect(problemOf(yaml)).toMatchObject({ code: 'yaml-syntax', message: `YAML syntax: ${reason}`, line });
  });

  test.each([
    {
      name: 'a colon and a space in a title',
      yaml: 'title: Breaking: markets fall\nexcerpt: x\n',
      message: 'the value of title holds a colon and a space (": "), which YAML reads as the start of another key; put the whole value in double quotes',
    },
    { name: 'a colon in a value with a comment after it', yaml: 'excerpt: The PM said: no # check\n', at: { line: 2, column: 10 }, message: expect.stringContaining('the value of excerpt holds a colon and a space') },
    { name: 'a colon in a related article’s title', yaml: 'related:\n  - title: Q&A: the rates\n    url: x\n', at: { line: 3, column: 12 }, message: expect.stringContaining('the value of title holds a colon') },
    {
      name: 'quotes inside double quotes',
      yaml: 'title: "He said "no" today"\n',
      message: 'a quote (") inside the value of title ends it early, and the rest of the line is left over; write each quote inside it as \\" or put the value in single quotes',
    },
    { name: 'a quote closed with more after it', yaml: 'title: "closed" trailing\nx: 1\n', message: expect.stringContaining('a quote (") inside the value of title ends it early') },
    {
      name: 'an apostrophe inside single quotes',
      yaml: "title: 'It's here'\r\nx: 1\r\n",
      message: "an apostrophe (') inside the value of title ends it early, and the rest of the line is left over; write each one inside it twice ('') or put the value in double quotes",
    },
    { name: 'a value that begins with [', yaml: 'title: [Video] Rates rise\n', message: 'the value of title begins with [, which YAML reads as the start of a list; put the whole value in double quotes' },
    { name: 'a list left open on its line', yaml: 'topics: [AI, Cloud\nexcerpt: x\n', at: { line: 2, column: 9 }, message: 'the list that [ opens in the value of topics is not closed on its line; add ] at its end' },
    { name: 'a mapping left open in a list item', yaml: 'images:\n  - url: x\n    size: {w: 3\n  - url: y\n', at: { line: 4, column: 11 }, message: 'the mapping that { opens in the value of size is not closed on its line; add } at its end' },
    { name: 'a value that begins with {', yaml: 'title: {draft} Rates\n', message: expect.stringContaining('begins with {, which YAML reads as the start of a mapping') },
    { name: 'a value that begins with *', yaml: 'title: *Exclusive* rates\n', message: expect.stringContaining('begins with *, which YAML reads as a reference to a value named elsewhere (an alias)') },
    { name: 'a value that begins with &', yaml: 'title: & more\n', message: expect.stringContaining('begins with &, which YAML reads as a name given to the value (an anchor)') },
    { name: 'a value that begins with @', yaml: 'title: @handle says\n', message: 'the value of title begins with @, which YAML does not allow at the start of a value; put the whole value in double quotes' },
    { name: 'a value that begins with `', yaml: 'title: `code` news\n', message: expect.stringContaining('begins with `, which YAML does not allow') },
    { name: 'a value that begins with %', yaml: 'title: %50 off\n', message: expect.stringContaining('begins with %, which YAML reads as the start of a directive') },
  ])('a value YAML reads otherwise than it looks, named where it begins: $name', ({ yaml, message, at = { line: 2, column: 8 } }) => {
    expect(problemOf(yaml)).toMatchObject({ level: 'error', code: 'yaml-syntax', ...at, message: typeof message === 'string' ? `YAML syntax: ${message}` : message });
  });

  test('a tab that indents a line is named as such', () => {
    expect(problemOf('title: A\nprovider:\n\tname: X\n')).toMatchObject({ line: 4, column: 1, message: 'YAML syntax: a tab indents this line, and YAML allows only spaces there; indent it with spaces' });
  });

  test.each([
    { name: 'at the top', yaml: 'title: A\nexcerpt: b\ntitle: B\n', line: 4, message: 'title is set already on line 2 of the same mapping; keep only one of them' },
    { name: 'in a nested mapping, past a deeper one', yaml: 'provider:\n  name: A\n  sub:\n    name: x\n  name: B\n', line: 6, message: 'name is set already on line 3 of the same mapping; keep only one of them' },
    { name: 'in a list item, not the item before', yaml: 'related:\n  - a: 1\n  - b: 2\n    b: 3\n', line: 5, message: 'b is set already on line 4 of the same mapping; keep only one of them' },
    { name: 'once quoted', yaml: '"title": A\nx: 1\ntitle: B\n', line: 4, message: 'title is set already on line 2 of the same mapping; keep only one of them' },
    { name: 'in a flow mapping (not named)', yaml: 'p: {a: 1, a: 2}\n', line: 2, message: 'this key already appears earlier in the same mapping; keep only one of them' },
  ])('a duplicate key names the line that has it already: $name', ({ yaml, line, message }) => {
    expect(problemOf(yaml)).toMatchObject({ level: 'error', code: 'duplicate-key', line, message: `duplicate key: ${message}` });
  });

  test('a file that reads is not touched: a value rightly run on over lines that look like keys', () => {
    expect(readFrontMatterYaml('title: "Foo\nexcerpt: bar"\n', 2)).toMatchObject({ ok: true, data: { title: 'Foo excerpt: bar' } });
  });

  test('only a few open quotes are tried, however many the YAML holds: each try parses it whole', () => {
    // Every line opens a quote that the next closes: valid until the last; none of the tries reads.
    const yaml = `${Array.from({ length: 5000 }, (_, i) => `k${i}: "v\nw${i}: x"`).join('\n')}\nend: x\n  bad: y\n`;
    const load = vi.mocked(jsYaml.load);
    load.mockClear();
    expect(problemOf(yaml)).toMatchObject({ message: 'YAML syntax: bad indentation of a mapping entry' });
    // The parse itself, three open quotes, and at most four tries of the other mistakes.
    expect(load.mock.calls.length).toBeLessThanOrEqual(1 + 3 + 4);
    expect(load.mock.calls.length).toBeGreaterThanOrEqual(1 + 3);
  });
});
