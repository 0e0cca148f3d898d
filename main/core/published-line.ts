/**
 * The quick way to approve or unapprove an article: its `published: true|false` line changed in
 * place, from the bytes, without parsing the whole file (a 140 KB file's full parse costs more than
 * writing it durably). Anything else is left to the general editor (null).
 *
 * The full check vouches for the quick way, file by file (`quickApprovable`), from the file's
 * skeleton: its top-level lines, each nested block cut after its first line. The skeleton must read
 * as the full parse does at the top level, and read right with the line's value turned. js-yaml is
 * lenient enough that a skeleton alone could mislead (a quoted value in a nested block may run on
 * over a line at column 0), hence the comparison with the full parse. The library takes the quick way
 * only on bytes that hash to what was vouched for; the splice touches only the value on that line,
 * so everything else stays byte for byte what the full check read.
 */
import { isDeepStrictEqual } from 'node:util';
import { readFrontMatterYaml, type FrontMatterData } from './yaml-read.js';
import { YAML_FIRST_LINE } from './front-matter.js';

/** What the line said, and the new file as the bytes before the value, the new value and the bytes after it. */
export interface PublishedSplice {
  readonly was: boolean;
  /** Null when the line already says the value. */
  readonly chunks: readonly [Buffer, Buffer, Buffer] | null;
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
const TRUE = Buffer.from('true', 'latin1');
const FALSE = Buffer.from('false', 'latin1');

/** Where the value of a file's one top-level `published: true|false` line sits. */
interface PublishedLine {
  readonly was: boolean;
  readonly valueFrom: number;
  readonly valueTo: number;
  readonly yamlStart: number;
  readonly yamlEnd: number;
}

/**
 * True when the quick way may be used on these bytes, whose full parse read `data`. Run by the full
 * check, so an approval later needs no YAML parse at all: the skeleton must read the same top-level
 * keys, in the same order, and the same approval as the full parse, and with the line's value
 * turned it must read the turned value and every other top-level key the same.
 */
export function quickApprovable(bytes: Buffer, data: FrontMatterData): boolean {
  const line = findPublishedLine(bytes);
  if (line === null || data.published !== line.was) return false;
  const { was, valueFrom, valueTo, yamlStart, yamlEnd } = line;
  const text = skeleton(bytes, yamlStart, yamlEnd);
  if (MERGE_KEY.test(text)) return false; // a merge key could give the file an approval of its own besides this line's
  const before = readSkeleton(text);
  if (before === null || before.published !== was || !isDeepStrictEqual(Object.keys(before), Object.keys(data))) return false;
  // The skeleton of the turned bytes, built from the parts that stay and the turned value.
  const turned = skeleton(bytes, yamlStart, valueFrom) + (was ? 'false' : 'true') + skeleton(bytes, valueTo, yamlEnd, true);
  const after = readSkeleton(turned);
  return after !== null && isDeepStrictEqual(after, { ...before, published: !was });
}

/**
 * The file with its `published` line set to `value`, or null when it has no such line. Only for
 * bytes `quickApprovable` vouched for. It works on the bytes and never makes a string of the whole
 * file: for large files the string (and its collection) cost more than the rest of an approval.
 */
export function splicePublished(bytes: Buffer, value: boolean): PublishedSplice | null {
  const line = findPublishedLine(bytes);
  if (line === null) return null;
  if (line.was === value) return { was: line.was, chunks: null };
  return { was: line.was, chunks: [bytes.subarray(0, line.valueFrom), value ? TRUE : FALSE, bytes.subarray(line.valueTo)] };
}

/** The first top-level line that starts `published:`, if it is `published: true|false`. */
function findPublishedLine(bytes: Buffer): PublishedLine | null {
  const head = frontMatterOf(bytes);
  if (head === null) return null;
  const { yamlStart, yamlEnd } = head;
  const at = bytes.indexOf(PUBLISHED_KEY, yamlStart - 1);
  if (at === -1 || at >= yamlEnd) return null;
  const from = at + PUBLISHED_KEY.length;
  const rest = PUBLISHED_REST.exec(bytes.toString('latin1', from, endOfLine(bytes, from, yamlEnd)));
  if (rest === null) return null;
  const valueFrom = from + rest[1]!.length;
  const was = rest[2]!.charCodeAt(0) === 0x74 || rest[2]!.charCodeAt(0) === 0x54; // t, T
  return { was, valueFrom, valueTo: valueFrom + rest[2]!.length, yamlStart, yamlEnd };
}

/**
 * Where the YAML sits, as `locateFrontMatter` finds it in the decoded text, or null. Files whose
 * lines could end where a decoder and a byte scan disagree (a lone CR, U+2028, U+2029) are left alone.
 */
function frontMatterOf(bytes: Buffer): { yamlStart: number; yamlEnd: number } | null {
  let pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes[pos] !== 0x2d || bytes[pos + 1] !== 0x2d || bytes[pos + 2] !== 0x2d) return null;
  pos = skipBlanks(bytes, pos + 3);
  if (bytes[pos] === CR) pos++;
  if (bytes[pos] !== NL) return null;
  const yamlStart = pos + 1;
  for (let dashes = bytes.indexOf('\n---', yamlStart - 1); dashes !== -1; dashes = bytes.indexOf('\n---', dashes + 1)) {
    const end = skipBlanks(bytes, dashes + 4);
    if (end === bytes.length || bytes[end] === NL || bytes[end] === CR) {
      const yamlEnd = dashes + 1;
      for (let cr = bytes.indexOf(CR); cr !== -1 && cr < yamlEnd; cr = bytes.indexOf(CR, cr + 1)) if (bytes[cr + 1] !== NL) return null;
      if (UNICODE_LINE_ENDS.some((mark) => { const i = bytes.indexOf(mark); return i !== -1 && i < yamlEnd; })) return null;
      return { yamlStart, yamlEnd };
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
export function skeleton(bytes: Buffer, from: number, to: number, midLine = false): string {
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
        pos = nextTopLine(bytes, pos, to);
        keepFrom = pos;
        continue;
      }
      keptFirst = bytes.toString('latin1', pos, lineEnd).trim() !== '';
    }
    pos = next;
  }
  return out + bytes.toString('utf8', keepFrom, to);
}

/** The start of the first line at or after `pos` (a line start) that is not indented, or `to`. */
function nextTopLine(bytes: Buffer, pos: number, to: number): number {
  for (let nl = bytes.indexOf(NL, pos); nl !== -1 && nl < to; nl = bytes.indexOf(NL, nl + 1)) {
    const c = bytes[nl + 1];
    if (c !== 0x20 && c !== 0x09) return Math.min(nl + 1, to);
  }
  return to;
}
