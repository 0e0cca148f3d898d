/** The bar along the desk's foot: the live counts, and the work under way with its progress. */
import type { ReactElement } from 'react';
import type { LibraryCounts } from '../../shared/query.js';
import { formatCount, plural } from '../format.js';
import type { DeskState } from '../state/desk-state.js';

interface Props {
  readonly state: DeskState;
  readonly counts: LibraryCounts;
  readonly shown: number;
  /** A search waits for the list's index (the first seconds after a large library opens): the rows are not yet its answer. */
  readonly searchWaits: boolean;
  /** A new sort of a large list is under way: the rows keep their order until it is done. */
  readonly sorting: boolean;
  /** Stops an undo or redo of many articles (a change from the dialog has its own Stop there). */
  readonly onStopBulk: () => void;
}

/**
 * The counts are a live region: a screen reader hears what a filter or a search leaves shown. The
 * work under way (loading, checking, sorting, an undo of many articles) is not: its numbers move
 * several times a second, and its progress bars are labelled for whoever looks. Both sit in a bar
 * of their own, so that their text, which grows and shrinks as they move, never moves the search
 * box or the filters (a 100,000-article library's opening line is wider than a laptop's toolbar has
 * room for beside them).
 */
export function StatusBar({ state, counts, shown, searchWaits, sorting, onStopBulk }: Props) {
  const problems = counts.withErrors + counts.withWarnings;
  const work: ReactElement[] = [];
  if (sorting) work.push(<span key="sorting">sorting…</span>);
  if (state.receiving) {
    work.push(
      <span key="loading">
        loading {formatCount(state.articles.length)} of {formatCount(state.receiving.total)}
      </span>,
    );
  }
  if (state.bulk) {
    const { doing, done, total } = state.bulk;
    work.push(
      <span key="bulk">
        {doing} {formatCount(done)} of {formatCount(total)} <progress max={Math.max(total, 1)} value={done} aria-label={`${doing[0]!.toUpperCase()}${doing.slice(1)}`} />
        {state.dialog !== 'bulk' && (
          <button type="button" className="stop-button" onClick={onStopBulk}>
            Stop
          </button>
        )}
      </span>,
    );
  }
  if (state.checking) {
    work.push(
      <span key="checking">
        checking {formatCount(state.checking.done)} of {formatCount(state.checking.total)}{' '}
        <progress max={state.checking.total} value={state.checking.done} aria-label="Checking every file" />
      </span>,
    );
  }
  return (
    <footer className="statusbar">
      <p className="counts" aria-live="polite">
        {/* Nothing listed yet: the library is not empty, it is being read (the list says how far). */}
        {state.loading && state.articles.length === 0 ? (
          'Opening the library…'
        ) : (
          <>
            {plural(counts.articles, 'article')} · {formatCount(counts.published)} published · {formatCount(problems)} with problems
            {searchWaits ? <span className="checking"> · preparing the search…</span> : shown !== counts.articles && <span className="shown"> · {formatCount(shown)} shown</span>}
          </>
        )}
      </p>
      {work.length > 0 && (
        <p className="activity">
          {work.map((item, i) => (
            <span key={item.key} className="checking">
              {i > 0 && ' · '}
              {item}
            </span>
          ))}
        </p>
      )}
    </footer>
  );
}
