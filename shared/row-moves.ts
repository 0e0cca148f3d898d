/**
 * The passes of the list index's `update` over every row: which rows moved where, and copying what
 * they keep. Each is a function of its own: `update` runs once per change, too seldom for V8 to
 * compile it, and a loop in a large function waits longer to be compiled where it stands (on-stack
 * replacement) than one in a small function.
 */
import type { ArticleSummary } from './article.js';

/**
 * In one pass over the new rows: fills `newRows` (each old row's new row, -1 where none) from
 * `oldRows`, and answers the new rows new to the index (`added`: -1 in `oldRows`, added or
 * retitled), those edited in place (another object with the same id and text), and where each run
 * of rows that keep their old order starts (`runs`, for `copyRows`; rows new to the index make runs
 * of their own). Null where `oldRows` names a row twice or one the index does not have, or an edit
 * changed an id or a text. With `changed`, the caller promises that only those rows may hold other
 * objects than their old rows: the others are not compared (at 100,000, in V8's first tiers, the
 * comparisons made this pass 11-15 ms of a file's change in the desk, against 4-5 ms without).
 */
export function newRowsOf(
  before: readonly ArticleSummary[],
  after: readonly ArticleSummary[],
  oldRows: Int32Array,
  newRows: Int32Array,
  changed?: readonly number[],
): { added: number[]; edited: number[]; runs: number[] } | null {
  const added: number[] = [];
  const edited: number[] = [];
  const runs: number[] = [];
  const compare = changed === undefined;
  let previous = -2;
  for (let row = 0; row < after.length; row++) {
    const old = oldRows[row]!;
    if (old !== previous + 1) runs.push(row);
    if (old === -1) {
      added.push(row);
      previous = -2; // the next row starts a run, whatever its old row
      continue;
    }
    previous = old;
    if (old < 0 || old >= before.length || newRows[old] !== -1) return null;
    newRows[old] = row;
    if (compare && !sameText(before[old]!, after[row]!, edited, row)) return null;
  }
  if (!compare) {
    for (const row of new Set(changed)) {
      const old = oldRows[row];
      if (old === undefined) return null;
      if (old !== -1 && !sameText(before[old]!, after[row]!, edited, row)) return null;
    }
    edited.sort((a, b) => a - b);
  }
  return { added, edited, runs };
}

/** Whether `is` (at `row`) is `was` or, edited, has its id and text (then `row` is noted in `edited`). */
function sameText(was: ArticleSummary, is: ArticleSummary, edited: number[], row: number): boolean {
  if (was === is) return true;
  // Only the edited articles are new objects; the property reads are kept to them.
  if (was.id !== is.id || was.title !== is.title || was.excerpt !== is.excerpt) return false;
  edited.push(row);
  return true;
}

/** Each of the first `slots` slots' new row in `into`: its old row (`slotRows`, or the slot itself where null) through `newRows`. */
export function renumberSlots(slotRows: Int32Array | null, slots: number, newRows: Int32Array, into: Int32Array): void {
  for (let slot = 0; slot < slots; slot++) {
    const old = slotRows === null ? slot : slotRows[slot]!;
    into[slot] = old === -1 ? -1 : newRows[old]!;
  }
}

/** The per-row arrays a row's approval, problems and time are kept in. */
export interface RowArrays {
  readonly published: Uint8Array;
  readonly problems: Uint8Array;
  readonly times: Float64Array;
}

/**
 * Copies each row's approval, problems and time from `from` (at `oldRows[row]`) to `to`, a run of
 * rows at a time (`runs`: where each starts, see `newRowsOf`; the rows between two changes keep
 * their order); rows new to the index (-1) are left for the caller. A short run (a new order turns
 * every run into one row) is copied row by row: a view of each array per row cost more than the copy.
 */
export function copyRows(oldRows: Int32Array, runs: readonly number[], from: RowArrays, to: RowArrays): void {
  for (let k = 0; k < runs.length; k++) {
    const row = runs[k]!;
    const end = k + 1 < runs.length ? runs[k + 1]! : oldRows.length;
    const old = oldRows[row]!;
    if (old !== -1 && end - row < 64) {
      for (let r = row, o = old; r < end; r++, o++) {
        to.published[r] = from.published[o]!;
        to.problems[r] = from.problems[o]!;
        to.times[r] = from.times[o]!;
      }
    } else if (old !== -1) {
      to.published.set(from.published.subarray(old, old + end - row), row);
      to.problems.set(from.problems.subarray(old, old + end - row), row);
      to.times.set(from.times.subarray(old, old + end - row), row);
    }
  }
}
