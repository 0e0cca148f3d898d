/**
 * The fast reader: the list's fields straight from a file's bytes, without a YAML parse. It walks
 * the top-level lines, decodes only the values the list needs and skips everything indented (the
 * bulky `related` blocks) without decoding it. Whenever a value is not one of the simple shapes it fully understands, it
 * gives up (null) and the caller uses the full parse; the full check still runs for every file.
 * tests/main/quick-read.test.ts proves it agrees with the full parse, field by field, on every file.
 */
import type { ArticleId, ArticleSummary } from '../../shared/article.js';
import { checkFields, summarize } from './article-model.js';
import type { FrontMatterData } from './yaml-read.js';

const DASHES = /^---[ \t]*$/;
const NL = 0x0a;
const CR = 0x0d;
const SCALAR_FIELDS = new Set(['title', 'excerpt', 'category', 'type', 'publishedDateTime', 'originalUrl', 'webUrl', 'quality', 'heat', 'published']);
const LIST_SHAPE_FIELDS = new Set(['images', 'related']);
const GIVE_UP = Symbol('give up');
/** Bytes a key this reader reads can start with: ASCII letters and `_`. */
const KEY_START = Array.from({ length: 256 }, (_, b) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f);
type Value = unknown | typeof GIVE_UP;

/**
 * The summary from the bytes, or null when only the full parse can say. The scan works on the bytes:
 * it finds lines with `Buffer.indexOf` (memchr), jumps over whole nested blocks line by line without
 * decoding them, and decodes only the top-level lines and the small blocks it keeps, as UTF-8.
 */
