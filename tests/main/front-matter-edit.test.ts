import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { load } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import type { FrontMatterEdit } from '../../main/core/front-matter-edit.js';
import { CST, Parser } from 'yaml';
import { yamlOf } from '../../main/core/front-matter.js';
import { parseArticleFile } from '../../main/core/read-article.js';
import { joinQuotedLines, scalarValue, skeletonOf } from '../../main/core/yaml-cst.js';
import { FRONT_MATTER_SCHEMA } from '../../main/core/yaml-read.js';
import { changedLines, editText, parseText } from '../helpers/edit-text.js';
import { seededRandom } from '../helpers/seeded.js';
import { CORPORA, haveCorpora, markdownFiles } from '../helpers/corpora.js';

const seed = readFileSync(new URL('../../seeds/000_8a8d1d44de5d8be9.txt', import.meta.url), 'utf8');
const publish: FrontMatterEdit = { kind: 'set-published', value: true };
const topics = (...list: string[]): FrontMatterEdit => ({ kind: 'set-topics', topics: list });

interface Row {
  readonly name: string;
  readonly input: string;
  readonly edit: FrontMatterEdit;
  readonly expected: string;
}

const rows: readonly Row[] = [
  {
    name: 'publish: one value changes, comments stay',
    input: '---\ntitle: "A"  # keep\npublished: false # was\n\ndate: 2022-07-05T23:38:00Z\n---\nbody\n',
    edit: publish,
    expected: '---\ntitle: "A"  # keep\npublished: true # was\n\ndate: 2022-07-05T23:38:00Z\n---\nbody\n',
  },
  {
    name: 'publish over the string "false" writes a boolean',
    input: '---\ntitle: A\npublished: "false"\n---\n',
    edit: publish,
    expected: '---\ntitle: A\npublished: true\n---\n',
  },
  {
    name: 'publish keeps CRLF and the BOM',
    input: '\uFEFF---\r\ntitle: A\r\npublished: False\r\n---\r\n',
    edit: publish,
    expected: '\uFEFF---\r\ntitle: A\r\npublished: true\r\n---\r\n',
  },
  {
    name: 'publish adds a missing key after heat',
    input: '---\ntitle: A\nquality: 4\nheat: -1\n\nprovider:\n  name: X\n---\n',
    edit: publish,
    expected: '---\ntitle: A\nquality: 4\nheat: -1\npublished: true\n\nprovider:\n  name: X\n---\n',
  },
  {
    name: 'a new key goes before the "..." that ends the YAML',
    input: '---\ntitle: A\n...\n---\n',
    edit: publish,
    expected: '---\ntitle: A\npublished: true\n...\n---\n',
  },
  {
    name: 'a new key is not indented by an anchor or a tag on the first key',
    input: '---\n&id eip: 4747\ntitle: A\n---\n',
    edit: publish,
    expected: '---\n&id eip: 4747\ntitle: A\npublished: true\n---\n',
  },
  {
    name: 'a new key follows the indentation of indented keys',
    input: '---\n  !!str eip: 4747\n  title: A\n---\n',
    edit: topics('AI'),
    expected: '---\n  !!str eip: 4747\n  title: A\n  topics:\n    - AI\n---\n',
  },
  {
    name: 'publish adds a missing key at the end when no anchor exists',
    input: '---\nslug: a\n---\n',
    edit: publish,
    expected: '---\nslug: a\npublished: true\n---\n',
  },
  {
    name: 'publish fills an empty value',
    input: '---\ntitle: A\npublished:\n---\n',
    edit: publish,
    expected: '---\ntitle: A\npublished: true\n---\n',
  },
  {
    name: 'publish in empty front matter',
    input: '---\n---\n',
    edit: publish,
    expected: '---\npublished: true\n---\n',
  },
  {
    name: 'unpublish',
    input: '---\npublished: yes_it_is\n---\n',
    edit: { kind: 'set-published', value: false },
    expected: '---\npublished: false\n---\n',
  },
  {
    name: 'add a topic to a block list, following its indentation',
    input: '---\ntopics:\n    - a\n    - b\nnext: 1\n---\n',
    edit: topics('a', 'b', 'c'),
    expected: '---\ntopics:\n    - a\n    - b\n    - c\nnext: 1\n---\n',
  },
  {
    name: 'add to an indentless block list with a comment between items',
    input: '---\ntopics:\n- a\n# about b\n- b\n---\n',
    edit: topics('a', 'x', 'b'),
    expected: '---\ntopics:\n- a\n- x\n# about b\n- b\n---\n',
  },
  {
    name: 'remove a topic keeps the rest and the blank line after',
    input: '---\ntopics:\n  - a\n  - b # note\n  - c\n\nimages: []\n---\n',
    edit: topics('a', 'c'),
    expected: '---\ntopics:\n  - a\n  - c\n\nimages: []\n---\n',
  },
  {
    name: 'remove the last topic leaves an empty list',
    input: '---\ntopics:\n  - a\nnext: 1\n---\n',
    edit: topics(),
    expected: '---\ntopics: []\nnext: 1\n---\n',
  },
  {
    name: 'emptying a list keeps its comments, not its items',
    input: '---\r\ntopics: # the desk\'s\r\n  # first\r\n  - a # one\r\n  - b\r\nnext: 1\r\n---\r\n',
    edit: topics(),
    expected: '---\r\ntopics: [] # the desk\'s\r\n  # first\r\nnext: 1\r\n---\r\n',
  },
  {
    name: 'new topics follow the quoting of their siblings',
    input: '---\ntopics:\n  - "a"\n---\n',
    edit: topics('a', 'b'),
    expected: '---\ntopics:\n  - "a"\n  - "b"\n---\n',
  },
  {
    name: 'topics that would change type or break YAML are quoted',
    input: '---\ntopics:\n  - a\n---\n',
    edit: topics('a', 'true', '2022', 'C#', 'Node.js: Tips', 'yes', '- x', '2022-07-05', 'null', 'C++'),
    expected:
      '---\ntopics:\n  - a\n  - "true"\n  - "2022"\n  - "C#"\n  - "Node.js: Tips"\n  - "yes"\n  - "- x"\n  - "2022-07-05"\n  - "null"\n  - C++\n---\n',
  },
  {
    name: 'a flow list stays a flow list',
    input: '---\ntopics: [a, "b"]   # flow\n---\n',
    edit: topics('a', 'b', 'c d'),
    expected: '---\ntopics: [a, "b", c d]   # flow\n---\n',
  },
  {
    name: 'a padded flow list keeps its padding',
    input: '---\ntopics: [ a,b ]\n---\n',
    edit: topics('b'),
    expected: '---\ntopics: [ b ]\n---\n',
  },
  {
    name: 'an empty flow list gets its first topic',
    input: '---\ntopics: []\n---\n',
    edit: topics('Économie'),
    expected: '---\ntopics: [Économie]\n---\n',
  },
  {
    name: 'an empty flow list written with a space gets its first topic',
    input: '---\ntopics: [ ]\nheat: 1\n---\n',
    edit: topics('AI', 'Cloud'),
    expected: '---\ntopics: [AI, Cloud]\nheat: 1\n---\n',
  },
  {
    name: 'a flow list with a trailing comma keeps it',
    input: '---\ntopics: [a, b, ]  # tags\n---\n',
    edit: topics('b', 'c'),
    expected: '---\ntopics: [b, c, ]  # tags\n---\n',
  },
  {
    name: 'a flow list with a trailing comma can be emptied',
    input: '---\ntopics: [a,]\n---\n',
    edit: topics(),
    expected: '---\ntopics: []\n---\n',
  },
  {
    name: 'an empty topics key becomes a block list',
    input: '---\ntitle: A\ntopics:\nnext: 1\n---\n',
    edit: topics('a'),
    expected: '---\ntitle: A\ntopics:\n  - a\nnext: 1\n---\n',
  },
  {
    name: 'topics as one string becomes a list',
    input: '---\ntopics: AI\n---\n',
    edit: topics('AI', 'ML'),
    expected: '---\ntopics:\n  - AI\n  - ML\n---\n',
  },
  {
    name: 'a bare null item is dropped when the topics are set',
    input: '---\ntopics:\n  - a\n  -\n---\n',
    edit: topics('a'),
    expected: '---\ntopics:\n  - a\n---\n',
  },
  {
    name: 'a missing topics key goes after provider, in CRLF',
    input: '---\r\ntitle: A\r\nprovider:\r\n  name: X\r\nimages:\r\n  - url: "u"\r\n---\r\n',
    edit: topics('a b'),
    expected: '---\r\ntitle: A\r\nprovider:\r\n  name: X\r\ntopics:\r\n  - a b\r\nimages:\r\n  - url: "u"\r\n---\r\n',
  },
  {
    name: 'replacing a topic edits its line only',
    input: '---\ntopics:\n  - a\n  - b\n  - c\n---\n',
    edit: topics('a', 'B', 'c'),
    expected: '---\ntopics:\n  - a\n  - B\n  - c\n---\n',
  },
  {
    name: 'a topic with a leading space and unicode is double-quoted',
    input: '---\ntopics:\n  - a\n---\n',
    edit: topics('a', ' 🚀 x', "it's"),
    expected: "---\ntopics:\n  - a\n  - \" 🚀 x\"\n  - it's\n---\n",
  },
  // A quoted value whose continuation lines are not indented (as Jekyll sites write them) hides the keys after it from the CST.
  {
    name: 'the last topic removed after a quoted value whose next line is not indented',
    input: '---\nexcerpt: "working on national\ndefense issues."\ntopics:\n- "#tag"\n---\n',
    edit: topics(),
    expected: '---\nexcerpt: "working on national\ndefense issues."\ntopics: []\n---\n',
  },
  {
    name: 'a topic added after single-quoted values running over lines not indented, in CRLF',
    input: "---\r\ntitle: 'it''s\r\nhere\r\n\r\nnow'\r\nexcerpt: 'x\r\ny'\r\ntopics: [a]\r\npublished: false\r\n---\r\n",
    edit: topics('a', 'b'),
    expected: "---\r\ntitle: 'it''s\r\nhere\r\n\r\nnow'\r\nexcerpt: 'x\r\ny'\r\ntopics: [a, b]\r\npublished: false\r\n---\r\n",
  },
  {
    name: 'published set after a double-quoted value with an escaped quote and lines not indented',
    input: '---\ntitle: "say \\"a\nb\\" c"\npublished: false\n---\n',
    edit: publish,
    expected: '---\ntitle: "say \\"a\nb\\" c"\npublished: true\n---\n',
  },
];

