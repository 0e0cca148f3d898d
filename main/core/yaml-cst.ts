/** Helpers over the `yaml` CST for the lossless editor: reading tokens, skeletons, splices, list matching. */
import { CST, Parser } from 'yaml';
import type { ScalarStyle } from './yaml-scalar.js';

/** A change to the original text: replace [from, to) with text. */
export interface Splice {
  readonly from: number;
  readonly to: number;
  readonly text: string;
  /** For a new key: the end of the front matter, tried when the preferred place does not read back right. */
  readonly fallback?: Splice;
}

export type MapItem = CST.BlockMap['items'][number];
export type SeqItem = CST.BlockSequence['items'][number];

/**
 * The front matter with every indented line of a nested block blanked to spaces, except each block's
 * first line and the topics block: the same length and line breaks, the same top-level items.
 */
export function skeletonOf(yaml: string): string {
  const lines = yaml.split('\n');
  let blanking = false;
  let keptFirst = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^[^\s#-]/.test(line)) {
      const owner = /^([^:#]+):[ \t]*(#.*)?\r?$/.exec(line);
      blanking = owner !== null && owner[1] !== 'topics';
      keptFirst = false;
    } else if (blanking && (line.charCodeAt(0) === 0x20 || line.charCodeAt(0) === 0x09)) {
      if (keptFirst) lines[i] = line.endsWith('\r') ? `${' '.repeat(line.length - 1)}\r` : ' '.repeat(line.length);
      else if (line.trim() !== '') keptFirst = true;
    }
  }
  return lines.join('\n');
}

/**
 * The front matter with the line breaks inside each quoted value the CST cut short turned to
 * spaces (the same length, every offset kept), or null when it cut none short. A quoted value whose
 * continuation lines are not indented (`excerpt: "…working on national` then `defense issues."`,
 * common in Jekyll sites) reads in js-yaml as one value, but the `yaml` lexer ends it at the line
 * break and reads the next line as a key: the CST then loses every key after it. Joined, the CST
 * sees the keys js-yaml reads. A quote never closed is left as it is.
 */
export function joinQuotedLines(yaml: string): string | null {
  let text = yaml;
  // Each value joined is found by parsing the whole front matter again, as what follows a cut
  // value parses otherwise once it is joined. Real files have one to three; one with hundreds
  // (400 in 15 KB took 0.7 s) is left as it is, its edits refused as before, once this much is parsed.
  for (let parsed = 0; parsed + text.length <= JOIN_BUDGET; parsed += text.length) {
    const cut = firstCutQuote(Array.from(new Parser().parse(text)));
    const end = cut === null ? -1 : quotedEnd(text, cut.offset);
    if (cut === null || end === -1) return text === yaml ? null : text;
    text = text.slice(0, cut.offset) + text.slice(cut.offset, end).replace(/[\r\n]/g, ' ') + text.slice(end);
  }
  return null;
}

/** How many characters `joinQuotedLines` parses in all before it gives up: about 0.1 s here. */
const JOIN_BUDGET = 500_000;

/** The first quoted scalar in the CST that does not end with its closing quote. */
function firstCutQuote(value: unknown): CST.FlowScalar | null {
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = firstCutQuote(v);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const token = value as CST.FlowScalar;
  if ((token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') && quotedEnd(token.source, 0) !== token.source.length) return token;
  for (const v of Object.values(value)) {
    if (typeof v === 'object') {
      const found = firstCutQuote(v);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Where the quoted scalar opening at `offset` ends (just after its closing quote), or -1 when it never closes. */
function quotedEnd(text: string, offset: number): number {
  const quote = text[offset];
  for (let i = offset + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') i++; // an escape: the next character is not the end
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++; // '' is a quote inside single quotes
      else return i + 1;
    }
  }
  return -1;
}

/** True when the CST holds an error token anywhere. */
export function hasErrorToken(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasErrorToken);
  if (typeof value !== 'object' || value === null) return false;
  if ((value as { type?: unknown }).type === 'error') return true;
  return Object.values(value).some((v) => typeof v === 'object' && hasErrorToken(v));
}

/** Applies non-overlapping splices; an insertion sorts before a deletion that starts at the same place. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.from - b.from || a.to - b.to);
  let out = '';
  let cursor = 0;
  for (const s of sorted) {
    out += text.slice(cursor, s.from) + s.text;
    cursor = s.to;
  }
  return out + text.slice(cursor);
}

/** A flow list's item with no content: only the spaces or the comma before it, as `[ ]` and `[a, ]` read. */
export function isEmptyFlowItem(item: CST.FlowCollection['items'][number]): boolean {
  return item.key === undefined && item.sep === undefined && item.value === undefined && item.start.every((t) => t.type === 'space' || t.type === 'comma');
}

export function isFlowScalar(t: CST.Token): t is CST.FlowScalar {
  return t.type === 'scalar' || t.type === 'single-quoted-scalar' || t.type === 'double-quoted-scalar';
}

export function scalarValue(t: CST.Token | null | undefined): string | undefined {
  if (t === undefined || t === null || !isFlowScalar(t)) return undefined;
  let broken = false;
  const resolved = CST.resolveAsScalar(t, false, () => (broken = true));
  return broken ? undefined : resolved?.value;
}

export function scalarStyle(t: CST.Token | undefined): ScalarStyle {
  if (t?.type === 'double-quoted-scalar') return 'double';
  if (t?.type === 'single-quoted-scalar') return 'single';
  return 'plain';
}

export function indOffset(item: SeqItem): number {
  const ind = item.start.find((t) => t.type === 'seq-item-ind');
  return ind ? ind.offset : (item.value?.offset ?? 0);
}

export function firstOffset(item: MapItem): number {
  return item.start[0]?.offset ?? (item.key as CST.Token | undefined)?.offset ?? item.value?.offset ?? 0;
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Index pairs [i, j] of a longest common subsequence of a and b; topic lists are short. */
export function longestCommonSubsequence(a: readonly (string | undefined)[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = a[i] !== undefined && a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i] !== undefined && a[i] === b[j]) pairs.push([i++, j++]);
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}
