/** Where the main window opens: where it was left while that is on a screen, else a size that fits. */
import { describe, expect, test } from 'vitest';
import { windowPlace, type Area, type WindowPlace } from '../../../main/electron/window-place.js';

const laptop: Area = { x: 0, y: 0, width: 1366, height: 728 }; // 1366 × 768, less a 40 px panel
const wide: Area = { x: 0, y: 0, width: 2560, height: 1400 };
const right: Area = { x: 2560, y: 0, width: 1920, height: 1040 }; // a second monitor to the right of `wide`
const left: WindowPlace = { x: 100, y: 80, width: 1600, height: 1000, maximized: false };

describe('windowPlace', () => {
  test.each([
    { name: 'a first run on a large screen: the first size, centred by the system', saved: undefined, screens: [wide], expected: { bounds: { width: 1440, height: 900 }, maximized: false } },
    { name: 'a first run on a laptop: no larger than its work area', saved: undefined, screens: [laptop], expected: { bounds: { width: 1366, height: 728 }, maximized: false } },
    { name: 'where it was left', saved: left, screens: [wide], expected: { bounds: { x: 100, y: 80, width: 1600, height: 1000 }, maximized: false } },
    { name: 'left maximized: maximized again, over the bounds it had', saved: { ...left, maximized: true }, screens: [wide], expected: { bounds: { x: 100, y: 80, width: 1600, height: 1000 }, maximized: true } },
    { name: 'left on the second monitor, still plugged in', saved: { ...left, x: 2700 }, screens: [wide, right], expected: { bounds: { x: 2700, y: 80, width: 1600, height: 1000 }, maximized: false } },
    { name: 'left on a second monitor since unplugged: back on the primary', saved: { ...left, x: 2700 }, screens: [wide], expected: { bounds: { width: 1440, height: 900 }, maximized: false } },
    { name: 'left larger than the screen it is on now: made to fit it', saved: { ...left, x: 10, y: 10 }, screens: [laptop], expected: { bounds: { x: 10, y: 10, width: 1366, height: 728 }, maximized: false } },
    { name: 'its title bar above the screen: out of reach, so placed afresh', saved: { ...left, y: -30 }, screens: [wide], expected: { bounds: { width: 1440, height: 900 }, maximized: false } },
    { name: 'a few pixels above the screen, as some window managers put it: still there', saved: { ...left, y: -8 }, screens: [wide], expected: { bounds: { x: 100, y: -8, width: 1600, height: 1000 }, maximized: false } },
    { name: 'only its last 100 px on the screen: out of reach, so placed afresh', saved: { ...left, x: -1500 }, screens: [wide], expected: { bounds: { width: 1440, height: 900 }, maximized: false } },
    { name: 'smaller than the desk needs: the least it may be', saved: { ...left, width: 300, height: 200 }, screens: [wide], expected: { bounds: { x: 100, y: 80, width: 960, height: 560 }, maximized: false } },
  ])('$name', ({ saved, screens, expected }) => {
    expect(windowPlace(saved, screens, screens[0]!)).toEqual(expected);
  });
});
