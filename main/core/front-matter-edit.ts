/**
 * Lossless front-matter edits. The `yaml` CST says where every token sits; an edit is a few
 * splices of the original text at those offsets, so every byte it does not need to touch stays.
 * The result is re-read with js-yaml and must equal the intended data, or the edit is refused.
 */
import { isDeepStrictEqual } from 'node:util';
import { CST, Parser } from 'yaml';
import { fail, ok, type Result } from '../../shared/result.js';
import { PUBLISHED_AFTER, yamlOf, YAML_FIRST_LINE } from './front-matter.js';
import type { ReadableFile } from './read-article.js';
import {
  applySplices,
  firstOffset,
  hasErrorToken,
  indOffset,
  isEmptyFlowItem,
  isFlowScalar,
  joinQuotedLines,
  lineStart,
  longestCommonSubsequence,
  scalarStyle,
  scalarValue,
  skeletonOf,
  type MapItem,
  type SeqItem,
  type Splice,
} from './yaml-cst.js';
import { formatTopic, type ScalarStyle } from './yaml-scalar.js';
import { readFrontMatterYaml, type FrontMatterData } from './yaml-read.js';

/** The edits an editor makes. */
export type FrontMatterEdit =
  | { readonly kind: 'set-published'; readonly value: boolean }
  | { readonly kind: 'set-topics'; readonly topics: readonly string[] }
  /** Any top-level list of strings; `set-topics` is this for `topics`. Tests use it on real `tags` lists. */
  | { readonly kind: 'set-list'; readonly field: string; readonly items: readonly string[] };

/** Where a missing topics list goes: after the first of these that the file has, else at the end. */
const TOPICS_AFTER = ['provider', 'published', ...PUBLISHED_AFTER];

/** The file's new text (identical when the edit changes nothing), or why it cannot be made losslessly. */
export function editFrontMatter(file: ReadableFile, edit: FrontMatterEdit): Result<string> {
  const edited = editFrontMatterData(file, edit);
  return edited.ok ? ok(edited.value.text) : edited;
}

/** The new text and the data it was verified to read back as (the file's own data when unchanged). */
export function editFrontMatterData(file: ReadableFile, edit: FrontMatterEdit): Result<{ text: string; data: FrontMatterData }> {
  const yaml = yamlOf(file.text, file.block);
  // The CST of a skeleton (bulky nested blocks blanked, offsets kept) is several times quicker to
  // build; the whole front matter is the fallback. The re-read decides either way.
  const skeleton = skeletonOf(yaml);
  const quick = editWith(skeleton, yaml, file, edit);
  if (quick.ok) return quick;
  const whole = skeleton === yaml ? quick : editWith(yaml, yaml, file, edit);
  if (whole.ok) return whole;
  // A quoted value whose continuation lines are not indented hides the keys after it from the CST.
  const joined = joinQuotedLines(yaml);
  return joined === null ? whole : editWith(joined, yaml, file, edit);
}

function editWith(cstSource: string, yaml: string, file: ReadableFile, edit: FrontMatterEdit): Result<{ text: string; data: FrontMatterData }> {
  const tokens = Array.from(new Parser().parse(cstSource));
  const docs = tokens.filter((t) => t.type === 'document');
  if (docs.length > 1 || tokens.map((t) => CST.stringify(t)).join('') !== cstSource || hasErrorToken(tokens)) {
    return refuse('its front matter has a shape the lossless editor cannot follow');
  }
  const doc = docs[0] as CST.Document | undefined;
  if (doc?.value !== undefined && doc.value.type !== 'block-map') {
    return refuse('its front matter is not written as one "key: value" per line');
  }
  const ctx = new EditContext(yaml, file.block.eol, doc?.value?.items ?? []);
  const { field, value, planned } = plan(ctx, file.data, edit);
  if (!planned.ok) return planned;
  if (planned.value.length === 0) {
    // Nothing to write is right only when the data already says it (an empty list stands for a missing one).
    const current = file.data[field];
    const same = isDeepStrictEqual(current, value) || ((current === null || current === undefined) && Array.isArray(value) && value.length === 0);
    return same ? ok({ text: file.text, data: file.data }) : refuse(`${field} could not be followed in the file`);
  }

  const expected = { ...file.data, [field]: value };
  const attempts = [planned.value];
  if (planned.value.some((s) => s.fallback)) attempts.push(planned.value.map((s) => s.fallback ?? s));
  for (const splices of attempts) {
    // The CST and js-yaml can disagree on odd files (unindented continuation lines); js-yaml has the last word.
    const newYaml = applySplices(yaml, splices);
    const reread = readFrontMatterYaml(newYaml, YAML_FIRST_LINE);
    if (reread.ok && isDeepStrictEqual(reread.data, expected)) {
      return ok({ text: file.text.slice(0, file.block.yamlStart) + newYaml + file.text.slice(file.block.yamlEnd), data: reread.data });
    }
  }
  return refuse(`changing ${field} here would not read back as intended`);
}