describe('lossless edits', () => {
  test.each(rows)('$name', ({ input, edit, expected }) => {
    const result = editText(input, edit);
    expect(result).toEqual({ ok: true, value: expected });
  });

  test('an edit that changes nothing returns the same text', () => {
    expect(editText(seed, { kind: 'set-published', value: false })).toEqual({ ok: true, value: seed });
    expect(editText(seed, topics('Computer Vision', 'AI', 'Microsoft AI', 'Natural Language Processing'))).toEqual({ ok: true, value: seed });
  });

  test('publishing the seed is a one-line change and every other byte stays', () => {
    const result = editText(seed, publish);
    expect(result.ok && result.value).toBe(seed.replace('\npublished: false\n', '\npublished: true\n'));
  });

  test('a topic added then removed restores the original bytes', () => {
    const added = editText(seed, topics('Computer Vision', 'AI', 'Microsoft AI', 'Natural Language Processing', 'Ethics'));
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    const removed = editText(added.value, topics('Computer Vision', 'AI', 'Microsoft AI', 'Natural Language Processing'));
    expect(removed).toEqual({ ok: true, value: seed });
  });

  test('new topic spellings read back as the same strings', () => {
    const tricky = ['true', '2022', 'C#', 'Node.js: Tips', 'on', '~', '@x', '`y`', '"q"', "'s'", 'a #b', '*star', '&amp', '!tag', '%p', '{x}', '[y]', '0x1F', '1e3', '.inf', 'tab\there', 'line\u2028sep'];
    const result = editText('---\ntopics:\n  - a\n---\n', topics('a', ...tricky));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const yaml = result.value.slice(4, result.value.lastIndexOf('---'));
    expect(load(yaml, { schema: FRONT_MATTER_SCHEMA })).toEqual({ topics: ['a', ...tricky] });
  });

  test('half a surrogate pair (which "\\ud800" in a file reads as) is written escaped, in every style, and reads back from the bytes', () => {
    const odd = 'b\ud800c';
    for (const input of ["---\ntopics: ['a']\n---\n", "---\ntopics:\n  - 'a'\n---\n", '---\ntopics:\n  - a\n---\n', '---\ntopics: ["a"]\n---\n']) {
      const result = editText(input, topics('a', odd));
      expect(result.ok, input).toBe(true);
      if (!result.ok) continue;
      const written = Buffer.from(result.value, 'utf8').toString('utf8'); // what the file holds
      const yaml = written.slice(4, written.lastIndexOf('---'));
      expect(load(yaml, { schema: FRONT_MATTER_SCHEMA }), input).toEqual({ topics: ['a', odd] });
    }
  });
});

