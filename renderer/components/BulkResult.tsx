/** The bulk dialog's last stage: what the change did, and the articles it could not change. */
import { formatCount, plural, undoKeys } from '../format.js';
import type { BulkReport } from '../state/many-edits.js';

interface Props {
  readonly report: BulkReport;
  /** What the change did, in words ("3 articles approved"). */
  readonly did: string;
  /** How many articles the change was for, and how many it went through before it ended or was stopped. */
  readonly total: number;
  readonly processed: number;
  readonly onClose: () => void;
}

/** What a change to many articles did: how many it changed, how to undo it, and each article it could not change, with why. */
export function BulkResult({ report, did, total, processed, onClose }: Props) {
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
