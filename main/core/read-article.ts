/** Reads one article file's bytes into its summary, problems and data: the core's single parse path. */
import type { ArticleId, ArticleSummary, Problem } from '../../shared/article.js';
import { checkFields, summarize, unreadableSummary } from './article-model.js';
import { decodeUtf8 } from './decode.js';
import { locateFrontMatter, yamlOf, YAML_FIRST_LINE, type FrontMatterBlock } from './front-matter.js';
import { readFrontMatterYaml, type FrontMatterData, type RootBooleans } from './yaml-read.js';

/**
 * The version of what this reader makes of a file (summary, problems). Persistent indexes written by
 * another version are ignored: bump it whenever a change here or in article-model.ts changes output
 * (or what the full check vouches for, published-line.ts: that is kept in the index too).
 */
export const READER_VERSION = 'reader-9';

/** A file that reads: its text, where the front matter is, and the data. */
export interface ReadableFile {
  readonly text: string;
  readonly block: FrontMatterBlock;
  readonly data: FrontMatterData;
  /** Where the full parse read the top-level `true`/`false` values (see yaml-read.ts). */
  readonly rootBooleans: RootBooleans;
}

/** What one file turned out to be. */
export type ParsedFile =
  | { readonly kind: 'not-article' }
  | { readonly kind: 'article'; readonly summary: ArticleSummary; readonly readable: ReadableFile | null };

/**
 * Parses a file's bytes. Files that do not open with `---` are not articles. Never throws: a file
 * the reading fails on in a way not foreseen is listed with that error, as any broken file, rather
 * than stopping the open of every other file (a read thread that throws ends the whole read).
 */
export function parseArticleFile(id: ArticleId, bytes: Uint8Array): ParsedFile {
  try {
    return parseBytes(id, bytes);
  } catch (e) {
    return broken(id, { level: 'error', code: 'unreadable', message: `Masthead could not read this file (${e instanceof Error ? e.message : String(e)}); it is left as it is` });
  }
}

function parseBytes(id: ArticleId, bytes: Uint8Array): ParsedFile {
  if (!startsWithDashes(bytes)) return { kind: 'not-article' };
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return broken(id, decoded.problem);
  const { text } = decoded;
  const block = locateFrontMatter(text);
  if (block === null) return { kind: 'not-article' };
  if (block === 'unterminated') {
    return broken(id, {
      level: 'error',
      code: 'unterminated',
      message: 'the front matter opened with "---" on line 1 is never closed; add a "---" line after the last field',
      line: 1,
      column: 1,
    });
  }
  const yaml = yamlOf(text, block);
  const read = readFrontMatterYaml(yaml, YAML_FIRST_LINE);
  if (!read.ok) return broken(id, read.problem);
  return { kind: 'article', summary: summaryOf(id, yaml, read.data, read.textOverLines), readable: { text, block, data: read.data, rootBooleans: read.rootBooleans } };
}

/**
 * The summary of data already parsed from this YAML (an edit's verified re-read saves parsing
 * again). `textOverLines` false, as the parse tells (see yaml-read.ts), spares the look for values
 * that ran on over a key's line: none can have.
 */
export function summaryOf(id: ArticleId, yaml: string, data: FrontMatterData, textOverLines = true): ArticleSummary {
  const problems = checkFields(data, (field) => lineOfKey(yaml, field));
  const runOver = textOverLines ? keysRunOver(yaml, data) : [];
  return withOwnStrings(summarize(id, data, runOver.length === 0 ? problems : [...problems, ...runOver]));
}

/** The top-level keys Masthead reads (and `secured`, which an export carries): those a value running on may swallow unseen. */
const READ_KEYS = ['title', 'excerpt', 'category', 'type', 'publishedDateTime', 'originalUrl', 'webUrl', 'quality', 'heat', 'published', 'topics', 'provider', 'images', 'related', 'secured'];
/** Each of READ_KEYS as a value that swallowed its line holds it. */
const KEY_COLONS = READ_KEYS.map((key) => `${key}:`);

/**
 * Warnings for the lines that start like a key Masthead reads but are read as part of a quoted
 * value above them: a closing quote missing, where the YAML still reads (a quoted value may run on
 * over lines at column 0, folded into one line of text). The key is then not in the data at all,
 * and the value holds its line: `title: "Rates rise` over `published: true` reads as the title
 * "Rates rise published: true", and the article as not approved. The value may be one nested in a
 * top-level key too, a related article's title or an image's caption, as the bulk of a file is.
 * Only a key absent from the data, which starts a line at column 0 and whose `key:` a text in the
 * data holds, is looked for further.
 */
