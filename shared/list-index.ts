/**
 * A columnar index over the list in display order, so a filter of 100,000 articles fits in a frame:
 * approval and problems in typed arrays, topics and providers as lists of row numbers, all folded
 * titles and excerpts in a few large strings searched with native `indexOf`, plus the rows of every
 * word (a run of letters and digits) in that text, so a word half the library contains is found
 * without visiting each hit. It is built a slice at a time (the desk does it in idle time); an
 * edit that leaves an article's place and text alone is patched in, and one that moves it to
 * another row is renumbered (`reorder`), not rebuilt. It answers exactly
 * what `compileQuery` answers (tests/shared/list-index.test.ts checks that), only faster.
 */
import type { ArticleSummary } from './article.js';
import { foldText, foldTexts, type ArticleQuery } from './query.js';

/** Between two articles' texts; folding never produces it, so no search word can span two articles. */
const SEPARATOR = '\u0000';
/** A word of the text: letters and digits. A search word made only of them can only lie inside one. */
const WORD = /[\p{L}\p{N}]+/gu;
const ONLY_WORD = /^[\p{L}\p{N}]+$/u;
/** Rows per text chunk: chunks are joined as they fill, so no step of the build joins everything. */
const CHUNK = 1024;

/** The index; build it once per list order, query it per keystroke. */
export class ListIndex {
  private readonly published: Uint8Array;
  private readonly problems: Uint8Array;
  private readonly byTopic = new Map<string, number[]>();
  private readonly byProvider = new Map<string, number[]>();
  /**
   * Where each text starts, counted over all chunks as if they were one string. Texts (and the word
   * table's rows) are numbered by the order they were laid down in, their slot: a row's own number
   * until the list is reordered, then `slotRows` holds each slot's row.
   */
  private starts: Int32Array;
  private chunks: string[] = [];
  private slotRows: Int32Array | null = null;
  /** Each word of the text and the rows holding it, while the build runs; sealed into `words` after. */
  private building: Map<string, number[]> | null = new Map();
  /** Every word of the text and the rows holding it, once every row is indexed. */
  private words: SealedWords = { text: '', starts: new Int32Array(1), rowStarts: new Int32Array(1), rows: new Int32Array(0) };
  /** Rows indexed so far, and the texts of the chunk being filled. */
  private built = 0;
  private pending: string[] = [];
  /** Topics and providers folded: a few hundred distinct names, each folded once. */
  private readonly foldedNames = new Map<string, string>();

  constructor(private articles: readonly ArticleSummary[]) {
    const n = articles.length;
    this.published = new Uint8Array(n);
    this.problems = new Uint8Array(n);
    this.starts = new Int32Array(n + 1);
  }

  /** True once every row is indexed. */
  get complete(): boolean {
    return this.built === this.articles.length;
  }

  /** Indexes up to `count` more rows; true when every row is indexed. */
  buildSome(count: number): boolean {
    const n = this.articles.length;
    const end = Math.min(n, this.built + count);
    // The slice's texts are folded together and not kept per article: 100,000 cached strings (and
    // the weak map holding them) made every full collection of the desk's heap longer than a frame.
    const texts = foldTexts(this.articles.slice(this.built, end).map((a) => `${a.title}\n${a.excerpt}`));
    for (let i = this.built; i < end; i++) {
      const a = this.articles[i]!;
      this.published[i] = a.published ? 1 : 0;
      this.problems[i] = a.problems.length > 0 ? 1 : 0;
      for (const topic of this.topicsOf(a)) push(this.byTopic, topic, i);
      push(this.byProvider, this.fold(a.providerName ?? ''), i);
      const raw = texts[i - this.built]!;
      const folded = raw.includes(SEPARATOR) ? raw.replaceAll(SEPARATOR, ' ') : raw;
      for (const [word] of folded.matchAll(WORD)) {
        const rows = this.building!.get(word);
        if (rows === undefined) this.building!.set(word, [i]);
        else if (rows[rows.length - 1] !== i) rows.push(i);
      }
      this.addText(i, folded);
    }
    this.built = end;
    if (this.complete && this.building !== null) {
      this.words = sealWords(this.building);
      this.building = null;
    }
    return this.complete;
  }

