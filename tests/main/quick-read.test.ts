/** The fast reader must agree with the full parse, field by field, on every real and generated file. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generateLibrary } from '../../bench/generate.js';
import { quickSummary } from '../../main/core/quick-read.js';
import { parseArticleFile } from '../../main/core/read-article.js';
import { hasError, type ArticleSummary } from '../../shared/article.js';
import { CORPORA, haveCorpora, markdownFiles, tempDir } from '../helpers/corpora.js';

const LIST_FIELDS = ['title', 'excerpt', 'providerName', 'providerDomain', 'publishedDateTime', 'category', 'type', 'quality', 'heat', 'published', 'topics'] as const;

/** Compares one file; returns whether the fast reader answered. */
function agree(id: string, bytes: Uint8Array): boolean {
  const full = parseArticleFile(id, bytes);
  const quick = quickSummary(id, bytes);
  if (full.kind === 'not-article') {
    expect(quick, id).toBeNull();
    return false;
  }
  if (quick === null) return false;
  expect(quick.checked, id).toBe(false);
  const fields = (s: ArticleSummary) => Object.fromEntries(LIST_FIELDS.map((f) => [f, s[f]]));
  if (!hasError(full.summary.problems)) {
    expect(fields(quick), id).toEqual(fields(full.summary));
    expect(quick.problems, id).toEqual(full.summary.problems);
  }
  return true;
}

const generated = tempDir();
afterAll(() => generated.cleanup());

describe('the fast reader agrees with the full parse', () => {
  test('on 3,000 generated articles, answering for nearly all of them', () => {
    generateLibrary(3000, generated.dir, 7);
    const names = readdirSync(generated.dir);
    let answered = 0;
    for (const name of names) if (agree(name, readFileSync(join(generated.dir, name)))) answered++;
    console.info(`fast reader answered ${answered} of ${names.length} generated files`);
    expect(answered / names.length).toBeGreaterThan(0.95);
  });

  test.skipIf(!haveCorpora)('on every corpus file', () => {
    let answered = 0;
    const ids = markdownFiles(CORPORA);
    for (const id of ids) if (agree(id, readFileSync(join(CORPORA, id)))) answered++;
    console.info(`fast reader answered ${answered} of ${ids.length} corpus files`);
    expect(answered).toBeGreaterThan(0);
  });

  test.each([
    { name: 'an indented mapping', text: '---\n title: A\n published: true\n---\n' },
    { name: 'the seed', text: readFileSync(new URL('../../seeds/000_8a8d1d44de5d8be9.txt', import.meta.url), 'utf8') },
    { name: 'CRLF and BOM', text: '\uFEFF---\r\ntitle: "A"\r\npublished: true\r\ntopics:\r\n  - x\r\n---\r\n' },
    { name: 'quoted and plain spellings', text: "---\ntitle: 'It''s'\nexcerpt: \"caf\\u00e9 \\\"q\\\"\"\nquality: 007\nheat: -1.5\npublished: True\ntopics: [a, b c]\n---\n" },
    { name: 'values the fast reader leaves alone', text: '---\ntitle: &t "A"\nexcerpt: |\n  block\nquality: 0x1F\ntopics:\n  - "a\n    b"\n---\n' },
    { name: 'a duplicate key', text: '---\ntitle: A\ntitle: B\n---\n' },
    { name: 'nulls and empties', text: '---\ntitle:\nexcerpt: ""\ntopics:\n  -\n  - x\nimages:\nrelated: []\n---\n' },
    { name: 'wrong types', text: '---\ntitle: 2022\npublished: "false"\ntopics: AI\nquality: high\nwebUrl: nope\npublishedDateTime: 07/05/2022\n---\n' },
  ])('$name', ({ text }) => {
    agree('x.md', new TextEncoder().encode(text));
  });
});
