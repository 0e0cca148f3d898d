/** Work done a slice at a time, in idle time or soon, so that the desk never waits for it. */
import { scrolledWithin } from './activity.js';

/** Idle work waits until scrolling has been quiet this long. */
const SCROLL_QUIET_MS = 300;
/** The longest idle work waits for an idle period before it runs its slice anyway. */
const IDLE_TIMEOUT_MS = 100;
/** The same once a wait has timed out: the browser is declaring no idle periods, though it may have nothing to do. */
const STARVED_TIMEOUT_MS = 16;

/**
 * Runs `work` (a slice of 250 rows, a step of a sort) until it answers true, then `done`. At `idle` pace, during idle
 * periods (setTimeout where the browser has no requestIdleCallback), as long as each period has
 * time left, and for at most 8 ms at a time: an idle period can last 50 ms, and a scroll that
 * starts during it waits for the work to stop. At `soon` pace (something waits for it), in tasks of
 * 30 ms one after another, input and frames handled between them. Returns the way to stop.
 */
export function inSlices(work: () => boolean, pace: 'idle' | 'soon', done: () => void): () => void {
  const budget = pace === 'soon' ? 30 : 8;
  let handle = 0;
  const idle = pace === 'idle' && typeof requestIdleCallback === 'function';
  let starved = false;
  const step = (deadline?: IdleDeadline): void => {
    // While the editor scrolls, idle work waits: what it builds would be collected mid-scroll.
    if (idle && scrolledWithin(SCROLL_QUIET_MS)) {
      starved = false;
      schedule();
      return;
    }
    starved = deadline?.didTimeout ?? false;
    const until = performance.now() + budget;
    let finished: boolean;
    do finished = work();
    while (!finished && (deadline === undefined || deadline.didTimeout || deadline.timeRemaining() > 4) && performance.now() < until);
    if (finished) done();
    else schedule();
  };
  // With a timeout: after a click Chromium declared no idle period for seconds at a time (none in
  // ten seconds after sorting 100,000 rows, seen in headless Chromium), and a search then built the
  // whole index at once, 2-4 s. Past the timeout the work runs its 8 ms anyway. While the waits
  // keep timing out, the next comes sooner: 8 ms every 100 ms took 30 s to build the index of
  // 100,000 after a click on a filter, every change meanwhile starting it again.
  const schedule = (): void => {
    handle = idle ? requestIdleCallback(step, { timeout: starved ? STARVED_TIMEOUT_MS : IDLE_TIMEOUT_MS }) : window.setTimeout(step, 0);
  };
  schedule();
  return () => (idle ? cancelIdleCallback(handle) : clearTimeout(handle));
}
