/** Work arrays kept from call to call: filled as asked, grown when too short, the same memory otherwise. */
import { describe, expect, test } from 'vitest';
import { scratchInt32, scratchUint8 } from '../../shared/scratch.js';

describe('Scratch', () => {
  test('each take is the length asked for, every entry set to the fill, whatever the last take left', () => {
    const scratch = scratchInt32();
    const first = scratch.take(5, -1);
    expect(Array.from(first)).toEqual([-1, -1, -1, -1, -1]);
    first.set([1, 2, 3, 4, 5]);
    expect(Array.from(scratch.take(3, 0))).toEqual([0, 0, 0]);
    expect(Array.from(scratch.take(5, 7))).toEqual([7, 7, 7, 7, 7]);
    expect(scratch.take(0, 1)).toHaveLength(0);
  });

  test('the memory is reused while it is long enough, and replaced by a longer one when not', () => {
    const scratch = scratchUint8();
    const a = scratch.take(100, 0);
    const b = scratch.take(60, 1);
    expect(b.buffer).toBe(a.buffer);
    const c = scratch.take(101, 0);
    expect(c.buffer).not.toBe(a.buffer);
    expect(c.buffer.byteLength).toBeGreaterThanOrEqual(125); // grown by a quarter at least, not by one
    expect(scratch.take(120, 2).buffer).toBe(c.buffer);
  });
});
