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
export const READER_VERSION = 'reader-11';

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
 * With `explain` false, YAML that does not read is said so in js-yaml's words (see yaml-read.ts).
 */
export function parseArticleFile(id: ArticleId, bytes: Uint8Array, explain = true): ParsedFile {
  try {
    return parseBytes(id, bytes, explain);
  } catch (e) {
    return broken(id, { level: 'error', code: 'unreadable', message: `Masthead could not read this file (${e instanceof Error ? e.message : String(e)}); it is left as it is` });
  }
}

function parseBytes(id: ArticleId, bytes: Uint8Array, explain: boolean): ParsedFile {
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
  const read = readFrontMatterYaml(yaml, YAML_FIRST_LINE, explain);
  if (!read.ok) return broken(id, read.problem);
  return { kind: 'article', summary: summaryOf(id, yaml, read.data, read.overLines), readable: { text, block, data: read.data, rootBooleans: read.rootBooleans } };
}

/**
 * The summary of data already parsed from this YAML (an edit's verified re-read saves parsing
 * again). `overLines` false, as the parse tells (see yaml-read.ts), spares the look for values
 * that ran on over a key's line: none but a nested `[…]` or `{…}` can have, and that one is looked
 * for only over the keys Masthead writes (`editedKeyRanOver`), where a key unseen would be added twice.
 */
export function summaryOf(id: ArticleId, yaml: string, data: FrontMatterData, overLines = true): ArticleSummary {
  const problems = checkFields(data, (field) => lineOfKey(yaml, field));
  const runOver = overLines || editedKeyRanOver(yaml, data) ? keysRunOver(yaml, data) : { warnings: [], flowIn: new Set<string>() };
  if (runOver.warnings.length === 0) return withOwnStrings(summarize(id, data, problems));
  // A list a key's line ran into holds that line as a mapping: the wrong type is that, said better.
  const told = problems.filter((p) => !(p.code === 'wrong-type' && p.field !== undefined && runOver.flowIn.has(p.field)));
  return withOwnStrings(summarize(id, data, [...told, ...runOver.warnings]));
}

/** The keys Masthead writes: an edit of one that a value swallowed would add it a second time (see library-edit.ts). */
const EDITED_KEYS = ['published', 'topics'];

/**
 * Whether the article lacks a key Masthead writes though a line of its YAML starts with it: what a
 * `[…]` or `{…}` left open deeper than a top-level key, which the parse does not watch (see
 * yaml-read.ts), leaves when it runs on over that key's line. A look or two, in the few files
 * without one of them (2% of generated files lack `published`, 14% `topics`).
 */
function editedKeyRanOver(yaml: string, data: FrontMatterData): boolean {
  for (const key of EDITED_KEYS) {
    // The word alone first: one search, where most files without the key have no such word at all.
    if (Object.hasOwn(data, key) || !yaml.includes(key)) continue;
    if (yaml.includes(`\n${key}`) || yaml.includes(`\n"${key}"`) || yaml.includes(`\n'${key}'`)) return true;
  }
  return false;
}

/** The top-level keys Masthead reads (and `secured`, which an export carries): those a value running on may swallow unseen. */
const READ_KEYS = ['title', 'excerpt', 'category', 'type', 'publishedDateTime', 'originalUrl', 'webUrl', 'quality', 'heat', 'published', 'topics', 'provider', 'images', 'related', 'secured'];
/** Each of READ_KEYS as a value that swallowed its line holds it. */
const KEY_COLONS = READ_KEYS.map((key) => `${key}:`);

/**
 * Warnings for the lines that start like a key Masthead reads but are read as part of a value above
 * them, where the YAML still reads. A quoted value whose closing quote is missing runs on over lines
 * at column 0 until a quote further down closes it, folded into one line of text: `title: "Rates
 * rise` over `published: true` reads as the title "Rates rise published: true", and the article as
 * not approved. A `[…]` or `{…}` left open runs on likewise, and the line becomes an entry of it
 * (`topics: [AI, Cloud,` over `published: true]`). The value may be a top-level one or one nested
 * in a top-level key, a related article's title or an image's caption, as the bulk of a file is.
 * Only a key absent from the data, which starts a line at column 0 and which a value in the data
 * holds (as text, or as a key of its own), is looked for further.
 */
