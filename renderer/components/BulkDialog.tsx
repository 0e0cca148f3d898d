/**
 * The dialog that changes every article the list shows: approves or withdraws them, or adds a topic
 * to them, removes one or renames one. Counts first, then progress with Stop, then the result.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { hasError, type ArticleSummary } from '../../shared/article.js';
import { formatCount, plural, undoKeys } from '../format.js';
import type { TopicsEdit } from '../state/store.js';
import type { BulkReport, DeskActions } from '../state/use-desk.js';
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

/** The most characters a topic may have (as main checks). */
const TOPIC_MAX = 200;

/** What a change can do with the rows: how many drafts to approve, approved to withdraw, and held by an error; the topics the others hold. */
export interface Tally {
  readonly drafts: number;
  readonly approved: number;
  readonly blocked: number;
  /** The topics the rows that can be changed hold, most held first, with how many hold each. */
  readonly topics: readonly { readonly topic: string; readonly count: number }[];
}

/** Counts the rows in one pass, keeping no list of them: at 100,000 articles the dialog opens at once. */
export function tally(rows: readonly ArticleSummary[]): Tally {
  let [drafts, approved, blocked] = [0, 0, 0];
  const counts = new Map<string, number>();
  for (const { problems, published, topics } of rows) {
    if (hasError(problems)) {
      blocked++;
      continue;
    }
    if (published) approved++;
    else drafts++;
    // Each topic once per article (a file may repeat one), with no set made per article.
    for (let i = 0; i < topics.length; i++) {
      const t = topics[i]!;
      if (t.trim() !== '' && topics.indexOf(t) === i) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  }
  const held = [...counts].map(([topic, count]) => ({ topic, count })).sort((x, y) => y.count - x.count || x.topic.localeCompare(y.topic));
  return { drafts, approved, blocked, topics: held };
}

/** The rows a change can reach: those no error holds. */
function editable(rows: readonly ArticleSummary[]): ArticleSummary[] {
  return rows.filter((row) => !hasError(row.problems));
}

/**
 * Each article's topics with `topic` added (`add`) or removed, as the topic chips write them: a
 * proper list, without empty or repeated topics. Articles it would not change are left out.
 */
export function topicChanges(articles: readonly ArticleSummary[], topic: string, add: boolean): TopicsEdit[] {
  const changes: TopicsEdit[] = [];
  for (const a of articles) {
    if (a.topics.includes(topic) !== !add) continue;
    const proper = [...new Set(a.topics.filter((t) => t.trim() !== ''))];
    changes.push({ id: a.id, before: a.topics, after: add ? [...proper, topic] : proper.filter((t) => t !== topic) });
  }
  return changes;
}

/**
 * Each article holding `from` with it renamed `to` in its place, as the topic chips write a list
 * (proper, without empty or repeated topics: where the article holds `to` already, `from` just goes).
 * Articles that do not hold `from` are left out.
 */
export function renameChanges(articles: readonly ArticleSummary[], from: string, to: string): TopicsEdit[] {
  const changes: TopicsEdit[] = [];
  for (const a of articles) {
    if (!a.topics.includes(from)) continue;
    const after = [...new Set(a.topics.filter((t) => t.trim() !== '').map((t) => (t === from ? to : t)))];
    changes.push({ id: a.id, before: a.topics, after });
  }
  return changes;
}

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
  const { drafts, approved, blocked, topics: held } = counted;
  const toAdd = adding.trim();
  // Those that hold the topic already are not changed.
  const addTo = drafts + approved - (held.find((h) => h.topic === toAdd)?.count ?? 0);
  const removeFrom = held.find((h) => h.topic === removing)?.count ?? 0;
  const newName = renaming.trim();
  // The topic chosen to remove is the one renamed; a new name that is the same changes nothing.
  const renameIn = newName === '' || newName === removing ? 0 : removeFrom;

  // The main action, or where there is nothing to approve, the first that can be pressed.
  useModal(dialogRef, FIRST_FOCUS, stage.kind === 'running', onClose);

  useEffect(() => {
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
          <Result stage={stage} onClose={onClose} />
        ) : (
          <>
            <p>
              {searchWaits && setup
                ? 'Preparing the search: the articles it shows are counted once it is ready…'
                : rows.length === 0 && setup
                  ? 'The list shows no article: change the filters first.'
                  : `The list shows ${plural(drafts + approved + blocked, 'article')}: ${formatCount(drafts)} not approved, ${formatCount(approved)} approved.`}
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
            {checking && (
              <p className="muted">
                Every file is still being checked ({formatCount(checking.done)} of {formatCount(checking.total)}): an article found to have an error is left as it is, and named at the end.
              </p>
            )}
            <fieldset className="bulk-topics" disabled={!setup || searchWaits}>
              <legend>Topics</legend>
              <div className="bulk-topic">
                <input
                  type="text"
                  list="bulk-topic-suggestions"
                  maxLength={TOPIC_MAX}
                  placeholder="A topic to add"
                  aria-label="Topic to add to every article shown"
                  value={adding}
                  onChange={(e) => setAdding(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key !== 'Enter' || toAdd === '' || addTo === 0) return;
                    e.preventDefault();
                    void changeTopic(toAdd, true);
                  }}
                />
                <datalist id="bulk-topic-suggestions">
                  {allTopics.map((t) => (
                    <option key={t} value={t} />
                  ))}
                </datalist>
                <button type="button" disabled={toAdd === '' || addTo === 0} onClick={() => void changeTopic(toAdd, true)}>
                  {toAdd === '' ? 'Add' : count(addTo, 'Add to')}
                </button>
              </div>
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
              <div className="bulk-topic">
                <input
                  type="text"
                  list="bulk-topic-suggestions"
                  maxLength={TOPIC_MAX}
                  placeholder="…or its new name"
                  aria-label="New name for that topic"
                  value={renaming}
                  onChange={(e) => setRenaming(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key !== 'Enter' || renameIn === 0) return;
                    e.preventDefault();
                    void renameTopic(removing, newName);
                  }}
                />
                <button type="button" disabled={renameIn === 0} onClick={() => void renameTopic(removing, newName)}>
                  {renameIn === 0 ? 'Rename' : count(renameIn, 'Rename in')}
                </button>
              </div>
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

function Result({ stage, onClose }: { stage: Extract<Stage, { kind: 'done' }>; onClose: () => void }) {
  const { report, change, total, processed } = stage;
  const did = change.did(report.changed.length);
  return (
    <>
      <p role="status">
        {report.stopped ? `Stopped after ${formatCount(processed)} of ${formatCount(total)}: ${did}.` : `${did[0]!.toUpperCase()}${did.slice(1)}.`}
        {report.changed.length > 0 && ` ${undoKeys()} undoes it.`}
      </p>
      {report.failed.length > 0 && (
        <>
          <p>
            {plural(report.failed.length, 'article')} could not be changed, and {report.failed.length === 1 ? 'is' : 'are'} left as {report.failed.length === 1 ? 'it was' : 'they were'}:
          </p>
          {/* Focusable, so the list can be scrolled with the keyboard when it is long. */}
          <ul className="held-back" tabIndex={0} aria-label="Articles that could not be changed">
            {report.failed.map((f, i) => (
              <li key={i}>
                <strong>{f.id}</strong>: {f.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="modal-actions">
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      </div>
    </>
  );
}
