/** How approved articles are written in each export format: pure functions from articles to bytes. */
import { stringify } from 'csv-stringify/sync';
import { create } from 'xmlbuilder2';
import type { Article } from '../../shared/article.js';
import { isWebUrl } from './article-model.js';

export { EXPORT_FORMATS, type ExportFormat } from '../../shared/contract.js';

/** What goes into `manifest.json` and how a previous export is recognised. */
export const MANIFEST_NAME = 'manifest.json';
export const MANIFEST_FORMAT = 'masthead-export';
export const MANIFEST_VERSION = 1;

/** The RSS channel's own fields. */
export interface Channel {
  readonly title: string;
  readonly link: string;
  readonly description: string;
}

/** One article as a plain record: the typed fields plus every other field under its own name. */
export function articleRecord(article: Article): Record<string, unknown> {
  const { extra, id, ...typed } = article;
  return { id, ...typed, ...withoutKeys(extra, ['id', ...Object.keys(typed)]) };
}

function withoutKeys(data: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([k]) => !keys.includes(k)));
}

/** The JSON array, one record per article. */
export function toJson(articles: readonly Article[]): string {
  return `${JSON.stringify(articles.map(articleRecord), null, 2)}\n`;
}

/** One record per line. */
export function toJsonLines(articles: readonly Article[]): string {
  return articles.map((a) => `${JSON.stringify(articleRecord(a))}\n`).join('');
}

/** The CSV columns, in order; topics are joined with "; ". */
export const CSV_COLUMNS = [
  'id',
  'title',
  'excerpt',
  'publishedDateTime',
  'provider',
  'providerDomain',
  'category',
  'type',
  'quality',
  'heat',
  'originalUrl',
  'webUrl',
  'topics',
] as const;

/**
 * RFC 4180: CRLF between records, fields quoted where they hold commas, quotes or line breaks.
 * Article text comes from outside the newsroom, and a spreadsheet runs a cell that starts with
 * `=`, `+`, `-` or `@` as a formula (CSV injection: a title can call out to the web or run a
 * command): such text cells start with a `'`, which spreadsheets show as text. Numbers, negative
 * ones included, are left as they are.
 */
export function toCsv(articles: readonly Article[], bom: boolean): string {
  const rows = articles.map((a) => [
    a.id,
    a.title ?? '',
    a.excerpt ?? '',
    a.publishedDateTime ?? '',
    a.provider?.name ?? '',
    a.provider?.domain ?? '',
    a.category ?? '',
    a.type ?? '',
    a.quality ?? '',
    a.heat ?? '',
    a.originalUrl ?? '',
    a.webUrl ?? '',
    a.topics.join('; '),
  ]);
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows', bom, escape_formulas: true });
}

/** RFC 822 date for RSS, or undefined when the file's date does not parse. */
export function rfc822(date: string | undefined): string | undefined {
  if (date === undefined) return undefined;
  const time = Date.parse(date);
  return Number.isNaN(time) ? undefined : new Date(time).toUTCString();
}

/** Whether `domain` is a bare host name (`lemonde.fr`), not a path or anything else put in the field. */
function isHostName(domain: string): boolean {
  return URL.canParse(`https://${domain}/`) && new URL(`https://${domain}/`).host === domain.toLowerCase();
}

/**
 * A valid RSS 2.0 feed; the XML library does every escape. Characters XML 1.0 does not allow at all
 * (which a YAML escape such as "\v" or "\x01" can put in a title) would make feed readers refuse the
 * whole feed: control characters are left out, and a broken character (a lone surrogate, U+FFFE,
 * U+FFFF) becomes U+FFFD, as a decoder shows it.
 */
export function toRss(articles: readonly Article[], channel: Channel, now: Date): string {
  const invalidCharReplacement = (char: string): string => (char.charCodeAt(0) < 0x20 ? '' : '\uFFFD');
  const feed = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement }).ele('rss', { version: '2.0' }).ele('channel');
  feed.ele('title').txt(channel.title);
  feed.ele('link').txt(channel.link);
  feed.ele('description').txt(channel.description);
  feed.ele('lastBuildDate').txt(now.toUTCString());
  feed.ele('generator').txt('Masthead');
  for (const a of articles) {
    const item = feed.ele('item');
    // Only web links go into a public feed (a file's webUrl may be javascript:…; that is a warning).
    const link = [a.webUrl, a.originalUrl].find((url) => url !== undefined && isWebUrl(url));
    item.ele('title').txt(a.title ?? a.id);
    if (link) item.ele('link').txt(link);
    if (a.excerpt) item.ele('description').txt(a.excerpt);
    const pubDate = rfc822(a.publishedDateTime);
    if (pubDate) item.ele('pubDate').txt(pubDate);
    for (const topic of a.topics) item.ele('category').txt(topic);
    if (a.provider?.name) {
      const source = a.provider.domain && isHostName(a.provider.domain) ? `https://${a.provider.domain}/` : link ? new URL(link).origin : undefined;
      if (source) item.ele('source', { url: source }).txt(a.provider.name);
    }
    if (link) item.ele('guid', { isPermaLink: 'true' }).txt(link);
    else item.ele('guid', { isPermaLink: 'false' }).txt(a.id);
  }
  return `${feed.end({ prettyPrint: true })}\n`;
}
