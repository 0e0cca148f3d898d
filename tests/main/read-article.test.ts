import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { parseArticleFile } from '../../main/core/read-article.js';
import { readFrontMatterYaml } from '../../main/core/yaml-read.js';
import type { ProblemCode } from '../../shared/article.js';
import { parseText } from '../helpers/edit-text.js';

const seed = readFileSync(new URL('../../seeds/000_8a8d1d44de5d8be9.txt', import.meta.url), 'utf8');

interface Row {
  readonly name: string;
  readonly input: string;
  /** Problem codes by level, in order; [] means clean. */
  readonly errors?: readonly ProblemCode[];
  readonly warnings?: readonly ProblemCode[];
  /** Place of the first problem, when it has one. */
  readonly at?: { line: number; column?: number; field?: string; message?: unknown };
  readonly published?: boolean;
  readonly topics?: readonly string[];
  readonly title?: string;
}

const rows: readonly Row[] = [
  { name: 'the seed', input: seed, published: false, topics: ['Computer Vision', 'AI', 'Microsoft AI', 'Natural Language Processing'] },
  { name: 'CRLF line endings', input: '---\r\ntitle: A\r\npublished: true\r\ntopics:\r\n  - x\r\n---\r\nbody\r\n', published: true, topics: ['x'] },
  { name: 'a BOM before the opening line', input: '\uFEFF---\ntitle: A\n---\n', title: 'A' },
  { name: 'comments and blank lines', input: '---\n# top\ntitle: A # trailing\n\npublished: true\n---\n', published: true },
  { name: 'a flow list of topics', input: '---\ntitle: A\ntopics: [a, "b", c]\n---\n', topics: ['a', 'b', 'c'] },
  { name: 'an empty topics key', input: '---\ntitle: A\ntopics:\n---\n', topics: [] },
  { name: 'topics: null', input: '---\ntitle: A\ntopics: null\n---\n', topics: [] },
  { name: 'an empty flow list', input: '---\ntitle: A\ntopics: []\n---\n', topics: [] },
  { name: 'a bare - item among topics', input: '---\ntitle: A\ntopics:\n  - a\n  -\n---\n', warnings: ['wrong-type'], topics: ['a'], at: { line: 3 } },
  { name: 'a topic listed twice, and an empty one', input: '---\ntitle: A\ntopics: [AI, AI, "", " "]\n---\n', warnings: ['bad-topic', 'bad-topic'], topics: ['AI', 'AI', '', ' '], at: { line: 3 } },
  { name: 'topics as one string', input: '---\ntitle: A\ntopics: AI\n---\n', warnings: ['wrong-type'], topics: ['AI'] },
  { name: 'missing keys', input: '---\nexcerpt: only this\n---\n', warnings: ['missing-title'], published: false, topics: [], title: 'a.md' },
  { name: 'published as the string "false"', input: '---\ntitle: A\npublished: "false"\n---\n', warnings: ['wrong-type'], published: false, at: { line: 3 } },
  { name: 'an unparseable date', input: '---\ntitle: A\npublishedDateTime: 07/05/2022\n---\n', warnings: ['bad-date'] },
  { name: 'an impossible date', input: '---\ntitle: A\npublishedDateTime: 2022-02-30T10:00:00Z\n---\n', warnings: ['bad-date'] },
  { name: 'a malformed URL', input: '---\ntitle: A\nwebUrl: "not a url"\noriginalUrl: "javascript:alert(1)"\n---\n', warnings: ['bad-url', 'bad-url'] },
  { name: 'quality as text', input: '---\ntitle: A\nquality: high\n---\n', warnings: ['wrong-type'] },
  {
    name: 'a title and an excerpt turned by direction controls',
    input: '---\ntitle: "Read \\u202Eevil"\nexcerpt: "isolated \\u2067x\\u2069"\n---\n',
    warnings: ['direction-control', 'direction-control'],
    at: { line: 2, field: 'title', message: expect.stringContaining('U+202E') },
  },
  { name: 'the marks right-to-left text needs', input: '---\ntitle: "שלום\u200F! \u061Cمرحبا\u200E"\n---\n', title: 'שלום\u200F! \u061Cمرحبا\u200E' },
  { name: 'duplicate keys', input: '---\ntitle: A\ntitle: B\n---\n', errors: ['duplicate-key'], at: { line: 3 } },
  { name: 'a tab used for indentation', input: '---\ntitle: A\nprovider:\n\tname: X\n---\n', errors: ['yaml-syntax'], at: { line: 4 } },
  { name: 'a "..." line with more after it (a second document)', input: '---\ntitle: A\n...\npublished: true\n---\n', errors: ['yaml-syntax'], at: { line: 3, column: 1 } },
  { name: 'a "..." line last (the end of the one document)', input: '---\ntitle: A\n...\n---\n', title: 'A' },
  { name: 'an unclosed quote, named where it opens', input: '---\ntitle: "A\npublished: true\n---\n', errors: ['yaml-syntax'], at: { line: 2, column: 8, message: expect.stringContaining('the quote (") that opens the value of title is not closed') } },
  {
    name: 'a quote left open over the published line, the YAML still reading: the approval is not read, and the title says why',
    input: '---\ntitle: "Rates rise\npublished: true\nexcerpt: Some text"\n---\n',
    warnings: ['runs-on'],
    published: false,
    title: 'Rates rise published: true excerpt: Some text',
    at: {
      line: 2,
      field: 'title',
      message: 'title runs on over line 3 ("published:") and line 4 ("excerpt:"), which are read as part of title, not as keys, so the article has no "published" or "excerpt" key; the quote that opens title is likely not closed on its line',
    },
  },
  {
    name: 'the value that ran on is the nearest above the line, not another that holds the same words',
    input: '---\ntitle: "Blood type: facts"\nexcerpt: "Foo\ntype: article"\n---\n',
    warnings: ['runs-on'],
    at: { line: 3, field: 'excerpt', message: expect.stringMatching(/^excerpt runs on over line 4 \("type:"\), which is read as part of excerpt, not as a key/) },
  },
  {
    name: 'a related article’s title left open over the published line: the warning names the line its quote opens',
    input: '---\ntitle: A\nrelated:\n  - title: "Rates rise\npublished: true\ntopics: [a]\n  - title: x"\n---\n',
    warnings: ['runs-on'],
    published: false,
    topics: [],
    at: {
      line: 4,
      field: 'related',
      message: 'a value in related runs on over line 5 ("published:") and line 6 ("topics:"), which are read as part of that value, not as keys, so the article has no "published" or "topics" key; the quote that opens it is likely not closed on its line',
    },
  },
  {
    name: 'an image’s single-quoted caption left open, over lines of its own and the published line',
    input: "---\ntitle: A\nimages:\n  - url: 'https://x.test/a.png'\n    caption: 'It''s raining\n    credit: AP\npublished: true'\n---\n",
    warnings: ['runs-on'],
    published: false,
    at: { line: 5, field: 'images', message: expect.stringMatching(/^a value in images runs on over line 7 \("published:"\), which is read as part of that value, not as a key, so the article has no "published" key; the quote that opens it is likely/) },
  },
  {
    name: 'a related value left open on a line that does not look like one opening it: the warning is on the key that holds it',
    input: '---\ntitle: A\nrelated:\n  - title: x\n    "a: b": "x\npublished: true"\n---\n',
    warnings: ['runs-on'],
    at: { line: 3, field: 'related', message: expect.stringMatching(/over line 6 \("published:"\).*; a quote that opens it, between line 3 and line 6, is likely not closed on its line$/) },
  },
  {
    name: 'a [list] left open over the published line: the line becomes an entry of it, and the warning names the [ that opens it (not the entry’s type)',
    input: '---\ntitle: A\ntopics: [AI, Cloud,\npublished: true]\n---\n',
    warnings: ['runs-on'],
    published: false,
  },
  {
    name: 'a {mapping} left open over the published line',
    input: '---\ntitle: A\nprovider: {name: X,\npublished: true}\n---\n',
    warnings: ['runs-on'],
    published: false,
    at: {
      line: 3,
      field: 'provider',
      message: 'a mapping in provider runs on over line 4 ("published:"), which is read as part of it, not as a key, so the article has no "published" key; the { that opens it is likely not closed on its line',
    },
  },
  {
    name: 'a [list] left open over lines of its own: the warning is on the line it opens, brackets closed on a line and quoted ones passed over',
    input: '---\ntitle: A\ntopics: [AI,\n  Cloud, {a: "]"}, \'b]\',\npublished: true]\n---\n',
    warnings: ['runs-on'],
    published: false,
  },
  {
    name: 'a [list] in a related article left open over the published line: the parse does not watch it, the missing approval does',
    input: '---\ntitle: A\nrelated:\n  - title: B\n    topics: [AI, Cloud,\npublished: true]\ntopics:\n  - X\n---\n',
    warnings: ['runs-on'],
    published: false,
    topics: ['X'],
    at: {
      line: 5,
      field: 'related',
      message: 'a list in related runs on over line 6 ("published:"), which is read as part of it, not as a key, so the article has no "published" key; the [ that opens it is likely not closed on its line',
    },
  },
  {
    name: 'a [list] in a related article left open over the topics line',
    input: '---\ntitle: A\npublished: true\nrelated:\n  - title: B\n    tags: [AI,\ntopics: [X]]\n---\n',
    warnings: ['runs-on'],
    published: true,
    topics: [],
    at: { line: 6, field: 'related', message: expect.stringMatching(/^a list in related runs on over line 7 \("topics:"\), which is read as part of it/) },
  },
  { name: 'no published key, and the word at the start of a line of text', input: '---\ntitle: A\nexcerpt: "Two lines\npublished today"\n---\n', title: 'A' },
  { name: 'a related title holding a key’s words, with no such key at column 0', input: '---\ntitle: A\nrelated:\n  - title: "Why published: true matters"\n---\n', published: false },
  { name: 'a related title holding a key’s words, the key in the file', input: '---\ntitle: A\nrelated:\n  - title: "Why published: true matters"\npublished: true\n---\n', published: true },
  { name: 'a text holding a key’s words, with no such key in the file', input: '---\ntitle: "Blood type: facts"\n---\n', title: 'Blood type: facts' },
  { name: 'a quoted value rightly run on over prose at column 0', input: '---\ntitle: A\nexcerpt: "On a breezy evening, designers,\nmarketing folks, and others convened: and more"\n---\n', title: 'A' },
  { name: 'front matter that is a list', input: '---\n- a\n- b\n---\n', errors: ['not-a-mapping'], at: { line: 2, column: 1 } },
  { name: 'front matter that is one string', input: '---\njust words\n---\n', errors: ['not-a-mapping'] },
  { name: 'unterminated front matter', input: '---\ntitle: A\npublished: true\n', errors: ['unterminated'], at: { line: 1, column: 1 } },
  { name: 'only an opening line', input: '---', errors: ['unterminated'] },
  { name: 'a Markdown body containing ---', input: '---\ntitle: A\n---\nText\n\n---\n\nmore: text\n', title: 'A' },
  { name: 'empty front matter', input: '---\n---\nbody\n', warnings: ['missing-title'] },
  { name: 'unicode topics', input: '---\ntitle: Ünïcödé\ntopics:\n  - Économie\n  - 人工知能\n  - "🚀 launch"\n---\n', topics: ['Économie', '人工知能', '🚀 launch'] },
  { name: 'a key the model does not type', input: '---\ntitle: A\nsecured: "x=="\nremoved: true\n---\n', title: 'A' },
];

