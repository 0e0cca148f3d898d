/** One edit (an approval, a topic change, or many of them) sent to main, or undone or redone, and what came of it. */
import type { Bridge } from '../../shared/contract.js';
import { undoKeys } from '../format.js';
import type { EditCommand } from './desk-state.js';
import type { DeskStore } from './desk-store.js';
import { replayMany, staleFailure } from './many-edits.js';

/**
 * Runs `command` as `via` says: done for the first time, undone or redone. A change to one article
 * is sent and its outcome shown (saved, a conflict, an error); a change to many is only ever undone
 * or redone here (it is done by `runMany`), stopping between requests once `replayStop.current` is
 * set, which this resets as it starts.
 */
export async function runEdit(store: DeskStore, bridge: Bridge, command: EditCommand, via: 'do' | 'undo' | 'redo', replayStop: { current: boolean }): Promise<void> {
  const { dispatch } = store;
  if (command.kind === 'published-many' || command.kind === 'topics-many') {
    if (via !== 'do') {
      replayStop.current = false;
      await replayMany(store, bridge, command, via, () => replayStop.current);
    }
    return;
  }
  const library = store.getState().library ?? '';
  dispatch({ type: 'save-started', id: command.id });
  const result =
    command.kind === 'published'
      ? await bridge.setPublished(command.id, via === 'undo' ? command.before : command.after, library)
      : await bridge.setTopics(command.id, via === 'undo' ? command.before : command.after, via === 'undo' ? command.after : command.before, library);
  // Another library opened meanwhile: what this edit did (or could not do) belongs to the last one.
  if (store.getState().library !== library) return;
  if (result.ok) {
    dispatch({ type: 'save-finished', save: { id: command.id, state: 'saved' }, summary: result.value });
    dispatch({ type: 'edit-recorded', command, via });
    return;
  }
  const conflict = result.error.kind === 'conflict';
  dispatch({ type: 'save-finished', save: { id: command.id, state: conflict ? 'conflict' : 'error', message: result.error.message } });
  // An undo or redo whose file changed or went since would fail the same way every time, and
  // hide the ones before it: it is taken off its list. (One that failed to write stays, to try again.)
  const stale = via !== 'do' && staleFailure(result.error.kind);
  if (stale) dispatch({ type: 'edit-dropped', via });
  const again = via === 'do' || stale ? '' : ` (${undoKeys(via)} tries it again)`;
  dispatch({ type: 'notice', level: 'error', text: via === 'do' ? result.error.message : `Could not ${via}${again}: ${result.error.message}` });
}