  /**
   * Takes a new list in which only the articles at `rows` changed, each keeping its place (same id,
   * same sort key) and its title and excerpt. False, changing nothing, when that does not hold.
   */
  patch(articles: readonly ArticleSummary[], rows: readonly number[]): boolean {
    if (articles.length !== this.articles.length) return false;
    for (const row of rows) {
      const [before, after] = [this.articles[row], articles[row]];
      if (before === undefined || after === undefined || before.id !== after.id) return false;
      if (row < this.built && (before.title !== after.title || before.excerpt !== after.excerpt)) return false;
    }
    for (const row of rows) {
      if (row >= this.built) continue; // indexed from the new list when the build gets there
      const [before, after] = [this.articles[row]!, articles[row]!];
      this.published[row] = after.published ? 1 : 0;
      this.problems[row] = after.problems.length > 0 ? 1 : 0;
      this.moveNames(before, after, row);
    }
    this.articles = articles;
    return true;
  }

  /**
   * The index of a new order of the same articles: `articles[row]` sat at `oldRows[row]` of this
   * index. Nothing is folded or searched again: the texts and the word table are shared as they
   * are and only each slot's row changes, so a toggle that moves an article (sorted by Published)
   * costs a pass over the rows, not the whole build. At 100,000 (Node, 15 toggles): 29 ms median,
   * against a 160 ms sort and a 0.9 s build (3.4 s of idle time in the desk). Null, changing
   * nothing, unless this index is complete and every article kept its title and excerpt.
   */
  reorder(articles: readonly ArticleSummary[], oldRows: Int32Array): ListIndex | null {
    const n = articles.length;
    if (!this.complete || n !== this.articles.length || oldRows.length !== n) return null;
    const newRows = new Int32Array(n).fill(-1);
    for (let row = 0; row < n; row++) {
      const old = oldRows[row]!;
      const before = this.articles[old];
      const after = articles[row]!;
      if (before === undefined || newRows[old] !== -1) return null;
      // Only the edited articles are new objects; the property reads are kept to them.
      if (before !== after && (before.id !== after.id || before.title !== after.title || before.excerpt !== after.excerpt)) return null;
      newRows[old] = row;
    }
    const next = new ListIndex(articles);
    for (const [name, folded] of this.foldedNames) next.foldedNames.set(name, folded);
    // A topic's or provider's rows need no order either; they are renumbered, then the edited
    // articles' own topics and provider moved as a patch moves them.
    const renumber = (rows: readonly number[]): number[] => rows.map((old) => newRows[old]!);
    for (const [key, rows] of this.byTopic) next.byTopic.set(key, renumber(rows));
    for (const [key, rows] of this.byProvider) next.byProvider.set(key, renumber(rows));
    for (let row = 0; row < n; row++) {
      const old = oldRows[row]!;
      const before = this.articles[old]!;
      const after = articles[row]!;
      if (before === after) {
        next.published[row] = this.published[old]!;
        next.problems[row] = this.problems[old]!;
      } else {
        next.published[row] = after.published ? 1 : 0;
        next.problems[row] = after.problems.length > 0 ? 1 : 0;
        next.moveNames(before, after, row);
      }
    }
    // The texts and the word table stay as they are, in their slots; only each slot's row changes.
    next.chunks = this.chunks;
    next.starts = this.starts;
    next.words = this.words;
    const slotRows = this.slotRows;
    if (slotRows === null) next.slotRows = newRows;
    else {
      next.slotRows = new Int32Array(n); // this index stays as it was: a render may still hold it
      for (let slot = 0; slot < n; slot++) next.slotRows[slot] = newRows[slotRows[slot]!]!;
    }
    next.built = n;
    next.building = null;
    return next;
  }

