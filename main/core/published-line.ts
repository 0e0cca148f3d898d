/**
 * The quick way to approve or unapprove an article: its `published: true|false` line changed in
 * place, or a `published:` line added where the general editor adds one, from the bytes, without
 * parsing the whole file (a 140 KB file's full parse costs more than writing it durably). Anything
 * else is left to the general editor (null).
 *
 * The full check vouches for the quick way, file by file (`quickApprovable`). For a file with a
 * `published: true|false` line it asks the full parse's own record first (`readAsRootValue`): was
 * that line's value read as the top-level mapping's? Otherwise it proves it from the file's
 * skeleton: its top-level lines, each nested block cut after its first line. With the approval
 * changed, the skeleton must read the new value and the full parse's top-level keys. js-yaml is
 * lenient enough that a skeleton alone could mislead (a quoted value in a nested block may run on
 * over a line at column 0), hence the comparison with the full parse. The library takes the quick way
 * only on bytes that hash to what was vouched for; the splice touches only the value on that line
 * (or adds one line), so everything else stays byte for byte what the full check read.
 */
import { isDeepStrictEqual } from 'node:util';
import { readFrontMatterYaml, type FrontMatterData, type RootBooleans } from './yaml-read.js';
import { PUBLISHED_AFTER, YAML_FIRST_LINE } from './front-matter.js';

/** The approval the file had (false without a line), and the new file in three parts: before, the new text, after. */
export interface PublishedSplice {
  readonly was: boolean;
  /** Null when the line already says the value. */
  readonly chunks: readonly [Buffer, Buffer, Buffer] | null;
  /** The value replaced was spelled `true` or `false`: splicing the old value back gives the very bytes again. */
  readonly invertible: boolean;
}

