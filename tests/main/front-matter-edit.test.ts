import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import type { FrontMatterEdit } from '../../main/core/front-matter-edit.js';
import { skeletonOf } from '../../main/core/yaml-cst.js';
import { FRONT_MATTER_SCHEMA } from '../../main/core/yaml-read.js';
import { editText } from '../helpers/edit-text.js';

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