  /** Moves `row` from the topic and provider lists `before` had to those `after` has. */
  private moveNames(before: ArticleSummary, after: ArticleSummary, row: number): void {
    move(this.byTopic, this.topicsOf(before), this.topicsOf(after), row);
    move(this.byProvider, new Set([this.fold(before.providerName ?? '')]), new Set([this.fold(after.providerName ?? '')]), row);
  }

  /** Appends row `row`'s folded text, closing its chunk when the row ends one. */
  private addText(row: number, folded: string): void {
    this.pending.push(folded);
    this.starts[row + 1] = this.starts[row]! + folded.length + 1;
    if ((row + 1) % CHUNK === 0 || row + 1 === this.articles.length) {
      // Joined with a last empty text, so the chunk ends with the separator and is one flat string:
      // adding the separator with `+` made a two-part string that the first search had to copy
      // into one, 260 ms for the chunks of 100,000 articles.
      this.pending.push('');
      this.chunks.push(this.pending.join(SEPARATOR));
      this.pending = [];
    }
  }

  /** A topic or provider name, folded. */
  private fold(name: string): string {
    let folded = this.foldedNames.get(name);
    if (folded === undefined) {
      folded = foldText(name);
      this.foldedNames.set(name, folded);
    }
    return folded;
  }

  /** An article's distinct folded topics. */
  private topicsOf(a: ArticleSummary): Set<string> {
    return new Set(a.topics.map((t) => this.fold(t)));
  }

  /** The articles matching the query, in the list's order (finishing the build first if needed). */
  filter(query: ArticleQuery): ArticleSummary[] {
    this.buildSome(Infinity);
    const n = this.articles.length;
    const keep = new Uint8Array(n);
    const topic = query.topic ? this.byTopic.get(foldText(query.topic)) ?? [] : null;
    const provider = query.provider ? this.byProvider.get(foldText(query.provider)) ?? [] : null;
    const rows = topic ?? provider;
    if (rows === null) keep.fill(1);
    else for (const i of rows) keep[i] = 1;
    if (topic !== null && provider !== null) {
      const both = new Uint8Array(n);
      for (const i of provider) both[i] = keep[i]!;
      keep.set(both);
    }
    const status = query.status ?? 'all';
    if (status !== 'all') {
      for (let i = 0; i < n; i++) {
        if (keep[i] === 0) continue;
        const ok = status === 'published' ? this.published[i] === 1 : status === 'unpublished' ? this.published[i] === 0 : this.problems[i] === 1;
        if (!ok) keep[i] = 0;
      }
    }
    const words = query.search ? foldText(query.search).split(/\s+/).filter(Boolean) : [];
    for (const word of words) this.keepMatching(keep, word);
    // Counted first and filled in place: pushing 70,000 rows one by one regrew the array about twenty
    // times and took 2.5 times as long, the slowest of the typical queries.
    let count = 0;
    for (let i = 0; i < n; i++) count += keep[i]!;
    const out = new Array<ArticleSummary>(count);
    for (let i = 0, row = 0; row < count; i++) if (keep[i] === 1) out[row++] = this.articles[i]!;
    return out;
  }

  /** Clears every kept row whose text lacks `word`. */
  private keepMatching(keep: Uint8Array, word: string): void {
    const hit = this.rowsByWord(word, keep.length) ?? this.rowsByScan(word, keep.length);
    for (let i = 0; i < keep.length; i++) keep[i] = keep[i]! & hit[i]!;
  }

