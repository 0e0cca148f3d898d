/**
 * The patch on js-yaml (patches/js-yaml+*.patch, applied by patch-package at install) takes two
 * quick steps: a double-quoted scalar with no escape, line break or control character is read in
 * one step, and a node with neither a tag nor an anchor ends its search for them before copying the
 * state. They must change nothing js-yaml makes of any YAML: here the patched js-yaml is compared
 * with js-yaml as published (the installed file with the patch taken back out), on every real and
 * generated front matter and on random YAML full of what the steps skip.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyPatch, parsePatch, reversePatch } from 'diff';
import * as patched from 'js-yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateLibrary } from '../../bench/generate.js';
import { FRONT_MATTER_SCHEMA } from '../../main/core/yaml-read.js';
import { CORPORA, haveCorpora, markdownFiles, tempDir } from '../helpers/corpora.js';
import { seededRandom } from '../helpers/seeded.js';

type JsYaml = typeof patched;

const packageFolder = dirname(createRequire(import.meta.url).resolve('js-yaml/package.json'));
const version = (JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8')) as { version: string }).version;
const patchedText = readFileSync(join(packageFolder, 'dist', 'js-yaml.mjs'), 'utf8');
const patchFile = new URL(`../../patches/js-yaml+${version}.patch`, import.meta.url);

let reference: JsYaml;
const scratch = mkdtempSync(join(tmpdir(), 'masthead-js-yaml-'));
beforeAll(async () => {
  // js-yaml as published: the installed file with the patch taken back out.
  const [change, ...others] = parsePatch(readFileSync(patchFile, 'utf8'));
  expect(others, 'the patch changes one file').toEqual([]);
  expect(change!.newFileName).toMatch(/js-yaml\/dist\/js-yaml\.mjs$/);
  const original = applyPatch(patchedText, reversePatch(change!));
  expect(original, 'the installed js-yaml carries the patch (npm install runs patch-package)').not.toBe(false);
  expect(original).not.toContain('masthead');
  const file = join(scratch, 'js-yaml-reference.mjs');
  writeFileSync(file, (original as string).replace(/^\/\/# sourceMappingURL=.*$/m, ''));
  reference = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as JsYaml;
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What a js-yaml makes of `yaml`, read as the check reads front matter: its data, or its error, and every node it opened and closed where. */
function outcome(yaml: JsYaml, text: string): unknown {
  const events: unknown[] = [];
  const listener = (event: string, state: { position: number; line: number; kind: string | null; result: unknown }): void => {
    events.push([event, state.position, state.line, state.kind, typeof state.result === 'string' ? state.result : typeof state.result]);
  };
  try {
    return { data: yaml.load(text, { schema: FRONT_MATTER_SCHEMA as never, listener: listener as never }), events };
  } catch (e) {
    return { error: String(e), events };
  }
}

/** Read twice by the patched js-yaml: the second read starts where the first left what it remembers of that text. */
function agree(text: string, what: string): void {
  const expected = outcome(reference, text);
  expect(outcome(patched, text), what).toEqual(expected);
  expect(outcome(patched, text), `${what}, read again`).toEqual(expected);
}

/** The YAML between a file's first two `---` lines, or its whole text where there are none. */
function frontMatter(text: string): string {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  return m ? m[1]! : text;
}