describe('edits of front matter written in many styles (seeded)', () => {
  const TOPICS = ['AI', 'Cloud', 'Machine Learning', 'C#', 'Node.js: Tips', 'true', '2024', 'yes', '~', 'café', '#tag', 'a, b', '[x]', "it's", 'say "hi"'];
  const q = (t: string): string => JSON.stringify(t);
  const sq = (t: string): string => `'${t.replace(/'/g, "''")}'`;
  /** The topics key as one of the ways files spell a list of strings; '' leaves it out. */
  const topicsStyles: Record<string, (items: readonly string[], eol: string) => string> = {
    block: (items, eol) => `topics:${eol}${items.map((t) => `  - ${q(t)}${eol}`).join('')}`,
    unindented: (items, eol) => `topics:${eol}${items.map((t) => `- ${sq(t)}${eol}`).join('')}`,
    commented: (items, eol) => `topics: # the desk's${eol}  # chosen by hand${eol}${items.map((t) => `    -   ${q(t)}${eol}`).join('')}`,
    spaced: (items, eol) => `topics:${eol}${items.map((t) => `  - ${q(t)}${eol}${eol}`).join('')}`,
    flow: (items, eol) => `topics: [${items.map(q).join(', ')}]${eol}`,
    padded: (items, eol) => `topics: [ ${items.map(sq).join(' , ')} ]${eol}`,
    trailingComma: (items, eol) => `topics: [${items.map((t) => `${q(t)}, `).join('')}]${eol}`,
    nullValue: (_, eol) => `topics: ~${eol}`,
    missing: () => '',
  };
  const PUBLISHED = ['false', 'true', 'False', 'TRUE', 'false # draft', '"false"', '~', '', 'no'];

  test('each edit reads back as asked, keeps the line ends, the BOM and the comments, and changes only its lines', () => {
    const draw = seededRandom(20261201);
    const pick = <T>(list: readonly T[]): T => list[draw(list.length)]!;
    const styles = Object.keys(topicsStyles);
    for (let n = 0; n < 400; n++) {
      const eol = draw(3) === 0 ? '\r\n' : '\n';
      const bom = draw(8) === 0 ? '\uFEFF' : '';
      const style = styles[n % styles.length]!;
      const items = [...new Set(Array.from({ length: draw(4) }, () => pick(TOPICS)))];
      const published = draw(8) === 0 ? '' : `published: ${pick(PUBLISHED)}${eol}`.replace(': \r', ':\r').replace(/: \n$/, ':\n');
      // Now and then a quoted value runs on over a line that is not indented right before the topics, as
      // Jekyll sites write them: the CST takes that line and the key after it for one key (see joinQuotedLines).
      const runOn = draw(3) === 0 ? `summary: "It runs${eol}on"${eol}` : '';
      const topicsText = runOn + topicsStyles[style]!(style === 'nullValue' || style === 'missing' ? [] : items, eol);
      const head = ['---', '# an article', 'title: "A: title"', "excerpt: 'It''s'", 'publishedDateTime: 2022-07-05T23:38:00Z', 'heat: -1', ''].join(eol);
      const provider = `provider:${eol}  name: X${eol}`;
      const related = `related:${eol}  - title: R${eol}    webUrl: "https://r.example.com"${eol}`;
      const body = draw(2) === 0 ? [published, provider, topicsText, related] : [provider, topicsText, published, related];
      const input = `${bom}${head}${body.join('')}secured: "abc=="${eol}---${eol}Body${eol}`;
      const before = parseText(input);
      if (before.kind !== 'article' || before.readable === null) throw new Error(`fixture does not read: ${input}`);
      const data = before.readable.data;
      const current = Array.isArray(data.topics) ? (data.topics as string[]) : [];

      let next = [...current];
      const op = draw(4);
      if (op === 0) next.push(pick(TOPICS.filter((t) => !current.includes(t))));
      else if (op === 1 && next.length > 0) next.splice(draw(next.length), 1);
      else if (op === 2) next = [...new Set([pick(TOPICS), pick(TOPICS)])];
      else next = [];
      for (const edit of [{ kind: 'set-topics', topics: next } as const, { kind: 'set-published', value: data.published !== true } as const]) {
        const context = `${style} ${JSON.stringify(edit)}\n${input}`;
        const result = editText(input, edit);
        expect(result.ok, context).toBe(true);
        if (!result.ok) continue;
        const output = result.value;
        const after = parseText(output);
        if (after.kind !== 'article' || after.readable === null) throw new Error(`the edit does not read: ${output}`);
        const field = edit.kind === 'set-topics' ? 'topics' : 'published';
        const asked = edit.kind === 'set-topics' ? edit.topics : edit.value;
        const unchanged = edit.kind === 'set-topics' && next.length === 0 && current.length === 0;
        expect(unchanged ? after.readable.data[field] : after.readable.data[field] ?? [], context).toEqual(unchanged ? data[field] : asked);
        expect({ ...after.readable.data, [field]: null }, context).toEqual({ ...data, [field]: null });
        expect(output.startsWith('\uFEFF'), context).toBe(bom !== '');
        if (eol === '\r\n') expect(output, context).not.toMatch(/[^\r]\n/);
        for (const comment of ['# an article', "# the desk's", '# chosen by hand', '# draft']) {
          if (input.includes(comment)) expect(output, context).toContain(comment);
        }
        const { removed, added } = changedLines(input, output);
        if (edit.kind === 'set-published') {
          expect(added.length, context).toBe(1);
          expect(removed.length, context).toBeLessThanOrEqual(1);
        } else {
          const gone = current.filter((t) => !next.includes(t)).length;
          const come = next.filter((t) => !current.includes(t)).length;
          // Lines kept between two changes are no change: only the lines on one side alone count.
          const only = (lines: readonly string[], other: readonly string[]): number => {
            const left = [...other];
            return lines.filter((line) => (left.includes(line) ? (left.splice(left.indexOf(line), 1), false) : true)).length;
          };
          const changed = only(removed, added) + only(added, removed);
          const kept = next.filter((t) => current.includes(t));
          if (isDeepStrictEqual(next, current)) {
            expect(output, context).toBe(input);
          } else if (!isDeepStrictEqual(kept, current.filter((t) => next.includes(t)))) {
            expect(changed, context).toBeLessThanOrEqual(gone + come + 2 * kept.length + 2); // reordered: a kept topic may move
          } else if (current.length === 0 || next.length === 0) {
            // The list comes or goes: its key's line changes too (as an item of `[…]` or as `topics: []`).
            expect(changed, context).toBeLessThanOrEqual(gone + come + 2);
          } else if (style === 'flow' || style === 'padded' || style === 'trailingComma') {
            expect(changed, context).toBe(2); // its one line, before and after
          } else {
            expect(changed, context).toBe(gone + come); // a line for each topic removed or added
          }
        }
      }
    }
  });
});

