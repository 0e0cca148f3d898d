/**
 * The fast reader: the list's fields straight from a file's bytes, without a YAML parse. It walks
 * the top-level lines, decodes only the values the list needs and skips everything indented (the
 * bulky `related` blocks). Whenever a value is not one of the simple shapes it fully understands, it
 * gives up (null) and the caller uses the full parse; the full check still runs for every file.
 * tests/main/quick-read.test.ts proves it agrees with the full parse, field by field, on every file.
 */
import type { ArticleId, ArticleSummary } from '../../shared/article.js';
import { checkFields, summarize } from './article-model.js';
import type { FrontMatterData } from './yaml-read.js';

const DASHES = /^---[ \t]*$/;
/** The start of the next top-level line: not indented, not a list item, not a comment or blank (or the closing `---`). */
const NEXT_TOP = /\n(?:---|[^ \t#\r\n-])/g;
/** A line with content (not blank, not a comment). */
const CONTENT_LINE = /^[ \t]*[^ \t\r\n#]/m;
const SCALAR_FIELDS = new Set(['title', 'excerpt', 'category', 'type', 'publishedDateTime', 'originalUrl', 'webUrl', 'quality', 'heat', 'published']);
const LIST_SHAPE_FIELDS = new Set(['images', 'related']);
const GIVE_UP = Symbol('give up');
type Value = unknown | typeof GIVE_UP;

/**
 * The summary from the bytes, or null when only the full parse can say. The bytes are viewed as a
 * latin1 string, whose indices are byte offsets: the scan jumps over whole blocks with one regex
 * search and decodes only the values it keeps, as UTF-8.
 */
export function quickSummary(id: ArticleId, bytes: Uint8Array): ArticleSummary | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const s = buf.toString('latin1');
  const utf8 = (from: number, to: number): string => buf.toString('utf8', from, to > from && s.charCodeAt(to - 1) === 0x0d ? to - 1 : to);
  let pos = s.startsWith('\xEF\xBB\xBF') ? 3 : 0;
  let nl = s.indexOf('\n', pos);
  if (nl === -1 || !DASHES.test(utf8(pos, nl))) return null;
  pos = nl + 1;
  const data: FrontMatterData = {};
  const offsets = new Map<string, number>();
  while (pos < s.length) {
    nl = s.indexOf('\n', pos);
    const lineEnd = nl === -1 ? s.length : nl;
    const next = nl === -1 ? s.length : nl + 1;
    const c = s.charCodeAt(pos);
    const text = utf8(pos, lineEnd);
    if (DASHES.test(text)) return finish(id, data, offsets, s);
    if (text.trim() === '' || c === 0x23) {
      pos = next;
      continue;
    }
    // Indented or list content before the first key, tabs, document markers: left to the full parse.
    if (c === 0x20 || c === 0x09 || c === 0x2d || text.startsWith('...')) return null;
    const colon = text.search(/:(?: |$)/);
    if (colon <= 0) return null;
    const key = text.slice(0, colon);
    if (!/^[A-Za-z_][A-Za-z0-9_ .-]*$/.test(key) || key.endsWith(' ') || offsets.has(key)) return null; // duplicates: the full parse reports them
    offsets.set(key, pos);
    const raw = text.slice(colon + 1).trim();
    NEXT_TOP.lastIndex = lineEnd;
    const top = NEXT_TOP.exec(s);
    const blockEnd = top === null ? s.length : top.index + 1;
    pos = blockEnd;
    const known = SCALAR_FIELDS.has(key) || LIST_SHAPE_FIELDS.has(key) || key === 'topics' || key === 'provider';
    if (!known) continue;
    const blockLatin1 = s.slice(next, blockEnd);
    const hasContent = CONTENT_LINE.test(blockLatin1);
    const value = fieldValue(key, raw, hasContent, blockLatin1, () => utf8(next, blockEnd));
    if (value === GIVE_UP) return null;
    data[key] = value;
  }
  return null; // never closed: the full parse reports it
}

/** One known field's value from its line and the block under it. */
function fieldValue(key: string, raw: string, hasContent: boolean, blockLatin1: string, block: () => string): Value {
  if (SCALAR_FIELDS.has(key)) return hasContent ? GIVE_UP : scalar(raw); // a value continued or nested below
  if (LIST_SHAPE_FIELDS.has(key)) {
    // Only whether it is a list matters to the list; the full check reads the items.
    if (raw === '' && !hasContent) return null;
    if (raw === '[]' && !hasContent) return [];
    return raw === '' && /^ *- /.test(blockLatin1) ? [] : GIVE_UP;
  }
  if (blockLatin1.length > 4096) return GIVE_UP;
  if (key === 'topics') {
    if (raw !== '') return hasContent ? GIVE_UP : flowList(raw);
    return hasContent ? blockList(block()) : null;
  }
  if (raw !== '') return GIVE_UP; // provider
  return hasContent ? providerBlock(block()) : null;
}

function finish(id: ArticleId, data: FrontMatterData, offsets: Map<string, number>, s: string): ArticleSummary {
  // Lines are counted only for the fields a warning names: rare, so the common path never counts.
  const lineOf = (field: string): number | undefined => {
    const at = offsets.get(field);
    if (at === undefined) return undefined;
    let line = 1;
    for (let i = s.indexOf('\n'); i !== -1 && i < at; i = s.indexOf('\n', i + 1)) line++;
    return line;
  };
  return { ...summarize(id, data, checkFields(data, lineOf)), checked: false };
}

/** A one-line scalar as js-yaml's core schema reads it, or GIVE_UP for anything unusual. */
export function scalar(raw: string): Value {
  if (raw.startsWith('"')) {
    const close = raw.lastIndexOf('"');
    if (close === 0 || !/^\s*(#.*)?$/.test(raw.slice(close + 1))) return GIVE_UP;
    const body = raw.slice(1, close);
    // eslint-disable-next-line no-control-regex -- control characters inside quotes are left to the full parse
    if (/[\x00-\x1f]/.test(body) || /\\[^"\\/bfnrtu]/.test(body) || /(^|[^\\])(\\\\)*"/.test(body)) return GIVE_UP;
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
  const plain = raw.replace(/\s+#.*$/, '').trim();
  if (/^[&*!|>%@`{[?,\]}]/.test(plain) || /: |\t| #|^-( |$)/.test(plain)) return GIVE_UP;
  if (plain === '' || plain === '~' || plain === 'null' || plain === 'Null' || plain === 'NULL') return null;
  if (/^(true|True|TRUE)$/.test(plain)) return true;
  if (/^(false|False|FALSE)$/.test(plain)) return false;
  if (/^[-+]?[0-9]+$/.test(plain)) return Number(plain);
  if (/^[-+]?[0-9]+\.[0-9]+$/.test(plain)) return Number(plain);
  // Other number spellings (0x1F, 1e3, .inf, 1_000, 0o7…) are left to the full parse.
  if (/^[-+.]?[0-9.]/.test(plain) && /^[-+]?(0[xob]|[0-9._]+([eE][-+]?[0-9]+)?$|\.(inf|nan|Inf|NaN|INF|NAN)$)/.test(plain)) return GIVE_UP;
  if (/^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/.test(plain)) return GIVE_UP;
  return plain;
}

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