/** The field an edit sets, its new value, and the splices that set it. */
function plan(ctx: EditContext, data: ReadableFile['data'], edit: FrontMatterEdit): { field: string; value: unknown; planned: Result<Splice[]> } {
  switch (edit.kind) {
    case 'set-published':
      return { field: 'published', value: edit.value, planned: ctx.setPublished(data.published, edit.value) };
    case 'set-topics':
      return { field: 'topics', value: [...edit.topics], planned: ctx.setList('topics', data.topics, edit.topics) };
    case 'set-list':
      return { field: edit.field, value: [...edit.items], planned: ctx.setList(edit.field, data[edit.field], edit.items) };
    default:
      return edit satisfies never;
  }
}

function refuse(why: string): Result<never> {
  return fail('not-editable', `Masthead cannot edit this file without rewriting other lines: ${why}. Nothing was changed; edit it by hand.`);
}

/** The top-level items of one front matter and the splices that change them. */
class EditContext {
  /** The indentation of the top-level keys: almost always none. */
  private readonly keyIndent: string;

  constructor(
    private readonly yaml: string,
    private readonly eol: string,
    private readonly items: readonly MapItem[],
  ) {
    // The spaces that open the first key's line: an anchor or a tag before the key (`&a key:`) is
    // part of the key, not of its indentation.
    const first = items[0]?.key;
    this.keyIndent = first ? /^ */.exec(yaml.slice(lineStart(yaml, first.offset), first.offset))![0] : '';
  }

  setPublished(current: unknown, value: boolean): Result<Splice[]> {
    if (current === value) return ok([]);
    const literal = value ? 'true' : 'false';
    const item = this.find('published');
    if (item === undefined && current !== undefined) return this.replaceLineValue('published', literal);
    if (item === undefined) return ok([this.insertKey(PUBLISHED_AFTER, `published: ${literal}${this.eol}`)]);
    const colon = item.sep?.find((t) => t.type === 'map-value-ind');
    if (item.value === undefined && colon) return ok([{ from: colon.offset + 1, to: colon.offset + 1, text: ` ${literal}` }]);
    if (item.value !== undefined && isFlowScalar(item.value)) {
      return ok([{ from: item.value.offset, to: item.value.offset + item.value.source.length, text: literal }]);
    }
    return refuse('published holds a list, a mapping or a multi-line value');
  }

  setList(field: string, current: unknown, topics: readonly string[]): Result<Splice[]> {
    const isStrings = Array.isArray(current) && current.every((t) => typeof t === 'string');
    if (isStrings && isDeepStrictEqual(current, topics)) return ok([]);
    if ((current === null || current === undefined) && topics.length === 0) return ok([]);
    const { indent, style } = this.blockListStyle();
    const item = this.find(field);
    if (item === undefined) {
      const lines = topics.map((t) => `${indent}${formatTopic(t, style)}${this.eol}`).join('');
      return ok([this.insertKey(field === 'topics' ? TOPICS_AFTER : [], `${field}:${this.eol}${lines}`)]);
    }
    const colon = item.sep?.find((t) => t.type === 'map-value-ind');
    if (!colon) return refuse(`${field} has no ":"`);
    const colonEnd = colon.offset + 1;
    const value = item.value;
    const asBlock = (): string => topics.map((t) => `${this.eol}${indent}${formatTopic(t, style)}`).join('');
    if (value === undefined) {
      if (topics.length === 0) return ok([{ from: colonEnd, to: colonEnd, text: ' []' }]);
      const at = this.lineContentEnd(colonEnd);
      return ok([{ from: at, to: at, text: asBlock() }]);
    }
    if (isFlowScalar(value)) {
      return ok([{ from: colonEnd, to: value.offset + value.source.length, text: topics.length === 0 ? ' []' : asBlock() }]);
    }
    if (value.type === 'block-seq') return this.editBlockList(value, colonEnd, topics);
    if (value.type === 'flow-collection' && value.start.source === '[') return this.editFlowList(field, value, topics);
    return refuse(`${field} holds a mapping or a multi-line value`);
  }

