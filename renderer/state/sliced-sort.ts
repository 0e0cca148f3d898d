/**
 * A sort done a step at a time, so that a long one can run between frames: runs of 1,024 rows
 * sorted whole, then merged pairwise, a few thousand rows per step. With a comparison that is a
 * total order (the list's orders break ties by id), it gives exactly the order a sort gives. Given
 * `tie`, its last steps mark which rows tie with the next (see `markTies`): the same column
 * clicked again right after a new sort then turns the order round without comparing rows.
 */

/** Rows sorted whole in one step: about 10,000 comparisons, 2-3 ms of titles. */
const RUN = 1024;
/** Rows merged in one step. */
const MERGED_PER_STEP = 4096;

export class SlicedSort {
  private from: Int32Array;
  private to: Int32Array;
  /** The length of the sorted runs being merged; 0 while the runs are being sorted. */
  private width = 0;
  /** Where the next run starts (while sorting runs), or the next pair of runs (while merging). */
  private start = 0;
  /** The merge of the pair at `start` under way: the next row of its left and right runs, and of the output. */
  private left = 0;
  private right = 0;
  private out = 0;
  /** Which rows of the order tie with the next, marked up to `marked` once the order is made. */
  private readonly tied: Uint8Array | null;
  private marked = 0;

  constructor(
    n: number,
    private readonly compare: (a: number, b: number) => number,
    private readonly tie?: (a: number, b: number) => boolean,
  ) {
    this.from = new Int32Array(n);
    for (let i = 0; i < n; i++) this.from[i] = i;
    this.to = new Int32Array(n);
    this.tied = tie === undefined ? null : new Uint8Array(n);
  }

  /** True once the rows are in order. */
  private get sorted(): boolean {
    return this.width >= this.from.length && this.width > 0;
  }

  get done(): boolean {
    return this.sorted && (this.tied === null || this.marked >= this.from.length);
  }

  /** Each row's place in the input, in sorted order; only once `done`. */
  get order(): Int32Array {
    if (!this.done) throw new Error('the sort is not done');
    return this.from;
  }

  /** Which rows of `order` tie with the next under `tie`; only once `done`, and only given `tie`. */
  get ties(): Uint8Array | undefined {
    if (!this.done) throw new Error('the sort is not done');
    return this.tied ?? undefined;
  }

  /** Does one step of the sort; true once it is done. */
  step(): boolean {
    const n = this.from.length;
    if (this.done) return true;
    if (this.sorted) {
      // The ties, as many rows a step as a merge step takes.
      const { from, tie, tied } = this;
      const end = Math.min(n, this.marked + MERGED_PER_STEP);
      for (let row = this.marked; row < end; row++) tied![row] = row + 1 < n && tie!(from[row]!, from[row + 1]!) ? 1 : 0;
      this.marked = end;
      return this.done;
    }
    if (this.width === 0) {
      const end = Math.min(n, this.start + RUN);
      this.from.subarray(this.start, end).sort(this.compare);
      this.start = end;
      if (end === n) this.nextPass(RUN);
      return this.done;
    }
    const { from, to, compare, width } = this;
    const mid = Math.min(n, this.start + width);
    const end = Math.min(n, this.start + 2 * width);
    let { left, right, out } = this;
    const stop = Math.min(end, out + MERGED_PER_STEP);
    while (out < stop) {
      if (left < mid && (right >= end || compare(from[left]!, from[right]!) <= 0)) to[out++] = from[left++]!;
      else to[out++] = from[right++]!;
    }
    [this.left, this.right, this.out] = [left, right, out];
    if (out === end) {
      if (end === n) this.nextPass(2 * width);
      else this.startPair(end);
    }
    return this.done;
  }

  /** Runs of `width` sorted: the next pass merges them in pairs (or the sort is done). */
  private nextPass(width: number): void {
    if (this.width > 0) [this.from, this.to] = [this.to, this.from];
    this.width = width;
    this.startPair(0);
  }

  private startPair(start: number): void {
    this.start = start;
    this.left = this.out = start;
    this.right = Math.min(this.from.length, start + this.width);
  }
}