function keysRunOver(yaml: string, data: FrontMatterData): Problem[] {
  /** Each value that ran on, by its top-level key, with the lines it swallowed: key and line. */
  const runs = new Map<string, { readonly line: number; readonly nested: boolean; readonly opened?: number; readonly over: { key: string; line: number }[] }>();
  let keys: string[] | undefined;
  for (let i = 0; i < READ_KEYS.length; i++) {
    const key = READ_KEYS[i]!;
    if (data[key] !== undefined || Object.hasOwn(data, key)) continue; // (a parse gives null, never undefined, for a key it has)
    // A plain search first: most files lack some of these keys, and none of them a line that starts with one.
    if (!yaml.includes(`\n${key}`) && !yaml.includes(`\n"${key}"`) && !yaml.includes(`\n'${key}'`)) continue;
    const spelled = KEY_COLONS[i]!;
    keys ??= Object.keys(data);
    const holders = keys.filter((k) => holdsText(data[k], spelled, 0));
    const swallowed = holders.length === 0 ? undefined : lineOfKey(yaml, key);
    if (swallowed === undefined) continue;
    // The value that ran on over it: within the nearest key above it that holds its text.
    let holder: { key: string; line: number } | undefined;
    for (const k of holders) {
      const line = lineOfKey(yaml, k);
      if (line !== undefined && line < swallowed && (holder === undefined || line > holder.line)) holder = { key: k, line };
    }
    if (holder === undefined) continue;
    const nested = typeof data[holder.key] !== 'string';
    const opened = nested ? quoteOpenedAbove(yaml, swallowed, holder.line) : undefined;
    const run = runs.get(holder.key) ?? { line: opened ?? holder.line, nested, opened, over: [] };
    run.over.push({ key, line: swallowed });
    runs.set(holder.key, run);
  }
  return [...runs].map(([key, { line, nested, opened, over }]) => {
    const field = own(key); // the file's own key: a slice of its text (see `withOwnStrings`)
    over.sort((a, b) => a.line - b.line);
    const lines = over.map((o) => `line ${o.line} ("${o.key}:")`).join(' and ');
    const keys = over.map((o) => `"${o.key}"`).join(' or ');
    const value = nested ? 'that value' : field;
    const which = over.length === 1 ? `which is read as part of ${value}, not as a key` : `which are read as part of ${value}, not as keys`;
    // Where the line that opens the value is not known, the warning is on its top-level key's line.
    const opens = !nested ? `the quote that opens ${field}` : opened === undefined ? `a quote that opens it, between line ${line} and line ${over[0]!.line},` : 'the quote that opens it';
    return {
      level: 'warning',
      code: 'runs-on',
      field,
      message: own(`${nested ? `a value in ${field}` : field} runs on over ${lines}, ${which}, so the article has no ${keys} key; ${opens} is likely not closed on its line`),
      line,
    };
  });
}

/** Whether `value`, or a value nested in it, is a text that holds `spelled`. */
function holdsText(value: unknown, spelled: string, depth: number): boolean {
  if (typeof value === 'string') return value.includes(spelled);
  if (typeof value !== 'object' || value === null || depth > 64) return false;
  const items = Array.isArray(value) ? value : Object.values(value);
  for (const item of items) if (holdsText(item, spelled, depth + 1)) return true;
  return false;
}

/**
 * The file line, after `floor` and before `swallowed`, that opens the quoted value that ran on over
 * `swallowed`: the nearest above it whose value (after its key, or its list item's dash) opens a
 * quote and does not close it. The lines between are the value's own and hold no quote of its kind
 * (one would have closed it). Undefined when no line looks so.
 */
function quoteOpenedAbove(yaml: string, swallowed: number, floor: number): number | undefined {
  const lines = yaml.split('\n');
  for (let line = swallowed - 1; line > floor; line--) {
    const text = lines[line - YAML_FIRST_LINE]?.replace(/\r$/, '') ?? '';
    const opening = /^[ \t]*(?:-[ \t]+)*(?:[^\s"'#-][^:]*:[ \t]+)?(["'])(.*)$/.exec(text);
    if (opening === null) continue;
    const [, quote, rest] = opening as unknown as [string, string, string];
    const closes = quote === '"' ? /(?:^|[^\\])(?:\\\\)*"/.test(rest) : rest.replace(/''/g, '').includes("'");
    if (!closes) return line;
  }
  return undefined;
}

/**
 * The summary, its strings copied out of the file's text. js-yaml's strings are slices of the text it
 * parsed, and a slice keeps the whole text alive: a read thread's batch of summaries kept 128 files'
 * texts through its collections (which copied, promoted and marked them: collection time per file
 * halved without them), and the index would keep the text of every file re-read for as long as the
 * file's summary stays. (Problems' messages are made afresh, with values quoted by JSON.stringify.)
 */
function withOwnStrings(summary: ArticleSummary): ArticleSummary {
  const s = summary as { -readonly [K in keyof ArticleSummary]: ArticleSummary[K] }; // made just now by summarize
  s.title = own(s.title);
  s.excerpt = own(s.excerpt);
  if (s.providerName !== undefined) s.providerName = own(s.providerName);
  if (s.providerDomain !== undefined) s.providerDomain = own(s.providerDomain);
  if (s.publishedDateTime !== undefined) s.publishedDateTime = own(s.publishedDateTime);
  if (s.category !== undefined) s.category = own(s.category);
  if (s.type !== undefined) s.type = own(s.type);
  if (s.topics.length > 0) s.topics = s.topics.map(own);
  return s;
}

/**
 * A copy of `s` that refers to no other string. Joining makes a new string that V8 flattens (copies)
 * when it is sliced, so the slice refers to that copy only, never to what `s` was cut from.
 */
function own(s: string): string {
  return (' ' + s).slice(1);
}

function broken(id: ArticleId, problem: Problem): ParsedFile {
  return { kind: 'article', summary: unreadableSummary(id, [problem]), readable: null };
}

/** Cheap test on raw bytes (BOM allowed) so files that are not articles are never decoded. */
export function startsWithDashes(bytes: Uint8Array): boolean {
  const at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes[at] === 0x2d && bytes[at + 1] === 0x2d && bytes[at + 2] === 0x2d;
}

/** The file line of a top-level key, for placing warnings. */
function lineOfKey(yaml: string, key: string): number | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^(?:${escaped}|"${escaped}"|'${escaped}')[ \\t]*:`, 'm').exec(yaml);
  if (!match) return undefined;
  let line = YAML_FIRST_LINE;
  for (let i = yaml.indexOf('\n'); i !== -1 && i < match.index; i = yaml.indexOf('\n', i + 1)) line++;
  return line;
}
