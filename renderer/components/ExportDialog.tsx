/** The Export dialog: format, scope, destination, a preview of what goes and what is held back, progress, result. */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { EXPORT_FORMATS, type Bridge, type ExportFormat, type ExportOutcome, type ExportPreview } from '../../shared/contract.js';
import type { ArticleQuery } from '../../shared/query.js';
import { formatCount, plural } from '../format.js';
import { useModal } from './use-modal.js';

const FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = {
  files: 'Files (copies + manifest)',
  json: 'JSON',
  jsonl: 'JSON Lines',
  csv: 'CSV (spreadsheets)',
  rss: 'RSS feed',
};

interface Props {
  readonly bridge: Bridge;
  /** The list's current filter, or null when nothing narrows it. */
  readonly filter: ArticleQuery | null;
  /** That filter in words ("topic AI · Dec 1, 2024 to Dec 15, 2024"). */
  readonly filterWords?: string;
  readonly onClose: () => void;
  /** The background full check, while it runs: what is approved and error-free is final only once it is done. */
  readonly checking?: { readonly done: number; readonly total: number } | null;
}

const FIRST_FOCUS = ['input, button'];

type Stage = { kind: 'setup' } | { kind: 'running'; done: number; total: number } | { kind: 'done'; outcome: ExportOutcome } | { kind: 'failed'; message: string };

