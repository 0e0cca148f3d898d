/**
 * A columnar index over the list in display order, so a filter of 100,000 articles fits in a frame:
 * approval, problems and publication times in typed arrays, topics and providers as lists of row
 * numbers, and the folded titles and excerpts with the rows of each word in them (`SlotTexts`).
 * It is built a slice at a time (the desk does it in idle time). After that it is never built
 * again for the same library: an edit that leaves an article's place and text alone is patched in
 * (`patch`), and any other change (a new order, articles added, removed or retitled) gives a new
 * index that shares this one's texts and word table (`update`), in a pass
 * over the rows rather than a build. It answers exactly what `compileQuery` answers
 * (tests/shared/list-index.test.ts checks that), only faster.
 */
import type { ArticleSummary } from './article.js';
import { NameSlots } from './name-slots.js';
import { compileQuery, foldText, hasDateRange, inDateRange, publishedTime, type ArticleQuery } from './query.js';
import { copyRows, newRowsOf, renumberSlots } from './row-moves.js';
import { scratchInt32, scratchUint8 } from './scratch.js';
import { SlotTexts, TEXTS_PER_CHUNK } from './slot-texts.js';
import { foldedTexts } from './word-table.js';

/** The work arrays of `update` and `filter` (see scratch.ts). */
const NEW_ROWS = scratchInt32();
const KEEP = scratchUint8();
const BOTH = scratchUint8();

/**
 * How many texts `update` may add after those the word table covers before it asks for a new
 * build: they are searched by a scan, a quarter of the list at most (about 3 ms a word at 100,000).
 */
export function maxAddedTexts(rows: number): number {
  return Math.max(4 * TEXTS_PER_CHUNK, rows >> 2);
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
   * The titles and excerpts. Texts (and the topics' and providers' lists) are numbered by the order
   * they were laid down in, their slot: a row's own number until the list changes, then `slotRows`
   * holds each slot's row, -1 for an article no longer listed (or listed with another text, laid
   * down in a new slot). So a change renumbers one typed array, never the lists.
   */
  private texts: SlotTexts;
  private slotRows: Int32Array | null = null;
  /** Each row's slot, `slotRows` turned round: made when first asked for (see `slotsOf`). */
  private rowSlots: Int32Array | null = null;
  /** Rows indexed so far. */
  private built = 0;
  /** Topics and providers folded: a few hundred distinct names, each folded once. */
  private readonly foldedNames = new Map<string, string>();

  constructor(private articles: readonly ArticleSummary[]) {
    this.texts = new SlotTexts(articles.length);
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
    return this.texts.unsealed;
  }

  /** True once every row is indexed and the word table sealed. */
  get complete(): boolean {
    return this.built === this.articles.length && this.texts.sealed;
  }

  /**
   * Indexes up to `count` more rows, then seals the word table, as much of it per call as `count`
   * rows would take (see `WordSealer`); true when every row is indexed and the table sealed.
   */
  buildSome(count: number): boolean {
    const n = this.articles.length;
    const end = Math.min(n, this.built + count);
    this.allocate();
    // The slice's texts are folded together and not kept per article: 100,000 cached strings (and
    // the weak map holding them) made every full collection of the desk's heap longer than a frame.
    const texts = foldedTexts(this.articles.slice(this.built, end));
    for (let i = this.built; i < end; i++) {
      const a = this.articles[i]!;
      this.published[i] = a.published ? 1 : 0;
      this.problems[i] = a.problems.length > 0 ? 1 : 0;
      this.times[i] = publishedTime(a);
      this.addNames(a, i);
      this.texts.add(i, texts[i - this.built]!);
    }
    this.built = end;
    if (this.built === n) this.texts.seal(count);
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
    // The texts, the word table and the name lists stay as they are, in their slots; only each
    // slot's row changes, and the new rows' texts and names are laid down in new slots.
    const next = new ListIndex(articles);
    next.texts = this.texts.fork(n);
    next.allocate();
    for (const [name, folded] of this.foldedNames) next.foldedNames.set(name, folded);
    next.byTopic.share(this.byTopic);
    next.byProvider.share(this.byProvider);
    const slots = this.texts.count;
    next.slotRows = new Int32Array(slots + added.length); // this index stays as it was: a render may still hold it
    renumberSlots(this.slotRows, slots, newRows, next.slotRows);
    const addedSlots = next.texts.append(added, foldedTexts(added.map((row) => articles[row]!)), next.slotRows);
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
      for (let slot = 0; slot < this.texts.count; slot++) if (slotRows[slot]! !== -1) this.rowSlots[slotRows[slot]!] = slot;
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
    for (const word of words) {
      const hit = this.texts.rowsHolding(word, n, this.slotRows);
      for (let i = 0; i < n; i++) keep[i] = keep[i]! & hit[i]!;
    }
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
}
