/** Background passes drop their news of an article the main thread touched while they ran. */
import { describe, expect, test } from 'vitest';
import { BackgroundPasses } from '../../main/core/background-passes.js';

describe('BackgroundPasses', () => {
  test('an article touched during a pass is no longer fresh for it; others stay fresh', async () => {
    const passes = new BackgroundPasses();
    const seen = await passes.run(async (fresh) => {
      passes.touch('a.md');
      return { a: fresh('a.md'), b: fresh('b.md') };
    });
    expect(seen).toStrictEqual({ a: false, b: true });
  });

  test('a touch before a pass began, or after it ended, leaves it fresh', async () => {
    const passes = new BackgroundPasses();
    passes.touch('a.md');
    let later: ((id: string) => boolean) | null = null;
    expect(await passes.run(async (fresh) => ((later = fresh), fresh('a.md')))).toBe(true);
    passes.touch('b.md');
    expect(later!('b.md')).toBe(true);
  });

  test('passes under way together each hear the touch; one begun after it does not', async () => {
    const passes = new BackgroundPasses();
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = passes.run(async (fresh) => (await gate, fresh('a.md')));
    const second = passes.run(async (fresh) => (await gate, fresh('a.md')));
    passes.touch('a.md');
    const third = passes.run(async (fresh) => (await gate, fresh('a.md')));
    release();
    expect(await Promise.all([first, second, third])).toStrictEqual([false, false, true]);
  });

  test('a pass that fails fails its caller, and ends: a later touch is not kept for it', async () => {
    const passes = new BackgroundPasses();
    let later: ((id: string) => boolean) | null = null;
    const failing = passes.run((fresh) => ((later = fresh), Promise.reject(new Error('read thread died'))));
    await expect(failing).rejects.toThrow('read thread died');
    passes.touch('a.md');
    expect(later!('a.md')).toBe(true);
  });
});
