import { describe, expect, test } from 'vitest';
import { DEFAULT_LIST_SHARE, MAX_LIST_SHARE, MIN_LIST_SHARE, panesColumns, readShare, shareAfterKey, shareAt, shareRange, SPLIT_PX } from '../../renderer/state/pane-share.js';

describe('readShare: the share remembered in storage', () => {
  test.each<{ name: string; stored: string | null; share: number }>([
    { name: 'none yet', stored: null, share: DEFAULT_LIST_SHARE },
    { name: 'empty', stored: '', share: DEFAULT_LIST_SHARE },
    { name: 'a share', stored: '0.7', share: 0.7 },
    { name: 'too narrow: the narrowest', stored: '0.05', share: MIN_LIST_SHARE },
    { name: 'too wide: the widest', stored: '3', share: MAX_LIST_SHARE },
    { name: 'not a number', stored: 'wide', share: DEFAULT_LIST_SHARE },
    { name: 'not finite', stored: 'Infinity', share: DEFAULT_LIST_SHARE },
  ])('$name', ({ stored, share }) => {
    expect(readShare(stored)).toBe(share);
  });
});

describe('shareRange: the line’s reach in panes of a width', () => {
  test.each<{ name: string; width: number; min: number; max: number }>([
    { name: 'very wide: its own limits', width: 3000 + SPLIT_PX, min: MIN_LIST_SHARE, max: MAX_LIST_SHARE },
    { name: '1,440 px: the list’s 520 px, the review pane’s 360', width: 1440 + SPLIT_PX, min: 520 / 1440, max: 1 - 360 / 1440 },
    { name: 'the narrowest window, 960 px', width: 960, min: 520 / 953, max: 1 - 360 / 953 },
    { name: 'too narrow for both: the review pane’s narrowest wins, as in the columns', width: 800, min: 1 - 360 / 793, max: 1 - 360 / 793 },
    { name: 'narrower than the review pane: no list', width: 300, min: 0, max: 0 },
    { name: 'no width known (not laid out): its own limits', width: 0, min: MIN_LIST_SHARE, max: MAX_LIST_SHARE },
  ])('$name', ({ width, min, max }) => {
    const range = shareRange(width);
    expect(range.min).toBeCloseTo(min, 10);
    expect(range.max).toBeCloseTo(max, 10);
  });
});

describe('shareAt: the line follows the pointer', () => {
  test.each<{ name: string; x: number; share: number }>([
    // Panes of 2,000 px and the line: its own limits are the list's reach there (see shareRange).
    { name: 'the middle of the line at the middle of the room', x: 100 + SPLIT_PX / 2 + 1000, share: 0.5 },
    { name: 'three quarters', x: 100 + SPLIT_PX / 2 + 1500, share: 0.75 },
    { name: 'past the narrowest', x: 120, share: MIN_LIST_SHARE },
    { name: 'past the widest', x: 4000, share: MAX_LIST_SHARE },
  ])('$name', ({ x, share }) => {
    expect(shareAt(x, 100, 2000 + SPLIT_PX)).toBeCloseTo(share, 10);
  });

  test('panes with no width keep the first share', () => {
    expect(shareAt(50, 0, 0)).toBe(DEFAULT_LIST_SHARE);
  });

  test('in narrow panes, no further than the list’s and the review pane’s narrowest', () => {
    expect(shareAt(0, 0, 960)).toBeCloseTo(520 / 953, 10);
    expect(shareAt(960, 0, 960)).toBeCloseTo(1 - 360 / 953, 10);
  });
});

describe('shareAfterKey: the line from the keyboard', () => {
  test.each<{ name: string; share: number; key: string; wide?: boolean; width?: number; after: number | null }>([
    { name: '→ widens the list', share: 0.5, key: 'ArrowRight', after: 0.52 },
    { name: '← narrows it', share: 0.5, key: 'ArrowLeft', after: 0.48 },
    { name: 'Shift+→ by more', share: 0.5, key: 'ArrowRight', wide: true, after: 0.6 },
    { name: 'Shift+← by more', share: 0.5, key: 'ArrowLeft', wide: true, after: 0.4 },
    { name: '→ stops at the widest', share: 0.79, key: 'ArrowRight', after: MAX_LIST_SHARE },
    { name: '← stops at the narrowest', share: 0.31, key: 'ArrowLeft', after: MIN_LIST_SHARE },
    { name: 'Home: the narrowest', share: 0.6, key: 'Home', after: MIN_LIST_SHARE },
    { name: 'End: the widest', share: 0.6, key: 'End', after: MAX_LIST_SHARE },
    { name: 'Enter: the first share', share: 0.7, key: 'Enter', after: DEFAULT_LIST_SHARE },
    { name: 'another key is not the line’s', share: 0.6, key: 'j', after: null },
    { name: '↓ moves through the list, not the line', share: 0.6, key: 'ArrowDown', after: null },
    // In the narrowest window (960 px): the list at least 520 px, the review pane at least 360.
    { name: '960 px, Home: the list’s narrowest', share: 0.59, key: 'Home', width: 960, after: 520 / 953 },
    { name: '960 px, End: the review pane’s narrowest', share: 0.59, key: 'End', width: 960, after: 1 - 360 / 953 },
    { name: '960 px, → from a share past the list’s narrowest: a step from where the list is', share: 0.3, key: 'ArrowRight', width: 960, after: 520 / 953 + 0.02 },
    { name: '960 px, ← from a share past the pane’s narrowest: a step from where the list is', share: 0.8, key: 'ArrowLeft', width: 960, after: 1 - 360 / 953 - 0.02 },
    { name: '960 px, ← at the narrowest stays there', share: 520 / 953, key: 'ArrowLeft', width: 960, after: 520 / 953 },
    { name: '960 px, Enter: the first share', share: 0.3, key: 'Enter', width: 960, after: DEFAULT_LIST_SHARE },
  ])('$name', ({ share, key, wide, width, after }) => {
    const next = shareAfterKey(share, key, wide ?? false, width);
    if (after === null) expect(next).toBeNull();
    else expect(next).toBeCloseTo(after, 10);
  });
});

describe('panesColumns', () => {
  test('shares the room in hundredths, with each pane’s narrowest and the line between', () => {
    expect(panesColumns(0.59)).toBe('minmax(min(520px, calc(100% - 367px)), 59fr) 7px minmax(360px, 41fr)');
    expect(panesColumns(0.305)).toBe('minmax(min(520px, calc(100% - 367px)), 30.5fr) 7px minmax(360px, 69.5fr)');
  });
});
