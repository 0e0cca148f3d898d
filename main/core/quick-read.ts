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
import { mayLeaveValueOpen } from './left-open.js';
import { inScanMemory, nextTopLine } from './line-scan.js';
import { blockList, byteTable, CR, flowList, GIVE_UP, isLetter, KEY_START, NL, providerBlock, scalar, trimSpaces, type Value } from './quick-values.js';

const DASHES = /^---[ \t]*$/;
/** The fields this reader reads, the only ones a warning names; a field's place in this list is its slot in `offsets`. */
const FIELDS = ['title', 'excerpt', 'category', 'type', 'publishedDateTime', 'originalUrl', 'webUrl', 'quality', 'heat', 'published', 'topics', 'provider', 'images', 'related'] as const;
const TOPICS = FIELDS.indexOf('topics');
const FIRST_LIST_SHAPE = FIELDS.indexOf('images');
/** The fields by their name's length: a key is matched against its bytes, so no string is made for it. */
const FIELDS_BY_LENGTH = FIELDS.reduce<number[][]>((table, field, slot) => {
  (table[field.length] ??= []).push(slot);
  return table;
}, []);
const FIELD_BYTES = FIELDS.map((field) => Buffer.from(field, 'latin1'));
/** Bytes the rest of a key this reader reads is made of (its first: KEY_START): ASCII letters, digits, `_`, space, `.` and `-`. */
const KEY_REST = byteTable((b) => isLetter(b) || (b >= 0x30 && b <= 0x39) || b === 0x5f || b === 0x20 || b === 0x2e || b === 0x2d);

/**
 * Where each field's key starts in the file being read, -1 where it has none (for the lines of
 * warnings). One per thread, reset for each file: read only while its summary is made.
 */
const offsets = new Int32Array(FIELDS.length);
/** Each field's value in the file being read, undefined where it has none; as `offsets`. */
const values: unknown[] = FIELDS.map(() => undefined);

/**
 * The summary from the bytes, or null when only the full parse can say. The scan works on the bytes:
 * it finds top-level lines with `Buffer.indexOf` (memchr), jumps over whole nested blocks without
 * decoding them (line-scan.ts), and decodes only the values it keeps, as UTF-8. Keys are matched as bytes: the
 * fields it reads get their names from one table (so setting them needs no lookup of a new string),
 * and only other keys are decoded, to catch duplicates.
 */
