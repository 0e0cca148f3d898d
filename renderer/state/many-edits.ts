/** Changes to many articles: sent a request of `BULK_CHUNK` at a time, and undone or redone so. */
import type { ArticleId } from '../../shared/article.js';
import { BULK_CHUNK, type Bridge, type BulkOutcome } from '../../shared/contract.js';
import type { FailureKind, Result } from '../../shared/result.js';
import { plural, undoKeys } from '../format.js';
import { BULK_SHOWN_MS, type DeskStore } from './desk-store.js';
import type { EditCommand } from './desk-state.js';

/** What a change to many articles did (see `DeskActions.setPublishedMany`). */
export interface BulkReport<T = { readonly id: ArticleId }> {
  /** The articles it changed. */
  readonly changed: readonly T[];
  readonly failed: BulkOutcome['failed'];
  /** Stopped before the end: by the editor, or because another library was opened. */
  readonly stopped: boolean;
  /** How many of the items were sent (all of them unless stopped). */
  readonly sent: number;
}

/** What one request of a change to many articles may carry, in characters of JSON: well under what main accepts (1 MB). */
export const BULK_REQUEST_CHARS = 256 * 1024;

/**
 * The items from `at` that go in one request: `BULK_CHUNK` of them, fewer where they are large (an
 * article with hundreds of topics), and always at least one.
 */
export function nextChunk<T>(items: readonly T[], at: number): readonly T[] {
  let end = at;
  let chars = 0;
  while (end < items.length && end - at < BULK_CHUNK) {
    chars += JSON.stringify(items[end]).length + 1;
    if (chars > BULK_REQUEST_CHARS && end > at) break;
    end++;
  }
  return items.slice(at, end);
}

/**
 * Changes many articles, `BULK_CHUNK` per request (`send`); the list and the toolbar's progress
 * show how far it is once a second. Stops when `stopped()` says so, or once another library has
 * been opened (main would refuse the rest). Answers which of `items` were changed.
 */
export async function runMany<T extends { readonly id: ArticleId }>(
  store: DeskStore,
  items: readonly T[],
  send: (chunk: readonly T[], library: string) => Promise<Result<BulkOutcome>>,
  doing: string,
  progress: (done: number) => void,
  stopped: () => boolean,
): Promise<BulkReport<T>> {
  const { dispatch } = store;
  const library = store.getState().library ?? '';
  const changed: T[] = [];
  const failed: BulkOutcome['failed'][number][] = [];
  // The list shows the saves once a second, not at every request (see `DeskStore.hold`).
  store.hold(true);
  let shown = performance.now();
  // Dispatched, it applies the saves waiting too.
  const show = (done: number): void => dispatch({ type: 'bulk-progress', bulk: { doing, done, total: items.length } });
  show(0);
  try {
    for (let at = 0; at < items.length; ) {
      if (stopped() || store.getState().library !== library) return { changed, failed, stopped: true, sent: at };
      const chunk = nextChunk(items, at);
      at += chunk.length;
      const result = await send(chunk, library);
      if (store.getState().library !== library) return { changed, failed, stopped: true, sent: at };
      if (result.ok) {
        // Main's events bring the same summaries; these make sure the list has them when the change ends.
        for (const summary of result.value.saved) store.fileEvent({ type: 'changed', summary });
        // A request's own hundred ids: a small set (see `applyFileEvents` on sets of ids).
        const saved = new Set(result.value.saved.map((a) => a.id));
        changed.push(...chunk.filter((item) => saved.has(item.id)));
        failed.push(...result.value.failed);
      } else {
        failed.push(...chunk.map((item) => ({ id: item.id, kind: result.error.kind, message: result.error.message })));
      }
      progress(at);
      if (performance.now() - shown >= BULK_SHOWN_MS) {
        show(at);
        shown = performance.now();
      }
    }
    return { changed, failed, stopped: false, sent: items.length };
  } finally {
    store.hold(false);
    // Another library opened meanwhile has started afresh: no progress of this one's goes into it.
    if (store.getState().library === library) dispatch({ type: 'bulk-progress', bulk: null });
    else store.flush();
  }
}

/**
 * Undoes or redoes a change to many articles at once, saying how it went. Stopped (`stopped` is
 * asked between requests), what it did moves to the other list and the rest stays, for the next
 * press to go on with.
 */
