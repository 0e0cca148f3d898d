/**
 * A sort done a step at a time, so that a long one can run between frames: runs of 1,024 rows
 * sorted whole, then merged pairwise, a few thousand rows per step. With a comparison that is a
 * total order (the list's orders break ties by id), it gives exactly the order a sort gives.
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

  constructor(
    n: number,
    private readonly compare: (a: number, b: number) => number,
  ) {
    this.from = new Int32Array(n);
    for (let i = 0; i < n; i++) this.from[i] = i;
    this.to = new Int32Array(n);
  }

  get done(): boolean {
    return this.width >= this.from.length && this.width > 0;
  }

  /** Each row's place in the input, in sorted order; only once `done`. */
  get order(): Int32Array {
    if (!this.done) throw new Error('the sort is not done');
    return this.from;
  }

  /** Does one step of the sort; true once it is done. */
  step(): boolean {
    const n = this.from.length;
    if (this.done) return true;
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
