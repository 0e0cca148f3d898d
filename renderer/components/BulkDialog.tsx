/** The dialog that approves or withdraws every article the list shows: counts, progress with Stop, result. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { hasError, type ArticleId, type ArticleSummary } from '../../shared/article.js';
import { formatCount, plural, undoKeys } from '../format.js';
import type { BulkReport, DeskActions } from '../state/use-desk.js';

interface Props {
  /** The rows the list shows (its filter and search applied). */
  readonly rows: readonly ArticleSummary[];
  readonly onRun: DeskActions['setPublishedMany'];
  readonly onClose: () => void;
  /** The background full check, while it runs: an error it has yet to find would stop that article's change. */
  readonly checking: { readonly done: number; readonly total: number } | null;
  /** While the list still arrives: how many articles are in, of how many. */
  readonly receiving: { readonly done: number; readonly total: number } | null;
  /** A search typed before the list's index was built: the rows are not its answer yet, so nothing can start. */
  readonly searchWaits: boolean;
}

type Stage =
  | { kind: 'setup' }
  | { kind: 'running'; value: boolean; done: number; total: number }
  | { kind: 'done'; value: boolean; total: number; report: BulkReport };

/** The rows split by what a bulk change can do with them: drafts to approve, approved to withdraw, and those an error holds. */
export function partition(rows: readonly ArticleSummary[]): { drafts: ArticleId[]; approved: ArticleId[]; blocked: number } {
  const drafts: ArticleId[] = [];
  const approved: ArticleId[] = [];
  let blocked = 0;
  for (const row of rows) {
    if (hasError(row.problems)) blocked++;
    else (row.published ? approved : drafts).push(row.id);
  }
  return { drafts, approved, blocked };
}

/** A modal dialog; Escape closes it unless a change is running (Stop ends it after the articles under way). */
export function BulkDialog({ rows, onRun, onClose, checking, receiving, searchWaits }: Props) {
  const [stage, setStage] = useState<Stage>({ kind: 'setup' });
  const stop = useRef(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<Element | null>(null);
  // Counted from the rows as they are until the change starts; the change then works on those ids.
  const setup = stage.kind === 'setup';
  const frozen = useRef<ReturnType<typeof partition> | null>(null);
  const counted = useMemo(() => (setup ? partition(rows) : frozen.current!), [setup, rows]);
  frozen.current = counted;
  const { drafts, approved, blocked } = counted;

  useEffect(() => {
    returnFocus.current = document.activeElement;
    const dialog = dialogRef.current;
    // The main action, or where there is nothing to approve, the first that can be pressed.
    (dialog?.querySelector<HTMLElement>('.modal-actions .primary:not(:disabled)') ?? dialog?.querySelector<HTMLElement>('.modal-actions button:not(:disabled)'))?.focus();
    return () => (returnFocus.current as HTMLElement | null)?.focus?.();
  }, []);

  const running = stage.kind === 'running';
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !running) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running, onClose]);

  useEffect(() => {
    if (stage.kind === 'done') dialogRef.current?.querySelector<HTMLElement>('.modal-actions .primary')?.focus();
    if (stage.kind === 'running') dialogRef.current?.querySelector<HTMLElement>('.modal-actions button')?.focus();
  }, [stage.kind]);

  const start = async (value: boolean): Promise<void> => {
    const ids = value ? drafts : approved;
    stop.current = false;
    setStage({ kind: 'running', value, done: 0, total: ids.length });
    const report = await onRun(
      ids,
      value,
      (done) => setStage((s) => (s.kind === 'running' ? { ...s, done } : s)),
      () => stop.current,
    );
    setStage({ kind: 'done', value, total: ids.length, report });
  };

  const verb = (value: boolean): string => (value ? 'Approve' : 'Withdraw');
  return (
    <div className="modal-backdrop">
      <div ref={dialogRef} className="modal" role="dialog" aria-modal="true" aria-labelledby="bulk-title">
        <h2 id="bulk-title">Approve or withdraw the articles shown</h2>
        {stage.kind === 'done' ? (
          <Result stage={stage} onClose={onClose} />
        ) : (
          <>
            <p>
              {searchWaits && setup
                ? 'Preparing the search: the articles it shows are counted once it is ready…'
                : rows.length === 0 && setup
                  ? 'The list shows no article: change the filters first.'
                  : `The list shows ${plural(drafts.length + approved.length + blocked, 'article')}: ${formatCount(drafts.length)} not approved, ${formatCount(approved.length)} approved.`}
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
            <p className="muted">Each article is saved as a one-line change to its file. {undoKeys()} undoes the whole change.</p>
            {stage.kind === 'running' && (
              <div className="progress">
                <progress max={Math.max(stage.total, 1)} value={stage.done} aria-label={stage.value ? 'Approving' : 'Withdrawing'} />
                {/* Not a live region: read out every tenth of a second it would drown the rest; the result is one. */}
                <span>
                  {stage.value ? 'Approving' : 'Withdrawing'} {formatCount(stage.done)} of {formatCount(stage.total)}…
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
                  <button type="button" disabled={searchWaits || approved.length === 0} onClick={() => void start(false)}>
                    {searchWaits ? verb(false) : `${verb(false)} ${plural(approved.length, 'article')}`}
                  </button>
                  <button type="button" className="primary" disabled={searchWaits || drafts.length === 0} onClick={() => void start(true)}>
                    {searchWaits ? verb(true) : `${verb(true)} ${plural(drafts.length, 'article')}`}
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
  const { report, value, total } = stage;
  const done = `${plural(report.changed.length, 'article')} ${value ? 'approved' : 'withdrawn'}`;
  return (
    <>
      <p role="status">
        {report.stopped ? `Stopped: ${done} of ${formatCount(total)}.` : `${done[0]!.toUpperCase()}${done.slice(1)}.`}
        {report.changed.length > 0 && ` ${undoKeys()} undoes it.`}
      </p>
      {report.failed.length > 0 && (
        <>
          <p>{plural(report.failed.length, 'article')} could not be changed, and {report.failed.length === 1 ? 'is' : 'are'} left as {report.failed.length === 1 ? 'it was' : 'they were'}:</p>
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