describe('the patched js-yaml reads as js-yaml does', () => {
  test('the patched file is the one js-yaml loads here', () => {
    expect(patchedText).toContain('function nextDoubleQuotedSpecial(input, from)');
    expect(patched.load('title: "Plain words, no escapes"')).toEqual({ title: 'Plain words, no escapes' });
  });

  test('on 800 generated articles', () => {
    const lib = tempDir();
    try {
      generateLibrary(800, lib.dir, 5);
      for (const name of readdirSync(lib.dir)) agree(frontMatter(readFileSync(join(lib.dir, name), 'utf8')), name);
    } finally {
      lib.cleanup();
    }
  });

  test('on the seed, whole and as front matter', () => {
    const seed = readFileSync(new URL('../../seeds/000_8a8d1d44de5d8be9.txt', import.meta.url), 'utf8');
    agree(frontMatter(seed), 'front matter');
    agree(seed, 'whole file');
  });

  test.skipIf(!haveCorpora)('on every corpus file', () => {
    const ids = markdownFiles(CORPORA);
    for (const id of ids) {
      const text = readFileSync(join(CORPORA, id), 'utf8');
      agree(frontMatter(text), id);
    }
    expect(ids.length).toBeGreaterThan(1000);
  });

  test.each([
    ['empty', 'a: ""'],
    ['escapes', 'a: "tab\\there \\"q\\" \\\\ \\x41 \\u00e9 \\U0001F600 \\/"'],
    ['an unknown escape', 'a: "bad \\q escape"'],
    ['a short hex escape', 'a: "\\x4"'],
    ['a folded line', 'a: "one\n  two"'],
    ['a line break escaped', 'a: "one \\\n  two"'],
    ['CRLF', 'a: "one\r\n  two"\r\nb: "three"\r\n'],
    ['a line left unindented', 'a:\n  b: "one\ntwo"'],
    ['a document mark inside', 'a: "one\n---\ntwo"'],
    ['a document end inside', 'a: "one\n...\ntwo"'],
    ['never closed', 'a: "open'],
    ['closed on a later line', 'a: "open\n\n  shut"'],
    ['a tab', 'a: "x\ty"'],
    ['control characters', 'a: "x\u0001y"'],
    ['DEL and C1', 'a: "x\u007f\u0085y"'],
    ['a NUL', 'a: "x\u0000y"'],
    ['a lone surrogate', 'a: "x\ud800y"'],
    ['astral characters', 'a: "😀 ok"'],
    ['as a key', '"quoted key": 1\n"k2": "v"'],
    ['in flow', 'a: ["x", "y\\n", {"k": "v"}]'],
    ['after a tag', 'a: !!str "7"\nb: !!int "7"'],
    ['an anchor and alias', 'a: &x "v"\nb: *x'],
    ['a comment after', 'a: "v" # c\nb: "w"#not'],
    ['trailing text', 'a: "v" w'],
    ['a quote, then a backslash far after', 'a: "v"\nb: "w\\tx"'],
    ['a backslash before the quote closes', 'a: "v\\"w"\nb: "x"'],
    ['trailing spaces before a fold', 'a: "one   \n  two"'],
    ['an anchored mapping, merged', 'base: &b\n  x: 1\nc:\n  <<: *b\n  y: 2'],
    ['a tag on its own line before a mapping', 'a: !!map\n  x: 1'],
    ['an anchor on its own line before a mapping', 'a: &m\n  x: 1\nb: *m'],
    ['a tag and an anchor', 'a: !!str &s 7\nb: &t !!str 8\nc: [*s, *t]'],
    ['a tag twice', 'a: !!str !!str x'],
    ['an anchor twice', 'a: &x &y v'],
    ['a bare !', 'a: ! 7'],
    ['an alias with a property', 'a: &x v\nb: !!str *x'],
    ['a sequence tagged', 'a: !!seq\n- 1\n- 2'],
  ])('%s', (_what, text) => agree(text, text));

  test('on 20,000 random documents made of what the character loop looks at', () => {
    const draw = seededRandom(41);
    const pieces = ['a', 'b c', '&x ', '!!str ', '*x', '! ', 'é', '😀', ' ', '\t', '"', '\\', '\\"', '\\n', '\\x4', '\\u00e9', '\\q', '\n', '\r\n', '\n  ', '\n---\n', '\n...\n', '#', ': ', '\u0001', '\u007f', '\u0085', '\u2028', "'"];
    const text = (): string => {
      let s = '';
      const n = draw(8);
      for (let i = 0; i < n; i++) s += pieces[draw(pieces.length)];
      return s;
    };
    for (let i = 0; i < 20_000; i++) {
      const lines = [`k: "${text()}"`, `- "${text()}"`, `"${text()}": v`, `n:\n  m: "${text()}"`, `f: ["${text()}", "${text()}"]`];
      const doc = Array.from({ length: 1 + draw(3) }, () => lines[draw(lines.length)]).join('\n');
      agree(doc, JSON.stringify(doc));
    }
  });
});
