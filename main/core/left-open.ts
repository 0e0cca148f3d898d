/**
 * Whether the lines the fast reader skips may leave a value open. js-yaml lets a quoted value run on
 * over lines at column 0 (and a flow list over any line), so a line that opens a quote or a bracket
 * and does not close it swallows the top-level keys below it until the value closes: the full parse
 * then has no `published` there, however it reads. The fast reader skips nested blocks and the
 * keys it does not read without decoding them; before it reads a key after such lines, it asks the
 * last of them whether it leaves a value open (the mistake of one line, as people make it), and
 * leaves the file to the full parse when it may.
 */
import { CR, NL } from './quick-values.js';

const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const BACKSLASH = 0x5c;

/**
 * Whether the last line with content before `pos` (not blank, not a comment, and not past `floor`)
 * may leave a value open: it opens a quote or a bracket that it does not close, or it has no key of
 * its own (the continuation of a value begun above it, where a quote may be open).
 */
export function mayLeaveValueOpen(buf: Buffer, pos: number, floor: number): boolean {
  let end = pos - 1; // the NL that ends the line before
  while (end > floor) {
    // Lines are short: a loop back to the line's start costs less than a call to `lastIndexOf`.
    let start = end;
    while (start > 0 && buf[start - 1] !== NL) start--;
    let p = start;
    while (p < end && (buf[p] === SPACE || buf[p] === TAB)) p++;
    const textEnd = end > p && buf[end - 1] === CR ? end - 1 : end;
    if (p < textEnd && buf[p] !== HASH) return lineLeavesOpen(buf, p, textEnd);
    end = start - 1;
  }
  return false;
}

/** Whether the line's content [p, end) opens a value it does not close, or is no `key:` or `- ` line. */
function lineLeavesOpen(buf: Buffer, p: number, end: number): boolean {
  let listItem = false;
  while (buf[p] === DASH && (p + 1 === end || buf[p + 1] === SPACE)) {
    listItem = true;
    p += 2;
    while (p < end && buf[p] === SPACE) p++;
  }
  // The key ends at the first colon followed by a space or the line's end.
  let colon = p;
  while (colon < end && !(buf[colon] === COLON && (colon + 1 === end || buf[colon + 1] === SPACE))) colon++;
  let value = p;
  if (colon < end) {
    value = colon + 1;
    while (value < end && buf[value] === SPACE) value++;
  } else if (!listItem) {
    return true; // no key: the next line of a value begun above
  }
  if (value >= end) return false;
  const first = buf[value]!;
  if (first === DQUOTE) return closingDouble(buf, value + 1, end) === -1;
  if (first === SQUOTE) return closingSingle(buf, value + 1, end) === -1;
  if (first === 0x5b || first === 0x7b) return !flowCloses(buf, value, end);
  return false;
}

/** The first unescaped `"` in [from, end), or -1. */
function closingDouble(buf: Buffer, from: number, end: number): number {
  for (let q = buf.indexOf(DQUOTE, from); q !== -1 && q < end; q = buf.indexOf(DQUOTE, q + 1)) {
    let slashes = 0;
    while (buf[q - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q;
  }
  return -1;
}

/** The first `'` in [from, end) that is not one of a doubled pair, or -1. */
function closingSingle(buf: Buffer, from: number, end: number): number {
  for (let q = buf.indexOf(SQUOTE, from); q !== -1 && q < end; q = buf.indexOf(SQUOTE, q + 2)) {
    if (buf[q + 1] !== SQUOTE || q + 1 >= end) return q;
  }
  return -1;
}

/** Whether the bracket at `from` is closed within [from, end), quotes inside it skipped. */
function flowCloses(buf: Buffer, from: number, end: number): boolean {
  let depth = 0;
  for (let i = from; i < end; i++) {
    const c = buf[i]!;
    if (c === DQUOTE || c === SQUOTE) {
      const close = c === DQUOTE ? closingDouble(buf, i + 1, end) : closingSingle(buf, i + 1, end);
      if (close === -1) return false;
      i = close;
    } else if (c === 0x5b || c === 0x7b) depth++;
    else if ((c === 0x5d || c === 0x7d) && --depth === 0) return true;
  }
  return false;
}