const NL = 0x0a;
const CR = 0x0d;
const PUBLISHED_KEY = Buffer.from('\npublished:', 'latin1');
/** The rest of the published line after its colon (decoded as latin1: byte offsets, ASCII syntax). */
const PUBLISHED_REST = /^([ \t]+)(true|True|TRUE|false|False|FALSE)(?:[ \t]+#[^\r\n]*)?\r?$/;
/** A top-level key with nothing after its colon: what follows is its nested block. */
const OWNER = /^([^:#\r\n]+):[ \t]*(?:#[^\r\n]*)?\r?$/;
/** U+2028 and U+2029 end lines for the regular expressions that find the front matter in decoded text. */
const UNICODE_LINE_ENDS = [Buffer.from([0xe2, 0x80, 0xa8]), Buffer.from([0xe2, 0x80, 0xa9])];
const MERGE_KEY = /^["']?<<["']?[ \t]*:/m;
const MERGE_MARK = Buffer.from('<<', 'latin1');

/**
 * Where a file's approval is changed: the value of its one top-level `published: true|false` line,
 * or, when it has none, the place the general editor puts a new `published:` line.
 */
interface PublishedPlace {
  /** The value on the line; undefined when there is no line. */
  readonly was: boolean | undefined;
  /** The bytes [from, to) are replaced: the value, or nothing at the start of a line. */
  readonly from: number;
  readonly to: number;
  readonly yamlStart: number;
  readonly yamlEnd: number;
  readonly eol: string;
  /** Where there is no line: the key of `PUBLISHED_AFTER` the new line follows, as the general editor's. */
  readonly after?: string;
}

/** Where a missing `published:` line goes: after the first of the general editor's keys the file has, as it does. */
const ANCHORS = PUBLISHED_AFTER.map((key) => Buffer.from(`\n${key}:`, 'latin1'));

/**
 * True when the quick way may be used on these bytes, whose full parse read `data`. Run by the full
 * check, so an approval later needs no YAML parse at all. The full parse must read the approval the
 * line holds (none where there is no line), and the skeleton with the approval changed must read
 * the new value and the same top-level keys, in the same order, as the full parse.
 *
 * That proves the place is the file's own approval: had the line been part of a nested value in the
 * full parse (js-yaml lets a quoted value run on over a line at column 0), the file's real approval
 * would be a second top-level `published` line (a duplicate key in the skeleton) or none at all
 * (no `true` or `false` in the full parse); a merge key is refused outright. And a plain `true` or
 * `false` ending its line, or a new line between top-level items, changes no other value.
 */
export function quickApprovable(bytes: Buffer, data: FrontMatterData, rootBooleans?: RootBooleans): boolean {
  const place = findPublishedPlace(bytes);
  if (place === null || data.published !== place.was) return false;
  // A new line follows the key the general editor would put it after: the first of PUBLISHED_AFTER
  // the file has, however it is spelled ("heat", heat :). A key this byte scan does not see so is left to it.
  if (place.was === undefined && place.after !== PUBLISHED_AFTER.find((key) => Object.hasOwn(data, key))) return false;
  if (rootBooleans !== undefined && readAsRootValue(bytes, place, rootBooleans)) return true;
  return skeletonAgrees(bytes, data, place);
}

/**
 * The proof from the full parse's own record alone (see `readAsRootValue`), without the skeleton
 * proof to fall back on: for tests, which check it never vouches where the skeleton proof does not.
 */
export function vouchedByParse(bytes: Buffer, data: FrontMatterData, rootBooleans: RootBooleans): boolean {
  const place = findPublishedPlace(bytes);
  return place !== null && data.published === place.was && readAsRootValue(bytes, place, rootBooleans);
}

/** The skeleton proof: the skeleton of the changed bytes reads the new value and the full parse's keys. */
function skeletonAgrees(bytes: Buffer, data: FrontMatterData, place: PublishedPlace): boolean {
  const { was, from, to, yamlStart, yamlEnd } = place;
  const value = was !== true;
  // The skeleton of the changed bytes, built from the parts that stay and the new value.
  const changed = skeleton(bytes, yamlStart, from) + newText(place, value) + skeleton(bytes, to, yamlEnd, was !== undefined);
  if (MERGE_KEY.test(changed)) return false; // a merge key could give the file an approval of its own besides this line's
  const after = readSkeleton(changed);
  if (after === null || after.published !== value) return false;
  const keys = Object.keys(data);
  return isDeepStrictEqual(Object.keys(after), was === undefined ? insertedKey(keys, Object.keys(after)) : keys);
}

/**
 * The proof from the full parse itself, for a file with a `published: true|false` line: js-yaml
 * read a top-level value (depth 2) that began just after this line's colon, ended on this line and
 * was a true or false (`rootBooleans`, see yaml-read.ts). That value is the line's, read as the
 * top-level mapping's `published` (a key starts a line, so the node after a key's colon is its
 * value), and the caller checked it reads as `was`. Changing a plain `true` or `false` that ends its
 * line then changes that value and nothing else, as the skeleton proof shows the long way round.
 * A merge key (`<<`) anywhere leaves it to that proof. About 60 µs less per file in the full check.
 */
function readAsRootValue(bytes: Buffer, place: PublishedPlace, rootBooleans: RootBooleans): boolean {
  const { was, from, yamlStart, yamlEnd } = place;
  if (was === undefined) return false;
  const merge = bytes.indexOf(MERGE_MARK, yamlStart);
  if (merge !== -1 && merge < yamlEnd) return false;
  // Offsets in the YAML as js-yaml counts them: UTF-16 units of the text from the YAML's start.
  const afterColon = bytes.lastIndexOf(NL, from) + 1 + 'published:'.length;
  let lineEnd = endOfLine(bytes, from, yamlEnd);
  if (bytes[lineEnd - 1] === CR) lineEnd--;
  const start = bytes.toString('utf8', yamlStart, afterColon).length;
  const end = start + bytes.toString('utf8', afterColon, lineEnd).length;
  for (let i = 0; i < rootBooleans.length; i += 2) if (rootBooleans[i] === start && rootBooleans[i + 1]! <= end) return true;
  return false;
}

/** `keys` with `published` where `after` has it: the order a new line must give. */
function insertedKey(keys: readonly string[], after: readonly string[]): string[] {
  const at = after.indexOf('published');
  return at === -1 ? [...keys] : [...keys.slice(0, at), 'published', ...keys.slice(at)];
}

/**
 * The file with its approval set to `value`, or null when there is no place for it. Only for bytes
 * `quickApprovable` vouched for. It works on the bytes and never makes a string of the whole file:
 * for large files the string (and its collection) cost more than the rest of an approval.
 */
export function splicePublished(bytes: Buffer, value: boolean): PublishedSplice | null {
  const place = findPublishedPlace(bytes);
  if (place === null) return null;
  const was = place.was ?? false;
  const invertible = place.was !== undefined && bytes.toString('latin1', place.from, place.to) === (was ? 'true' : 'false');
  if (place.was === value) return { was, chunks: null, invertible };
  return { was, chunks: [bytes.subarray(0, place.from), Buffer.from(newText(place, value), 'latin1'), bytes.subarray(place.to)], invertible };
}

function newText(place: PublishedPlace, value: boolean): string {
  const literal = value ? 'true' : 'false';
  return place.was === undefined ? `published: ${literal}${place.eol}` : literal;
}

/** The first top-level line that starts `published:` if it is `published: true|false`; with none, where one goes. */
function findPublishedPlace(bytes: Buffer): PublishedPlace | null {
  const head = frontMatterOf(bytes);
  if (head === null) return null;
  const { yamlStart, yamlEnd, eol } = head;
  const at = bytes.indexOf(PUBLISHED_KEY, yamlStart - 1);
  if (at !== -1 && at < yamlEnd) {
    const from = at + PUBLISHED_KEY.length;
    const rest = PUBLISHED_REST.exec(bytes.toString('latin1', from, endOfLine(bytes, from, yamlEnd)));
    if (rest === null) return null;
    const valueFrom = from + rest[1]!.length;
    const was = rest[2]!.charCodeAt(0) === 0x74 || rest[2]!.charCodeAt(0) === 0x54; // t, T
    return { was, from: valueFrom, to: valueFrom + rest[2]!.length, yamlStart, yamlEnd, eol };
  }
  for (const [k, key] of ANCHORS.entries()) {
    const anchor = keyLineAt(bytes, key, yamlStart, yamlEnd);
    if (anchor === -1) continue;
    // Only after a one-line value with no indented line under it but blank ones: the general
    // editor's place after a nested block, or after an indented comment (which its CST takes as the
    // value's), is its to find; so is the place after a block scalar (`key: >`), whose value takes in
    // the blank lines after it. Comments at column 0 belong to the next key, and the new line goes before them.
    const lineEnd = endOfLine(bytes, anchor + 1, yamlEnd);
    const blockEnd = nextTopLine(bytes, lineEnd, yamlEnd);
    if (hasIndentedLine(bytes, lineEnd + 1, blockEnd)) return null;
    const value = skipBlanks(bytes, anchor + key.length);
    if (bytes[value] === 0x7c || bytes[value] === 0x3e) return null; // | or >
    const insertAt = blockEnd === yamlEnd ? yamlEnd : lineEnd + 1;
    return { was: undefined, from: insertAt, to: insertAt, yamlStart, yamlEnd, eol, after: PUBLISHED_AFTER[k] };
  }
  return null;
}

/**
 * Where the first top-level `key:` line of the YAML begins (its `\n` before), -1 for none: `key` is
 * `\nname:`, and the colon must end the key (`title::` is the key `title:`).
 */
function keyLineAt(bytes: Buffer, key: Buffer, yamlStart: number, yamlEnd: number): number {
  for (let at = bytes.indexOf(key, yamlStart - 1); at !== -1 && at < yamlEnd; at = bytes.indexOf(key, at + 1)) {
    const next = bytes[at + key.length];
    if (next === 0x20 || next === 0x09 || next === CR || next === NL || at + key.length >= yamlEnd) return at;
  }
  return -1;
}

/** Whether [from, to) has an indented line that is not blank: content, or a comment. */
function hasIndentedLine(bytes: Buffer, from: number, to: number): boolean {
  let p = from;
  while (p < to) {
    const text = skipBlanks(bytes, p);
    if (text > p && text < to && bytes[text] !== CR && bytes[text] !== NL) return true;
    p = endOfLine(bytes, p, to) + 1;
  }
  return false;
}

/**
 * Where the YAML sits, as `locateFrontMatter` finds it in the decoded text, or null. Files whose
 * lines could end where a decoder and a byte scan disagree (a lone CR, U+2028, U+2029) are left alone.
 */
function frontMatterOf(bytes: Buffer): { yamlStart: number; yamlEnd: number; eol: string } | null {
  let pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes[pos] !== 0x2d || bytes[pos + 1] !== 0x2d || bytes[pos + 2] !== 0x2d) return null;
  pos = skipBlanks(bytes, pos + 3);
  const eol = bytes[pos] === CR ? '\r\n' : '\n';
  if (bytes[pos] === CR) pos++;
  if (bytes[pos] !== NL) return null;
  const yamlStart = pos + 1;
  for (let dashes = bytes.indexOf('\n---', yamlStart - 1); dashes !== -1; dashes = bytes.indexOf('\n---', dashes + 1)) {
    const end = skipBlanks(bytes, dashes + 4);
    if (end === bytes.length || bytes[end] === NL || bytes[end] === CR) {
      const yamlEnd = dashes + 1;
      for (let cr = bytes.indexOf(CR); cr !== -1 && cr < yamlEnd; cr = bytes.indexOf(CR, cr + 1)) if (bytes[cr + 1] !== NL) return null;
      if (UNICODE_LINE_ENDS.some((mark) => { const i = bytes.indexOf(mark); return i !== -1 && i < yamlEnd; })) return null;
      return { yamlStart, yamlEnd, eol };
    }
  }
  return null;
}

function skipBlanks(bytes: Buffer, pos: number): number {
  while (bytes[pos] === 0x20 || bytes[pos] === 0x09) pos++;
  return pos;
}

function endOfLine(bytes: Buffer, pos: number, limit: number): number {
  const nl = bytes.indexOf(NL, pos);
  return nl === -1 || nl > limit ? limit : nl;
}

/** js-yaml's reading of a skeleton, or null when it does not read. */
function readSkeleton(text: string): FrontMatterData | null {
  const read = readFrontMatterYaml(text, YAML_FIRST_LINE);
  return read.ok ? read.data : null;
}

/**
 * The lines of the YAML in [from, to), decoded as UTF-8, with each nested block under a top-level
 * `key:` line cut after its first line with content (the rules of `skeletonOf`, the lines dropped
 * rather than blanked): a few kilobytes even for the largest files. `from` is a line start, unless
 * `midLine` (the rest of a line, then what follows).
 */
function skeleton(bytes: Buffer, from: number, to: number, midLine = false): string {
  let out = '';
  let keepFrom = from;
  let pos = from;
  let cutting = false;
  let keptFirst = false;
  if (midLine) pos = endOfLine(bytes, pos, to) + 1;
  while (pos < to) {
    const lineEnd = endOfLine(bytes, pos, to);
    const next = lineEnd === to ? to : lineEnd + 1;
    const c = bytes[pos]!;
    if (c !== 0x20 && c !== 0x09) {
      if (c !== 0x23 && c !== 0x2d && c !== NL && c !== CR) {
        const owner = OWNER.exec(bytes.toString('latin1', pos, lineEnd));
        cutting = owner !== null && owner[1] !== 'topics';
        keptFirst = false;
      }
    } else if (cutting) {
      if (keptFirst) {
        out += bytes.toString('utf8', keepFrom, pos);
        pos = nextIndentEnd(bytes, pos, to);
        keepFrom = pos;
        continue;
      }
      keptFirst = bytes.toString('latin1', pos, lineEnd).trim() !== '';
    }
    pos = next;
  }
  return out + bytes.toString('utf8', keepFrom, to);
}

/** The start of the first line after the line at `pos` that is not indented, or `to`. */
function nextIndentEnd(bytes: Buffer, pos: number, to: number): number {
  for (let nl = bytes.indexOf(NL, pos); nl !== -1 && nl < to; nl = bytes.indexOf(NL, nl + 1)) {
    const c = bytes[nl + 1];
    if (c !== 0x20 && c !== 0x09) return Math.min(nl + 1, to);
  }
  return to;
}

/** The start of the next top-level line after the line ending at `lineEnd`: not indented, blank or a comment; else `to`. */
function nextTopLine(bytes: Buffer, lineEnd: number, to: number): number {
  for (let nl = lineEnd; nl !== -1 && nl + 1 < to; nl = bytes.indexOf(NL, nl + 1)) {
    const c = bytes[nl + 1];
    if (c !== 0x20 && c !== 0x09 && c !== 0x23 && c !== CR && c !== NL) return nl + 1;
  }
  return to;
}