/** A modal dialog; Escape closes it unless an export is running. */
export function ExportDialog({ bridge, filter, filterWords = '', onClose, checking = null }: Props) {
  const [format, setFormat] = useState<ExportFormat>('files');
  const [scope, setScope] = useState<'all' | 'filter'>('all');
  const [csvBom, setCsvBom] = useState(false);
  const [destination, setDestination] = useState<string | null>(null);
  const [previews, setPreviews] = useState<{ all?: ExportPreview; filter?: ExportPreview }>({});
  const [stage, setStage] = useState<Stage>({ kind: 'setup' });
  const dialogRef = useRef<HTMLDivElement>(null);


  useEffect(() => {
    let live = true;
    void bridge.previewExport(null).then((r) => live && r.ok && setPreviews((p) => ({ ...p, all: r.value })));
    if (filter) void bridge.previewExport(filter).then((r) => live && r.ok && setPreviews((p) => ({ ...p, filter: r.value })));
    return () => {
      live = false;
    };
  }, [bridge, filter]);

  useEffect(
    () =>
      bridge.onEvent((event) => {
        if (event.type === 'export-progress') setStage((s) => (s.kind === 'running' ? { kind: 'running', done: event.done, total: event.total } : s));
      }),
    [bridge],
  );

  const preview = scope === 'filter' ? previews.filter : previews.all;
  const running = stage.kind === 'running';
  // Escape closes from anywhere while the dialog is open, unless an export is running.
  useModal(dialogRef, FIRST_FOCUS, running, onClose);

  // When the export ends, the result's main button takes the focus, as it is drawn (see use-modal.ts).
  useLayoutEffect(() => {
    if (stage.kind === 'done') dialogRef.current?.querySelector<HTMLElement>('.modal-actions .primary')?.focus();
  }, [stage.kind]);

  const choose = async (): Promise<void> => {
    const result = await bridge.chooseExportDestination(format);
    if (!result.ok) setStage({ kind: 'failed', message: result.error.message });
    else if (result.value) setDestination(result.value.destination);
  };

  const run = async (): Promise<void> => {
    setStage({ kind: 'running', done: 0, total: preview?.count ?? 0 });
    const result = await bridge.runExport({ format, query: scope === 'filter' && filter ? filter : undefined, csvBom: format === 'csv' && csvBom });
    setStage(result.ok ? { kind: 'done', outcome: result.value } : { kind: 'failed', message: result.error.message });
  };

  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
      >
        <h2 id="export-title">Export approved articles</h2>
        {stage.kind === 'done' ? (
          <Result outcome={stage.outcome} bridge={bridge} onClose={onClose} />
        ) : (
          <>
            <fieldset disabled={running}>
              <legend>Format</legend>
              {EXPORT_FORMATS.map((f) => (
                <label key={f} className="radio">
                  <input
                    type="radio"
                    name="format"
                    checked={format === f}
                    onChange={() => {
                      setFormat(f);
                      setDestination(null);
                    }}
                  />
                  {FORMAT_LABELS[f]}
                </label>
              ))}
              {format === 'csv' && (
                <label className="radio">
                  <input type="checkbox" checked={csvBom} onChange={(e) => setCsvBom(e.target.checked)} />
                  Add the byte-order mark spreadsheet programs want
                </label>
              )}
            </fieldset>
            <fieldset disabled={running}>
              <legend>Which articles</legend>
              <label className="radio">
                <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} />
                Every approved article{previews.all && ` (${formatCount(previews.all.count)})`}
              </label>
              <label className="radio">
                <input type="radio" name="scope" disabled={filter === null} checked={scope === 'filter'} onChange={() => setScope('filter')} />
                The approved part of the current filter{filter !== null && filterWords !== '' && `: ${filterWords}`}
                {previews.filter && ` (${formatCount(previews.filter.count)})`}
              </label>
            </fieldset>
            {/* Before the preview, whose list of articles held back can be long: the choice the export waits for stays in view. */}
            <div className="destination">
              <button type="button" onClick={() => void choose()} disabled={running}>
                Choose destination…
              </button>
              <span className={destination ? '' : 'muted'}>{destination ?? 'No destination chosen yet'}</span>
            </div>
            {preview ? (
              <PreviewText preview={preview} />
            ) : (
              <p className="muted" aria-live="polite">
                Counting the approved articles…
                {checking && ` They are known once every file is checked: ${formatCount(checking.done)} of ${formatCount(checking.total)} so far.`}
              </p>
            )}
            {stage.kind === 'failed' && (
              <p className="problem problem-error" role="alert">
                {stage.message}
              </p>
            )}
            {running && (
              <div className="progress">
                <progress max={Math.max(stage.total, 1)} value={stage.done} aria-label="Export progress" />
                <span>
                  {formatCount(stage.done)} of {formatCount(stage.total)}
                </span>
              </div>
            )}
            <div className="modal-actions">
              {running ? (
                <button type="button" onClick={() => void bridge.cancelExport()}>
                  Cancel export
                </button>
              ) : (
                <>
                  <button type="button" onClick={onClose}>
                    Close
                  </button>
                  {/* Nothing approved here: an export would only replace the last one with an empty one. */}
                  <button type="button" className="primary" disabled={destination === null || preview === undefined || preview.count === 0} onClick={() => void run()}>
                    {preview?.count === 0 ? 'Nothing to export' : `Export ${preview ? plural(preview.count, 'article') : ''}`}
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

function PreviewText({ preview }: { preview: ExportPreview }) {
  return (
    <div className="preview" aria-live="polite">
      <p>
        {plural(preview.count, 'article')} will be exported
        {preview.withWarnings > 0 && ` (${formatCount(preview.withWarnings)} with warnings)`}.
      </p>
      <HeldBack heldBack={preview.heldBack} intro={`${plural(preview.heldBack.length, 'approved article')} held back by errors:`} />
    </div>
  );
}

/** The approved articles an error keeps out of the export, each with its reason; nothing when there are none. */
function HeldBack({ heldBack, intro }: { heldBack: ExportPreview['heldBack']; intro: string }) {
  if (heldBack.length === 0) return null;
  return (
    <>
      <p>{intro}</p>
      {/* Focusable, so the list can be scrolled with the keyboard when it is long. */}
      <ul className="held-back" tabIndex={0} aria-label="Approved articles held back by errors">
        {heldBack.map((h) => (
          <li key={h.id}>
            <strong>{h.id}</strong>: {h.reason}
          </li>
        ))}
      </ul>
    </>
  );
}

function Result({ outcome, bridge, onClose }: { outcome: ExportOutcome; bridge: Bridge; onClose: () => void }) {
  return (
    <>
      <p role="status">
        Exported {plural(outcome.count, 'article')}
        {outcome.withWarnings > 0 && ` (${formatCount(outcome.withWarnings)} with warnings)`} to <strong>{outcome.destination}</strong>.
      </p>
      <HeldBack heldBack={outcome.heldBack} intro={`${plural(outcome.heldBack.length, 'approved article')} ${outcome.heldBack.length === 1 ? 'was' : 'were'} held back by errors:`} />
      <div className="modal-actions">
        {outcome.canReveal && (
          <button type="button" onClick={() => void bridge.revealExport()}>
            Show in folder
          </button>
        )}
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      </div>
    </>
  );
}
