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
  /** Published at or after this instant (ms since 1970); an article with no date, or one that does not parse, is left out. */
  readonly publishedFrom?: number;
  /** Published before this instant (ms since 1970); likewise. */
  readonly publishedBefore?: number;
}

/** When an article says it was published, in ms since 1970; NaN when it has no date or the date does not parse. */
export function publishedTime(a: ArticleSummary): number {
  return a.publishedDateTime === undefined ? Number.NaN : Date.parse(a.publishedDateTime);
}

/** Whether a publication time (see `publishedTime`) lies in the query's range; any time does when it sets none. */
export function inDateRange(time: number, query: ArticleQuery): boolean {
  const { publishedFrom: from, publishedBefore: before } = query;
  if (from === undefined && before === undefined) return true;
  return !Number.isNaN(time) && (from === undefined || time >= from) && (before === undefined || time < before);
}

/** A day as `<input type="date">` and the command line spell it. */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The range of the days `from` to `to` (YYYY-MM-DD, both included), '' for no bound: from the start
 * of the first to the start of the day after the last, in local time, the editor's day. Null when
 * either is not a day of the calendar.
 */
export function dayRange(from: string, to: string): Pick<ArticleQuery, 'publishedFrom' | 'publishedBefore'> | null {
  const start = from === '' ? undefined : dayStart(from, 0);
  const end = to === '' ? undefined : dayStart(to, 1);
  if (start === null || end === null) return null;
  return { publishedFrom: start, publishedBefore: end };
}

/** The local start of `day` (YYYY-MM-DD), or of the day `after` days later; null for no such day (2024-02-30). */
function dayStart(day: string, after: number): number | null {
  const match = DAY.exec(day);
  if (match === null) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const start = new Date(year, month, date);
  // A date past its month's end rolls over into the next; years before 100 are read as 19xx.
  if (start.getFullYear() !== year || start.getMonth() !== month || start.getDate() !== date) return null;
  return new Date(year, month, date + after).getTime();
}

/** True when the query narrows the articles by their date. */
export function hasDateRange(query: ArticleQuery): boolean {
  return query.publishedFrom !== undefined || query.publishedBefore !== undefined;
}

/**
 * Letters whose mark no decomposition takes off (Polish ł, Danish ø, Croatian đ…), and the ß and
 * ligatures written out, as editors type them in a search: "Lodz" finds "Łódź", "strasse" "Straße".
 */
const UNDECOMPOSED: Readonly<Record<string, string>> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i', ŀ: 'l', ŧ: 't', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd' };
const UNDECOMPOSED_LETTERS = /[łøđħıŀŧßæœþð]/g;

/** Lower-cases and strips accents, so "Café" finds "cafe" and "Łódź" "lodz". */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(UNDECOMPOSED_LETTERS, (letter) => UNDECOMPOSED[letter]!);
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
  const dated = hasDateRange(query);
  return (a) => {
    if (status === 'published' && !a.published) return false;
    if (status === 'unpublished' && a.published) return false;
    if (status === 'problems' && a.problems.length === 0) return false;
    if (topic !== undefined && !foldedTopicsOf(a).includes(topic)) return false;
    if (provider !== undefined && foldText(a.providerName ?? '') !== provider) return false;
    if (dated && !inDateRange(publishedTime(a), query)) return false;
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
