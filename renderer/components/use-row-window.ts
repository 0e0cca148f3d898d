/**
 * The window of a list of rows of one fixed height: which rows are in view of the scrolling
 * element, a few more on each side, and how to bring a row into view.
 *
 * Not `@tanstack/react-virtual`, which the list used before: it keeps a measurement object for
 * every row and makes them all again whenever the number of rows changes. At 100,000 articles
 * that was 100,000 objects the page's every full collection had to mark, and another 100,000 made
 * for each page merged while the list arrived and for each approval that took a row out of a
 * filtered list (its issue #565). With one row height the window is arithmetic.
 */
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/** The rows to draw, from `start` (included) to `end` (excluded), and the height of all of them. */
export interface RowWindow {
  readonly start: number;
  readonly end: number;
  readonly totalHeight: number;
  /** Scrolls as little as brings row `index` wholly into view. */
  readonly scrollToRow: (index: number) => void;
}

/** The first and last rows in view of `top` and `height`, `overscan` more each side, within `count`. */
export function rowsInView(top: number, height: number, count: number, rowHeight: number, overscan: number): { start: number; end: number } {
  const first = Math.floor(Math.max(0, top) / rowHeight);
  const last = Math.ceil((Math.max(0, top) + height) / rowHeight);
  return { start: Math.min(count, Math.max(0, first - overscan)), end: Math.min(count, last + overscan) };
}

/**
 * The window of `count` rows of `rowHeight` in `scrollRef`'s element. A scroll that moves the
 * window draws it in the same frame (`flushSync`, as a scroll event comes before the frame's
 * paint); one that does not move it draws nothing. `initialHeight` is the view's height until it
 * is measured.
 */
export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan: number, initialHeight = 800): RowWindow {
  const [view, setView] = useState({ top: 0, height: initialHeight });
  const latest = useRef({ count, view });
  latest.current = { count, view };

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element === null) return;
    /** The view as the element has it now; drawn again only when that changes which rows are shown. */
    const update = (sync: boolean): void => {
      // An element not laid out (hidden, or in a test's DOM) has no height: the first guess stands.
      const next = { top: element.scrollTop, height: element.clientHeight || initialHeight };
      const { count: n, view: shown } = latest.current;
      const [a, b] = [rowsInView(shown.top, shown.height, n, rowHeight, overscan), rowsInView(next.top, next.height, n, rowHeight, overscan)];
      if (a.start === b.start && a.end === b.end && shown.height === next.height) return;
      if (sync) flushSync(() => setView(next));
      else setView(next);
    };
    const onScroll = (): void => update(true);
    element.addEventListener('scroll', onScroll, { passive: true });
    const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(() => update(false)) : null;
    resized?.observe(element);
    update(false);
    return () => {
      element.removeEventListener('scroll', onScroll);
      resized?.disconnect();
    };
  }, [scrollRef, rowHeight, overscan, initialHeight]);

  // Fewer rows (a filter, an approval out of a filtered list) can move the element's scroll back:
  // the browser then sends a scroll event, which the listener above takes.
  const scrollToRow = useCallback(
    (index: number) => {
      const element = scrollRef.current;
      if (element === null) return;
      const top = index * rowHeight;
      const bottom = top + rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (bottom > element.scrollTop + element.clientHeight) element.scrollTop = bottom - element.clientHeight;
    },
    [scrollRef, rowHeight],
  );

  const { start, end } = rowsInView(view.top, view.height, count, rowHeight, overscan);
  return { start, end, totalHeight: count * rowHeight, scrollToRow };
}
