/**
 * Every real front-matter file in ../shared/corpora: read, cross-checked against gray-matter,
 * and edited on a temp copy, with the bytes on disk compared line by line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Library } from '../../main/core/library.js';
import { locateFrontMatter, yamlOf } from '../../main/core/front-matter.js';
import { editFrontMatter } from '../../main/core/front-matter-edit.js';
import { parseArticleFile } from '../../main/core/read-article.js';
import { FRONT_MATTER_SCHEMA } from '../../main/core/yaml-read.js';
import { hasError } from '../../shared/article.js';
import { CORPORA, copyToTemp, haveCorpora, markdownFiles } from '../helpers/corpora.js';
import { changedLines } from '../helpers/edit-text.js';

const TEST_TOPIC = 'Masthead round-trip';

function frontMatterData(text: string): Record<string, unknown> {
  const block = locateFrontMatter(text);
  if (block === null || block === 'unterminated') throw new Error('no front matter');
  return (load(yamlOf(text, block), { schema: FRONT_MATTER_SCHEMA }) ?? {}) as Record<string, unknown>;
}

/** How many lines were removed and added, compared as line lists (one edit region). */
function lineDiff(before: string, after: string): { removed: number; added: number } {
  const { removed, added } = changedLines(before, after);
  return { removed: removed.length, added: added.length };
}

describe.skipIf(!haveCorpora)('round trips over the real corpora', () => {
  let copy: { dir: string; cleanup: () => void };
  let library: Library;
  const ids = haveCorpora ? markdownFiles(CORPORA) : [];
  const original = new Map<string, Buffer>();

  beforeAll(async () => {
    copy = copyToTemp(CORPORA);
    for (const id of ids) original.set(id, readFileSync(join(copy.dir, id)));
    const opened = await Library.open(copy.dir);
    if (!opened.ok) throw new Error(opened.error.message);
    library = opened.value;
  }, 120_000);
  afterAll(() => copy?.cleanup());

  test('the corpora are large enough to mean something', () => {
    expect(ids.length).toBeGreaterThan(2000);
    expect(library.size).toBeGreaterThan(2000);
  });

  test('our reading agrees with gray-matter on every readable file', () => {
    let compared = 0;
    for (const summary of library.list()) {
      if (hasError(summary.problems)) continue;
      const text = original.get(summary.id)!.toString('utf8');
      const ours = frontMatterData(text);
      const theirs = matter(text, { engines: { yaml: (s: string) => (load(s, { schema: FRONT_MATTER_SCHEMA }) ?? {}) as object } }).data;
      expect(ours, summary.id).toEqual(theirs);
      compared++;
    }
    expect(compared).toBeGreaterThan(2000);
  });

  test('a no-op edit leaves every file byte-identical', () => {
    for (const id of ids) {
      const parsed = parseArticleFile(id, original.get(id)!);
      if (parsed.kind !== 'article' || parsed.readable === null) continue;
      const { data, text } = parsed.readable;
      if (typeof data.published === 'boolean') {
        expect(editFrontMatter(parsed.readable, { kind: 'set-published', value: data.published }), id).toEqual({ ok: true, value: text });
      }
      const topics = Array.isArray(data.topics) ? data.topics : [];
      if (topics.every((t) => typeof t === 'string')) {
        expect(editFrontMatter(parsed.readable, { kind: 'set-topics', topics }), id).toEqual({ ok: true, value: text });
      }
    }
  });

  test('a published toggle changes exactly one line, or adds one, on disk', async () => {
    const outcomes = { toggled: 0, heldBack: 0, refused: 0 };
    for (const summary of library.list()) {
      const before = original.get(summary.id)!;
      const result = await library.setPublished(summary.id, !summary.published);
      const after = readFileSync(join(copy.dir, summary.id));
      if (!result.ok) {
        expect(after.equals(before), `${summary.id} must stay unchanged`).toBe(true);
        if (hasError(summary.problems)) {
          expect(result.error.kind).toBe('has-errors');
          outcomes.heldBack++;
        } else {
          expect(result.error.kind).toBe('not-editable');
          outcomes.refused++;
        }
        continue;
      }
      const diff = lineDiff(before.toString('utf8'), after.toString('utf8'));
      expect(diff.added, summary.id).toBe(1);
      expect(diff.removed, summary.id).toBeLessThanOrEqual(1);
      const expected = { ...frontMatterData(before.toString('utf8')), published: !summary.published };
      expect(frontMatterData(after.toString('utf8')), summary.id).toEqual(expected);
      outcomes.toggled++;
    }
    console.info(`published toggle over the corpora: ${JSON.stringify(outcomes)}`);
    expect(outcomes.toggled).toBeGreaterThan(2000);
    expect(outcomes.refused).toBe(0); // every readable corpus file can be approved
  });

  test('every readable file can have a topic added and taken away again, read back as asked', () => {
    let files = 0;
    for (const id of ids) {
      const parsed = parseArticleFile(id, original.get(id)!);
      if (parsed.kind !== 'article' || parsed.readable === null) continue;
      const was = parsed.readable.data.topics;
      const topics = Array.isArray(was) && was.every((t) => typeof t === 'string') ? (was as string[]) : [];
      const added = editFrontMatter(parsed.readable, { kind: 'set-topics', topics: [...topics, TEST_TOPIC] });
      if (!added.ok) throw new Error(`${id}: ${added.error.message}`);
      const reparsed = parseArticleFile(id, new TextEncoder().encode(added.value));
      if (reparsed.kind !== 'article' || reparsed.readable === null) throw new Error(`${id} no longer reads`);
      expect(reparsed.readable.data.topics, id).toEqual([...topics, TEST_TOPIC]);
      const removed = editFrontMatter(reparsed.readable, { kind: 'set-topics', topics });
      if (!removed.ok) throw new Error(`${id}: ${removed.error.message}`);
      const back = parseArticleFile(id, new TextEncoder().encode(removed.value));
      expect(back.kind === 'article' && back.readable?.data.topics, id).toEqual(topics);
      files++;
    }
    expect(files).toBeGreaterThan(2000);
  });

  test('a list item added then removed restores the original bytes (topics and real tags lists)', () => {
    let lists = 0;
    for (const id of ids) {
      const parsed = parseArticleFile(id, original.get(id)!);
      if (parsed.kind !== 'article' || parsed.readable === null) continue;
      for (const field of ['topics', 'tags', 'authors', 'requires']) {
        const items = parsed.readable.data[field];
        if (!Array.isArray(items) || !items.every((t) => typeof t === 'string') || items.includes(TEST_TOPIC)) continue;
        const added = editFrontMatter(parsed.readable, { kind: 'set-list', field, items: [...items, TEST_TOPIC] });
        if (!added.ok) {
          expect(added.error.kind, `${id} ${field}`).toBe('not-editable');
          continue;
        }
        const addedDiff = lineDiff(parsed.readable.text, added.value);
        expect(addedDiff.added, `${id} ${field}`).toBe(1);
        const reparsed = parseArticleFile(id, new TextEncoder().encode(added.value));
        if (reparsed.kind !== 'article' || reparsed.readable === null) throw new Error(`${id} no longer reads`);
        expect(reparsed.readable.data[field]).toEqual([...items, TEST_TOPIC]);
        const removed = editFrontMatter(reparsed.readable, { kind: 'set-list', field, items });
        expect(removed, `${id} ${field}`).toEqual({ ok: true, value: parsed.readable.text });
        lists++;
      }
    }
    console.info(`list add-then-remove round trips: ${lists}`);
    expect(lists).toBeGreaterThan(500);
  });
});
