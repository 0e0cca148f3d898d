/** The article model shared by the core, the CLI and the desk: plain data, no I/O. */

/** An article's id: its path relative to the library root, with `/` separators. */
export type ArticleId = string;

/** How serious a problem is: errors block reading and editing, warnings do not. */
export type ProblemLevel = 'error' | 'warning';

/** What kind of problem a file has; stable strings, used by `--json` output and tests. */
export type ProblemCode =
  | 'unreadable'
  | 'not-utf8'
  | 'binary'
  | 'unterminated'
  | 'yaml-syntax'
  | 'duplicate-key'
  | 'not-a-mapping'
  | 'too-complex'
  | 'wrong-type'
  | 'missing-title'
  | 'bad-date'
  | 'bad-url'
  /** A topic that is empty, or listed more than once. */
  | 'bad-topic'
  /** Text holding a character that overrides the direction of what follows it. */
  | 'direction-control'
  /** A value left open (its closing quote or bracket missing), read on over the line of a key after it. */
  | 'runs-on'
  /** A file with other names on disk (hard links), which a save by rename parts from this one. */
  | 'linked';

/** One thing wrong with one file, phrased so a person can act on it. */
export interface Problem {
  readonly level: ProblemLevel;
  readonly code: ProblemCode;
  readonly message: string;
  /** The top-level field the problem is about, where there is one. */
  readonly field?: string;
  /** 1-based line in the file, where one exists. */
  readonly line?: number;
  /** 1-based column, where one exists. */
  readonly column?: number;
}

/** The source an article came from. */
export interface Provider {
  readonly name?: string;
  readonly domain?: string;
}

/** An image attached to an article; dimensions as the file states them. */
export interface ArticleImage {
  readonly url: string;
  readonly width?: number;
  readonly height?: number;
  readonly isCached?: boolean;
}

/** A related article as listed under `related`; only what the cards show is typed. */
export interface RelatedArticle {
  readonly title?: string;
  readonly excerpt?: string;
  readonly publishedDateTime?: string;
  readonly webUrl?: string;
  readonly originalUrl?: string;
  readonly type?: string;
  readonly provider?: Provider;
  readonly quality?: number;
  readonly images: readonly ArticleImage[];
}

/** The fields the list shows and filters on: small, so 100,000 of them fit in memory. */
export interface ArticleSummary {
  readonly id: ArticleId;
  /** The title, or the file name when the title is missing or unreadable. */
  readonly title: string;
  readonly excerpt: string;
  readonly providerName?: string;
  readonly providerDomain?: string;
  /** The date exactly as the file spells it. */
  readonly publishedDateTime?: string;
  readonly category?: string;
  readonly type?: string;
  readonly quality?: number;
  readonly heat?: number;
  readonly published: boolean;
  readonly topics: readonly string[];
  readonly problems: readonly Problem[];
  /**
   * The file is marked read-only (no write permission for anyone; on Windows, its read-only
   * attribute): Masthead leaves it as it is. Known once the file is checked; absent otherwise.
   */
  readonly readOnly?: true;
  /**
   * False while only the fast reader has seen the file: the list's fields are right, the problems
   * are provisional until the full check replaces this summary. Absent once checked.
   */
  readonly checked?: false;
}

/** Every field of one article, read when it is selected. */
export interface Article {
  readonly id: ArticleId;
  readonly title?: string;
  readonly excerpt?: string;
  readonly category?: string;
  readonly type?: string;
  readonly publishedDateTime?: string;
  readonly originalUrl?: string;
  readonly webUrl?: string;
  readonly quality?: number;
  readonly heat?: number;
  readonly published: boolean;
  readonly provider?: Provider;
  readonly topics: readonly string[];
  readonly images: readonly ArticleImage[];
  readonly related: readonly RelatedArticle[];
  /** Every other top-level field, unchanged, in file order. */
  readonly extra: Readonly<Record<string, unknown>>;
}

/** One article read in full, for the review pane. */
export interface ArticleDetail {
  readonly summary: ArticleSummary;
  /** Null when the file has an error and cannot be read safely. */
  readonly article: Article | null;
  /** The file's text exactly as on disk, for the raw view. */
  readonly source: string;
  /**
   * Where the article's text after the front matter (its body, as a Jekyll or Hugo post has one)
   * starts in `source`: the line after the closing `---`, `source.length` when nothing follows it.
   * Null when the file does not read.
   */
  readonly bodyStart: number | null;
  /** The file is marked read-only, or this user may not write it: Masthead leaves it as it is. */
  readonly readOnly: boolean;
}

/** The fields typed on `Article`; everything else lands in `extra`. */
export const ARTICLE_FIELDS = [
  'title',
  'excerpt',
  'category',
  'type',
  'publishedDateTime',
  'originalUrl',
  'webUrl',
  'quality',
  'heat',
  'published',
  'provider',
  'topics',
  'images',
  'related',
] as const;

/** True when any problem is an error: such a file is shown but never written. */
export function hasError(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.level === 'error');
}

/** What the list says of an article's approval: as the file says, or why that is unknown. */
export type ApprovalState = 'published' | 'draft' | 'error' | 'unreadable';

/**
 * The approval the list shows. A file with an error has none that can be trusted: "error" when its
 * text is there to be mended in an editor, "unreadable" when Masthead could not read it as text at
 * all (permissions, size, a binary file).
 */
export function approvalState(a: { readonly published: boolean; readonly problems: readonly Problem[] }): ApprovalState {
  if (a.problems.some((p) => p.code === 'unreadable' || p.code === 'binary')) return 'unreadable';
  if (hasError(a.problems)) return 'error';
  return a.published ? 'published' : 'draft';
}

/** "line 4, column 9: " for a problem that has a place, "" otherwise. */
export function problemPlace(p: Problem): string {
  if (p.line === undefined) return '';
  return p.column === undefined ? `line ${p.line}: ` : `line ${p.line}, column ${p.column}: `;
}
