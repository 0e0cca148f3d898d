/** Turns parsed front-matter data into the typed article, the list summary, and warnings. */
import {
  ARTICLE_FIELDS,
  type Article,
  type ArticleId,
  type ArticleImage,
  type ArticleSummary,
  type Problem,
  type Provider,
  type RelatedArticle,
} from '../../shared/article.js';
import type { FrontMatterData } from './yaml-read.js';

/** ISO 8601 / YAML timestamp spellings: `2022-07-05`, `2022-07-05T23:38:00Z`, `2022-07-05 23:38:00 +02:00`. */
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[ \t]*(?:Z|z|[+-]\d{1,2}(?::?\d{2})?))?)?$/;

/** True for a date the file can hold and every site generator reads the same way. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const digits = (from: number, count: number): number => {
    let n = 0;
    for (let i = from; i < from + count; i++) n = n * 10 + value.charCodeAt(i) - 0x30;
    return n;
  };
  const y = digits(0, 4);
  const m = digits(5, 2);
  const d = digits(8, 2);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** True for an absolute http(s) URL. */
export function isWebUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  // A URL written with its scheme first in lower case has that scheme: no second parse to ask.
  if (value.startsWith('https://') || value.startsWith('http://')) return true;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value's kind in words, for messages. */
function kindOf(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `the ${typeof v} ${String(v)}`;
}

/** The topics a reader would see: the list's strings, or a lone string as a one-item list. */
export function topicsOf(v: unknown): readonly string[] {
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) return [];
  return v.filter((t): t is string => typeof t === 'string');
}

function providerOf(v: unknown): Provider | undefined {
  if (!isMap(v)) return undefined;
  return { name: str(v.name), domain: str(v.domain) };
}

function imagesOf(v: unknown): readonly ArticleImage[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((i): ArticleImage[] =>
    isMap(i) && typeof i.url === 'string'
      ? [{ url: i.url, width: num(i.width), height: num(i.height), isCached: typeof i.isCached === 'boolean' ? i.isCached : undefined }]
      : [],
  );
}

function relatedOf(v: unknown): readonly RelatedArticle[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isMap).map((r) => ({
    title: str(r.title),
    excerpt: str(r.excerpt),
    publishedDateTime: str(r.publishedDateTime),
    webUrl: str(r.webUrl),
    originalUrl: str(r.originalUrl),
    type: str(r.type),
    provider: providerOf(r.provider),
    quality: num(r.quality),
    images: imagesOf(r.images),
  }));
}

/**
 * The list's fields of an article that read without errors; `{ checked: false }` marks a summary
 * from the fast reader, which the full check replaces.
 */
export function summarize(id: ArticleId, data: FrontMatterData, problems: readonly Problem[], mark?: { readonly checked: false }): ArticleSummary {
  const provider = providerOf(data.provider);
  const title = str(data.title);
  const summary: { -readonly [K in keyof ArticleSummary]: ArticleSummary[K] } = {
    id,
    title: title !== undefined && title.trim() !== '' ? title : fileNameOf(id),
    excerpt: str(data.excerpt) ?? '',
    providerName: provider?.name,
    providerDomain: provider?.domain,
    publishedDateTime: str(data.publishedDateTime),
    category: str(data.category),
    type: str(data.type),
    quality: num(data.quality),
    heat: num(data.heat),
    published: data.published === true,
    topics: topicsOf(data.topics),
    problems,
  };
  // Set on the new object rather than spread into a copy: the fast reader makes 100,000 of these.
  if (mark !== undefined) summary.checked = mark.checked;
  return summary;
}

/** The summary of a file that could not be read: its name and its problems. */
export function unreadableSummary(id: ArticleId, problems: readonly Problem[]): ArticleSummary {
  return { id, title: fileNameOf(id), excerpt: '', published: false, topics: [], problems };
}

/** What a file's metadata tells beside its bytes: its permission bits, and how many names it has on disk. */
export interface FileFacts {
  readonly mode: number;
  /** Its hard links: 1 for a file with one name. */
  readonly links: number;
}

/**
 * `summary` with what the file's metadata tells (see `withMode`, `withLinks`). The same object where
 * that changes nothing.
 */
export function withFile(summary: ArticleSummary, facts: FileFacts): ArticleSummary {
  return withLinks(withMode(summary, facts.mode), facts.links);
}

/** Whether two summaries say the same of their files' metadata: read-only or not, and their names on disk. */
export function sameFileFacts(a: ArticleSummary, b: ArticleSummary): boolean {
  return a.readOnly === b.readOnly && a.problems.find(isLinked)?.message === b.problems.find(isLinked)?.message;
}

const isLinked = (p: Problem): boolean => p.code === 'linked';

/**
 * `summary`, warned when its file has `links` names on disk, more than one (hard links: another
 * path to the very same bytes, in the library or outside it), unwarned when it has one. A save
 * writes a new file and renames it over this name, as atomic saves do, so the other names keep the
 * bytes they have: the approval does not reach them. Editors such as Vim write a linked file in
 * place to keep its links; Masthead keeps its saves atomic, and says so before the first one.
 */
export function withLinks(summary: ArticleSummary, links: number): ArticleSummary {
  const had = summary.problems.find(isLinked);
  const others = links - 1;
  const message =
    others < 1
      ? undefined
      : others === 1
        ? 'this file has another name on disk (a hard link): a change saved here gives this name a file of its own, and the other name keeps the text it has now'
        : `this file has ${others} other names on disk (hard links): a change saved here gives this name a file of its own, and the other names keep the text they have now`;
  if (had?.message === message) return summary;
  const problems = summary.problems.filter((p) => !isLinked(p));
  return { ...summary, problems: message === undefined ? problems : [...problems, { level: 'warning', code: 'linked', message }] };
}