  /** Keeps the longest run of items already in place; deletes the rest and inserts the missing ones beside them. */
  private editBlockList(seq: CST.BlockSequence, colonEnd: number, topics: readonly string[]): Result<Splice[]> {
    const ranges = seq.items.map((it) => this.seqItemRange(it));
    if (topics.length === 0) {
      // `key: []` and the item lines gone; the key's comment and the comment lines among the items stay.
      if (ranges.length === 0) return refuse('the list is an empty block');
      return ok([{ from: colonEnd, to: colonEnd, text: ' []' }, ...ranges.map((r) => ({ ...r, text: '' }))]);
    }
    const values = seq.items.map((it) => scalarValue(it.value));
    const keep = longestCommonSubsequence(values, topics);
    const first = seq.items[0];
    const indentText = first ? this.yaml.slice(ranges[0]!.from, indOffset(first)) : '  ';
    const dashText = first ? this.dashText(first) : '- ';
    const style = scalarStyle(seq.items.find((it) => it.value !== undefined)?.value);
    const splices: Splice[] = [];
    seq.items.forEach((_, i) => {
      if (!keep.some(([a]) => a === i)) splices.push({ from: ranges[i]!.from, to: ranges[i]!.to, text: '' });
    });
    // Each missing topic goes right after the kept item before it, or before the first item.
    let target = 0;
    for (const [a, b] of [...keep, [seq.items.length, topics.length] as const]) {
      const at = a === 0 ? ranges[0]!.from : ranges[a - 1]!.to;
      const lines = topics.slice(target, b).map((t) => `${indentText}${dashText}${formatTopic(t, style)}${this.eol}`);
      if (lines.length > 0) splices.push({ from: at, to: at, text: lines.join('') });
      target = b + 1;
    }
    return ok(splices);
  }

  /** Edits a one-line flow list `[a, b]` in place: kept items keep their spelling, separators keep their spacing. */
  private editFlowList(field: string, list: CST.FlowCollection, topics: readonly string[]): Result<Splice[]> {
    const close = list.end.find((t) => t.type === 'flow-seq-end');
    if (!close) return refuse(`the ${field} list is never closed`);
    const open = list.offset + 1;
    if (/[\r\n]/.test(this.yaml.slice(list.offset, close.offset))) return refuse(`${field} is a [list] written over several lines`);
    // `[ ]` and a trailing comma (`[a, b, ]`) leave an item holding only the space or comma before it: nothing.
    const values = list.items.filter((it) => !isEmptyFlowItem(it)).map((it) => it.value);
    if (!values.every((v): v is CST.FlowScalar => v !== undefined && v !== null && isFlowScalar(v))) {
      return refuse(`${field} holds something other than plain items`);
    }
    const style = scalarStyle(values[0]);
    if (values.length === 0 || topics.length === 0) {
      return ok([{ from: open, to: close.offset, text: topics.map((t) => formatTopic(t, style)).join(', ') }]);
    }
    const end = (v: CST.FlowScalar): number => v.offset + v.source.length;
    const seps = values.slice(1).map((v, i) => this.yaml.slice(end(values[i]!), v.offset));
    const sepAt = (j: number): string => seps[j] ?? seps[seps.length - 1] ?? ', ';
    const keep = new Map(longestCommonSubsequence(values.map((v) => scalarValue(v)), topics).map(([a, b]) => [b, a]));
    const body = topics.map((t, j) => {
      const kept = keep.get(j);
      return (j > 0 ? sepAt(j - 1) : '') + (kept === undefined ? formatTopic(t, style) : values[kept]!.source);
    });
    const lead = this.yaml.slice(open, values[0]!.offset);
    const trail = this.yaml.slice(end(values[values.length - 1]!), close.offset);
    return ok([{ from: open, to: close.offset, text: lead + body.join('') + trail }]);
  }

