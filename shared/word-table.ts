/** The list index's searchable text: how it folds an article's texts, and its table of words sealed into flat arrays. */
import type { ArticleSummary } from './article.js';
import { foldTexts } from './query.js';

/** Between two articles' texts; folding never produces it, so no search word can span two articles. */
export const SEPARATOR = '\u0000';

/**
 * The word table in a few flat pieces: the words joined by the separator (one string, searched with
 * indexOf), where each starts, and the rows of each as one list. Not a Map from word to rows:
 * Chromium's V8 interns every string a Map holds, and a newsroom's vocabulary (100,000 words and more) would lengthen
 * every full collection of the desk's heap by the walk of a string table that size.
 */
export interface SealedWords {
  readonly text: string;
  /** Where word k starts in `text`; one more entry, the end of the text plus one. */
  readonly starts: Int32Array;
  /** Where word k's rows start in `rows`; one more entry, the end. */
  readonly rowStarts: Int32Array;
  readonly rows: Int32Array;
}

/**
 * Row numbers a step of the seal copies per row `buildSome` was asked for: a step of 250 rows copies
 * 256,000, about 3 ms (12 ns each, in Node), as long as a slice of the build. Sealed at once, the
 * word table of the generated 100,000 (2.7 million row numbers) took 38-52 ms, in the build's last
 * slice: the desk's longest task a few seconds after a large library opened.
 */
export const SEALED_PER_ROW = 1024;
/** What a word costs a step of the seal besides its rows: its key, its starts. */
const SEAL_COST_PER_WORD = 16;

/**
 * Seals a word table (see `SealedWords`) a step at a time: first each word's place in the text and
 * in the rows, then the rows, then the text, in one join. The map is not changed meanwhile (every
 * row is indexed when the seal begins).
 */
export class WordSealer {
  private readonly entries: Iterator<[string, readonly number[]]>;
  private readonly starts: Int32Array;
  private readonly rowStarts: Int32Array;
  private readonly keys: string[] = [];
  private readonly lists: (readonly number[])[] = [];
  private rows: Int32Array | null = null;
  /** Words whose places are known, and words whose rows are copied. */
  private placed = 0;
  private copied = 0;

  constructor(words: ReadonlyMap<string, readonly number[]>) {
    this.entries = words.entries();
    this.starts = new Int32Array(words.size + 1);
    this.rowStarts = new Int32Array(words.size + 1);
  }

  /** Seals about `budget` row numbers' worth more; the sealed table once it is all done, else null. */
  seal(budget: number): SealedWords | null {
    let spent = 0;
    const words = this.starts.length - 1;
    const { starts, rowStarts } = this;
    while (this.placed < words && spent < budget) {
      const [word, rows] = this.entries.next().value as [string, readonly number[]];
      const k = this.placed++;
      starts[k + 1] = starts[k]! + word.length + 1;
      rowStarts[k + 1] = rowStarts[k]! + rows.length;
      this.keys.push(word);
      this.lists.push(rows);
      spent += SEAL_COST_PER_WORD;
    }
    if (this.placed < words) return null;
    this.rows ??= new Int32Array(rowStarts[words]!);
    while (this.copied < words && spent < budget) {
      const list = this.lists[this.copied]!;
      this.rows.set(list, rowStarts[this.copied++]!);
      spent += list.length + SEAL_COST_PER_WORD;
    }
    if (this.copied < words) return null;
    // Joined with a last empty word, so the text ends with the separator (as `starts` counts).
    this.keys.push('');
    return { text: this.keys.join(SEPARATOR), starts, rowStarts, rows: this.rows };
  }
}

/** The folded texts (title and excerpt) of `articles`, as the index lays them down and searches them. */
export function foldedTexts(articles: readonly ArticleSummary[]): string[] {
  return foldTexts(articles.map((a) => `${a.title}\n${a.excerpt}`)).map((raw) => (raw.includes(SEPARATOR) ? raw.replaceAll(SEPARATOR, ' ') : raw));
}
