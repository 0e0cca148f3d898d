/**
 * When the editor last pressed a key and last scrolled. Work that would hold the desk for a while
 * waits for a pause in them: idle work while the list scrolls (see in-slices.ts), the merge of the
 * list's next pages while the editor types or scrolls (see App.tsx).
 */
let lastKey = -Infinity;
let lastScroll = -Infinity;
if (typeof window !== 'undefined') {
  // Captured at the window: scroll events do not bubble, and a handler may stop a key's.
  window.addEventListener('keydown', () => (lastKey = performance.now()), { capture: true, passive: true });
  window.addEventListener('scroll', () => (lastScroll = performance.now()), { capture: true, passive: true });
}

/** True when the page scrolled within the last `ms`. */
export function scrolledWithin(ms: number): boolean {
  return performance.now() - lastScroll < ms;
}

/** True when the editor pressed a key or scrolled within the last `ms`. */
export function activeWithin(ms: number): boolean {
  return performance.now() - Math.max(lastKey, lastScroll) < ms;
}