describe('reading an article file', () => {
  test.each(rows)('$name', (row) => {
    const parsed = parseText(row.input);
    expect(parsed.kind).toBe('article');
    if (parsed.kind !== 'article') return;
    const { summary } = parsed;
    expect(summary.problems.filter((p) => p.level === 'error').map((p) => p.code)).toEqual(row.errors ?? []);
    expect(summary.problems.filter((p) => p.level === 'warning').map((p) => p.code)).toEqual(row.warnings ?? []);
    expect(parsed.readable === null).toBe((row.errors ?? []).length > 0);
    for (const p of summary.problems) expect(p.message.length).toBeGreaterThan(15);
    if (row.at) expect(summary.problems[0]).toMatchObject(row.at);
    if (row.published !== undefined) expect(summary.published).toBe(row.published);
    if (row.topics) expect(summary.topics).toEqual(row.topics);
    if (row.title) expect(summary.title).toBe(row.title);
  });
});

describe('a [list] left open, named where it opens', () => {
  test.each([
    { yaml: 'title: A\ntopics: [AI, Cloud,\npublished: true]\n', line: 3 },
    { yaml: 'title: A\ntopics: [AI,\n  Cloud, {a: "]"}, \'b]\',\npublished: true]\n', line: 3 },
    { yaml: 'title: A\ntopics:\n  [AI,\n  Cloud,\npublished: true]\n', line: 4 },
  ])('on line $line', ({ yaml, line }) => {
    const parsed = parseText(`---\n${yaml}---\n`);
    const runOn = parsed.kind === 'article' ? parsed.summary.problems.find((p) => p.code === 'runs-on') : undefined;
    expect(runOn).toMatchObject({
      line,
      field: 'topics',
      message: expect.stringMatching(/^a list in topics runs on over line \d+ \("published:"\), which is read as part of it, not as a key, so the article has no "published" key; the \[ that opens it is likely not closed on its line$/),
    });
  });
});

describe('texts and [ ] or { } read over lines: the only values that can run on over a key', () => {
  test.each([
    { name: 'one line each', yaml: 'title: "A"\npublished: true\ntopics:\n  - a\n  - "b"\nrelated:\n  - title: x\n    url: "y"\n', over: false },
    { name: 'a quote left open at the top level', yaml: 'title: "Rates rise\npublished: true"\n', over: true },
    { name: 'a quote left open in a related article', yaml: 'title: A\nrelated:\n  - title: \'Rates\npublished: true\'\n', over: true },
    { name: 'plain text folded over lines', yaml: 'title: A\nexcerpt: In 1986 a reactor\n  released harmful radioactivity\n', over: true },
    { name: 'a value on the line after its key, on one line', yaml: 'title:\n  A\n', over: false },
    { name: 'a value on the line after its key, its quote left open', yaml: 'title:\n  "Rates\npublished: true"\n', over: true },
    { name: 'a block of text', yaml: 'excerpt: |\n  a\n  b\n', over: true },
    { name: 'a [list] over lines', yaml: 'topics: [a,\n  b]\n', over: true },
    { name: 'a {mapping} over lines, begun on the line after its key', yaml: 'provider:\n  {name: X,\n  domain: y}\n', over: true },
    { name: 'a [list] and a {mapping} each on one line, in a block list over lines', yaml: 'related:\n  - {title: x, url: y}\n  - tags: [a, b]\n', over: false },
  ])('$name', ({ yaml, over }) => {
    const read = readFrontMatterYaml(yaml, 2);
    expect(read.ok && read.overLines).toBe(over);
  });
});

describe('what is not an article', () => {
  test.each([
    { name: 'an empty file', bytes: new Uint8Array() },
    { name: 'Markdown without front matter', bytes: new TextEncoder().encode('# Hello\n\n---\n') },
    { name: 'a binary file', bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0x1a, 0xff]) },
    { name: 'four dashes', bytes: new TextEncoder().encode('----\ntitle: A\n----\n') },
  ])('$name is skipped', ({ bytes }) => {
    expect(parseArticleFile('x.md', bytes).kind).toBe('not-article');
  });
});

