/**
 * How the desk's width is shared between the list and the review pane: the list's share of it,
 * moved by the line between them (see PaneSplitter) and remembered for the next start.
 */

/** The list's share before the editor moves the line: about what the titles and the review pane each need at 1,440 px. */
export const DEFAULT_LIST_SHARE = 0.59;
/** The narrowest and widest the line can make the list (the review pane keeps 360 px whatever the share, see `panesColumns`). */
export const MIN_LIST_SHARE = 0.3;
export const MAX_LIST_SHARE = 0.8;
/** An arrow key's step, and with Shift held. */
const STEP = 0.02;
const BIG_STEP = 0.1;
/**
 * The narrowest the list is laid out, in pixels: its narrow columns (title 120, provider 84, date
 * 116, quality 72, published 110) and the scrollbar, so Published is never cut off (see styles.css).
 */
export const LIST_MIN_PX = 520;
/** The review pane's narrowest, and the line's width between the two. */
export const REVIEW_MIN_PX = 360;
export const SPLIT_PX = 7;

/** Where the share is remembered (the browser's storage for the desk's origin). */
export const LIST_SHARE_KEY = 'masthead.listShare';

/** The shares the line can reach: the narrowest and the widest list. */
export interface ShareRange {
  readonly min: number;
  readonly max: number;
}

/** The line's reach whatever the panes' width. */
const ANY_WIDTH: ShareRange = { min: MIN_LIST_SHARE, max: MAX_LIST_SHARE };

/**
 * The line's reach in panes `width` px wide: besides its own limits, the list no narrower than
 * `LIST_MIN_PX` and the review pane no narrower than `REVIEW_MIN_PX`, as the columns hold them
 * (see `panesColumns`). Past those the list's width no longer follows the share, and a share kept
 * there made keys that moved nothing (a dozen presses of ← at 960 px) and a value that was not the
 * list's. Where both cannot hold (a browser window under 887 px), the review pane's narrowest wins,
 * as it does in the columns.
 */
export function shareRange(width: number): ShareRange {
  const room = width - SPLIT_PX;
  if (!(room > 0)) return ANY_WIDTH;
  const max = Math.max(0, Math.min(MAX_LIST_SHARE, 1 - REVIEW_MIN_PX / room));
  const min = Math.min(max, Math.max(MIN_LIST_SHARE, LIST_MIN_PX / room));
  return { min, max };
}

/** `share` kept within the line's reach (`range`: in panes of a known width, see `shareRange`). */
export function clampShare(share: number, range: ShareRange = ANY_WIDTH): number {
  return Math.min(range.max, Math.max(range.min, share));
}

/** The share remembered as `stored` (text from storage, or null), or the default when there is none or it is not a share. */
export function readShare(stored: string | null): number {
  if (stored === null || stored.trim() === '') return DEFAULT_LIST_SHARE;
  const share = Number(stored);
  return Number.isFinite(share) ? clampShare(share) : DEFAULT_LIST_SHARE;
}

/** The share that puts the line under the pointer at `x`, for panes starting at `left` and `width` wide, within its reach there. */
export function shareAt(x: number, left: number, width: number): number {
  const room = width - SPLIT_PX;
  return room > 0 ? clampShare((x - left - SPLIT_PX / 2) / room, shareRange(width)) : DEFAULT_LIST_SHARE;
}

/**
 * The share after `key` on the line (`wide`: Shift held) in panes `width` px wide, or null for a
 * key the line does not take. A step starts from where the list is (a share past the line's reach
 * there, remembered from a wider window, counts as its edge).
 */
export function shareAfterKey(share: number, key: string, wide: boolean, width = 0): number | null {
  const range = shareRange(width);
  const step = wide ? BIG_STEP : STEP;
  const from = clampShare(share, range);
  switch (key) {
    case 'ArrowLeft':
      return clampShare(from - step, range);
    case 'ArrowRight':
      return clampShare(from + step, range);
    case 'Home':
      return range.min;
    case 'End':
      return range.max;
    case 'Enter':
      return clampShare(DEFAULT_LIST_SHARE, range);
    default:
      return null;
  }
}

/**
 * The panes' grid columns for `share`: the list and the review pane share what the line leaves by
 * `share`, the list never narrower than `LIST_MIN_PX` (less where the window cannot hold both
 * minimums) and the review pane never narrower than `REVIEW_MIN_PX`.
 */
export function panesColumns(share: number): string {
  // In hundredths: a flexible track whose factor is below 1 takes only that part of the room left
  // (the review pane, once the list is held at its narrowest, left a gap beside it).
  const list = Number((share * 100).toFixed(2));
  const review = Number(((1 - share) * 100).toFixed(2));
  return `minmax(min(${LIST_MIN_PX}px, calc(100% - ${REVIEW_MIN_PX + SPLIT_PX}px)), ${list}fr) ${SPLIT_PX}px minmax(${REVIEW_MIN_PX}px, ${review}fr)`;
}
