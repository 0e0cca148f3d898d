/** Where the main window opens: where the editor left it, while that place is still on a screen. */

/** A rectangle on the desktop, in screen pixels (a display's work area, a window's bounds). */
export interface Area {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The main window's place as it was left: its bounds when not maximized, and whether it was. */
export interface WindowPlace extends Area {
  readonly maximized: boolean;
}

/** The window's size on a first run, and the least it may have (the desk's narrow layout needs 960 × 560). */
export const FIRST_SIZE = { width: 1440, height: 900 } as const;
export const LEAST_SIZE = { width: 960, height: 560 } as const;

/**
 * How much of a window's top strip (its title bar, about 40 px) must lie on a screen for it to count
 * as there: enough to grab. Half its height, as a window manager may put a window's edge a few
 * pixels above the screen's.
 */
const GRAB = { width: 120, strip: 40, height: 20 } as const;

/**
 * The bounds to open the window with, and whether to maximize it. The place it was left, if its top
 * edge is still on one of `screens` (a monitor unplugged since, or a smaller one, must not leave it
 * out of reach), made no larger than that screen. Otherwise, and on a first run, no place (the system
 * centres it) and the first size, made no larger than the `primary` screen's work area: 1440 × 900
 * does not fit a 1366 × 768 laptop.
 */
export function windowPlace(saved: WindowPlace | undefined, screens: readonly Area[], primary: Area): { readonly bounds: Partial<Area> & Pick<Area, 'width' | 'height'>; readonly maximized: boolean } {
  const on = saved === undefined ? undefined : screens.find((screen) => grabbable(saved, screen));
  if (saved !== undefined && on !== undefined) {
    return { bounds: { x: saved.x, y: saved.y, width: fit(saved.width, on.width, 'width'), height: fit(saved.height, on.height, 'height') }, maximized: saved.maximized };
  }
  return { bounds: { width: fit(FIRST_SIZE.width, primary.width, 'width'), height: fit(FIRST_SIZE.height, primary.height, 'height') }, maximized: saved?.maximized ?? false };
}

/** Whether the strip along the window's top edge overlaps the screen by enough to grab it. */
function grabbable(window: Area, screen: Area): boolean {
  const across = Math.min(window.x + window.width, screen.x + screen.width) - Math.max(window.x, screen.x);
  const top = Math.min(window.y + GRAB.strip, screen.y + screen.height) - Math.max(window.y, screen.y);
  return across >= GRAB.width && top >= GRAB.height;
}

/** A length no larger than the screen's, and no smaller than the least the desk needs. */
function fit(length: number, screen: number, side: 'width' | 'height'): number {
  return Math.max(LEAST_SIZE[side], Math.min(Math.round(length), screen));
}