describe('bytes that cannot be read safely', () => {
  test('bytes that are not UTF-8 are an error with their place', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('---\ntitle: caf'), 0xe9, ...new TextEncoder().encode('\n---\n')]);
    const parsed = parseArticleFile('x.md', bytes);
    expect(parsed.kind === 'article' && parsed.summary.problems).toEqual([
      expect.objectContaining({ level: 'error', code: 'not-utf8', line: 2, column: 11 }),
    ]);
  });

  test('a front-matter file with NUL bytes is binary', () => {
    const parsed = parseArticleFile('x.md', Uint8Array.from([...new TextEncoder().encode('---\ntitle: A\n'), 0, 1, 2]));
    expect(parsed.kind === 'article' && parsed.summary.problems[0]?.code).toBe('binary');
  });

  test('an alias bomb is refused in bounded time and memory', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = performance.now();
    const parsed = parseText(`---\ntitle: bomb\n${levels.join('\n')}\n---\n`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(parsed.kind === 'article' && parsed.summary.problems[0]?.code).toBe('too-complex');
  });
});

describe('values stay as the file spells them', () => {
  test('timestamps stay strings, never Dates', () => {
    const parsed = parseText(seed);
    expect(parsed.kind === 'article' && parsed.summary.publishedDateTime).toBe('2022-07-05T23:38:00Z');
    expect(parsed.kind === 'article' && parsed.readable?.data.publishedDateTime).toBe('2022-07-05T23:38:00Z');
  });

  test('unknown fields are kept as data', () => {
    const parsed = parseText(seed);
    const data = parsed.kind === 'article' ? parsed.readable?.data : undefined;
    expect(data?.secured).toMatch(/^6H484Zdu7T24t8mRedynWH.*BL007iSWqnNaf5bYu1HFw==$/);
  });
});