/**
 * `summary`, marked read-only when the file's `mode` grants no one write permission (see
 * `ArticleSummary.readOnly`), unmarked when it does. The same object where that does not change it.
 */
export function withMode(summary: ArticleSummary, mode: number): ArticleSummary {
  const readOnly = (mode & 0o222) === 0;
  if (readOnly === (summary.readOnly === true)) return summary;
  if (readOnly) return { ...summary, readOnly: true };
  const { readOnly: _, ...writable } = summary;
  return writable;
}

/** Whether a summary has the short shape of `unreadableSummary` (no list fields beyond the title). */
export function isUnreadableShape(summary: ArticleSummary): boolean {
  return !('providerName' in summary);
}

/** Every field of an article that read without errors. */
export function toArticle(id: ArticleId, data: FrontMatterData): Article {
  const known = new Set<string>(ARTICLE_FIELDS);
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!known.has(key)) extra[key] = value;
  return {
    id,
    title: str(data.title),
    excerpt: str(data.excerpt),
    category: str(data.category),
    type: str(data.type),
    publishedDateTime: str(data.publishedDateTime),
    originalUrl: str(data.originalUrl),
    webUrl: str(data.webUrl),
    quality: num(data.quality),
    heat: num(data.heat),
    published: data.published === true,
    provider: providerOf(data.provider),
    topics: topicsOf(data.topics),
    images: imagesOf(data.images),
    related: relatedOf(data.related),
    extra,
  };
}

function fileNameOf(id: ArticleId): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

/**
 * The bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069): shown, they
 * reorder the text after them, so "\u202Eevil" shows as "live" (the "Trojan Source" trick). The marks
 * right-to-left text needs (U+200E, U+200F, U+061C) are not among them.
 */
const DIRECTION_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** Warnings about fields that read but hold the wrong kind of value; `lineOf` places them in the file. */
export function checkFields(data: FrontMatterData, lineOf: (field: string) => number | undefined): Problem[] {
  const problems: Problem[] = [];
  const warn = (field: string, code: Problem['code'], message: string): void => {
    const line = lineOf(field);
    problems.push(line === undefined ? { level: 'warning', code, field, message } : { level: 'warning', code, field, message, line });
  };
  // A field the file leaves out or leaves empty (a parse gives null, never undefined).
  const has = (field: string): boolean => data[field] !== undefined && data[field] !== null;

  const title = data.title;
  if (!has('title') || (typeof title === 'string' && title.trim() === '')) {
    warn('title', 'missing-title', 'no title: add a "title:" line so editors and readers can tell this article apart');
  } else if (typeof title !== 'string') {
    warn('title', 'wrong-type', `title is ${kindOf(title)}, not text; put it in quotes`);
  }
  for (const field of ['excerpt', 'category', 'type'] as const) {
    if (has(field) && typeof data[field] !== 'string') warn(field, 'wrong-type', `${field} is ${kindOf(data[field])}, not text`);
  }
  for (const field of ['title', 'excerpt'] as const) {
    const control = typeof data[field] === 'string' ? DIRECTION_CONTROL.exec(data[field]) : null;
    if (control !== null) {
      const code = control[0].charCodeAt(0).toString(16).toUpperCase();
      warn(field, 'direction-control', `${field} holds U+${code}, an invisible character that turns the direction of the text after it: it may read otherwise than it shows; remove it where the article comes from`);
    }
  }
  if (has('published') && typeof data.published !== 'boolean') {
    warn('published', 'wrong-type', `published is ${kindOf(data.published)}, not true or false; approving or unapproving writes a proper true or false`);
  }
  if (has('topics')) {
    const topics = data.topics;
    if (!Array.isArray(topics)) {
      warn('topics', 'wrong-type', `topics is ${kindOf(topics)}, not a list; editing the topics writes a proper list`);
    } else {
      const bad = topics.findIndex((t) => typeof t !== 'string');
      if (bad !== -1) warn('topics', 'wrong-type', `topic ${bad + 1} is ${kindOf(topics[bad])}, not text; removing or re-adding it fixes the list`);
      const blank = topics.findIndex((t) => typeof t === 'string' && t.trim() === '');
      if (blank !== -1) warn('topics', 'bad-topic', `topic ${blank + 1} is empty; any change to the topics drops it`);
      const again = topics.find((t, i) => typeof t === 'string' && t.trim() !== '' && topics.indexOf(t) !== i);
      if (again !== undefined) warn('topics', 'bad-topic', `the topic ${JSON.stringify(again)} is listed more than once; any change to the topics keeps one`);
    }
  }
  for (const field of ['quality', 'heat'] as const) {
    if (has(field) && num(data[field]) === undefined) warn(field, 'wrong-type', `${field} is ${kindOf(data[field])}, not a number`);
  }
  if (has('publishedDateTime')) {
    const date = data.publishedDateTime;
    if (typeof date !== 'string' || !isIsoDate(date)) {
      warn('publishedDateTime', 'bad-date', `publishedDateTime is ${kindOf(date)}, not a date such as 2022-07-05T23:38:00Z`);
    }
  }
  for (const field of ['originalUrl', 'webUrl'] as const) {
    if (!has(field)) continue;
    const url = data[field];
    if (typeof url !== 'string' || !isWebUrl(url)) warn(field, 'bad-url', `${field} is ${kindOf(url)}, not a web address starting with http:// or https://`);
  }
  if (has('provider') && !isMap(data.provider)) warn('provider', 'wrong-type', `provider is ${kindOf(data.provider)}, not a mapping with name and domain`);
  for (const field of ['images', 'related'] as const) {
    if (has(field) && !Array.isArray(data[field])) warn(field, 'wrong-type', `${field} is ${kindOf(data[field])}, not a list`);
  }
  return problems;
}
