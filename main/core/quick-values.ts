/**
 * The values the fast reader (quick-read.ts) understands, read as js-yaml's core schema reads them:
 * one-line scalars, block and flow lists of them, and a provider's block of `name` and `domain`.
 * Anything else is GIVE_UP, and the caller leaves the file to the full parse.
 */

export const NL = 0x0a;
export const CR = 0x0d;
/** What a reader answers for a value it does not fully understand. */
export const GIVE_UP = Symbol('give up');
/** A value as js-yaml would read it, or GIVE_UP. */
export type Value = unknown | typeof GIVE_UP;

/** A table of the 256 byte values, true for those `test` accepts. */
export const byteTable = (test: (b: number) => boolean): readonly boolean[] => Array.from({ length: 256 }, (_, b) => test(b));
export const isLetter = (b: number): boolean => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
/** Bytes a key this reader reads can start with: ASCII letters and `_`. */
export const KEY_START = byteTable((b) => isLetter(b) || b === 0x5f);
/** Bytes the rest of a provider's key is made of: ASCII letters, digits and `_`. */
const KEY_WORD = byteTable((b) => isLetter(b) || (b >= 0x30 && b <= 0x39) || b === 0x5f);

/**
 * `s` without the spaces and tabs at either end: YAML's only white space. (`String.trim` also takes
 * away Unicode spaces, a no-break space or a stray BOM, which js-yaml keeps in a value.)
 */
export function trimSpaces(s: string): string {
  let from = 0;
  let to = s.length;
  while (from < to && (s.charCodeAt(from) === 0x20 || s.charCodeAt(from) === 0x09)) from++;
  while (to > from && (s.charCodeAt(to - 1) === 0x20 || s.charCodeAt(to - 1) === 0x09)) to--;
  return from === 0 && to === s.length ? s : s.slice(from, to);
}

/**
 * A one-line scalar as js-yaml's core schema reads it, or GIVE_UP for anything unusual. `raw` is
 * what follows a separating space, trimmed: a `#` first begins a comment, and there is no value.
 */
export function scalar(raw: string): Value {
  if (raw.startsWith('#')) return null;
  if (raw.startsWith('"')) {
    const close = raw.lastIndexOf('"');
    if (close === 0 || (close !== raw.length - 1 && !/^[ \t]*(#.*)?$/.test(raw.slice(close + 1)))) return GIVE_UP;
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
    const match = /^'((?:[^']|'')*)'[ \t]*(#.*)?$/.exec(raw);
    return match ? match[1]!.replace(/''/g, "'") : GIVE_UP;
  }
  // Plain values are most of what a file holds: they are judged with string tests, and the regular
  // expressions run only on the few that could be numbers (each run allocates).
  const plain = trimSpaces(raw.includes('#') ? raw.replace(/[ \t]+#.*$/, '') : raw);
  if (PLAIN_NEVER_STARTS[plain.charCodeAt(0)] === true || plain.includes(': ') || plain.endsWith(':') || plain.includes('\t') || plain.includes(' #') || plain === '-' || plain.startsWith('- ')) return GIVE_UP;
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

/**
 * Calls `line` with the start, the first byte after the indent of spaces, and the end (before any
 * CR) of each line of [from, to) that is not blank or a comment; stops at GIVE_UP. A line indented
 * with a tab, or holding a CR or a Unicode line separator, gives up: the full parse reads those.
 */
function eachLine(buf: Buffer, from: number, to: number, line: (start: number, text: number, end: number) => Value): Value {
  for (let p = from; p < to; ) {
    let nl = buf.indexOf(NL, p);
    if (nl === -1 || nl > to) nl = to;
    const end = nl > p && buf[nl - 1] === CR ? nl - 1 : nl;
    let text = p;
    while (text < end && buf[text] === 0x20) text++;
    let rest = text;
    while (rest < end && buf[rest] === 0x09) rest++;
    if (rest < end && buf[rest] !== 0x23) {
      if (rest !== text || hasLineBreak(buf, text, end)) return GIVE_UP;
      if (line(p, text, end) === GIVE_UP) return GIVE_UP;
    }
    p = nl + 1;
  }
  return undefined;
}

/** Whether [from, to) holds a CR, U+2028 or U+2029 (E2 80 A8/A9): breaks to YAML or to the patterns here. */
function hasLineBreak(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = buf[i];
    if (b === CR || (b === 0xe2 && buf[i + 1] === 0x80 && (buf[i + 2] === 0xa8 || buf[i + 2] === 0xa9))) return true;
  }
  return false;
}

/** `  - a` lines (any indent, the same for all), each a one-line scalar; a bare `-` is null. */
export function blockList(buf: Buffer, from: number, to: number): Value {
  const items: unknown[] = [];
  let indent = -1;
  const done = eachLine(buf, from, to, (start, text, end) => {
    if (buf[text] !== 0x2d || (text + 1 < end && buf[text + 1] !== 0x20)) return GIVE_UP;
    if (indent === -1) indent = text - start;
    else if (text - start !== indent) return GIVE_UP;
    const value = scalar(trimSpaces(buf.toString('utf8', text + 1, end)));
    if (value === GIVE_UP) return GIVE_UP;
    items.push(value);
    return undefined;
  });
  return done === GIVE_UP ? GIVE_UP : items;
}

/** `[a, "b"]` on one line with simple items. */
export function flowList(raw: string): Value {
  const match = /^\[(.*)\][ \t]*(#.*)?$/.exec(raw);
  if (!match) return scalar(raw);
  const body = trimSpaces(match[1]!);
  if (body === '') return [];
  if (/(^|[ \t])#/.test(body)) return GIVE_UP; // a comment inside leaves the list unclosed: a YAML error
  if (/["'[\]{}]/.test(body)) return GIVE_UP;
  const items = body.split(',').map(trimSpaces);
  if (items.some((s) => s === '')) return GIVE_UP;
  const values = items.map(scalar);
  return values.includes(GIVE_UP) ? GIVE_UP : values;
}

/** `  name: X` and `  domain: Y` under `provider:`, nothing nested deeper. */
export function providerBlock(buf: Buffer, from: number, to: number): Value {
  const provider: Record<string, unknown> = {};
  let indent = -1;
  const done = eachLine(buf, from, to, (start, text, end) => {
    if (text === start || !KEY_START[buf[text]!]) return GIVE_UP;
    let colon = text + 1;
    while (colon < end && buf[colon] !== 0x3a) {
      if (!KEY_WORD[buf[colon]!]) return GIVE_UP;
      colon++;
    }
    if (colon === end || (colon + 1 < end && buf[colon + 1] !== 0x20)) return GIVE_UP;
    if (indent === -1) indent = text - start;
    else if (text - start !== indent) return GIVE_UP;
    const key = providerKey(buf, text, colon);
    if (Object.hasOwn(provider, key)) return GIVE_UP;
    const value = scalar(trimSpaces(buf.toString('utf8', colon + 1, end)));
    if (value === GIVE_UP) return GIVE_UP;
    provider[key] = value;
    return undefined;
  });
  return done === GIVE_UP ? GIVE_UP : provider;
}

const NAME = Buffer.from('name');
const DOMAIN = Buffer.from('domain');

/** A provider's key: the two usual ones without decoding them. */
function providerKey(buf: Buffer, from: number, to: number): string {
  if (buf.compare(NAME, 0, 4, from, to) === 0) return 'name';
  if (buf.compare(DOMAIN, 0, 6, from, to) === 0) return 'domain';
  return buf.toString('latin1', from, to);
}
