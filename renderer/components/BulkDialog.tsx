/**
 * The dialog that changes every article the list shows: approves or withdraws them, or adds a topic
 * to them, removes one or renames one. Counts first, then progress with Stop, then the result.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ArticleSummary } from '../../shared/article.js';
import { formatCount, plural, undoKeys } from '../format.js';
import { editable, renameChanges, tally, topicChanges, type Tally } from '../state/bulk-changes.js';
import { librarySpelling } from '../state/topic-spelling.js';
import type { BulkReport } from '../state/many-edits.js';
import type { DeskActions } from '../state/use-desk.js';
import { BulkResult } from './BulkResult.js';
import { TopicField } from './BulkTopicField.js';
import { useModal } from './use-modal.js';

interface Props {
  /** The rows the list shows (its filter and search applied). */
  readonly rows: readonly ArticleSummary[];
  readonly onPublish: DeskActions['setPublishedMany'];
  readonly onTopics: DeskActions['setTopicsMany'];
  readonly onClose: () => void;
  /** Every topic of the library, offered while typing one to add. */
  readonly allTopics: readonly string[];
  /** The background full check, while it runs: an error it has yet to find would stop that article's change. */
  readonly checking: { readonly done: number; readonly total: number } | null;
  /** While the list still arrives: how many articles are in, of how many. */
  readonly receiving: { readonly done: number; readonly total: number } | null;
  /** A search typed before the list's index was built: the rows are not its answer yet, so nothing can start. */
  readonly searchWaits: boolean;
}

/** What a change does, in words: "Approving" while it runs, and what it did ("3 articles approved"). */
interface Change {
  readonly doing: string;
  readonly did: (count: number) => string;
}

type Stage =
  | { kind: 'setup' }
  | { kind: 'running'; change: Change; done: number; total: number }
  | { kind: 'done'; change: Change; total: number; processed: number; report: BulkReport };

const FIRST_FOCUS = ['.modal-actions .primary:not(:disabled)', '.modal-actions button:not(:disabled)'];

