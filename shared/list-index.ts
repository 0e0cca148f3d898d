/**
 * A columnar index over the list in display order, so a filter of 100,000 articles fits in a frame:
 * approval, problems and publication times in typed arrays, topics and providers as lists of row numbers, all folded
 * titles and excerpts in a few large strings searched with native `indexOf`, plus the rows of every
 * word (a run of letters and digits) in that text, so a word half the library contains is found
 * without visiting each hit. It is built a slice at a time (the desk does it in idle time). After
 * that it is never built again for the same library: an edit that leaves an article's place and
 * text alone is patched in (`patch`), and any other change (a new order, articles added, removed
 * or retitled) gives a new index that shares this one's texts and word table (`update`), in a pass
 * over the rows rather than a build. It answers exactly what `compileQuery` answers
 * (tests/shared/list-index.test.ts checks that), only faster.
 */
import type { ArticleSummary } from './article.js';
import { NameSlots } from './name-slots.js';
import { compileQuery, foldText, hasDateRange, inDateRange, publishedTime, type ArticleQuery } from './query.js';
import { copyRows, newRowsOf, renumberSlots } from './row-moves.js';
import { scratchInt32, scratchUint8 } from './scratch.js';
import { foldedTexts, SEALED_PER_ROW, SEPARATOR, WordSealer, type SealedWords } from './word-table.js';

/** A word of the text: letters and digits. A search word made only of them can only lie inside one. */
const WORD = /[\p{L}\p{N}]+/gu;
const ONLY_WORD = /^[\p{L}\p{N}]+$/u;
/** Texts per chunk: chunks are joined as they fill, so no step of the build joins everything. */
const CHUNK = 1024;
/** Where the texts start before any is laid down (an index made by `update` takes its source's). */
const NO_STARTS = new Int32Array(1);
/** The work arrays of `update` and `filter` (see scratch.ts). */
const NEW_ROWS = scratchInt32();
const KEEP = scratchUint8();
const BOTH = scratchUint8();
const HIT = scratchUint8();

/**
 * How many texts `update` may add after those the word table covers before it asks for a new
 * build: they are searched by a scan, a quarter of the list at most (about 3 ms a word at 100,000).
 */
export function maxAddedTexts(rows: number): number {
  return Math.max(4 * CHUNK, rows >> 2);
}

/** The index; build it once per library, query it per keystroke. */
export class ListIndex {
  /**
   * Each row's approval and problems, and its publication time (see `publishedTime`) for a filter
   * by date: made when the build starts. While a large list arrives the desk makes an index for
   * each page it merges and builds none of them; their arrays (1.2 MB at 100,000) were garbage
   * that brought full collections of the page's heap closer.
   */
  private published = new Uint8Array(0);
  private problems = new Uint8Array(0);
  private times = new Float64Array(0);
  /**
   * Each topic's and provider's slots (see `starts`), in no order: a slot no longer listed
   * (`slotRows` -1) stays until the next build, and is skipped. Lists are shared with the index
   * this one was updated from, and copied before their first change (`owned`).
   */
  private readonly byTopic: NameSlots = new NameSlots();
  private readonly byProvider: NameSlots = new NameSlots();
  /**
   * Where each text starts, counted over all chunks as if they were one string. Texts (and the word
   * table's rows, and the topics' and providers' lists) are numbered by the order they were laid
   * down in, their slot: a row's own number until the list changes, then `slotRows` holds each
   * slot's row, -1 for an article no longer listed (or listed with another text, laid down in a new
   * slot). So a change renumbers one typed array, never the lists.
   */
  private starts = NO_STARTS;
  private chunks: string[] = [];
  private slots = 0;
  private slotRows: Int32Array | null = null;
  /** Each row's slot, `slotRows` turned round: made when first asked for (see `slotsOf`). */
  private rowSlots: Int32Array | null = null;
  /** The slots the word table covers; the texts laid down after it are searched by a scan. */
  private sealedSlots = 0;
  /** Each word of the text and the rows holding it, while the build runs; sealed into `words` after. */
  private building: Map<string, number[]> | null = new Map();
  /** The sealing of `building` once every row is indexed, a step per `buildSome`. */
  private sealing: WordSealer | null = null;
  /** Every word of the text and the rows holding it, once every row is indexed. */
  private words: SealedWords = { text: '', starts: new Int32Array(1), rowStarts: new Int32Array(1), rows: new Int32Array(0) };
  /** Rows indexed so far, and the texts of the chunk being filled. */
  private built = 0;
  private pending: string[] = [];
  /** Topics and providers folded: a few hundred distinct names, each folded once. */
  private readonly foldedNames = new Map<string, string>();

