/**
 * The mistakes people make most when they edit front matter by hand, named where they are made.
 * js-yaml says where its reading stopped, in the terms of the YAML grammar: a colon in a title
 * comes out as "bad indentation of a mapping entry", a quote left open as an error lines further
 * down. Each explanation here is tried by mending the line as it says and parsing again, and given
 * only where the mended YAML reads, or stops further on (a second mistake that the first one hid).
 */
import { load, type Schema } from 'js-yaml';

/** Where a parse of the YAML stopped, as js-yaml says (0-based), with its reason. */
export interface YamlStop {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

/** A mistake explained: where it is (0-based, in the YAML) and what to do, in words. */
export interface Mistake {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** How many values left open are tried by parsing again, at most: each try is a parse of the whole YAML. */
const MAX_TRIES = 3;

/** A key as people write them: not starting with YAML's indicators, holding no colon or `#`. */
export const KEY = String.raw`[^\s#'"\-?:{}[\]!&*|>%@` + '`' + String.raw`,][^:#]*?`;
/** `key: "…` or `- key: '…`: the indent (with any `- `), the key and the opening quote. */
const QUOTED_VALUE = new RegExp(String.raw`^([ \t]*(?:-[ \t]+)*)(${KEY}):[ \t]+(["'])`);
/** A line that reads as a key of its own: `key:` followed by a space or the line's end. */
const KEY_LINE = new RegExp(String.raw`^([ \t]*)(?:-[ \t]+)*${KEY}:(?:[ \t]|$)`);
/** `key: value` on one line: the indent (with any `- `), the key, and the value up to the line's end. */
const KEY_VALUE = new RegExp(String.raw`^([ \t]*(?:-[ \t]+)*)(${KEY}):[ \t]+(\S(?:.*\S)?)[ \t\r]*$`);

/** The first of the mistakes below that explains where the parse stopped, or null. `firstLine` numbers the YAML's first line in the file. */
export function explainMistake(yaml: string, stop: YamlStop, schema: Schema, firstLine: number): Mistake | null {
  const lines = yaml.split('\n');
  const mistake = unclosedQuote(lines, stop, schema, firstLine) ?? valueMistake(lines, stop, stop.line, schema) ?? tabIndent(lines, stop, schema);
  if (mistake !== null) return mistake;
  // js-yaml finds some mistakes only once the value is over: where the next line begins.
  const before = (lines[stop.line] ?? '').slice(0, stop.column).trim() === '' ? previousLine(lines, stop.line) : -1;
  return before === -1 ? null : valueMistake(lines, stop, before, schema);
}

/**
 * Whether the value on line `i` was meant to end there: the next line that is neither blank nor a
 * comment is a key of its own, no deeper than the key at `keyColumn` (or no line follows).
 */
function endsHere(lines: readonly string[], i: number, keyColumn: number): boolean {
  let j = i + 1;
  while (j < lines.length && (lines[j]!.trim() === '' || lines[j]!.trimStart().startsWith('#'))) j++;
  if (j === lines.length) return true;
  const nextKey = KEY_LINE.exec(lines[j]!);
  return nextKey !== null && nextKey[1]!.length <= keyColumn;
}

/** The nearest line above `line` that is neither blank nor a comment, or -1. */
function previousLine(lines: readonly string[], line: number): number {
  for (let i = line - 1; i >= 0; i--) if (lines[i]!.trim() !== '' && !lines[i]!.trimStart().startsWith('#')) return i;
  return -1;
}

/**
 * A tab in the indent of the line where the parse stopped: YAML indents with spaces only. js-yaml
 * says so itself where it sees the tab as indentation; before a top-level key it reads the line as
 * something else ("end of the stream or a document separator is expected").
 */
function tabIndent(lines: readonly string[], stop: YamlStop, schema: Schema): Mistake | null {
  const line = lines[stop.line] ?? '';
  const indent = /^[ \t]*/.exec(line)![0];
  if (!indent.includes('\t')) return null;
  const rest = line.slice(indent.length);
  const spaces = indent.replaceAll('\t', '');
  const withSpaces = { line: stop.line, column: indent.indexOf('\t'), message: 'a tab indents this line, and YAML allows only spaces there; indent it with spaces' };
  if (readsWhenMended(lines, stop.line, spaces + rest, stop, schema)) {
    // Without its tab the line reads. Left at the start of the line, that is where it belongs only
    // after a top-level value (not after a key that opens a nested block: `provider:`).
    const before = previousLine(lines, stop.line);
    const topLevel = before === -1 || (!/^[ \t]/.test(lines[before]!) && !/:[ \t]*(?:#.*)?\r?$/.test(lines[before]!));
    return spaces !== '' || !topLevel ? withSpaces : { line: stop.line, column: 0, message: 'a tab indents this line, which YAML does not allow, and its key belongs at the start of the line; remove the tab' };
  }
  const tabReason = /tab characters must not be used in indentation/.test(stop.reason);
  return tabReason || readsWhenMended(lines, stop.line, indent.replaceAll('\t', '  ') + rest, stop, schema) ? withSpaces : null;
}

/**
 * A quoted value whose closing quote is missing: js-yaml reads on into the lines below and fails
 * where the text no longer fits, often lines further down, or at the end of the front matter. The
 * first quoted value, on or before the line where the parse stopped, that its line does not close
 * while the next line reads as a key of its own (or nothing follows): the author meant it to end
 * there. A value meant to run on over several lines is left alone, since closing it mends nothing.
 */
function unclosedQuote(lines: readonly string[], stop: YamlStop, schema: Schema, firstLine: number): Mistake | null {
  const last = Math.min(stop.line, lines.length - 1);
  let tries = 0;
  for (let i = 0; i <= last && tries < MAX_TRIES; i++) {
    const line = lines[i]!;
    const found = QUOTED_VALUE.exec(line);
    if (found === null) continue;
    const quote = found[3] as '"' | "'";
    if (closingQuote(line, found[0].length, quote) !== -1) continue;
    if (!endsHere(lines, i, found[1]!.length)) continue;
    tries++;
    const content = line.replace(/[ \t\r]+$/, '');
    if (!readsWhenMended(lines, i, content + quote + line.slice(content.length), stop, schema)) continue;
    const runs = /end of the stream within a (?:double|single) quoted scalar/.test(stop.reason)
      ? 'to the end of the front matter'
      : `into the lines below, and the YAML cannot be read from line ${stop.line + firstLine} on`;
    return {
      line: i,
      column: found[0].length - 1,
      message: `the quote (${quote}) that opens the value of ${found[2]!.trim()} is not closed on its line, so the value runs on ${runs}; add the closing ${quote} at the end of this line`,
    };
  }
  return null;
}

/**
 * A one-line value that YAML reads otherwise than it looks, on line `at` (where the parse stopped, or the line before): a
 * colon and a space inside it (a second key, as YAML sees it), quotes inside quotes, or a first
 * character that YAML keeps for itself. Each is mended by putting the whole value in double quotes.
 */
function valueMistake(lines: readonly string[], stop: YamlStop, at: number, schema: Schema): Mistake | null {
  const line = lines[at];
  const found = line === undefined ? null : KEY_VALUE.exec(line);
  if (found === null) return null;
  const [, lead, rawKey, value] = found as unknown as [string, string, string, string];
  const key = rawKey.trim();
  const first = value[0]!;
  let text = value; // the value's text, as the author meant it
  let why: string;
  if (first === '"' || first === "'") {
    const close = closingQuote(value, 1, first);
    const rest = close === -1 ? '' : value.slice(close + 1).trim();
    if (rest === '' || rest.startsWith('#')) return null;
    text = value.slice(1, value.endsWith(first) ? -1 : undefined);
    why =
      first === '"'
        ? `a quote (") inside the value of ${key} ends it early, and the rest of the line is left over; write each quote inside it as \\" or put the value in single quotes`
        : `an apostrophe (') inside the value of ${key} ends it early, and the rest of the line is left over; write each one inside it twice ('') or put the value in double quotes`;
  } else if (first === '[' || first === '{') {
    const closer = first === '[' ? ']' : '}';
    const close = flowEnd(value);
    // Left open, a list or mapping was meant where it holds a comma (or a mapping's colon), or nothing yet; else it is text.
    if (close === -1 && (value.includes(',') || (first === '{' && value.includes(':')) || value.slice(1).trim() === '')) {
      // Meant as a list (or mapping), not closed on its line: mended by closing it there.
      if (!endsHere(lines, at, lead.length)) return null;
      const open = first === '[' ? 'list' : 'mapping';
      const content = line!.replace(/[ \t\r]+$/, '');
      if (!readsWhenMended(lines, at, content + closer + line!.slice(content.length), stop, schema)) return null;
      return { line: at, column: line!.indexOf(value, lead.length + rawKey.length), message: `the ${open} that ${first} opens in the value of ${key} is not closed on its line; add ${closer} at its end` };
    }
    const rest = close === -1 ? value : value.slice(close + 1).trim();
    if (rest === '' || rest.startsWith('#')) return null; // a whole list: the mistake is elsewhere
    why = `the value of ${key} begins with ${first}, ${STARTS[first]!}; put the whole value in double quotes`;
  } else {
    text = value.replace(/[ \t]#.*$/, ''); // a comment after a plain value is not part of it
    const start = STARTS[first];
    if (start !== undefined) why = `the value of ${key} begins with ${first}, ${start}; put the whole value in double quotes`;
    else if (/: |:$/.test(text)) why = `the value of ${key} holds a colon and a space (": "), which YAML reads as the start of another key; put the whole value in double quotes`;
    else return null;
  }
  const mended = `${lead}${rawKey}: ${JSON.stringify(text)}${line!.endsWith('\r') ? '\r' : ''}`;
  if (!readsWhenMended(lines, at, mended, stop, schema)) return null;
  return { line: at, column: line!.indexOf(value, lead.length + rawKey.length), message: why };
}

/** Why a plain value may not begin with these characters, as YAML reads them. */
const STARTS: Readonly<Record<string, string>> = {
  '[': 'which YAML reads as the start of a list',
  '{': 'which YAML reads as the start of a mapping',
  '*': 'which YAML reads as a reference to a value named elsewhere (an alias)',
  '&': 'which YAML reads as a name given to the value (an anchor)',
  '!': 'which YAML reads as a type tag',
  '|': 'which YAML reads as the start of a block of text on the lines below',
  '>': 'which YAML reads as the start of a block of text on the lines below',
  '%': 'which YAML reads as the start of a directive',
  '@': 'which YAML does not allow at the start of a value',
  '`': 'which YAML does not allow at the start of a value',
};

/** Where the bracket that closes the one `text` opens with is, outside quotes, or -1 when the line does not close it. */
function flowEnd(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      const close = closingQuote(text, i + 1, c);
      if (close === -1) return -1;
      i = close;
    } else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && --depth === 0) return i;
  }
  return -1;
}

/** Where the quote that closes one opened just before `from` is in `text`, or -1 when the line does not close it. */
function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') i++; // an escape: the next character is not a closing quote
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++; // '' is a quote inside single quotes
      else return i;
    }
  }
  return -1;
}

/**
 * Whether the YAML with line `i` replaced by `mended` reads, or stops at another place past that
 * line (a second mistake further down, which the first one hid).
 */
function readsWhenMended(lines: readonly string[], i: number, mended: string, stop: YamlStop, schema: Schema): boolean {
  try {
    load([...lines.slice(0, i), mended, ...lines.slice(i + 1)].join('\n'), { schema });
    return true;
  } catch (e) {
    const { mark, reason } = e as { mark?: { line: number; column: number }; reason?: string };
    return mark !== undefined && mark.line > i && (mark.line !== stop.line || mark.column !== stop.column || reason !== stop.reason);
  }
}
