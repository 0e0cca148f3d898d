import { describe, expect, test } from 'vitest';
import { DEFAULT_LIST_SHARE, MAX_LIST_SHARE, MIN_LIST_SHARE, panesColumns, readShare, shareAfterKey, shareAt, SPLIT_PX } from '../../renderer/state/pane-share.js';

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

describe('shareAt: the line follows the pointer', () => {
  test.each<{ name: string; x: number; share: number }>([
    { name: 'the middle of the line at the middle of the room', x: 100 + SPLIT_PX / 2 + 500, share: 0.5 },
    { name: 'three quarters', x: 100 + SPLIT_PX / 2 + 750, share: 0.75 },
    { name: 'past the narrowest', x: 120, share: MIN_LIST_SHARE },
    { name: 'past the widest', x: 2000, share: MAX_LIST_SHARE },
  ])('$name', ({ x, share }) => {
    expect(shareAt(x, 100, 1000 + SPLIT_PX)).toBeCloseTo(share, 10);
  });

  test('panes with no width keep the first share', () => {
    expect(shareAt(50, 0, 0)).toBe(DEFAULT_LIST_SHARE);
  });
});

describe('shareAfterKey: the line from the keyboard', () => {
  test.each<{ name: string; share: number; key: string; wide?: boolean; after: number | null }>([
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
  ])('$name', ({ share, key, wide, after }) => {
    const next = shareAfterKey(share, key, wide ?? false);
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