describe('the skeleton the CST is built from', () => {
  test('blanks nested blocks but their first line, keeping every offset and the topics block', () => {
    const yaml = 'title: A\nrelated:\n  - title: x\n    excerpt: y\n  - title: z\ntopics:\n  - a\n  - b\nnext: 1\r\n';
    const skeleton = skeletonOf(yaml);
    expect(skeleton).toHaveLength(yaml.length);
    expect(skeleton.split('\n').map((l) => l.trim())).toEqual(['title: A', 'related:', '- title: x', '', '', 'topics:', '- a', '- b', 'next: 1', '']);
  });

  test('an edit the skeleton cannot see falls back to the whole front matter', () => {
    const input = '---\nauthors:\n - eric\n - extra\ntags: [x]\n---\n';
    expect(editText(input, { kind: 'set-list', field: 'authors', items: ['eric'] })).toEqual({ ok: true, value: '---\nauthors:\n - eric\ntags: [x]\n---\n' });
    expect(editText(input, { kind: 'set-list', field: 'authors', items: ['eric', 'extra', 'new'] })).toEqual({
      ok: true,
      value: '---\nauthors:\n - eric\n - extra\n - new\ntags: [x]\n---\n',
    });
  });
});

describe('quoted values the CST cuts short', () => {
  test.each([
    { name: 'none: null', yaml: 'title: "a b"\nx: \'c\'\n', joined: null },
    { name: 'double quotes joined, offsets kept', yaml: 'a: "x\ny \\" z\nw"\nb: 1\n', joined: 'a: "x y \\" z w"\nb: 1\n' },
    { name: "single quotes, '' inside, CRLF", yaml: "a: 'it''s\r\nx'\r\nb: 1\r\n", joined: "a: 'it''s  x'\r\nb: 1\r\n" },
    { name: 'two of them', yaml: 'a: "x\ny"\nb: \'z\nw\'\nc: 1\n', joined: 'a: "x y"\nb: \'z w\'\nc: 1\n' },
    { name: 'a quote never closed: left as it is', yaml: 'a: "x\ny\nb: 1\n', joined: null },
    { name: 'indented continuation lines: nothing cut', yaml: 'a: "x\n  y"\nb: 1\n', joined: null },
    {
      name: 'hundreds of them: given up once half a million characters are parsed, the edits refused as before',
      yaml: Array.from({ length: 400 }, (_, i) => `k${i}: "a long value\nthat runs on ${i}"\n`).join(''),
      joined: null,
    },
    {
      name: 'a hundred of them: all joined',
      yaml: Array.from({ length: 100 }, (_, i) => `k${i}: "a long value\nthat runs on ${i}"\n`).join(''),
      joined: Array.from({ length: 100 }, (_, i) => `k${i}: "a long value that runs on ${i}"\n`).join(''),
    },
  ])('$name', ({ yaml, joined }) => {
    const result = joinQuotedLines(yaml);
    expect(result).toBe(joined);
    if (result !== null) expect(result).toHaveLength(yaml.length);
  });

  test.skipIf(!haveCorpora)('in the real corpora: joined, the CST finds every key js-yaml reads, and topics can be added and taken away again', () => {
    const keysOf = (yaml: string): (string | undefined)[] => {
      const doc = Array.from(new Parser().parse(yaml)).find((t) => t.type === 'document') as CST.Document | undefined;
      return doc?.value?.type === 'block-map' ? doc.value.items.map((it) => scalarValue(it.key)) : [];
    };
    let cut = 0;
    for (const id of markdownFiles(CORPORA)) {
      const parsed = parseArticleFile(id, readFileSync(`${CORPORA}/${id}`));
      if (parsed.kind !== 'article' || parsed.readable === null) continue;
      const { readable } = parsed;
      const yaml = yamlOf(readable.text, readable.block);
      const joined = joinQuotedLines(yaml);
      // Uncut, the CST already finds what js-yaml reads.
      expect(keysOf(joined ?? yaml), id).toEqual(Object.keys(readable.data));
      if (joined === null) continue;
      cut++;
      const was = Array.isArray(readable.data.topics) ? (readable.data.topics as string[]) : [];
      const added = editText(readable.text, topics(...was, 'Masthead round-trip'));
      if (!added.ok) throw new Error(`${id}: ${added.error.message}`);
      const back = editText(added.value, topics(...was));
      const reread = back.ok ? parseText(back.value) : null;
      expect(reread?.kind === 'article' && reread.readable?.data.topics, id).toEqual(was);
      expect(editText(readable.text, { kind: 'set-published', value: readable.data.published !== true }).ok, id).toBe(true);
    }
    // 115 files when this was written, 34 of which could not have a topic taken away before.
    expect(cut).toBeGreaterThan(100);
  });
});

describe('edits that cannot be made losslessly are refused', () => {
  test.each([
    { name: 'a multi-line flow list', input: '---\ntopics: [a,\n  b]\n---\n', edit: topics('a') },
    { name: 'topics holding a mapping', input: '---\ntopics:\n  a: 1\n---\n', edit: topics('a') },
    { name: 'published holding a list', input: '---\npublished:\n  - true\n---\n', edit: publish },
    { name: 'flow-style front matter', input: '---\n{title: A, published: false}\n---\n', edit: publish },
  ])('$name', ({ input, edit }) => {
    const result = editText(input, edit);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe('not-editable');
    expect(!result.ok && result.error.message).toMatch(/Nothing was changed/);
  });
});
