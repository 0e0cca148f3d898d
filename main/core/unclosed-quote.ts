/**
 * The most common cause of a YAML syntax error in hand-edited front matter: a quoted value whose
 * closing quote is missing. js-yaml then reads on into the lines below and fails where the text no
 * longer fits, often lines further down (or at the end of the front matter), far from the mistake.
 */
import { load, type Schema } from 'js-yaml';

/** A quote left open: where it opens (0-based line and column in the YAML), the key it belongs to, and which quote. */
export interface UnclosedQuote {
  readonly line: number;
  readonly column: number;
  readonly key: string;
  readonly quote: '"' | "'";
}

/** Where a parse of the YAML stopped, as js-yaml says (0-based), with its reason. */
export interface YamlStop {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

/** How many values left open are tried by parsing again, at most: each try is a parse of the whole YAML. */
const MAX_TRIES = 3;

/** `key: "…` or `- key: '…`: the indent (with any `- `), the key and the opening quote. */
const QUOTED_VALUE = /^([ \t]*(?:-[ \t]+)*)([^\s#'"\-?:{}[\]!&*|>%@`,][^:#]*?):[ \t]+(["'])/;
/** A line that reads as a key of its own: `key:` followed by a space or the line's end. */
const KEY_LINE = /^([ \t]*)(?:-[ \t]+)*[^\s#'"\-?:{}[\]!&*|>%@`,][^:#]*?:(?:[ \t]|$)/;

/**
 * The first quoted value, on or before the line where the parse stopped, that its line does not
 * close while the next line reads as a key of its own (or nothing follows): the author meant the
 * value to end there. Confirmed by closing it at the end of its line and parsing again: the hint is
 * given only where that makes the YAML read, or moves the first error past the one reported (a
 * second mistake further down). A value meant to run on over several lines is left alone.
 */
export function unclosedQuote(yaml: string, stop: YamlStop, schema: Schema): UnclosedQuote | null {
  const lines = yaml.split('\n');
  const last = Math.min(stop.line, lines.length - 1);
  let tries = 0;
  for (let i = 0; i <= last && tries < MAX_TRIES; i++) {
    const line = lines[i]!;
    const found = QUOTED_VALUE.exec(line);
    if (found === null) continue;
    const quote = found[3] as '"' | "'";
    if (closes(line.slice(found[0].length), quote)) continue;
    let j = i + 1;
    while (j < lines.length && (lines[j]!.trim() === '' || lines[j]!.trimStart().startsWith('#'))) j++;
    const nextKey = j < lines.length ? KEY_LINE.exec(lines[j]!) : null;
    if (j < lines.length && (nextKey === null || nextKey[1]!.length > found[1]!.length)) continue;
    tries++;
    if (readsWhenClosed(lines, i, quote, stop, schema)) return { line: i, column: found[0].length - 1, key: found[2]!.trim(), quote };
  }
  return null;
}

/** Whether `rest` (what follows an opening quote on its line) holds the closing one. */
function closes(rest: string, quote: '"' | "'"): boolean {
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (quote === '"' && c === '\\') i++; // an escape: the next character is not a closing quote
    else if (c === quote) {
      if (quote === "'" && rest[i + 1] === "'") i++; // '' is a quote inside single quotes
      else return true;
    }
  }
  return false;
}

/**
 * Whether the YAML with `quote` added at the end of line `i` reads, or stops at another place past
 * that line (a second mistake further down, which the first one hid).
 */
function readsWhenClosed(lines: readonly string[], i: number, quote: string, stop: YamlStop, schema: Schema): boolean {
  const line = lines[i]!;
  const content = line.replace(/[ \t\r]+$/, '');
  const mended = [...lines.slice(0, i), content + quote + line.slice(content.length), ...lines.slice(i + 1)].join('\n');
  try {
    load(mended, { schema });
    return true;
  } catch (e) {
    const mark = (e as { mark?: { line: number; column: number } }).mark;
    return mark !== undefined && mark.line > i && (mark.line !== stop.line || mark.column !== stop.column);
  }
}
