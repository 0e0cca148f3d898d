/**
 * A long list in the review pane shown in parts: its first few, then `SHOW_STEP` more at each
 * press. A file's lists are the editor's to make as long as they like, and the desk makes what it
 * shows: 60,000 fields of one file made at once held it 3.3 s at the mere selection of the
 * article, 20,000 images 3.6 s, 20,000 topics 1.9 s.
 */
import { useEffect, useRef, useState } from 'react';
import { formatCount } from '../format.js';

/**
 * Items made at one press, at most: a field, an image or a chip costs 0.1-0.2 ms to make and lay
 * out here, so 200 of them hold the desk 20-40 ms.
 */
export const SHOW_STEP = 200;

/**
 * How many of `total` items are shown: `first` at first, `SHOW_STEP` more at each `more()`. Once
 * all are shown, all stay shown as the list grows (a topic added to a long list shows its chip).
 */
export function useShown(total: number, first: number): { shown: number; more: () => void } {
  const [count, setCount] = useState<number | 'all'>(first);
  const shown = count === 'all' ? total : Math.min(total, count);
  return { shown, more: () => setCount(shown + SHOW_STEP >= total ? 'all' : shown + SHOW_STEP) };
}

/**
 * What is left of a list, and the button that shows more of it. The focus stays on the button as
 * what it shows comes in before it; the last press puts in its place a line that says all are
 * shown, with the focus, so the keyboard keeps its place. Nothing for a list shown whole at first.
 */
export function ShowMore({ shown, total, what, onMore }: { readonly shown: number; readonly total: number; readonly what: string; readonly onMore: () => void }) {
  const left = total - shown;
  // The last press, and whether the button had the focus then.
  const [last, setLast] = useState<{ focused: boolean } | null>(null);
  const doneRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (last?.focused) doneRef.current?.focus();
  }, [last]);
  if (left <= 0) {
    return last !== null ? (
      <span ref={doneRef} tabIndex={-1} className="show-more muted">
        All {formatCount(total)} {what} shown
      </span>
    ) : null;
  }
  return (
    <span className="show-more">
      <span className="muted">
        {formatCount(shown)} of {formatCount(total)} {what} shown
      </span>
      <button
        type="button"
        className="quiet"
        onClick={(e) => {
          if (left <= SHOW_STEP) setLast({ focused: e.currentTarget === document.activeElement });
          onMore();
        }}
      >
        {left > SHOW_STEP ? `Show ${SHOW_STEP} more` : `Show the other ${formatCount(left)}`}
      </button>
    </span>
  );
}