function keysRunOver(yaml: string, data: FrontMatterData): { readonly warnings: Problem[]; readonly flowIn: ReadonlySet<string> } {
  /** Each value that ran on, by its top-level key: where its warning goes, how it ran on, and the lines it swallowed. */
  const runs = new Map<string, { readonly line: number; readonly how: RunOn; readonly over: { key: string; line: number }[] }>();
  let keys: string[] | undefined;
  for (let i = 0; i < READ_KEYS.length; i++) {
    const key = READ_KEYS[i]!;
    if (data[key] !== undefined || Object.hasOwn(data, key)) continue; // (a parse gives null, never undefined, for a key it has)
    // A plain search first: most files lack some of these keys, and none of them a line that starts with one.
    if (!yaml.includes(`\n${key}`) && !yaml.includes(`\n"${key}"`) && !yaml.includes(`\n'${key}'`)) continue;
    const spelled = KEY_COLONS[i]!;
    keys ??= Object.keys(data);
    const holders = keys.filter((k) => holds(data[k], key, spelled));
    const swallowed = holders.length === 0 ? undefined : lineOfKey(yaml, key);
    if (swallowed === undefined) continue;
    // The value that ran on over it: within the nearest key above it (no other key's line is between,
    // or it would have been swallowed too).
    let holder: { key: string; line: number } | undefined;
    for (const k of holders) {
      const line = lineOfKey(yaml, k);
      if (line !== undefined && line < swallowed && (holder === undefined || line > holder.line)) holder = { key: k, line };
    }
    if (holder === undefined) continue;
    let run = runs.get(holder.key);
    if (run === undefined) {
      const value = data[holder.key];
      const how = typeof value === 'string' ? ({ kind: 'text' } as const) : runOnWithin(yaml, value, spelled, swallowed, holder.line);
      run = { line: how.kind === 'text' || how.opened === undefined ? holder.line : how.opened, how, over: [] };
      runs.set(holder.key, run);
    }
    run.over.push({ key, line: swallowed });
  }
  const flowIn = new Set([...runs].flatMap(([key, { how }]) => (how.kind === 'flow' ? [key] : [])));
  const warnings = [...runs].map(([key, { line, how, over }]): Problem => {
    const field = own(key); // the file's own key: a slice of its text (see `withOwnStrings`)
    over.sort((a, b) => a.line - b.line);
    const lines = over.map((o) => `line ${o.line} ("${o.key}:")`).join(' and ');
    const keys = over.map((o) => `"${o.key}"`).join(' or ');
    const what = how.kind === 'text' ? field : how.kind === 'quoted' ? `a value in ${field}` : `a ${how.bracket === undefined ? 'list or mapping' : how.bracket === '[' ? 'list' : 'mapping'} in ${field}`;
    const whole = how.kind === 'text' ? field : how.kind === 'quoted' ? 'that value' : 'it';
    const which = over.length === 1 ? `which is read as part of ${whole}, not as a key` : `which are read as part of ${whole}, not as keys`;
    const opener = how.kind === 'flow' ? `the ${how.bracket ?? '[ or {'} that opens it` : how.kind === 'quoted' ? 'the quote that opens it' : `the quote that opens ${field}`;
    // Where the line that opens the value is not known, the warning is on its top-level key's line.
    const opens = how.kind !== 'text' && how.opened === undefined ? `${opener.replace(/^the /, 'a ')}, between line ${line} and line ${over[0]!.line},` : opener;
    return {
      level: 'warning',
      code: 'runs-on',
      field,
      message: own(`${what} runs on over ${lines}, ${which}, so the article has no ${keys} key; ${opens} is likely not closed on its line`),
      line,
    };
  });
  return { warnings, flowIn };
}

/** How a value ran on: a top-level text, a quoted value nested in one, or a `[…]` or `{…}` left open; with the line that opens it, where it is found. */
type RunOn = { readonly kind: 'text' } | { readonly kind: 'quoted'; readonly opened?: number } | { readonly kind: 'flow'; readonly bracket?: '[' | '{'; readonly opened?: number };

/** Whether `value`, or a value nested in it, is a text that holds `spelled` (`key:`), or a mapping with `key` of its own. */
function holds(value: unknown, key: string, spelled: string, depth = 0): boolean {
  if (typeof value === 'string') return value.includes(spelled);
  if (typeof value !== 'object' || value === null || depth > 64) return false;
  if (key !== '' && !Array.isArray(value) && Object.hasOwn(value, key)) return true;
  const items = Array.isArray(value) ? value : Object.values(value);
  for (const item of items) if (holds(item, key, spelled, depth + 1)) return true;
  return false;
}

/** How a value nested in the top-level value `value` (its key on line `floor`) ran on over line `swallowed`. */
function runOnWithin(yaml: string, value: unknown, spelled: string, swallowed: number, floor: number): RunOn {
  if (holds(value, '', spelled)) return { kind: 'quoted', opened: quoteOpenedAbove(yaml, swallowed, floor) };
  const flow = flowOpenedAbove(yaml, swallowed, floor);
  return flow === undefined ? { kind: 'flow' } : { kind: 'flow', bracket: flow.bracket, opened: flow.line };
}

/**
 * The file line, from `floor` to before `swallowed`, that opens the `[…]` or `{…}` that ran on over
 * `swallowed`, and its bracket: the nearest above it that leaves one open (quoted texts skipped).
 */
function flowOpenedAbove(yaml: string, swallowed: number, floor: number): { line: number; bracket: '[' | '{' } | undefined {
  const lines = yaml.split('\n');
  for (let line = swallowed - 1; line >= floor; line--) {
    const text = lines[line - YAML_FIRST_LINE] ?? '';
    const open: ('[' | '{')[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      const starts = i === 0 || ' \t[{,'.includes(text[i - 1]!);
      if ((c === '"' || c === "'") && starts) {
        i = closingQuote(text, i);
        if (i === -1) break;
      } else if (c === '#' && starts) break;
      else if (c === '[' || c === '{') open.push(c);
      else if (c === ']' || c === '}') open.pop();
    }
    if (open.length > 0) return { line, bracket: open[open.length - 1]! };
  }
  return undefined;
}

/** Where the quoted text opened at `at` in `text` closes, or -1. */
function closingQuote(text: string, at: number): number {
  const quote = text[at];
  for (let i = at + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
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

/** The file line of the first line that starts with `key:` (as a top-level key does), for placing warnings. */
export function lineOfKey(yaml: string, key: string): number | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^(?:${escaped}|"${escaped}"|'${escaped}')[ \\t]*:`, 'm').exec(yaml);
  if (!match) return undefined;
  let line = YAML_FIRST_LINE;
  for (let i = yaml.indexOf('\n'); i !== -1 && i < match.index; i = yaml.indexOf('\n', i + 1)) line++;
  return line;
}
