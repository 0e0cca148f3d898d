/**
 * The list index's searchable text: every row's folded title and excerpt laid down in a few large
 * strings searched with native `indexOf`, and the rows of every word (a run of letters and digits)
 * in that text, so a word half the library contains is found without visiting each hit. Texts are
 * numbered by the order they were laid down in, their slot; the index maps slots to rows (see
 * `ListIndex`), so a change of the list's order renumbers one typed array and lays down no text
 * again.
 */
import { scratchUint8 } from './scratch.js';
import { SEALED_PER_ROW, SEPARATOR, WordSealer, type SealedWords } from './word-table.js';

/** A word of the text: letters and digits. A search word made only of them can only lie inside one. */
const WORD = /[\p{L}\p{N}]+/gu;
const ONLY_WORD = /^[\p{L}\p{N}]+$/u;
/** Texts per chunk: chunks are joined as they fill, so no step of the build joins everything. */
export const TEXTS_PER_CHUNK = 1024;
/** Where the texts start before any is laid down. */
const NO_STARTS = new Int32Array(1);
/** The work array of a search (see scratch.ts). */
const HIT = scratchUint8();

/**
 * The texts of a list of `rows` rows: laid down in slot order by the build (`add`, then `seal`), or
 * taken from another list's (`fork`) with texts appended after (`append`).
 */
export class SlotTexts {
  /** Where each text starts, counted over all chunks as if they were one string. */
  private starts = NO_STARTS;
  private chunks: string[] = [];
  private slots = 0;
  /** The slots the word table covers; the texts laid down after it are searched by a scan. */
  private sealedSlots = 0;
  /** Each word of the text and the rows holding it, while the build runs; sealed into `words` after. */
  private building: Map<string, number[]> | null;
  /** The sealing of `building` once every row is laid down, a step per `seal`. */
  private sealing: WordSealer | null = null;
  /** Every word of the text and the slots holding it, once sealed. */
  private words: SealedWords = { text: '', starts: new Int32Array(1), rowStarts: new Int32Array(1), rows: new Int32Array(0) };
  /** The texts of the chunk being filled. */
  private pending: string[] = [];

  constructor(private readonly rows: number) {
    this.building = rows === 0 ? null : new Map(); // nothing to lay down: the empty word table is sealed
  }

  /** How many texts are laid down. */
  get count(): number {
    return this.slots;
  }

  /** How many texts were laid down after the word table: each search scans them. */
  get unsealed(): number {
    return this.slots - this.sealedSlots;
  }

  /** True once the word table is sealed. */
  get sealed(): boolean {
    return this.building === null;
  }

  /** Lays down row `row`'s folded text in slot `row` (the build's own order) and notes its words. */
  add(row: number, folded: string): void {
    if (this.starts === NO_STARTS) this.starts = new Int32Array(this.rows + 1);
    for (const [word] of folded.matchAll(WORD)) {
      const rows = this.building!.get(word);
      if (rows === undefined) this.building!.set(word, [row]);
      else if (rows[rows.length - 1] !== row) rows.push(row);
    }
    this.pending.push(folded);
    this.starts[row + 1] = this.starts[row]! + folded.length + 1;
    this.slots = row + 1;
    if ((row + 1) % TEXTS_PER_CHUNK === 0 || row + 1 === this.rows) {
      // Joined with a last empty text, so the chunk ends with the separator and is one flat string:
      // adding the separator with `+` made a two-part string that the first search had to copy
      // into one, 260 ms for the chunks of 100,000 articles.
      this.pending.push('');
      this.chunks.push(this.pending.join(SEPARATOR));
      this.pending = [];
    }
  }

  /**
   * Seals the word table once every row is laid down, as much of it per call as `budget` rows would
   * take (see `WordSealer`); true once sealed.
   */
  seal(budget: number): boolean {
    if (this.building === null) return true;
    if (this.slots < this.rows) return false;
    this.sealing ??= new WordSealer(this.building);
    const words = this.sealing.seal(budget * SEALED_PER_ROW);
    if (words === null) return false;
    this.words = words;
    this.sealedSlots = this.slots;
    this.building = null;
    this.sealing = null;
    return true;
  }

