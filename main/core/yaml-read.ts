/** Reads front-matter YAML with js-yaml, keeping every scalar as the file spells its type. */
import * as jsYaml from 'js-yaml';
import { load, CORE_SCHEMA, YAMLException, type EventType, type State, type Type } from 'js-yaml';
import type { Problem } from '../../shared/article.js';
import { duplicateKey } from './duplicate-key.js';
import { explainMistake } from './yaml-mistakes.js';

/**
 * YAML 1.2 core types plus merge keys, and no timestamp type: `2022-07-05T23:38:00Z`
 * stays the string the file holds instead of becoming a Date that prints as `…00.000Z`.
 */
export const FRONT_MATTER_SCHEMA = CORE_SCHEMA.extend([
  // js-yaml exports its built-in types at run time; @types/js-yaml leaves `types` out.
  (jsYaml as unknown as { readonly types: { readonly merge: Type } }).types.merge,
]);

/** Beyond this many values (counting every alias expansion) a file is refused as an alias bomb. */
export const MAX_EXPANDED_VALUES = 250_000;

/** Top-level front-matter data; keys in file order. */
export type FrontMatterData = Record<string, unknown>;

/**
 * Where the top-level mapping's `true` and `false` values were read: for each, the offset in the
 * YAML where js-yaml began the value (just after its key's colon) and where it stopped, flattened.
 */
export type RootBooleans = readonly number[];

/** Parsed data, or the error-level problem that stopped the read. */
export type YamlRead =
  | {
      readonly ok: true;
      readonly data: FrontMatterData;
      readonly rootBooleans: RootBooleans;
      /**
       * Whether some text, or a top-level value that is a `[…]` or `{…}`, was read over more than
       * one line: only such a value can have run on over a key's line (see read-article.ts).
       */
      readonly overLines: boolean;
    }
  | { readonly ok: false; readonly problem: Problem };

/**
 * Parses the YAML of a front-matter block whose first line is `firstLine` of the file. With
 * `explain` false, YAML that does not read is said so in js-yaml's own words, where it stopped:
 * naming the mistake (yaml-mistakes.ts) parses the YAML again, up to four times.
 */
export function readFrontMatterYaml(yaml: string, firstLine: number, explain = true): YamlRead {
  let data: unknown;
  const rootBooleans: number[] = [];
  // Where the top-level value (or key) last opened: its place and line. And the line where the
  // last node of all opened: a text has no nodes within it, so when one closes, that is the line
  // where it began (a value on the line below its key is a node within the one opened after the key).
  let openedAt = -1;
  let openedLine = -1;
  let lastOpenedLine = -1;
  let overLines = false;
  // js-yaml tells its listener where each node opens and closes; depth 2 is the top-level mapping's
  // keys and values. Recording them costs a few microseconds of a parse of hundreds. `depth` is
  // js-yaml's own (4.x), untyped: without it nothing is recorded, and the quick approval falls back
  // to its slower proof (published-line.ts), and a [list] or {mapping} read over lines is not told.
  const listener = (event: EventType, state: State & { readonly depth?: number }): void => {
    if (event === 'open') {
      lastOpenedLine = state.line;
      if (state.depth === 2) {
        openedAt = state.position;
        openedLine = state.line;
      }
      return;
    }
    const result: unknown = state.result;
    if (typeof result === 'string') {
      if (state.line !== lastOpenedLine) overLines = true;
    } else if (state.depth === 2) {
      if (typeof result === 'boolean') rootBooleans.push(openedAt, state.position);
      else if (!overLines && typeof result === 'object' && result !== null && state.line !== openedLine) overLines = opensFlow(yaml, openedAt);
    }
  };
  try {
    data = load(yaml, { schema: FRONT_MATTER_SCHEMA, listener });
  } catch (e) {
    return { ok: false, problem: yamlProblem(e, yaml, firstLine, explain) };
  }
  if (data === null || data === undefined) return { ok: true, data: {}, rootBooleans, overLines };
  if (typeof data !== 'object' || Array.isArray(data)) {
    const what = Array.isArray(data) ? 'a list' : `a single ${typeof data}`;
    return {
      ok: false,
      problem: {
        level: 'error',
        code: 'not-a-mapping',
        message: `the front matter is ${what}, not a set of "key: value" lines`,
        line: firstLine,
        column: 1,
      },
    };
  }
  // Without a `*` there is no alias, so nothing can expand beyond what was parsed.
  if (yaml.includes('*') && expandedSize(data, new Map()) > MAX_EXPANDED_VALUES) {
    return {
      ok: false,
      problem: {
        level: 'error',
        code: 'too-complex',
        message: `the front matter expands to more than ${MAX_EXPANDED_VALUES.toLocaleString('en')} values through aliases (*name); it looks like an alias bomb and is not read`,
      },
    };
  }
  return { ok: true, data: data as FrontMatterData, rootBooleans, overLines };
}

