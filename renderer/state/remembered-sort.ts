/**
 * The list's sort, remembered for the next start as the width of the panes is (in Electron; the
 * browser host keeps it while its port stays the same): an editor who reads by provider finds the
 * list by provider again.
 */
import { initialState, type DeskState, type SortKey } from './desk-state.js';

/** Where the sort is kept in the desk's storage. */
export const SORT_STORAGE_KEY = 'masthead.sort';

type Sort = DeskState['sort'];

const KEYS: ReadonlySet<string> = new Set<SortKey>(['title', 'provider', 'date', 'quality', 'heat', 'published']);

/** The sort as it is kept: its column and its direction ("title asc"). */
export function sortText(sort: Sort): string {
  return `${sort.key} ${sort.direction}`;
}

/** The sort kept as `stored` (null: none), or the first start's where it names no column and direction the list has. */
export function readSort(stored: string | null): Sort {
  const [key, direction, ...rest] = (stored ?? '').trim().split(/\s+/);
  if (rest.length > 0 || key === undefined || !KEYS.has(key) || (direction !== 'asc' && direction !== 'desc')) return initialState.sort;
  return { key: key as SortKey, direction };
}

/** The sort remembered, or the first start's where storage holds none or cannot be read (a sandboxed page may refuse it). */
export function storedSort(): Sort {
  try {
    return readSort(window.localStorage.getItem(SORT_STORAGE_KEY));
  } catch {
    return initialState.sort;
  }
}

/** Remembers `sort`; where storage refuses, it lasts as long as the desk. */
export function rememberSort(sort: Sort): void {
  try {
    window.localStorage.setItem(SORT_STORAGE_KEY, sortText(sort));
  } catch {
    // Nothing to tell the editor: the list is sorted, only not remembered.
  }
}
