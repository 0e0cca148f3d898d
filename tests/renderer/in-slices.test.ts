// @vitest-environment jsdom
/** Work a slice at a time: in idle periods, sooner when the browser declares none, and never while the editor scrolls. */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { inSlices } from '../../renderer/state/in-slices.js';

/** A requestIdleCallback the test calls back by hand, recording each wait's timeout. */
function idleByHand() {
  const waiting: { run: (d: IdleDeadline) => void; timeout: number | undefined }[] = [];
  vi.stubGlobal('requestIdleCallback', (run: (d: IdleDeadline) => void, options?: IdleRequestOptions) => waiting.push({ run, timeout: options?.timeout }));
  vi.stubGlobal('cancelIdleCallback', () => undefined);
  const call = (didTimeout: boolean, left = 0): number | undefined => {
    const next = waiting.shift()!;
    next.run({ didTimeout, timeRemaining: () => left });
    return waiting[0]?.timeout;
  };
  return { waiting, call };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The page's clock, by hand: each slice of work moves it on as long as the slice would take. */
let now = 1_000_000;
const busy = (ms: number): void => void (now += ms);

describe('work in slices', () => {
  test('waits up to 100 ms for an idle period; once a wait times out, the next is 16 ms, until idle periods come back', () => {
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const idle = idleByHand();
    let slices = 0;
    let finished = false;
    inSlices(() => (busy(3), ++slices >= 12), 'idle', () => (finished = true));
    expect(idle.waiting[0]!.timeout).toBe(100);
    expect(idle.call(true)).toBe(16); // no idle period for 100 ms: sooner next time
    expect(idle.call(true)).toBe(16);
    expect(idle.call(false, 20)).toBe(100); // an idle period came: back to waiting for them
    expect(finished).toBe(false);
    while (idle.waiting.length > 0) idle.call(true);
    expect(finished).toBe(true);
    expect(slices).toBe(12);
  });

  test('a timed-out slice runs at most 8 ms; an idle one stops when the period runs low', () => {
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const idle = idleByHand();
    let calls = 0;
    inSlices(() => (calls++, busy(3), false), 'idle', () => undefined);
    idle.call(true);
    expect(calls).toBe(3); // 3 ms slices until 8 ms have passed
    calls = 0;
    idle.call(false, 2); // under 4 ms left in the period: one slice only
    expect(calls).toBe(1);
  });

  test('while the editor scrolls, idle work waits, and its next wait is the long one', () => {
    now += 10_000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const idle = idleByHand();
    let calls = 0;
    inSlices(() => (calls++, busy(1), false), 'idle', () => undefined);
    idle.call(true);
    const before = calls;
    window.dispatchEvent(new Event('scroll'));
    expect(idle.call(true)).toBe(100);
    expect(calls).toBe(before);
  });

  test('stopped, it runs no more', () => {
    const idle = idleByHand();
    let calls = 0;
    const stop = inSlices(() => (calls++, false), 'soon', () => undefined);
    stop();
    expect(idle.waiting).toHaveLength(0); // soon pace uses timers, not idle callbacks
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        expect(calls).toBe(0);
        resolve();
      }, 20),
    );
  });
});
