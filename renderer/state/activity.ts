/**
 * When the page last scrolled, and when the editor last did something: a key, the wheel, a touch,
 * a pointer pressed or released, or a scroll while a pointer is held (a scrollbar dragged). Work
 * that would hold the desk for a while waits for a pause: idle work while the list scrolls (see
 * in-slices.ts), the merge of the list's next pages while the editor types or scrolls (App.tsx).
 *
 * A scroll alone is not the editor's: the desk scrolls the list itself to keep the selected row in
 * view, which a merge that puts rows above it can ask for. Counted as the editor's, each such merge
 * would have held the next one back.
 */
let lastScroll = -Infinity;
let lastInput = -Infinity;
let pointerHeld = false;
if (typeof window !== 'undefined') {
  // Captured at the window: scroll events do not bubble, and a handler may stop a key's.
  const options = { capture: true, passive: true };
  const input = (): void => void (lastInput = performance.now());
  for (const type of ['keydown', 'wheel', 'touchmove']) window.addEventListener(type, input, options);
  window.addEventListener('pointerdown', () => ((pointerHeld = true), input()), options);
  for (const type of ['pointerup', 'pointercancel']) window.addEventListener(type, () => ((pointerHeld = false), input()), options);
  window.addEventListener(
    'scroll',
    () => {
      lastScroll = performance.now();
      if (pointerHeld) lastInput = lastScroll;
    },
    options,
  );
}

/** True when the page scrolled within the last `ms`, whoever scrolled it. */
export function scrolledWithin(ms: number): boolean {
  return performance.now() - lastScroll < ms;
}

/** True when the editor pressed a key, scrolled or used the pointer within the last `ms`. */
export function editorActiveWithin(ms: number): boolean {
  return performance.now() - lastInput < ms;
}