  /**
   * The rows holding `word` from the word table: the rows of every word it is part of. Null where
   * the table cannot answer (the search word has other characters) or the scan is cheaper.
   */
  private rowsByWord(word: string, n: number): Uint8Array | null {
    if (!ONLY_WORD.test(word)) return null;
    const { text, starts, rowStarts, rows } = this.words;
    const found: number[] = [];
    let total = 0;
    // The words are joined by the separator, which no search word holds: each hit lies inside one.
    for (let at = text.indexOf(word), k = 0; at !== -1; at = text.indexOf(word, starts[k + 1])) {
      while (starts[k + 1]! <= at) k++;
      found.push(k);
      total += rowStarts[k + 1]! - rowStarts[k]!;
      if (total > 2 * n) return null; // a fragment of very many words: one pass over the text is quicker
    }
    const hit = new Uint8Array(n);
    const slotRows = this.slotRows;
    if (slotRows === null) for (const k of found) for (let r = rowStarts[k]!; r < rowStarts[k + 1]!; r++) hit[rows[r]!] = 1;
    else for (const k of found) for (let r = rowStarts[k]!; r < rowStarts[k + 1]!; r++) hit[slotRows[rows[r]!]!] = 1;
    return hit;
  }

  /** The rows holding `word`: one pass of indexOf over all texts. */
  private rowsByScan(word: string, n: number): Uint8Array {
    const hit = new Uint8Array(n);
    // No article's text holds the separator, so a word with one in it matches nothing.
    if (word.includes(SEPARATOR)) return hit;
    const slotRows = this.slotRows;
    this.chunks.forEach((chunk, c) => {
      const base = this.starts[c * CHUNK]!;
      let slot = c * CHUNK;
      let at = chunk.indexOf(word);
      while (at !== -1) {
        // Hits come in text order, so the slot only moves forward: walking is cheaper than bisecting.
        while (this.starts[slot + 1]! <= base + at) slot++;
        hit[slotRows === null ? slot : slotRows[slot]!] = 1;
        at = chunk.indexOf(word, this.starts[slot + 1]! - base);
      }
    });
    return hit;
  }
}

/**
 * The word table in a few flat pieces: the words joined by the separator (one string, searched with
 * indexOf), where each starts, and the rows of each as one list. Not a Map from word to rows:
 * Chromium's V8 interns every string a Map holds, and a newsroom's vocabulary (100,000 words and more) would lengthen
 * every full collection of the desk's heap by the walk of a string table that size.
 */
interface SealedWords {
  readonly text: string;
  /** Where word k starts in `text`; one more entry, the end of the text plus one. */
  readonly starts: Int32Array;
  /** Where word k's rows start in `rows`; one more entry, the end. */
  readonly rowStarts: Int32Array;
  readonly rows: Int32Array;
}

function sealWords(words: ReadonlyMap<string, readonly number[]>): SealedWords {
  const starts = new Int32Array(words.size + 1);
  const rowStarts = new Int32Array(words.size + 1);
  let k = 0;
  for (const [word, rows] of words) {
    starts[k + 1] = starts[k]! + word.length + 1;
    rowStarts[k + 1] = rowStarts[k]! + rows.length;
    k++;
  }
  const rows = new Int32Array(rowStarts[words.size]!);
  k = 0;
  for (const list of words.values()) rows.set(list, rowStarts[k++]!);
  // Joined with a last empty word, so the text ends with the separator (as `starts` counts).
  return { text: [...words.keys(), ''].join(SEPARATOR), starts, rowStarts, rows };
}

function push(map: Map<string, number[]>, key: string, row: number): void {
  const rows = map.get(key);
  if (rows === undefined) map.set(key, [row]);
  else rows.push(row);
}

/** Moves `row` from the lists of keys it no longer has to those of keys it now has. */
function move(map: Map<string, number[]>, before: ReadonlySet<string>, after: ReadonlySet<string>, row: number): void {
  for (const key of before) {
    if (after.has(key)) continue;
    const rows = map.get(key)!;
    rows.splice(rows.indexOf(row), 1);
  }
  for (const key of after) if (!before.has(key)) push(map, key, row);
}