export async function replayMany(
  store: DeskStore,
  bridge: Bridge,
  command: Extract<EditCommand, { kind: 'published-many' | 'topics-many' }>,
  via: 'undo' | 'redo',
  stopped: () => boolean,
): Promise<void> {
  const { dispatch } = store;
  const library = store.getState().library;
  const [Done, Doing] = via === 'undo' ? ['Undone', 'Undo'] : ['Redone', 'Redo'];
  /** While the library's folder is gone nothing can change: the step stays for when it is back. */
  const goneNotice = (folder: string): void =>
    dispatch({ type: 'notice', level: 'error', text: `${Doing} waits: the folder ${folder} is no longer where it was opened; ${undoKeys(via)} goes on once it is back.` });
  const gone = store.getState().gone;
  if (gone !== null) return goneNotice(gone);
  const none = (): undefined => undefined;
  let items: readonly { readonly id: ArticleId }[];
  let done: BulkReport<unknown>;
  let what: string;
  let already: string;
  /** The command for some of its items: what was done, or what is left. */
  let part: (some: readonly unknown[]) => EditCommand;
  if (command.kind === 'published-many') {
    const value = via === 'undo' ? !command.after : command.after;
    items = command.ids.map((id) => ({ id }));
    done = await runMany(store, items, (chunk, key) => bridge.setPublishedMany(chunk.map((c) => c.id), value, key), value ? 'approving' : 'withdrawing', none, stopped);
    part = (some) => ({ ...command, ids: (some as typeof items).map((c) => c.id) });
    [what, already] = [`${plural(done.changed.length, 'article')} ${value ? 'approved' : 'withdrawn'}`, `each of those articles is already ${value ? 'approved' : 'withdrawn'}`];
  } else {
    items = command.changes;
    done = await runMany(
      store,
      command.changes,
      (chunk, key) => bridge.setTopicsMany(chunk.map((c) => (via === 'undo' ? { id: c.id, topics: c.before, from: c.after } : { id: c.id, topics: c.after, from: c.before })), key),
      'changing topics',
      none,
      stopped,
    );
    part = (some) => ({ ...command, changes: some as typeof command.changes });
    [what, already] = [`the topics of ${plural(done.changed.length, 'article')} ${via === 'undo' ? 'put back' : 'changed again'}`, `those articles' topics are already so`];
  }
  if (store.getState().library !== library) return; // another library was opened meanwhile
  // What failed for a reason that may pass (a full disk, the folder gone a moment) stays on the list
  // with what was not sent, to try again; an article changed or gone since would fail the same way
  // every time, and is dropped (as a single edit's undo is, see `runEdit`).
  const kept = done.failed.filter((f) => !staleFailure(f.kind));
  const keptIds = new Set(kept.map((f) => f.id));
  const rest = items.filter((item, i) => i >= done.sent || keptIds.has(item.id));
  const did = done.changed.length > 0 ? part(done.changed) : null;
  if (rest.length > 0) dispatch({ type: 'edit-split', via, done: did, rest: part(rest) });
  else if (did !== null) dispatch({ type: 'edit-recorded', command: did, via });
  else dispatch({ type: 'edit-dropped', via });
  const wentMeanwhile = store.getState().gone;
  // The folder went part way: what was done is done; the articles it could not reach wait for it.
  if (wentMeanwhile !== null && kept.length > 0) return goneNotice(wentMeanwhile);
  const keys = undoKeys(via);
  const parts = [done.stopped ? `${Doing} stopped: ${what}` : done.failed.length > 0 ? `${Doing}: ${what}` : `${Done}: ${what}`];
  if (done.stopped) parts.push(`${plural(rest.length, 'article')} left to ${via}, which ${keys} goes on with`);
  if (done.failed.length > 0) {
    const first = done.failed[0]!;
    const others = done.failed.length > 1 ? ` (and ${plural(done.failed.length - 1, 'other')})` : '';
    const them = kept.length === done.failed.length ? (kept.length === 1 ? 'it' : 'them') : `${kept.length} of them`;
    const again = kept.length > 0 && !done.stopped ? ` (${keys} tries ${them} again)` : '';
    parts.push(`${first.id}${others} could not be changed${again}: ${first.message}`);
  }
  const text = done.changed.length === 0 && done.failed.length === 0 && !done.stopped ? `Nothing to ${via}: ${already}` : parts.join('; ');
  dispatch({ type: 'notice', level: done.failed.length > 0 ? 'error' : 'info', text: /[.!?]$/.test(text) ? text : `${text}.` });
}

/**
 * Whether an edit that failed so would fail the same way every time: its article changed (a
 * conflict) or went since. Its undo or redo is dropped then; one that failed otherwise (the disk
 * full, the folder gone a moment) stays, to try again.
 */
export function staleFailure(kind: FailureKind): boolean {
  return kind === 'conflict' || kind === 'not-found';
}
