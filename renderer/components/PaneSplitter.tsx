/**
 * The line between the list and the review pane: dragged, or focused and moved with the arrow keys,
 * it shares the desk's width between them (a long title wants a wide list, a long article a wide
 * pane), and the share is remembered for the next start.
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { LIST_SHARE_KEY, MAX_LIST_SHARE, MIN_LIST_SHARE, panesColumns, readShare, shareAfterKey, shareAt } from '../state/pane-share.js';

/** The remembered share, or the default where storage holds none or cannot be read (a sandboxed page may refuse it). */
function storedShare(): number {
  try {
    return readShare(window.localStorage.getItem(LIST_SHARE_KEY));
  } catch {
    return readShare(null);
  }
}

/** Remembers `share`; where storage refuses, the share lasts as long as the desk. */
function storeShare(share: number): void {
  try {
    window.localStorage.setItem(LIST_SHARE_KEY, String(share));
  } catch {
    // Nothing to tell the editor: the line still works, it is only not remembered.
  }
}

/**
 * The separator between the list (`listId`) and the review pane, placed between them in the grid
 * of panes. It sets the columns of that grid (its parent) itself: a drag then lays out the panes
 * again without drawing the desk again (at 100,000 articles a render of the desk is several
 * milliseconds, a drag asks for one per frame).
 */
export function PaneSplitter({ listId }: { readonly listId: string }) {
  const lineRef = useRef<HTMLDivElement>(null);
  const [share, setShare] = useState(storedShare);
  /** The share last set: a drag's end remembers it, whether or not its last move was drawn yet. */
  const latest = useRef(share);
  const dragging = useRef(false);

  // Before the first paint: a remembered share shows at once, not after a frame of the first. (The
  // line's own element, not a ref the panes hold: a parent's ref is set after its children's layout effects.)
  useLayoutEffect(() => {
    const panes = lineRef.current?.parentElement;
    if (panes) panes.style.gridTemplateColumns = panesColumns(share);
  }, [share]);

  const moveTo = (next: number, remember: boolean): void => {
    latest.current = next;
    setShare(next);
    if (remember) storeShare(next);
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return;
    e.preventDefault(); // no text selected across the panes while dragging
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    dragging.current = true;
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    const panes = e.currentTarget.parentElement;
    if (!dragging.current || panes === null) return;
    const { left, width } = panes.getBoundingClientRect();
    moveTo(shareAt(e.clientX, left, width), false);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>): void => {
    if (!dragging.current) return;
    dragging.current = false;
    // A cancelled pointer (the window lost it) has no capture left to release.
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    storeShare(latest.current);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const width = e.currentTarget.parentElement?.getBoundingClientRect().width ?? 0;
    const next = shareAfterKey(share, e.key, e.shiftKey, width);
    if (next === null) return;
    // The desk's own keys (Home and End move through the list) are not this line's.
    e.preventDefault();
    e.stopPropagation();
    moveTo(next, true);
  };

  const percent = Math.round(share * 100);
  return (
    <div
      ref={lineRef}
      role="separator"
      aria-orientation="vertical"
      aria-label="Width of the list"
      aria-controls={listId}
      aria-valuemin={Math.round(MIN_LIST_SHARE * 100)}
      aria-valuemax={Math.round(MAX_LIST_SHARE * 100)}
      aria-valuenow={percent}
      aria-valuetext={`The list takes ${percent}% of the width`}
      title="Drag, or focus and press ← →, to widen the list or the review pane (Enter: as at first)"
      tabIndex={0}
      className="pane-split"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={(e) => moveTo(shareAfterKey(share, 'Enter', false, e.currentTarget.parentElement?.getBoundingClientRect().width ?? 0)!, true)}
      onKeyDown={onKeyDown}
    />
  );
}
