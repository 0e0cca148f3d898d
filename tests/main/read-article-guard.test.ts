/** A file whose reading throws is listed with that error; the rest of the library still opens. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { tempDir } from '../helpers/corpora.js';

// The YAML reader, made to throw as no known file makes it throw now (a js-yaml error without a
// place made the problem's own constructor throw, once: the second-document case in read-article.test.ts).
vi.mock('../../main/core/yaml-read.js', async (original) => {
  const actual = await original<typeof import('../../main/core/yaml-read.js')>();
  return {
    ...actual,
    readFrontMatterYaml: (yaml: string, firstLine: number) => {
      if (yaml.includes('boom')) throw new TypeError('Cannot read properties of undefined');
      return actual.readFrontMatterYaml(yaml, firstLine);
    },
  };
});

const { parseArticleFile } = await import('../../main/core/read-article.js');
const { Library } = await import('../../main/core/library.js');

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('a reading that throws', () => {
  test('is the file’s error, said plainly', () => {
    const parsed = parseArticleFile('a.md', new TextEncoder().encode('---\ntitle: boom\n---\n'));
    expect(parsed.kind).toBe('article');
    if (parsed.kind !== 'article') return;
    expect(parsed.readable).toBeNull();
    expect(parsed.summary.problems).toEqual([
      { level: 'error', code: 'unreadable', message: 'Masthead could not read this file (Cannot read properties of undefined); it is left as it is' },
    ]);
  });

  test('leaves every other file of the library listed and checked', async () => {
    mkdirSync(join(dir.dir, 'lib'));
    writeFileSync(join(dir.dir, 'lib', 'bad.md'), '---\ntitle: boom\n---\n');
    writeFileSync(join(dir.dir, 'lib', 'good.md'), '---\ntitle: Good\npublished: false\n---\n');
    const opened = await Library.open(join(dir.dir, 'lib'));
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    await opened.value.checked;
    const byId = new Map(opened.value.list().map((s) => [s.id, s]));
    expect(byId.get('good.md')).toMatchObject({ title: 'Good', problems: [] });
    expect(byId.get('bad.md')?.problems.map((p) => p.code)).toEqual(['unreadable']);
    await opened.value.close();
  });
});
