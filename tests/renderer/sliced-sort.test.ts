/** A sort a step at a time: the order a sort gives, in bounded steps. */
import { describe, expect, test } from 'vitest';
import { SlicedSort } from '../../renderer/state/sliced-sort.js';
import { seededRandom } from '../helpers/seeded.js';

/** Runs a sliced sort to its end, counting the comparisons of its longest step. */
function run(n: number, compare: (a: number, b: number) => number): { order: number[]; steps: number; longestStep: number } {
  let comparisons = 0;
  const job = new SlicedSort(n, (a, b) => (comparisons++, compare(a, b)));
  let [steps, longestStep] = [0, 0];
  for (let done = job.done; !done; steps++) {
    comparisons = 0;
    done = job.step();
    longestStep = Math.max(longestStep, comparisons);
  }
  expect(job.step()).toBe(true); // a step after the end changes nothing
  return { order: Array.from(job.order), steps, longestStep };
}

describe('a sort in slices', () => {
  test('gives the order a sort gives, at every size around its runs and merges', () => {
    const rand = seededRandom(5);
    for (const n of [0, 1, 2, 1023, 1024, 1025, 2048, 3000, 4097, 9000, 20_000]) {
      // Keys with many equal values, ties broken by place: a total order, as the list's orders are.
      const keys = Array.from({ length: n }, () => rand(n >> 3 || 1));
      const compare = (a: number, b: number): number => keys[a]! - keys[b]! || a - b;
      const expected = Array.from(keys.keys()).sort(compare);
      expect(run(n, compare).order).toEqual(expected);
      // And in reverse, a run already sorted and one reversed.
      expect(run(n, (a, b) => b - a).order).toEqual(Array.from(keys.keys()).reverse());
      expect(run(n, (a, b) => a - b).order).toEqual(Array.from(keys.keys()));
    }
  });

  test('each step is bounded: a run of 1,024 sorted, or 4,096 rows merged', () => {
    const { steps, longestStep } = run(100_000, (a, b) => ((a * 7919) % 100_003) - ((b * 7919) % 100_003));
    // A run of 1,024 sorts in well under 20,000 comparisons; a merge step compares at most once per row.
    expect(longestStep).toBeLessThan(20_000);
    // 98 runs, then 7 passes of 100,000 rows merged 4,096 at a time (more where a pair ends mid-step).
    expect(steps).toBeGreaterThan(98 + 7 * 24);
    expect(steps).toBeLessThan(98 + 7 * 60);
  });

  test('given a tie, its last steps mark the rows that tie with the next, as many a step as a merge', () => {
    const rand = seededRandom(9);
    for (const n of [0, 1, 2, 1025, 9000]) {
      const keys = Array.from({ length: n }, () => rand(n >> 4 || 1));
      const compare = (a: number, b: number): number => keys[a]! - keys[b]! || a - b;
      let ties = 0;
      const job = new SlicedSort(n, compare, (a, b) => (ties++, keys[a] === keys[b]));
      const untied = new SlicedSort(n, compare);
      let [steps, plain] = [0, 0];
      while (!untied.step()) plain++;
      let longest = 0;
      for (let done = job.done; !done; steps++) {
        ties = 0;
        done = job.step();
        longest = Math.max(longest, ties);
      }
      expect(Array.from(job.order)).toEqual(Array.from(untied.order));
      const order = job.order;
      expect(Array.from(job.ties!)).toEqual(Array.from(order, (i, row) => (row + 1 < n && keys[i] === keys[order[row + 1]!] ? 1 : 0)));
      expect(longest).toBeLessThanOrEqual(4096);
      if (n > 0) expect(steps).toBe(plain + 1 + Math.ceil(n / 4096));
    }
    const plain = new SlicedSort(3, (a, b) => a - b);
    expect(() => plain.ties).toThrow(/not done/);
    while (!plain.step());
    expect(plain.ties).toBeUndefined();
  });

  test('the order is not given before the sort is done', () => {
    const job = new SlicedSort(5000, (a, b) => b - a);
    job.step();
    expect(job.done).toBe(false);
    expect(() => job.order).toThrow(/not done/);
  });
});
