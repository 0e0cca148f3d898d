/** One edit of one article file: read, compare with the index, splice, verify, save atomically. */
import { readFile } from 'node:fs/promises';
import type { ArticleId, ArticleSummary, Problem } from '../../shared/article.js';
import { problemPlace } from '../../shared/article.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { editFrontMatterData, type FrontMatterEdit } from './front-matter-edit.js';
import { locateFrontMatter, yamlOf } from './front-matter.js';
import { sameListing, type IndexEntry } from './library-index.js';
import { parseArticleFile, summaryOf } from './read-article.js';
import { contentHash, errorText, UNSAFE_replaceFile } from './save.js';

/** What an edit came to; the library turns it into its answer and its index. */
export type EditOutcome =
  /** Written: the file now hashes to `hash` and reads as `summary`. */
  | { readonly kind: 'saved'; readonly summary: ArticleSummary; readonly hash: string }
  /** The file already says it: nothing was written. */
  | { readonly kind: 'unchanged' }
  /** The file is not what the index shows (another program changed it): nothing was written. */
  | { readonly kind: 'stale'; readonly message: string }
  /** The file could not be read: nothing was written. */
  | { readonly kind: 'unreadable'; readonly message: string }
  /** The edit was refused, or the save failed and left the file as it was. */
  | { readonly kind: 'failed'; readonly failure: Result<never> };

const UTF8 = new TextEncoder();

/** Applies `edit` to the file at `path`, if the file is still what `known` (its index entry) was read from. */
export async function editArticleFile(id: ArticleId, path: string, known: IndexEntry, edit: FrontMatterEdit): Promise<EditOutcome> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { kind: 'unreadable', message: `cannot read ${id}: ${errorText(e)}` };
  }
  const hash = contentHash(bytes);
  const parsed = parseArticleFile(id, bytes);
  // An entry the full check has not reached yet is compared by what it shows rather than by hash.
  const unchanged = known.hash === null ? parsed.kind === 'article' && sameListing(parsed.summary, known.summary) : hash === known.hash;
  if (!unchanged) return { kind: 'stale', message: `${id} was changed by another program; their version is kept and now shown. Make your change again if it still applies.` };
  if (parsed.kind !== 'article' || parsed.readable === null) {
    return { kind: 'failed', failure: fail('has-errors', `${id} cannot be edited until its error is fixed: ${describeErrors(known.summary.problems)}`) };
  }
  const edited = editFrontMatterData(parsed.readable, edit);
  if (!edited.ok) return { kind: 'failed', failure: edited };
  if (edited.value.text === parsed.readable.text) return { kind: 'unchanged' };
  const newBytes = UTF8.encode(edited.value.text);
  const saved = await UNSAFE_replaceFile(path, newBytes, hash);
  if (!saved.ok) return saved.error.kind === 'conflict' ? { kind: 'stale', message: saved.error.message } : { kind: 'failed', failure: saved };
  // The edit was verified by re-reading its YAML: that data gives the new summary, no third parse.
  const block = locateFrontMatter(edited.value.text);
  if (block === null || block === 'unterminated') return { kind: 'failed', failure: fail('io', `${id} no longer reads as an article after saving`) };
  return { kind: 'saved', summary: summaryOf(id, yamlOf(edited.value.text, block), edited.value.data), hash: contentHash(newBytes) };
}

/** Validates a topics list sent from outside: a list of distinct, non-empty, one-line strings. */
export function checkTopics(topics: unknown): Result<readonly string[]> {
  if (!Array.isArray(topics) || topics.length > 1000) return fail('bad-request', 'topics must be a list of at most 1,000 texts');
  const seen = new Set<string>();
  for (const t of topics) {
    if (typeof t !== 'string' || t.trim() === '' || t.length > 200 || /[\r\n]/.test(t)) {
      return fail('bad-request', `"${String(t).slice(0, 50)}" is not a valid topic: use one line of at most 200 characters`);
    }
    if (seen.has(t)) return fail('bad-request', `the topic "${t}" is listed twice`);
    seen.add(t);
  }
  return ok(topics as readonly string[]);
}

function describeErrors(problems: readonly Problem[]): string {
  return problems
    .filter((p) => p.level === 'error')
    .map((p) => problemPlace(p) + p.message)
    .join('; ');
}
