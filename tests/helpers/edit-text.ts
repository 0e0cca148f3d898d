/** Test helpers: parse a text as an article file and apply one edit, all in memory. */
import { editFrontMatter, type FrontMatterEdit } from '../../main/core/front-matter-edit.js';
import { parseArticleFile, type ParsedFile } from '../../main/core/read-article.js';
import type { Result } from '../../shared/result.js';

/** Parses text the way the library parses a file's bytes. */
export function parseText(text: string, id = 'a.md'): ParsedFile {
  return parseArticleFile(id, new TextEncoder().encode(text));
}

/** The text after an edit, or the failure. */
export function editText(text: string, edit: FrontMatterEdit): Result<string> {
  const parsed = parseText(text);
  if (parsed.kind !== 'article' || parsed.readable === null) throw new Error(`fixture does not read: ${JSON.stringify(parsed)}`);
  return editFrontMatter(parsed.readable, edit);
}

/** Lines that differ between two texts, as [before, after] pairs from a simple line diff. */
export function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { removed: a.slice(start, endA), added: b.slice(start, endB) };
}
