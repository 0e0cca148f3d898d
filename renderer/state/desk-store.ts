/** The desk's store: the reducer's state, with file events gathered and applied together. */
import { initialState, type DeskAction, type FileEvent } from './desk-state.js';
import { rememberSort, storedSort } from './remembered-sort.js';
import { reduce } from './store.js';

/** How long file events wait for the rest of their burst before the desk shows them. */
export const FILE_EVENTS_MS = 16;

/** How often the list shows the progress of a change to many articles (see `DeskStore.hold`). */
export const BULK_SHOWN_MS = 1000;

/**
 * A small store around the reducer, so queued edits always read the latest state. File events are
 * gathered for a frame and applied together (see `applyFileEvents`); any other action applies
 * those waiting first, so everything still happens in the order it came.
 */
export function createDeskStore() {
  let state = { ...initialState, sort: storedSort() };
  const listeners = new Set<() => void>();
  let waiting: FileEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let held = false;
  const notify = (): void => listeners.forEach((l) => l());
  /** Applies the file events waiting; true when there were any. */
  const applyWaiting = (): boolean => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (waiting.length === 0) return false;
    const events = waiting;
    waiting = [];
    state = reduce(state, { type: 'file-events', events });
    return true;
  };
  return {
    getState: () => state,
    dispatch: (action: DeskAction): void => {
      applyWaiting();
      const { sort } = state;
      state = reduce(state, action);
      if (state.sort !== sort) rememberSort(state.sort);
      notify();
    },
    fileEvent: (event: FileEvent): void => {
      waiting.push(event);
      if (held) return;
      timer ??= setTimeout(() => {
        if (applyWaiting()) notify();
      }, FILE_EVENTS_MS);
    },
    /**
     * While a change to many articles runs, file events (its saves, as main reports them) wait for
     * `flush` instead of a frame: at 100,000 articles each carrying of events through the list
     * costs the desk about 0.1 s, and main saves a hundred articles in about as long.
     */
    hold: (on: boolean): void => {
      held = on;
    },
    /** Applies the file events waiting, if any. */
    flush: (): void => {
      if (applyWaiting()) notify();
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The desk's store (see `createDeskStore`). */
export type DeskStore = ReturnType<typeof createDeskStore>;