  constructor(private articles: readonly ArticleSummary[]) {
    if (articles.length === 0) this.building = null; // nothing to index: the empty word table is sealed
  }

  /** Makes the per-row arrays, once. */
  private allocate(): void {
    const n = this.articles.length;
    if (this.times.length === n) return;
    this.published = new Uint8Array(n);
    this.problems = new Uint8Array(n);
    this.times = new Float64Array(n);
  }

  /**
   * Whether this index was made for (or last patched to) `articles`, the very list: an update may
   * then be told which rows changed (see `update`). An older view's index may have been patched
   * to a newer list since.
   */
  holds(articles: readonly ArticleSummary[]): boolean {
    return this.articles === articles;
  }

  /** True once a build has begun (the desk builds an index only when idle, or for a search). */
  get started(): boolean {
    return this.built > 0;
  }

  /** How many texts were laid down after the word table: each search scans them. */
  get unsealed(): number {
    return this.slots - this.sealedSlots;
  }

  /** True once every row is indexed and the word table sealed. */
  get complete(): boolean {
    return this.built === this.articles.length && this.building === null;
  }

  /**
   * Indexes up to `count` more rows, then seals the word table, as much of it per call as `count`
   * rows would take (see `WordSealer`); true when every row is indexed and the table sealed.
   */
  buildSome(count: number): boolean {
    const n = this.articles.length;
    const end = Math.min(n, this.built + count);
    this.allocate();
    if (this.starts === NO_STARTS) this.starts = new Int32Array(n + 1);
    // The slice's texts are folded together and not kept per article: 100,000 cached strings (and
    // the weak map holding them) made every full collection of the desk's heap longer than a frame.
    const texts = foldedTexts(this.articles.slice(this.built, end));
    for (let i = this.built; i < end; i++) {
      const a = this.articles[i]!;
      this.published[i] = a.published ? 1 : 0;
      this.problems[i] = a.problems.length > 0 ? 1 : 0;
      this.times[i] = publishedTime(a);
      this.addNames(a, i);
      const folded = texts[i - this.built]!;
      for (const [word] of folded.matchAll(WORD)) {
        const rows = this.building!.get(word);
        if (rows === undefined) this.building!.set(word, [i]);
        else if (rows[rows.length - 1] !== i) rows.push(i);
      }
      this.addText(i, folded);
    }
    this.built = end;
    if (this.built === n && this.building !== null) {
      this.sealing ??= new WordSealer(this.building);
      const words = this.sealing.seal(count * SEALED_PER_ROW);
      if (words !== null) {
        this.words = words;
        this.sealedSlots = n;
        this.building = null;
        this.sealing = null;
      }
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
    const indexed = rows.filter((row) => row < this.built); // the others are indexed from the new list when the build gets there
    const slots = this.slotsOf(indexed);
    indexed.forEach((row, k) => {
      const [before, after] = [this.articles[row]!, articles[row]!];
      this.published[row] = after.published ? 1 : 0;
      this.problems[row] = after.problems.length > 0 ? 1 : 0;
      this.times[row] = publishedTime(after);
      this.moveNames(before, after, slots[k]!);
    });
    this.articles = articles;
    return true;
  }

  /**
   * The index of a new list: `articles[row]` sat at `oldRows[row]` of this index with the same id,
   * title and excerpt, or is new to it there (-1: added, or retitled). Rows of this index that no
   * new row names are dropped. Nothing already indexed is folded or searched again: the texts, the
   * word table and the name lists are shared as they are, each slot's row renumbered (-1 for
   * dropped ones), and only the new rows' texts laid down, in slots after the others, searched by a
   * scan. At 100,000 (Node, a row moved): 2-3 ms once compiled, 10-20 ms before, against a 0.9 s
   * build (3.4 s of idle time in the desk, and as long a freeze when a filter was on). Null,
   * changing nothing, unless this index is complete, `oldRows` names each of its rows at most once
   * and keeps what it promises, and the texts laid down after the word table stay within `maxAdded`
   * (more while a list arrives: the desk makes a new index once it is in, see `unsealed`). With
   * `changed`, the caller promises that every other row holds the very object of its old row: only
   * those are compared (see `newRowsOf`).
   */
  update(articles: readonly ArticleSummary[], oldRows: Int32Array, maxAdded = maxAddedTexts(articles.length), changed?: readonly number[]): ListIndex | null {
    const n = articles.length;
    if (!this.complete || oldRows.length !== n) return null;
    const newRows = NEW_ROWS.take(this.articles.length, -1);
    const rows = newRowsOf(this.articles, articles, oldRows, newRows, changed);
    if (rows === null) return null;
    const { added, edited, runs } = rows;
    if (this.unsealed + added.length > maxAdded) return null;
    const next = new ListIndex(articles);
    next.allocate();
    for (const [name, folded] of this.foldedNames) next.foldedNames.set(name, folded);
    // The texts, the word table and the name lists stay as they are, in their slots; only each
    // slot's row changes, and the new rows' texts and names are laid down in new slots.
    next.chunks = this.chunks.slice(); // the last may be extended below; this index keeps its own
    next.starts = this.starts;
    next.slots = this.slots;
    next.sealedSlots = this.sealedSlots;
    next.words = this.words;
    next.byTopic.share(this.byTopic);
    next.byProvider.share(this.byProvider);
    next.slotRows = new Int32Array(this.slots + added.length); // this index stays as it was: a render may still hold it
    renumberSlots(this.slotRows, this.slots, newRows, next.slotRows);
    const addedSlots = next.appendTexts(
      added,
      foldedTexts(added.map((row) => articles[row]!)),
    );
    copyRows(oldRows, runs, { published: this.published, problems: this.problems, times: this.times }, { published: next.published, problems: next.problems, times: next.times });
    const editedSlots = this.slotsOf(edited.map((row) => oldRows[row]!));
    for (const [k, row] of [...added, ...edited].entries()) {
      const after = articles[row]!;
      next.published[row] = after.published ? 1 : 0;
      next.problems[row] = after.problems.length > 0 ? 1 : 0;
      next.times[row] = publishedTime(after);
      if (k < added.length) next.addNames(after, addedSlots[k]!);
      else next.moveNames(this.articles[oldRows[row]!]!, after, editedSlots[k - added.length]!);
    }
    next.built = n;
    next.building = null;
    return next;
  }

  /** Moves `slot` from the topic and provider lists `before` had to those `after` has. */
  private moveNames(before: ArticleSummary, after: ArticleSummary, slot: number): void {
    this.byTopic.move(this.topicsOf(before), this.topicsOf(after), slot);
    this.byProvider.move(new Set([this.fold(before.providerName ?? '')]), new Set([this.fold(after.providerName ?? '')]), slot);
  }

  /** Puts `slot` in the topic and provider lists of `a`, an article new to its slot. */
  private addNames(a: ArticleSummary, slot: number): void {
    for (const topic of this.topicsOf(a)) this.byTopic.add(topic, slot);
    this.byProvider.add(this.fold(a.providerName ?? ''), slot);
  }

  /** Lays down row `row`'s folded text in slot `row` (the build's own order), closing its chunk when the row ends one. */
  private addText(row: number, folded: string): void {
    this.pending.push(folded);
    this.starts[row + 1] = this.starts[row]! + folded.length + 1;
    this.slots = row + 1;
    if ((row + 1) % CHUNK === 0 || row + 1 === this.articles.length) {
      // Joined with a last empty text, so the chunk ends with the separator and is one flat string:
      // adding the separator with `+` made a two-part string that the first search had to copy
      // into one, 260 ms for the chunks of 100,000 articles.
      this.pending.push('');
      this.chunks.push(this.pending.join(SEPARATOR));
      this.pending = [];
    }
  }

  /**
   * Lays down the texts of `rows` (folded, in `texts`) in new slots after the others, `slotRows`
   * having room for them; answers the first slot. A last chunk not yet full is replaced by a longer
   * copy: the index it came from shares the others, and still searches its own.
   */
  private appendTexts(rows: readonly number[], texts: readonly string[]): number[] {
    const first = this.slots;
    if (rows.length === 0) return [];
    const starts = new Int32Array(this.slots + rows.length + 1);
    starts.set(this.starts.subarray(0, this.slots + 1));
    let pending = this.slots % CHUNK === 0 ? [] : [this.chunks.pop()!.slice(0, -1)];
    rows.forEach((row, k) => {
      const slot = this.slots + k;
      const text = texts[k]!;
      pending.push(text);
      starts[slot + 1] = starts[slot]! + text.length + 1;
      this.slotRows![slot] = row;
      if ((slot + 1) % CHUNK === 0 || k === rows.length - 1) {
        pending.push('');
        this.chunks.push(pending.join(SEPARATOR));
        pending = [];
      }
    });
    this.starts = starts;
    this.slots += rows.length;
    return rows.map((_, k) => first + k);
  }

  /**
   * The slots of `rows`. A few are looked for in `slotRows`; for more, it is turned round once (a
   * change moves a row or two: turning 100,000 slots round for each cost more than the change).
   */
  private slotsOf(rows: readonly number[]): number[] {
    const slotRows = this.slotRows;
    if (slotRows === null) return rows.slice();
    if (this.rowSlots === null && rows.length <= 8) return rows.map((row) => slotRows.indexOf(row));
    if (this.rowSlots === null) {
      this.rowSlots = new Int32Array(this.articles.length).fill(-1);
      for (let slot = 0; slot < this.slots; slot++) if (slotRows[slot]! !== -1) this.rowSlots[slotRows[slot]!] = slot;
    }
    const rowSlots = this.rowSlots;
    return rows.map((row) => rowSlots[row]!);
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

  /**
   * The articles matching the query, in the list's order. A search finishes the build first (its
   * words need every text folded); a filter by status, topic, provider or date alone does not: the rows
   * not yet indexed are tested one by one, as `compileQuery` tests them. (Filtering to unpublished
   * articles right after opening 100,000 otherwise waited for the rest of the build: up to 3 s.)
   */
  filter(query: ArticleQuery): ArticleSummary[] {
    const words = query.search ? foldText(query.search).split(/\s+/).filter(Boolean) : [];
    if (words.length > 0) this.buildSome(Infinity);
    const n = this.articles.length;
    const keep = KEEP.take(n, 0);
    const topic = query.topic ? this.byTopic.get(foldText(query.topic)) : null;
    const provider = query.provider ? this.byProvider.get(foldText(query.provider)) : null;
    if (topic === null && provider === null) keep.fill(1);
    else {
      this.markRows(keep, topic ?? provider!);
      if (topic !== null && provider !== null) {
        const both = BOTH.take(n, 0);
        this.markRows(both, provider);
        for (let i = 0; i < n; i++) keep[i] = keep[i]! & both[i]!;
      }
    }
    const status = query.status ?? 'all';
    if (status !== 'all') {
      // The rows not yet indexed are tested below.
      for (let i = 0; i < this.built; i++) {
        if (keep[i] === 0) continue;
        const ok = status === 'published' ? this.published[i] === 1 : status === 'unpublished' ? this.published[i] === 0 : this.problems[i] === 1;
        if (!ok) keep[i] = 0;
      }
    }
    if (hasDateRange(query)) {
      for (let i = 0; i < this.built; i++) if (keep[i] === 1 && !inDateRange(this.times[i]!, query)) keep[i] = 0;
    }
    if (this.built < n) {
      const test = compileQuery({ ...query, search: undefined });
      for (let i = this.built; i < n; i++) keep[i] = test(this.articles[i]!) ? 1 : 0;
    }
    for (const word of words) this.keepMatching(keep, word);
    // Counted first and filled in place: pushing 70,000 rows one by one regrew the array about twenty
    // times and took 2.5 times as long, the slowest of the typical queries.
    let count = 0;
    for (let i = 0; i < n; i++) count += keep[i]!;
    const out = new Array<ArticleSummary>(count);
    for (let i = 0, row = 0; row < count; i++) if (keep[i] === 1) out[row++] = this.articles[i]!;
    return out;
  }

  /** Marks the rows of `slots` (those still listed) in `marks`. */
  private markRows(marks: Uint8Array, slots: readonly number[]): void {
    const slotRows = this.slotRows;
    if (slotRows === null) for (const slot of slots) marks[slot] = 1;
    else {
      for (const slot of slots) {
        const row = slotRows[slot]!;
        if (row !== -1) marks[row] = 1;
      }
    }
  }

  /** Clears every kept row whose text lacks `word`. */
  private keepMatching(keep: Uint8Array, word: string): void {
    const hit = this.rowsByWord(word, keep.length) ?? this.rowsByScan(word, keep.length);
    for (let i = 0; i < keep.length; i++) keep[i] = keep[i]! & hit[i]!;
  }

  /**
   * The rows holding `word` from the word table: the rows of every word it is part of, and of the
   * texts laid down after the table (scanned). Null where the table cannot answer (the search word
   * has other characters) or the scan is cheaper.
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
    const hit = HIT.take(n, 0);
    const slotRows = this.slotRows;
    if (slotRows === null) for (const k of found) for (let r = rowStarts[k]!; r < rowStarts[k + 1]!; r++) hit[rows[r]!] = 1;
    else {
      for (const k of found) {
        for (let r = rowStarts[k]!; r < rowStarts[k + 1]!; r++) {
          const row = slotRows[rows[r]!]!;
          if (row !== -1) hit[row] = 1;
        }
      }
    }
    if (this.slots > this.sealedSlots) this.scanTexts(word, this.sealedSlots, hit);
    return hit;
  }

  /** The rows holding `word`: one pass of indexOf over all texts. */
  private rowsByScan(word: string, n: number): Uint8Array {
    const hit = HIT.take(n, 0);
    // No article's text holds the separator, so a word with one in it matches nothing.
    if (!word.includes(SEPARATOR)) this.scanTexts(word, 0, hit);
    return hit;
  }

  /** Marks the rows whose texts, from slot `from` on, hold `word`. */
  private scanTexts(word: string, from: number, hit: Uint8Array): void {
    const slotRows = this.slotRows;
    for (let c = Math.floor(from / CHUNK); c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      const base = this.starts[c * CHUNK]!;
      let slot = Math.max(from, c * CHUNK);
      let at = chunk.indexOf(word, this.starts[slot]! - base);
      while (at !== -1) {
        // Hits come in text order, so the slot only moves forward: walking is cheaper than bisecting.
        while (this.starts[slot + 1]! <= base + at) slot++;
        const row = slotRows === null ? slot : slotRows[slot]!;
        if (row !== -1) hit[row] = 1;
        at = chunk.indexOf(word, this.starts[slot + 1]! - base);
      }
    }
  }
}