function yamlProblem(e: unknown, yaml: string, firstLine: number, explain: boolean): Problem {
  // js-yaml says where an error is, except when the YAML holds a second document: a `...` line
  // (the end of a document) with more after it.
  if (e instanceof YAMLException && (e.mark as YAMLException['mark'] | undefined) === undefined) {
    const end = /^\.\.\.(?:[ \t]|\r?$)/m.exec(yaml);
    const second = /single document/.test(e.reason);
    return {
      level: 'error',
      code: 'yaml-syntax',
      message: second ? 'YAML syntax: a "..." line ends the YAML before the closing ---, and more follows it; remove that line or what follows' : `YAML syntax: ${e.reason}`,
      ...(second && end && { line: lineAt(yaml, end.index) + firstLine, column: 1 }),
    };
  }
  if (e instanceof YAMLException) {
    const duplicate = /duplicated mapping key/.test(e.reason);
    const mistake = duplicate || !explain ? null : explainMistake(yaml, { line: e.mark.line, column: e.mark.column, reason: e.reason }, FRONT_MATTER_SCHEMA, firstLine);
    if (mistake !== null) {
      return { level: 'error', code: 'yaml-syntax', message: `YAML syntax: ${mistake.message}`, line: mistake.line + firstLine, column: mistake.column + 1 };
    }
    return {
      level: 'error',
      code: duplicate ? 'duplicate-key' : 'yaml-syntax',
      message: duplicate
        ? `duplicate key: ${duplicateKey(yaml, { line: e.mark.line, column: e.mark.column, reason: e.reason }, firstLine) ?? 'this key already appears earlier in the same mapping; keep only one of them'}`
        : `YAML syntax: ${e.reason}`,
      line: e.mark.line + firstLine,
      column: e.mark.column + 1,
    };
  }
  // js-yaml recurses per nesting level; absurdly deep nesting ends here as a RangeError.
  return { level: 'error', code: 'too-complex', message: `the front matter could not be parsed: ${String(e)}` };
}

/** Whether the node js-yaml opened at `at` (where its spaces and line breaks begin) is a `[…]` or `{…}` collection. */
function opensFlow(yaml: string, at: number): boolean {
  let i = at;
  while (i < yaml.length && (yaml[i] === ' ' || yaml[i] === '\t' || yaml[i] === '\n' || yaml[i] === '\r')) i++;
  return yaml[i] === '[' || yaml[i] === '{';
}

/** The 0-based line of `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** How many values the data holds with every alias expanded; shared nodes are counted once per use, in linear time. */
function expandedSize(value: unknown, memo: Map<object, number>): number {
  if (value === null || typeof value !== 'object') return 1;
  const known = memo.get(value);
  if (known !== undefined) return known;
  memo.set(value, Number.POSITIVE_INFINITY); // a cycle (self-referencing alias) counts as unbounded
  let size = 1;
  const children = Array.isArray(value) ? value : Object.values(value);
  for (const child of children) {
    size += expandedSize(child, memo);
    if (size > MAX_EXPANDED_VALUES) break;
  }
  memo.set(value, size);
  return size;
}
