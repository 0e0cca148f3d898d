/** Filtering, searching and counting article summaries: pure, shared by the CLI and the desk. */
import type { ArticleSummary } from './article.js';
import { hasError } from './article.js';

/** Which articles by approval state; `problems` means any error or warning. */
export type StatusFilter = 'all' | 'published' | 'unpublished' | 'problems';

/** The status filters, for validating input. */
export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'published', 'unpublished', 'problems'];

/** A filter over the library; every part given must match. */
export interface ArticleQuery {
  readonly status?: StatusFilter;
  /** One topic, matched whole and case-insensitively. */
  readonly topic?: string;
  /** One provider name, matched whole and case-insensitively. */
  readonly provider?: string;
  /** Words that must all appear in the title or excerpt, case- and accent-insensitively. */
  readonly search?: string;
}

/** Lower-cases and strips accents, so "Café" finds "cafe". */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Folded title and excerpt per summary, computed once: summaries are immutable, so a new one gets its own. */
const foldedCache = new WeakMap<ArticleSummary, string>();
const topicsCache = new WeakMap<ArticleSummary, readonly string[]>();

/** Title and excerpt, folded (cached per summary). */
function foldedTextOf(a: ArticleSummary): string {
  let folded = foldedCache.get(a);
  if (folded === undefined) {
    folded = foldText(`${a.title}\n${a.excerpt}`);
    foldedCache.set(a, folded);
  }
  return folded;
}

/** Topics, folded (cached per summary). */
function foldedTopicsOf(a: ArticleSummary): readonly string[] {
  let folded = topicsCache.get(a);
  if (folded === undefined) {
    folded = a.topics.map(foldText);
    topicsCache.set(a, folded);
  }
  return folded;
}

/**
 * Folds many texts at once: joined, folded together and split apart, so each folded text is a
 * slice of one large string, and 100,000 of them cost the garbage collector one large object.
 */
export function foldTexts(texts: readonly string[]): string[] {
  return texts.some((t) => t.includes('\0')) ? texts.map(foldText) : foldText(texts.join('\0')).split('\0');
}

/** A compiled query: fold the search once, then test many articles. */
export function compileQuery(query: ArticleQuery): (a: ArticleSummary) => boolean {
  const status = query.status ?? 'all';
  const topic = query.topic ? foldText(query.topic) : undefined;
  const provider = query.provider ? foldText(query.provider) : undefined;
  const words = query.search ? foldText(query.search).split(/\s+/).filter(Boolean) : [];
  return (a) => {
    if (status === 'published' && !a.published) return false;
    if (status === 'unpublished' && a.published) return false;
    if (status === 'problems' && a.problems.length === 0) return false;
    if (topic !== undefined && !foldedTopicsOf(a).includes(topic)) return false;
    if (provider !== undefined && foldText(a.providerName ?? '') !== provider) return false;
    if (words.length > 0) {
      const haystack = foldedTextOf(a);
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  };
}

/** The live counts the desk and the CLI show. */
export interface LibraryCounts {
  readonly articles: number;
  readonly published: number;
  readonly withErrors: number;
  readonly withWarnings: number;
}

/** Counts articles, approvals and problems. */
export function countArticles(articles: readonly ArticleSummary[]): LibraryCounts {
  let published = 0;
  let withErrors = 0;
  let withWarnings = 0;
  for (const a of articles) {
    if (a.published) published++;
    if (hasError(a.problems)) withErrors++;
    else if (a.problems.length > 0) withWarnings++;
  }
  return { articles: articles.length, published, withErrors, withWarnings };
}

/** `counts` with `before` (null: none) replaced by `after` (null: none): an edit, an addition or a removal. */
export function recount(counts: LibraryCounts, before: ArticleSummary | null, after: ArticleSummary | null): LibraryCounts {
  let { articles, published, withErrors, withWarnings } = counts;
  for (const [a, by] of [
    [before, -1],
    [after, 1],
  ] as const) {
    if (a === null) continue;
    articles += by;
    if (a.published) published += by;
    if (hasError(a.problems)) withErrors += by;
    else if (a.problems.length > 0) withWarnings += by;
  }
  return { articles, published, withErrors, withWarnings };
}
