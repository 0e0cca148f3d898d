/** The look again at saved files: each between one and two delays after its last save, and none once closed. */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { SavedRecheck } from '../../main/core/saved-recheck.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('SavedRecheck', () => {
  test('hands each saved id over between one and two delays after its last save, once, the ids of a tick together', async () => {
    vi.useFakeTimers();
    const checked: string[][] = [];
    const recheck = new SavedRecheck(async (ids) => void checked.push([...ids]), 100);
    recheck.saved('a.md');
    recheck.saved('b.md');
    await vi.advanceTimersByTimeAsync(50);
    recheck.saved('c.md');
    await vi.advanceTimersByTimeAsync(50); // the first tick: nothing is a whole delay old at it
    expect(checked).toEqual([]);
    recheck.saved('a.md'); // saved again: looked at after this save
    await vi.advanceTimersByTimeAsync(100);
    expect(checked).toEqual([['b.md', 'c.md']]);
    await vi.advanceTimersByTimeAsync(100);
    expect(checked).toEqual([['b.md', 'c.md'], ['a.md']]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(checked).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0); // idle: no timer left running
    recheck.saved('d.md');
    await vi.advanceTimersByTimeAsync(200);
    expect(checked.at(-1)).toEqual(['d.md']);
  });

  test('closed, it hands nothing over and keeps no timer; a failing look is no unhandled rejection', async () => {
    vi.useFakeTimers();
    const check = vi.fn(async () => {
      throw new Error('the disk went');
    });
    const recheck = new SavedRecheck(check, 100);
    recheck.saved('a.md');
    await vi.advanceTimersByTimeAsync(200);
    expect(check).toHaveBeenCalledTimes(1);
    recheck.saved('b.md');
    recheck.close();
    await vi.advanceTimersByTimeAsync(1000);
    expect(check).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