  private find(key: string): MapItem | undefined {
    return this.items.find((it) => scalarValue(it.key) === key);
  }

  /** A new `key:` block, placed after the first anchor key present, or at the end of the front matter. */
  /**
   * Where the CST lost track of a key that js-yaml reads (odd continuation lines before it),
   * finds its `key: value` line directly; the caller's re-read decides whether that was right.
   */
  private replaceLineValue(key: string, literal: string): Result<Splice[]> {
    const line = new RegExp(`^${this.keyIndent}${key}[ \\t]*:([ \\t]*)([^\\s#][^#\\r\\n]*?)?[ \\t]*(?:#.*)?\\r?$`, 'gm');
    const matches = [...this.yaml.matchAll(line)];
    const match = matches[0];
    if (matches.length !== 1 || match === undefined) return refuse(`the ${key} line cannot be found unambiguously`);
    const valueAt = match.index + match[0].indexOf(':') + 1 + (match[1] ?? '').length;
    const old = match[2] ?? '';
    return ok([{ from: valueAt, to: valueAt + old.length, text: old === '' ? ` ${literal}` : literal }]);
  }

  private insertKey(after: readonly string[], unindented: string): Splice {
    const text = this.keyIndent + unindented;
    const index = after.map((k) => this.items.findIndex((it) => scalarValue(it.key) === k)).find((i) => i !== -1);
    const next = index === undefined ? undefined : this.items[index + 1];
    const end = this.insertAt(this.contentEnd(), text);
    return next === undefined ? end : { ...this.insertAt(lineStart(this.yaml, firstOffset(next)), text), fallback: end };
  }

  /** The end of the YAML's content: before a `...` line (the end of the document), where it has one. */
  private contentEnd(): number {
    const end = /^\.\.\.(?:[ \t]|\r?$)/m.exec(this.yaml);
    return end === null ? this.yaml.length : end.index;
  }

  private insertAt(at: number, text: string): Splice {
    const needsBreak = at > 0 && this.yaml[at - 1] !== '\n';
    return { from: at, to: at, text: needsBreak ? this.eol + text : text };
  }

  /** The lines a sequence item occupies, from its dash's line to just after its last line. */
  private seqItemRange(item: SeqItem): { from: number; to: number } {
    const from = lineStart(this.yaml, indOffset(item));
    const firstTok = item.start[0];
    const startOffset = firstTok ? firstTok.offset : (item.value?.offset ?? from);
    const end = startOffset + CST.stringify(item).length;
    return { from, to: end > 0 && this.yaml[end - 1] === '\n' ? end : this.lineEndAfter(end) };
  }

  /** The text between the line's indentation and the item's value: usually "- ". */
  private dashText(item: SeqItem): string {
    const ind = item.start.find((t) => t.type === 'seq-item-ind');
    const space = item.start[item.start.indexOf(ind as CST.SourceToken) + 1];
    return `-${space?.type === 'space' ? space.source : ' '}`;
  }

  /** Indentation and quoting of block lists elsewhere in this front matter, for a new list. */
  private blockListStyle(): { indent: string; style: ScalarStyle } {
    for (const it of this.items) {
      const first = it.value?.type === 'block-seq' ? it.value.items[0] : undefined;
      if (first) {
        const from = lineStart(this.yaml, indOffset(first));
        return { indent: this.yaml.slice(from, indOffset(first)) + this.dashText(first), style: scalarStyle(first.value) };
      }
    }
    return { indent: `${this.keyIndent}  - `, style: 'plain' };
  }

  /** The offset just before the line break of the line holding `offset`. */
  private lineContentEnd(offset: number): number {
    const nl = this.yaml.indexOf('\n', offset);
    if (nl === -1) return this.yaml.length;
    return this.yaml[nl - 1] === '\r' ? nl - 1 : nl;
  }

  private lineEndAfter(offset: number): number {
    const nl = this.yaml.indexOf('\n', offset);
    return nl === -1 ? this.yaml.length : nl + 1;
  }
}
