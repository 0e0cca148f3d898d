/** What an export will hold: the approved, error-free articles in a stable order, and the approved ones an error holds back. */
import { readFile } from 'node:fs/promises';
import { hasError, problemPlace, type ArticleId, type ArticleSummary } from '../../shared/article.js';
import { compileQuery, type ArticleQuery } from '../../shared/query.js';
import type { Library } from './library.js';
import { UNSAFE_resolveId } from './library-paths.js';

/** An approved article that is not exported, and why. */
export interface HeldBack {
  readonly id: ArticleId;
  readonly title: string;
  readonly reason: string;
}

/** What an export would contain, before anything is written. */
export interface ExportPlan {
  readonly articles: readonly ArticleSummary[];
  readonly withWarnings: number;
  readonly heldBack: readonly HeldBack[];
}

const APPROVED_LINE = /^published[ \t]*:[ \t]*(?:true|True|TRUE)[ \t]*(?:#.*)?\r?$/m;

function timeOf(a: ArticleSummary): number {
  const t = Date.parse(a.publishedDateTime ?? '');
  return Number.isNaN(t) ? -Infinity : t;
}

/** Newest first by publishedDateTime (undated last), then by id: the same library gives the same order. */
function byTimeThenId(a: ArticleSummary, ta: number, b: ArticleSummary, tb: number): number {
  if (ta !== tb) return tb > ta ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The approved set in export order, and the approved articles an error holds back. */
export async function planExport(library: Library, query: ArticleQuery = {}): Promise<ExportPlan> {
  await library.checked; // what is approved and error-free is only final once every file is checked
  // The status is applied here, not by the query: a file with an error is listed as not approved
  // whatever its text says, and its text decides whether it is held back.
  const status = query.status ?? 'all';
  if (status === 'unpublished') return { articles: [], withWarnings: 0, heldBack: [] }; // nothing approved is unpublished
  const matches = compileQuery({ ...query, status: 'all' });
  const articles: ArticleSummary[] = [];
  const heldBack: HeldBack[] = [];
  for (const summary of library.list()) {
    if (!matches(summary)) continue;
    if (!hasError(summary.problems)) {
      if (summary.published && (status !== 'problems' || summary.problems.length > 0)) articles.push(summary);
      continue;
    }
    // A file with an error cannot be read safely; its raw text still tells whether it was approved.
    if (await looksApproved(library, summary.id)) heldBack.push({ id: summary.id, title: summary.title, reason: errorsOf(summary) });
  }
  // Each date parsed once, not once per comparison (30,000 approved articles make 900,000 comparisons).
  const times = new Map(articles.map((a) => [a, timeOf(a)]));
  articles.sort((a, b) => byTimeThenId(a, times.get(a)!, b, times.get(b)!));
  return { articles, withWarnings: articles.filter((a) => a.problems.length > 0).length, heldBack };
}

async function looksApproved(library: Library, id: ArticleId): Promise<boolean> {
  const path = await UNSAFE_resolveId(library.root, id);
  if (!path.ok) return false;
  const bytes = await readFile(path.value).catch(() => null);
  return bytes !== null && APPROVED_LINE.test(bytes.toString('latin1'));
}

function errorsOf(summary: ArticleSummary): string {
  return summary.problems
    .filter((p) => p.level === 'error')
    .map((p) => problemPlace(p) + p.message)
    .join('; ');
}