export function quickSummary(id: ArticleId, bytes: Uint8Array): ArticleSummary | null {
  const buf = inScanMemory(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const end = buf.length;
  let pos = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let nl = buf.indexOf(NL, pos);
  if (nl === -1 || !DASHES.test(utf8(buf, pos, nl))) return null;
  if (hasLoneCR(buf)) return null;
  pos = nl + 1;
  const otherKeys: string[] = [];
  offsets.fill(-1);
  values.fill(undefined);
  /** Where the entry before began, when its lines were skipped unread: they may leave a value open (see left-open.ts). */
  let unread = -1;
  while (pos < end) {
    nl = buf.indexOf(NL, pos);
    const lineEnd = nl === -1 ? end : nl;
    const next = nl === -1 ? end : nl + 1;
    const textEnd = lineEnd > pos && buf[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    const c = buf[pos]!;
    if (!KEY_START[c]) {
      // The closing line, blanks and comments; anything else (indented or list content before the
      // first key, document markers, a key not in ASCII) is left to the full parse.
      if (c === 0x2d && isDashes(buf, pos, textEnd)) return finish(id, buf);
      if (c !== 0x23 && !isBlank(buf, pos, textEnd)) return null;
      pos = next;
      continue;
    }
    // The key runs to the first colon followed by a space or the end of the line, and is read only
    // when it is made of the bytes in KEY_REST (so its byte offsets are its character offsets).
    let colon = pos + 1;
    while (colon < textEnd && !(buf[colon] === 0x3a && (colon + 1 === textEnd || buf[colon + 1] === 0x20))) {
      if (!KEY_REST[buf[colon]!]) return null;
      colon++;
    }
    if (colon === textEnd || buf[colon - 1] === 0x20) return null;
    if (unread !== -1 && mayLeaveValueOpen(buf, pos, unread)) return null;
    const slot = fieldAt(buf, pos, colon);
    if (slot === -1) {
      const key = buf.toString('latin1', pos, colon);
      if (otherKeys.includes(key)) return null; // duplicates: the full parse reports them
      otherKeys.push(key);
    } else if (offsets[slot] !== -1) {
      return null;
    } else {
      offsets[slot] = pos;
    }
    const blockEnd = nextTopLine(buf, lineEnd);
    // A block of text (`key: |`) holds its lines as they are: none of them opens a value.
    unread = (slot === -1 || blockEnd > next) && !startsBlockScalar(buf, colon + 1, textEnd) ? pos : -1;
    pos = blockEnd;
    if (slot === -1) continue;
    const raw = trimSpaces(utf8(buf, colon + 1, lineEnd));
    const value = fieldValue(slot, raw, buf, next, blockEnd);
    if (value === GIVE_UP) return null;
    values[slot] = value;
  }
  return null; // never closed: the full parse reports it
}

/** Whether the value in [from, to) is the header of a block of text: `|` or `>`, with its indicators. */
function startsBlockScalar(buf: Buffer, from: number, to: number): boolean {
  let p = from;
  while (p < to && buf[p] === 0x20) p++;
  return buf[p] === 0x7c || buf[p] === 0x3e;
}

/** The slot in FIELDS of the key in [from, to), or -1 for another key. */
function fieldAt(buf: Buffer, from: number, to: number): number {
  const candidates = FIELDS_BY_LENGTH[to - from];
  if (candidates === undefined) return -1;
  for (const slot of candidates) {
    const name = FIELD_BYTES[slot]!;
    let i = 0;
    while (i < name.length && name[i] === buf[from + i]) i++;
    if (i === name.length) return slot;
  }
  return -1;
}

/** Whether [from, to) is `---` and nothing but spaces and tabs after it. */
function isDashes(buf: Buffer, from: number, to: number): boolean {
  return to - from >= 3 && buf[from] === 0x2d && buf[from + 1] === 0x2d && buf[from + 2] === 0x2d && isBlank(buf, from + 3, to);
}

/**
 * Whether a CR stands without an LF after it: a line break to YAML (even inside a block this reader
 * skips, where it could start a top-level key) but not to this reader, which splits lines at LF.
 * Most files have no CR at all: one memchr.
 */
function hasLoneCR(buf: Buffer): boolean {
  for (let cr = buf.indexOf(CR); cr !== -1; cr = buf.indexOf(CR, cr + 1)) if (buf[cr + 1] !== NL) return true;
  return false;
}

/** Whether [from, to) holds only spaces and tabs. */
function isBlank(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i] !== 0x20 && buf[i] !== 0x09) return false;
  return true;
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
function fieldValue(slot: number, raw: string, buf: Buffer, from: number, to: number): Value {
  if (slot >= FIRST_LIST_SHAPE) {
    // Only whether it is a list matters to the list; the full check reads the items. A block whose
    // first line is an item is one, and is not walked again: it holds most of a large file's bytes.
    if (raw === '' && startsListItem(buf, from, to)) return [];
    if (hasContentLine(buf, from, to)) return GIVE_UP;
    return raw === '' ? null : raw === '[]' ? [] : GIVE_UP;
  }
  const hasContent = hasContentLine(buf, from, to);
  if (slot < TOPICS) return hasContent ? GIVE_UP : scalar(raw); // a value continued or nested below
  if (to - from > 4096) return GIVE_UP;
  if (slot === TOPICS) {
    if (raw !== '') return hasContent ? GIVE_UP : flowList(raw);
    return hasContent ? blockList(buf, from, to) : null;
  }
  if (raw !== '') return GIVE_UP; // provider
  return hasContent ? providerBlock(buf, from, to) : null;
}

/** Whether the block's first line is `- ` after spaces. */
function startsListItem(buf: Buffer, from: number, to: number): boolean {
  let p = from;
  while (p < to && buf[p] === 0x20) p++;
  return p + 1 < to && buf[p] === 0x2d && buf[p + 1] === 0x20;
}

function finish(id: ArticleId, buf: Buffer): ArticleSummary {
  // Lines are counted only for the fields a warning names: rare, so the common path never counts.
  const lineOf = (field: string): number | undefined => {
    const at = offsets[(FIELDS as readonly string[]).indexOf(field)] ?? -1;
    if (at === -1) return undefined;
    let line = 1;
    for (let i = buf.indexOf(NL); i !== -1 && i < at; i = buf.indexOf(NL, i + 1)) line++;
    return line;
  };
  // One shape for every file (a field the file leaves out is undefined, as a parse's data reads):
  // setting fields by a computed name one at a time cost a tenth of this reader. In FIELDS' order
  // (a slip here is caught by the agreement tests, tests/main/quick-read.test.ts).
  const [title, excerpt, category, type, publishedDateTime, originalUrl, webUrl, quality, heat, published, topics, provider, images, related] = values;
  const data: FrontMatterData = { title, excerpt, category, type, publishedDateTime, originalUrl, webUrl, quality, heat, published, topics, provider, images, related };
  return summarize(id, data, checkFields(data, lineOf), { checked: false });
}