  /**
   * The texts of a new list of `rows` rows, sharing these (sealed): the texts, their starts and the
   * word table as they are, in their slots. The last chunk is copied when texts are appended.
   */
  fork(rows: number): SlotTexts {
    const next = new SlotTexts(rows);
    next.chunks = this.chunks.slice(); // the last may be replaced by `append`; this list keeps its own
    next.starts = this.starts;
    next.slots = this.slots;
    next.sealedSlots = this.sealedSlots;
    next.words = this.words;
    next.building = null;
    return next;
  }

  /**
   * Lays down the texts of `rows` (folded, in `texts`) in new slots after the others, noting each
   * slot's row in `slotRows` (which has room for them); answers their slots. A last chunk not yet full
   * is replaced by a longer copy: the list it came from shares the others, and still searches its own.
   */
  append(rows: readonly number[], texts: readonly string[], slotRows: Int32Array): number[] {
    const first = this.slots;
    if (rows.length === 0) return [];
    const starts = new Int32Array(this.slots + rows.length + 1);
    starts.set(this.starts.subarray(0, this.slots + 1));
    let pending = this.slots % TEXTS_PER_CHUNK === 0 ? [] : [this.chunks.pop()!.slice(0, -1)];
    rows.forEach((row, k) => {
      const slot = this.slots + k;
      const text = texts[k]!;
      pending.push(text);
      starts[slot + 1] = starts[slot]! + text.length + 1;
      slotRows[slot] = row;
      if ((slot + 1) % TEXTS_PER_CHUNK === 0 || k === rows.length - 1) {
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
   * Marks (1) the rows of `n` whose texts hold `word`, folded, in a scratch array: from the word
   * table where it can answer, else by a scan. `slotRows` maps slots to rows (-1 for none); null
   * where each slot is its own row.
   */
  rowsHolding(word: string, n: number, slotRows: Int32Array | null): Uint8Array {
    return this.rowsByWord(word, n, slotRows) ?? this.rowsByScan(word, n, slotRows);
  }

  /**
   * The rows holding `word` from the word table: the rows of every word it is part of, and of the
   * texts laid down after the table (scanned). Null where the table cannot answer (the search word
   * has other characters) or the scan is cheaper.
   */
  private rowsByWord(word: string, n: number, slotRows: Int32Array | null): Uint8Array | null {
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
    if (slotRows === null) for (const k of found) for (let r = rowStarts[k]!; r < rowStarts[k + 1]!; r++) hit[rows[r]!] = 1;
    else {
      for (const k of found) {
        for (let r = rowStarts[k]!; r < rowStarts[k + 1]!; r++) {
          const row = slotRows[rows[r]!]!;
          if (row !== -1) hit[row] = 1;
        }
      }
    }
    if (this.slots > this.sealedSlots) this.scan(word, this.sealedSlots, hit, slotRows);
    return hit;
  }

  /** The rows holding `word`: one pass of indexOf over all texts. */
  private rowsByScan(word: string, n: number, slotRows: Int32Array | null): Uint8Array {
    const hit = HIT.take(n, 0);
    // No article's text holds the separator, so a word with one in it matches nothing.
    if (!word.includes(SEPARATOR)) this.scan(word, 0, hit, slotRows);
    return hit;
  }

  /** Marks the rows whose texts, from slot `from` on, hold `word`. */
  private scan(word: string, from: number, hit: Uint8Array, slotRows: Int32Array | null): void {
    for (let c = Math.floor(from / TEXTS_PER_CHUNK); c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      const base = this.starts[c * TEXTS_PER_CHUNK]!;
      let slot = Math.max(from, c * TEXTS_PER_CHUNK);
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