export function quickSummary(id: ArticleId, bytes: Uint8Array): ArticleSummary | null {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buf.length;
  let pos = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let nl = buf.indexOf(NL, pos);
  if (nl === -1 || !DASHES.test(utf8(buf, pos, nl))) return null;
  pos = nl + 1;
  const data: FrontMatterData = {};
  const offsets = new Map<string, number>();
  while (pos < end) {
    nl = buf.indexOf(NL, pos);
    const lineEnd = nl === -1 ? end : nl;
    const next = nl === -1 ? end : nl + 1;
    const c = buf[pos]!;
    if (!KEY_START[c]) {
      // The closing line, blanks, comments and the shapes left to the full parse, judged on the decoded line.
      const text = utf8(buf, pos, lineEnd);
      if (DASHES.test(text)) return finish(id, data, offsets, buf);
      if (text.trim() === '' || c === 0x23) {
        pos = next;
        continue;
      }
      return null; // indented or list content before the first key, tabs, document markers, a key not in ASCII
    }
    // The key runs to the first colon followed by a space or the end of the line; only keys in ASCII
    // are read here, so its byte offsets are its character offsets.
    const textEnd = lineEnd > pos && buf[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    let colon = pos;
    while (colon < textEnd && !(buf[colon] === 0x3a && (colon + 1 === textEnd || buf[colon + 1] === 0x20))) colon++;
    if (colon === textEnd) return null;
    const key = buf.toString('latin1', pos, colon);
    if (!/^[A-Za-z_][A-Za-z0-9_ .-]*$/.test(key) || key.endsWith(' ') || offsets.has(key)) return null; // duplicates: the full parse reports them
    offsets.set(key, pos);
    const blockEnd = nextTopLine(buf, lineEnd);
    pos = blockEnd;
    const known = SCALAR_FIELDS.has(key) || LIST_SHAPE_FIELDS.has(key) || key === 'topics' || key === 'provider';
    if (!known) continue;
    const raw = utf8(buf, colon + 1, lineEnd).trim();
    const value = fieldValue(key, raw, buf, next, blockEnd);
    if (value === GIVE_UP) return null;
    data[key] = value;
  }
  return null; // never closed: the full parse reports it
}

/**
 * The start of the next top-level line after the line ending at `lineEnd` (its `\n`): the first
 * line that is not indented, a list item, a comment or blank, or is the closing `---`; else the end.
 */
function nextTopLine(buf: Buffer, lineEnd: number): number {
  const end = buf.length;
  for (let i = lineEnd; i !== -1 && i + 1 < end; i = buf.indexOf(NL, i + 1)) {
    const c = buf[i + 1];
    if (c === 0x2d) {
      if (buf[i + 2] === 0x2d && buf[i + 3] === 0x2d) return i + 1;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x23 && c !== CR && c !== NL) {
      return i + 1;
    }
  }
  return end;
}

/** Whether [from, to) has a line with content (not blank, not a comment); lines end at LF or CR. */
function hasContentLine(buf: Buffer, from: number, to: number): boolean {
  let p = from;
  while (p < to) {
    while (p < to && (buf[p] === 0x20 || buf[p] === 0x09)) p++;
    if (p < to && buf[p] !== CR && buf[p] !== NL && buf[p] !== 0x23) return true;
    while (p < to && buf[p] !== NL && buf[p] !== CR) p++;
    p++;
  }
  return false;
}

/** The text of [from, to), a line without its CR. */
function utf8(buf: Buffer, from: number, to: number): string {
  return buf.toString('utf8', from, to > from && buf[to - 1] === CR ? to - 1 : to);
}

/** One known field's value from its line and the block [from, to) under it. */
function fieldValue(key: string, raw: string, buf: Buffer, from: number, to: number): Value {
  if (LIST_SHAPE_FIELDS.has(key)) {
    // Only whether it is a list matters to the list; the full check reads the items. A block whose
    // first line is an item is one, and is not walked again: it holds most of a large file's bytes.
    if (raw === '' && startsListItem(buf, from, to)) return [];
    if (hasContentLine(buf, from, to)) return GIVE_UP;
    return raw === '' ? null : raw === '[]' ? [] : GIVE_UP;
  }
  const hasContent = hasContentLine(buf, from, to);
  if (SCALAR_FIELDS.has(key)) return hasContent ? GIVE_UP : scalar(raw); // a value continued or nested below
  if (to - from > 4096) return GIVE_UP;
  if (key === 'topics') {
    if (raw !== '') return hasContent ? GIVE_UP : flowList(raw);
    return hasContent ? blockList(utf8(buf, from, to)) : null;
  }
  if (raw !== '') return GIVE_UP; // provider
  return hasContent ? providerBlock(utf8(buf, from, to)) : null;
}

/** Whether the block's first line is `- ` after spaces. */
function startsListItem(buf: Buffer, from: number, to: number): boolean {
  let p = from;
  while (p < to && buf[p] === 0x20) p++;
  return p + 1 < to && buf[p] === 0x2d && buf[p + 1] === 0x20;
}

function finish(id: ArticleId, data: FrontMatterData, offsets: Map<string, number>, buf: Buffer): ArticleSummary {
  // Lines are counted only for the fields a warning names: rare, so the common path never counts.
  const lineOf = (field: string): number | undefined => {
    const at = offsets.get(field);
    if (at === undefined) return undefined;
    let line = 1;
    for (let i = buf.indexOf(NL); i !== -1 && i < at; i = buf.indexOf(NL, i + 1)) line++;
    return line;
  };
  return { ...summarize(id, data, checkFields(data, lineOf)), checked: false };
}

/** A one-line scalar as js-yaml's core schema reads it, or GIVE_UP for anything unusual. */
export function scalar(raw: string): Value {
  if (raw.startsWith('"')) {
    const close = raw.lastIndexOf('"');
    if (close === 0 || (close !== raw.length - 1 && !/^\s*(#.*)?$/.test(raw.slice(close + 1)))) return GIVE_UP;
    const body = raw.slice(1, close);
    // eslint-disable-next-line no-control-regex -- control characters inside quotes are left to the full parse
    if (/[\x00-\x1f]/.test(body)) return GIVE_UP;
    // Without backslashes the value is the text between the quotes, unless a quote inside ends it early.
    if (!body.includes('\\')) return body.includes('"') ? GIVE_UP : body;
    // A quote inside that is not escaped ends the value early.
    if (/\\[^"\\/bfnrtu]/.test(body) || /(^|[^\\])(\\\\)*"/.test(body)) return GIVE_UP;
    try {
      return JSON.parse(`"${body}"`) as string;
    } catch {
      return GIVE_UP;
    }
  }
  if (raw.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'\s*(#.*)?$/.exec(raw);
    return match ? match[1]!.replace(/''/g, "'") : GIVE_UP;
  }
  // Plain values are most of what a file holds: they are judged with string tests, and the regular
  // expressions run only on the few that could be numbers (each run allocates).
  const plain = raw.includes('#') ? raw.replace(/\s+#.*$/, '').trim() : raw.trim();
  if (PLAIN_NEVER_STARTS[plain.charCodeAt(0)] === true || plain.includes(': ') || plain.includes('\t') || plain.includes(' #') || plain === '-' || plain.startsWith('- ')) return GIVE_UP;
  if (plain === '' || plain === '~' || plain === 'null' || plain === 'Null' || plain === 'NULL') return null;
  if (plain === 'true' || plain === 'True' || plain === 'TRUE') return true;
  if (plain === 'false' || plain === 'False' || plain === 'FALSE') return false;
  if (!NUMBER_STARTS[plain.charCodeAt(0)]) return plain;
  if (/^[-+]?[0-9]+$/.test(plain)) return Number(plain);
  if (/^[-+]?[0-9]+\.[0-9]+$/.test(plain)) return Number(plain);
  // Other number spellings (0x1F, 1e3, .inf, 1_000, 0o7…) are left to the full parse.
  if (/^[-+.]?[0-9.]/.test(plain) && /^[-+]?(0[xob]|[0-9._]+([eE][-+]?[0-9]+)?$|\.(inf|nan|Inf|NaN|INF|NAN)$)/.test(plain)) return GIVE_UP;
  if (/^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/.test(plain)) return GIVE_UP;
  return plain;
}

const charTable = (chars: string): readonly boolean[] => Array.from({ length: 128 }, (_, c) => chars.includes(String.fromCharCode(c)));
/** First characters that make a plain value something else in YAML (an anchor, a tag, a flow collection…). */
const PLAIN_NEVER_STARTS = charTable('&*!|>%@`{[?,]}');
/** First characters of every number spelling js-yaml reads (and of the special floats). */
const NUMBER_STARTS = charTable('+-.0123456789');

/** `  - a` lines (any indent, the same for all), each a one-line scalar; a bare `-` is null. */
function blockList(text: string): Value {
  const items: unknown[] = [];
  let indent: number | null = null;
  for (const line of text.split('\n')) {
    const l = line.replace(/\r$/, '');
    if (l.trim() === '' || /^\s*#/.test(l)) continue;
    const m = /^( *)-(?: (.*))?$/.exec(l);
    if (!m) return GIVE_UP;
    if (indent === null) indent = m[1]!.length;
    else if (m[1]!.length !== indent) return GIVE_UP;
    const value = scalar((m[2] ?? '').trim());
    if (value === GIVE_UP) return GIVE_UP;
    items.push(value);
  }
  return text === '' ? null : items;
}

/** `[a, "b"]` on one line with simple items. */
function flowList(raw: string): Value {
  const match = /^\[(.*)\]\s*(#.*)?$/.exec(raw);
  if (!match) return scalar(raw);
  const body = match[1]!.trim();
  if (body === '') return [];
  if (/["'[\]{}]/.test(body)) return GIVE_UP;
  const items = body.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) return GIVE_UP;
  const values = items.map(scalar);
  return values.includes(GIVE_UP) ? GIVE_UP : values;
}

/** `  name: X` and `  domain: Y` under `provider:`, nothing nested deeper. */
function providerBlock(text: string): Value {
  const provider: Record<string, unknown> = {};
  let indent: number | null = null;
  for (const line of text.split('\n')) {
    const l = line.replace(/\r$/, '');
    if (l.trim() === '' || /^\s*#/.test(l)) continue;
    const m = /^( +)([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/.exec(l);
    if (!m) return GIVE_UP;
    if (indent === null) indent = m[1]!.length;
    else if (m[1]!.length !== indent) return GIVE_UP;
    if (Object.hasOwn(provider, m[2]!)) return GIVE_UP;
    const value = scalar((m[3] ?? '').trim());
    if (value === GIVE_UP) return GIVE_UP;
    provider[m[2]!] = value;
  }
  return text === '' ? null : provider;
}
