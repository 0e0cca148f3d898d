// @vitest-environment jsdom
/** The list's window of fixed-height rows: which rows are drawn, as the element scrolls and the rows change, and a row brought into view. */
import { act, renderHook } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { rowsInView, useRowWindow } from '../../renderer/components/use-row-window.js';

describe('rowsInView', () => {
  test('the rows the view touches, the overscan each side, within the list', () => {
    expect(rowsInView(0, 440, 1000, 44, 2)).toEqual({ start: 0, end: 12 });
    // Half a row scrolled: the first row still shows, and one more at the bottom.
    expect(rowsInView(22, 440, 1000, 44, 2)).toEqual({ start: 0, end: 13 });
    expect(rowsInView(4400, 440, 1000, 44, 2)).toEqual({ start: 98, end: 112 });
    expect(rowsInView(44_000 - 440, 440, 1000, 44, 2)).toEqual({ start: 988, end: 1000 });
    expect(rowsInView(0, 440, 3, 44, 2)).toEqual({ start: 0, end: 3 });
    expect(rowsInView(0, 440, 0, 44, 2)).toEqual({ start: 0, end: 0 });
    // Scrolled past the end of a list that became shorter: nothing until the browser scrolls back.
    expect(rowsInView(4400, 440, 50, 44, 2)).toEqual({ start: 50, end: 50 });
  });
});

describe('useRowWindow', () => {
  /** A scrolling element of `height` px, as a laid-out page has it. */
  const scroller = (height: number): HTMLDivElement => {
    const element = document.createElement('div');
    Object.defineProperty(element, 'clientHeight', { configurable: true, get: () => height });
    document.body.append(element);
    return element;
  };

  test('draws the rows in view, moves with a scroll, and follows the number of rows', () => {
    const element = scroller(440);
    const ref = { current: element };
    const { result, rerender } = renderHook(({ count }) => useRowWindow(ref, count, 44, 2), { initialProps: { count: 100_000 } });
    expect(result.current).toMatchObject({ start: 0, end: 12, totalHeight: 4_400_000 });
    act(() => {
      element.scrollTop = 44 * 5000;
      element.dispatchEvent(new Event('scroll'));
    });
    expect(result.current).toMatchObject({ start: 4998, end: 5012 });
    rerender({ count: 5005 });
    expect(result.current).toMatchObject({ start: 4998, end: 5005, totalHeight: 5005 * 44 });
  });

  test('a row is brought into view by as little scrolling as shows all of it', () => {
    const element = scroller(440);
    const { result } = renderHook(() => useRowWindow({ current: element }, 1000, 44, 2));
    act(() => result.current.scrollToRow(50));
    expect(element.scrollTop).toBe(51 * 44 - 440); // the row at the bottom edge
    act(() => result.current.scrollToRow(45));
    expect(element.scrollTop).toBe(51 * 44 - 440); // already in view: no scroll
    act(() => result.current.scrollToRow(3));
    expect(element.scrollTop).toBe(3 * 44); // the row at the top edge
  });
});
