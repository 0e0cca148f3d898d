/** Reading in the main process while the storage keeps up, and handing the rest to the threads once it does not. */
import { expect, test } from 'vitest';
import { readHereUnlessSlow } from '../../main/core/read-pool.js';

/** A clock each read moves on by the next of `durations` (ms), one per slice. */
function clock(durations: readonly number[]): { now: () => number; read: (slice: readonly number[]) => void; slices: number[][] } {
  let time = 0;
  let next = 0;
  const slices: number[][] = [];
  return {
    now: () => time,
    read: (slice) => {
      slices.push([...slice]);
      time += durations[next++] ?? 1;
    },
    slices,
  };
}

const items = Array.from({ length: 200 }, (_, i) => i);

test('quick storage: every item read here, in slices of 32, nothing left', async () => {
  const c = clock([30, 5, 8, 2, 2, 2, 2]);
  expect(await readHereUnlessSlow(items, c.read, () => false, c.now)).toEqual([]);
  expect(c.slices.map((s) => s.length)).toEqual([32, 32, 32, 32, 32, 32, 8]);
  expect(c.slices.flat()).toEqual(items);
});

test('the first slice may take longer (it compiles the reader); a slow slice after it hands the rest over', async () => {
  const c = clock([110, 6, 45]);
  const rest = await readHereUnlessSlow(items, c.read, () => false, c.now);
  expect(c.slices).toHaveLength(3);
  expect(rest).toEqual(items.slice(96));
});

test('a first slice slower than even a compile allows hands the rest over at once', async () => {
  const c = clock([130]);
  expect(await readHereUnlessSlow(items, c.read, () => false, c.now)).toEqual(items.slice(32));
});

test('stopped: nothing more is read and nothing is handed over', async () => {
  const c = clock([1, 1, 1]);
  let reads = 0;
  const rest = await readHereUnlessSlow(
    items,
    (slice) => {
      c.read(slice);
      reads++;
    },
    () => reads >= 2,
    c.now,
  );
  expect(rest).toEqual([]);
  expect(reads).toBe(2);
});

test('each slice in a task of its own, so requests are answered between them', async () => {
  const c = clock([]);
  const order: string[] = [];
  const reading = readHereUnlessSlow(items.slice(0, 64), (slice) => order.push(`slice ${slice[0]}`), () => false, c.now);
  setImmediate(() => order.push('request'));
  await reading;
  expect(order).toEqual(['slice 0', 'request', 'slice 32']);
});