describe('finding the first bad byte', () => {
  test.each([
    { name: 'a lone Latin-1 byte', bytes: [0x61, 0xe9, 0x0a], at: 1 },
    { name: 'a bad byte after a complete é', bytes: [0xc3, 0xa9, 0xff], at: 2 },
    { name: 'a truncated three-byte sequence', bytes: [0x61, 0xe2, 0x82], at: 1 },
  ])('$name', ({ bytes, at }) => {
    const head = new TextEncoder().encode('---\n');
    const parsed = parseArticleFile('x.md', Uint8Array.from([...head, ...bytes]));
    expect(parsed.kind === 'article' && parsed.summary.problems[0]?.message).toContain(`byte ${head.length + at} `);
  });
});

describe('a summary keeps no file text alive', () => {
  // js-yaml's strings are slices of the text it parsed; a summary keeping one kept the whole file.
  test('30 summaries of 1 MB files hold far less than 30 MB', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const filler = 'x'.repeat(1024 * 1024);
    const file = (n: number): Uint8Array =>
      Buffer.from(
        `---\ntitle: "A title long enough to be sliced, number ${n}"\nexcerpt: "An excerpt that is long enough too, ${n}"\nprovider:\n  name: "A provider with a long name ${n}"\n  domain: provider-${n}.example.com\n` +
          `publishedDateTime: 2024-05-0${n % 9}T10:00:00Z\ncategory: "a long category name ${n}"\ntype: "a long type name here ${n}"\ntopics:\n  - "A topic with a long name ${n}"\nnotes: "${filler}${n}"\n---\n`,
      );
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = Array.from({ length: 30 }, (_, n) => {
      const parsed = parseArticleFile(`${n}.md`, file(n));
      if (parsed.kind !== 'article') throw new Error('not an article');
      return parsed.summary;
    });
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(kept[7]!.title).toBe('A title long enough to be sliced, number 7');
    expect(kept[7]!.topics).toEqual(['A topic with a long name 7']);
    expect(grown).toBeLessThan(5 * 1024 * 1024);
  });
});