/** A modal dialog; Escape closes it unless a change is running (Stop ends it after the articles under way). */
export function BulkDialog({ rows, onPublish, onTopics, onClose, allTopics, checking, receiving, searchWaits }: Props) {
  const [stage, setStage] = useState<Stage>({ kind: 'setup' });
  const [adding, setAdding] = useState('');
  const [removing, setRemoving] = useState('');
  const [renaming, setRenaming] = useState('');
  const stop = useRef(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  // Counted from the rows as they are until a change starts; the change then works on those.
  const setup = stage.kind === 'setup';
  const frozen = useRef<Tally | null>(null);
  const counted = useMemo(() => (setup ? tally(rows) : frozen.current!), [setup, rows]);
  frozen.current = counted;
  const { drafts, approved, blocked, readOnly, topics: held } = counted;
  // As the review pane adds a topic: in the library's spelling of it (see `librarySpelling`).
  const toAdd = librarySpelling(adding, allTopics);
  // Those that hold the topic already are not changed.
  const addTo = drafts + approved - (held.find((h) => h.topic === toAdd)?.count ?? 0);
  const removeFrom = held.find((h) => h.topic === removing)?.count ?? 0;
  const newName = renaming.trim();
  // The topic chosen to remove is the one renamed; a new name that is the same changes nothing.
  const renameIn = newName === '' || newName === removing ? 0 : removeFrom;
  // A typo added to every article shown would be a topic of its own; a rename to a topic the library has merges the two.
  const addNote = toAdd === '' ? null : !allTopics.includes(toAdd) ? `“${toAdd}” is new to the library` : toAdd !== adding.trim() ? `Added as the library spells it: “${toAdd}”` : null;
  const renameNote = renameIn === 0 ? null : allTopics.includes(newName) ? `“${newName}” is a topic already: renamed, the two become one` : spelledOtherwise(newName, removing, allTopics);

  // The main action, or where there is nothing to approve, the first that can be pressed.
  useModal(dialogRef, FIRST_FOCUS, stage.kind === 'running', onClose);

  // As the result is drawn (see use-modal.ts): a key pressed at once goes to the button in view.
  useLayoutEffect(() => {
    if (stage.kind === 'done') dialogRef.current?.querySelector<HTMLElement>('.modal-actions .primary')?.focus();
    if (stage.kind === 'running') dialogRef.current?.querySelector<HTMLElement>('.modal-actions button')?.focus();
  }, [stage.kind]);

  const start = async (change: Change, total: number, run: (progress: (done: number) => void, stopped: () => boolean) => Promise<BulkReport>): Promise<void> => {
    stop.current = false;
    let processed = 0;
    setStage({ kind: 'running', change, done: 0, total });
    const report = await run(
      (done) => {
        processed = done;
        setStage((s) => (s.kind === 'running' ? { ...s, done } : s));
      },
      () => stop.current,
    );
    setStage({ kind: 'done', change, total, processed, report });
  };
  const publish = (value: boolean): Promise<void> => {
    // The rows as counted: the list does not change under the dialog while it is being set up.
    const ids = editable(rows).flatMap((row) => (row.published === value ? [] : [row.id]));
    const change = value ? { doing: 'Approving', did: (n: number) => `${plural(n, 'article')} approved` } : { doing: 'Withdrawing', did: (n: number) => `${plural(n, 'article')} withdrawn` };
    return start(change, ids.length, (progress, stopped) => onPublish(ids, value, progress, stopped));
  };
  const changeTopic = (topic: string, add: boolean): Promise<void> => {
    const changes = topicChanges(editable(rows), topic, add);
    const quoted = `“${topic}”`;
    const change = add ? { doing: `Adding ${quoted}`, did: (n: number) => `${quoted} added to ${plural(n, 'article')}` } : { doing: `Removing ${quoted}`, did: (n: number) => `${quoted} removed from ${plural(n, 'article')}` };
    return start(change, changes.length, (progress, stopped) => onTopics(changes, `${add ? 'adding' : 'removing'} ${quoted}`, progress, stopped));
  };

  const renameTopic = (from: string, to: string): Promise<void> => {
    const changes = renameChanges(editable(rows), from, to);
    const [was, now] = [`“${from}”`, `“${to}”`];
    const change = { doing: `Renaming ${was} to ${now}`, did: (n: number) => `${was} renamed to ${now} in ${plural(n, 'article')}` };
    return start(change, changes.length, (progress, stopped) => onTopics(changes, `renaming ${was} to ${now}`, progress, stopped));
  };

  const count = (n: number, what: string): string => (searchWaits ? what : `${what} ${plural(n, 'article')}`);
  return (
    <div className="modal-backdrop">
      <div ref={dialogRef} className="modal" role="dialog" aria-modal="true" aria-labelledby="bulk-title">
        <h2 id="bulk-title">Bulk actions on the articles shown</h2>
        {stage.kind === 'done' ? (
          <BulkResult report={stage.report} did={stage.change.did(stage.report.changed.length)} total={stage.total} processed={stage.processed} onClose={onClose} />
        ) : (
          <>
            <p>
              {searchWaits && setup
                ? 'Preparing the search: the articles it shows are counted once it is ready…'
                : rows.length === 0 && setup
                  ? 'The list shows no article: change the filters first.'
                  : `The list shows ${plural(drafts + approved + blocked + readOnly, 'article')}: ${formatCount(drafts)} not approved, ${formatCount(approved)} approved.`}
            </p>
            {receiving && setup && (
              <p className="muted">
                The library is still loading ({formatCount(receiving.done)} of {formatCount(receiving.total)}): only the articles in so far are counted.
              </p>
            )}
            {blocked > 0 && (
              <p className="muted">
                {plural(blocked, 'article')} with errors {blocked === 1 ? 'is' : 'are'} left as {blocked === 1 ? 'it is' : 'they are'}: an article cannot be changed until its file is fixed.
              </p>
            )}
            {readOnly > 0 && (
              <p className="muted">
                {plural(readOnly, 'article')} {readOnly === 1 ? 'is' : 'are'} read-only, left as {readOnly === 1 ? 'it is' : 'they are'}: Masthead never rewrites a file marked read-only.
              </p>
            )}
            {checking && (
              <p className="muted">
                Every file is still being checked ({formatCount(checking.done)} of {formatCount(checking.total)}): an article found to have an error is left as it is, and named at the end.
              </p>
            )}
            <fieldset className="bulk-topics" disabled={!setup || searchWaits}>
              <legend>Topics</legend>
              <TopicField
                label="Topic to add to every article shown"
                placeholder="A topic to add"
                value={adding}
                onChange={setAdding}
                action={toAdd === '' ? 'Add' : count(addTo, 'Add to')}
                onAct={toAdd === '' || addTo === 0 ? null : () => void changeTopic(toAdd, true)}
                allTopics={allTopics}
                note={addNote}
              />
              <div className="bulk-topic">
                <select aria-label="Topic to remove or rename in every article shown" value={removing} onChange={(e) => setRemoving(e.target.value)}>
                  <option value="">A topic to remove or rename…</option>
                  {held.map((h) => (
                    <option key={h.topic} value={h.topic}>
                      {h.topic} ({formatCount(h.count)})
                    </option>
                  ))}
                </select>
                <button type="button" disabled={removeFrom === 0} onClick={() => void changeTopic(removing, false)}>
                  {removing === '' ? 'Remove' : count(removeFrom, 'Remove from')}
                </button>
              </div>
              <TopicField
                label="New name for that topic"
                placeholder="…or its new name"
                value={renaming}
                onChange={setRenaming}
                action={renameIn === 0 ? 'Rename' : count(renameIn, 'Rename in')}
                onAct={renameIn === 0 ? null : () => void renameTopic(removing, newName)}
                allTopics={allTopics}
                note={renameNote}
              />
            </fieldset>
            <p className="muted">Each article is saved as a small change to its file. {undoKeys()} undoes the whole change.</p>
            {stage.kind === 'running' && (
              <div className="progress">
                <progress max={Math.max(stage.total, 1)} value={stage.done} aria-label={stage.change.doing} />
                {/* Not a live region: read out every tenth of a second it would drown the rest; the result is one. */}
                <span>
                  {stage.change.doing}: {formatCount(stage.done)} of {formatCount(stage.total)}…
                </span>
              </div>
            )}
            <div className="modal-actions">
              {stage.kind === 'running' ? (
                <button type="button" onClick={() => (stop.current = true)}>
                  Stop
                </button>
              ) : (
                <>
                  <button type="button" onClick={onClose}>
                    Cancel
                  </button>
                  <button type="button" disabled={searchWaits || approved === 0} onClick={() => void publish(false)}>
                    {count(approved, 'Withdraw')}
                  </button>
                  <button type="button" className="primary" disabled={searchWaits || drafts === 0} onClick={() => void publish(true)}>
                    {count(drafts, 'Approve')}
                  </button>
                </>
              )}
            </div>
          </>
        )}
      </div>
    </div>
  );
}

/**
 * A note where the new name of `from` is another library topic in another case or without its
 * accents: renamed as typed, the library would hold both spellings. None for a new spelling of
 * `from` itself ("Ai" renamed "AI").
 */
function spelledOtherwise(to: string, from: string, allTopics: readonly string[]): string | null {
  const spelled = librarySpelling(to, allTopics);
  return spelled === to || spelled === from ? null : `The library spells it “${spelled}”: renamed as typed, the library would hold both spellings`;
}
