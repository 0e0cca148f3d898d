/** Finds the YAML front-matter block in an article's text, by character offsets. */

/** Where the front matter sits in the text; offsets are string indices. */
export interface FrontMatterBlock {
  /** 1 when the text starts with a BOM, else 0. */
  readonly bomLength: 0 | 1;
  /** First character of the YAML, just after the opening `---` line. */
  readonly yamlStart: number;
  /** First character of the closing `---` line. */
  readonly yamlEnd: number;
  /** The file's line ending, taken from the opening line. */
  readonly eol: '\n' | '\r\n';
}

const OPENING = /^\uFEFF?---[ \t]*(\r?\n)/;
const CLOSING = /^---[ \t]*\r?$/gm;

/** True when the text opens with a `---` line: the mark of an article file. */
export function opensFrontMatter(text: string): boolean {
  return OPENING.test(text) || /^\uFEFF?---[ \t]*$/.test(text);
}

/** The block, `'unterminated'` when the closing `---` is missing, or null for text with no front matter. */
export function locateFrontMatter(text: string): FrontMatterBlock | 'unterminated' | null {
  const open = OPENING.exec(text);
  if (!open) return opensFrontMatter(text) ? 'unterminated' : null;
  const bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const yamlStart = open[0].length;
  CLOSING.lastIndex = yamlStart;
  const close = CLOSING.exec(text);
  if (!close) return 'unterminated';
  return { bomLength, yamlStart, yamlEnd: close.index, eol: open[1] === '\r\n' ? '\r\n' : '\n' };
}

/** The YAML between the delimiters. */
export function yamlOf(text: string, block: FrontMatterBlock): string {
  return text.slice(block.yamlStart, block.yamlEnd);
}

/** The 1-based line on which the YAML starts (the opening `---` is line 1). */
export const YAML_FIRST_LINE = 2;

/**
 * Where an edit adds a missing `published` line: after the first of these top-level keys the file
 * has, else at the end. Shared by the general editor and the quick approval, which must agree.
 */
export const PUBLISHED_AFTER: readonly string[] = ['heat', 'quality', 'type', 'webUrl', 'originalUrl', 'publishedDateTime', 'excerpt', 'title'];
