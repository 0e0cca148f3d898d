/** The article list: a virtualized grid, smooth at 100,000 rows, sortable by column. */
import { useEffect, useMemo, useRef, type ReactElement, type RefObject } from 'react';
import { approvalState, hasError, type ApprovalState, type ArticleId, type ArticleSummary } from '../../shared/article.js';
import { clip, formatCount, formatDate } from '../format.js';
import type { SortKey } from '../state/desk-state.js';
import { rowOf } from '../state/view.js';
import { useRowWindow } from './use-row-window.js';

/** Each row's height in pixels (the rows are virtualized at a fixed height). */
export const ROW_HEIGHT = 44;
const COLUMNS: readonly { key: SortKey | null; label: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'provider', label: 'Provider' },
  { key: 'date', label: 'Date' },
  { key: 'quality', label: 'Quality' },
  { key: 'heat', label: 'Heat' },
  { key: null, label: 'Topics' },
  { key: 'published', label: 'Published' },
];

interface Props {
  readonly rows: readonly ArticleSummary[];
  readonly loading: boolean;
  /** A new sort is under way: the rows are about to change order. */
  readonly sorting: boolean;
  readonly opening: { readonly done: number; readonly total: number } | null;
  readonly loadError: string | null;
  /** The library holds no article at all (as against none matching the filters). */
  readonly libraryEmpty: boolean;
  /** Clears the filters; shown when they leave no row. */
  readonly onClearFilters: () => void;
  /** The date range ends before it starts (a day typed rather than picked): said when it leaves no row. */
  readonly rangeReversed: boolean;
  readonly selectedId: ArticleId | null;
  readonly sort: { readonly key: SortKey; readonly direction: 'asc' | 'desc' };
  readonly listRef: RefObject<HTMLDivElement | null>;
  readonly onSelect: (id: ArticleId) => void;
  readonly onSort: (key: SortKey) => void;
}

/** A DOM id for a row, for aria-activedescendant. */
const rowDomId = (index: number): string => `article-row-${index}`;

/** The list pane's element id: the line beside it (PaneSplitter) names what it resizes. */
export const LIST_PANE_ID = 'article-list';

/** The grid of articles. Only the rows in view exist in the DOM. */
export function ArticleList({ rows, loading, sorting, opening, loadError, libraryEmpty, onClearFilters, rangeReversed, selectedId, sort, listRef, onSelect, onSort }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Two rows more each side: each row drawn is laid out again on every frame of a fast scroll.
  const { start, end, totalHeight, scrollToRow } = useRowWindow(scrollRef, rows.length, ROW_HEIGHT, 2);
  // Not on every render: scrolling re-renders the list. Looked for where it was last (see `rowOf`).
  const lastSelected = useRef(0);
  const selectedIndex = useMemo(() => {
    const at = rowOf(rows, selectedId, lastSelected.current);
    if (at !== -1) lastSelected.current = at;
    return at;
  }, [rows, selectedId]);

  /** Selects the article of the row a click landed in. */
  const selectAt = (target: EventTarget): void => {
    const row = target instanceof Element ? target.closest('[role="row"]') : null;
    const article = row === null ? undefined : rows[Number(row.getAttribute('aria-rowindex')) - 2];
    if (article !== undefined) onSelect(article.id);
  };

  // Scrolling renders the list again each frame; the header changes only with the sort.
  const header = useMemo(
    () => (
      <div role="rowgroup" className="grid-head">
        <div role="row" aria-rowindex={1} className="grid-row">
          {COLUMNS.map((c) => (
            <div
              key={c.label}
              role="columnheader"
              className={`cell col-${c.label.toLowerCase()}${c.key === 'quality' || c.key === 'heat' ? ' num' : ''}`}
              aria-sort={c.key !== null && sort.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {c.key === null ? (
                c.label
              ) : (
                <button type="button" className="sort" onClick={() => c.key && onSort(c.key)}>
                  {c.label}
                  {sort.key === c.key && (
                    <span aria-hidden="true" className="sort-mark">
                      {sort.direction === 'asc' ? '▲' : '▼'}
                    </span>
                  )}
                </button>
              )}
            </div>
          ))}
        </div>
      </div>
    ),
    [sort, onSort],
  );

  useEffect(() => {
    if (selectedIndex !== -1) scrollToRow(selectedIndex);
  }, [selectedIndex, scrollToRow]);

  return (
    <section id={LIST_PANE_ID} className="list-pane" aria-label="Article list">
      <div
        ref={listRef}
        role="grid"
        aria-label="Articles"
        aria-rowcount={rows.length + 1}
        aria-busy={loading || sorting}
        aria-activedescendant={selectedIndex === -1 ? undefined : rowDomId(selectedIndex)}
        tabIndex={0}
        className="grid"
      >
        {header}
        <div ref={scrollRef} className="grid-body">
          {loading && rows.length === 0 && (
            <div className="empty">
              <p>Opening the library…{opening && ` ${formatCount(opening.done)} of ${formatCount(opening.total)} files`}</p>
              {opening && <progress max={opening.total} value={opening.done} aria-label="Opening the library" />}
            </div>
          )}
          {loadError && (
            <p className="empty error" role="alert">
              {loadError}
            </p>
          )}
          {/* One click handler for every row (none made per row per frame): the row's place in the list. */}
          <div role="rowgroup" style={{ height: totalHeight, position: 'relative' }} onClick={(e) => selectAt(e.target)}>
            {/* Rows are keyed by their place among the drawn rows, not by article: scrolling then
                refills the same elements instead of making new ones, and a jump down a 100,000-row
                list no longer builds 30 rows of new elements per frame (their collection held frames
                past 50 ms). The rows stay in list order, so the document's order is the list's. */}
            {Array.from({ length: end - start }, (_, slot) => {
              const index = start + slot;
              const a = rows[index]!;
              const selected = a.id === selectedId;
              const broken = hasError(a.problems);
              return (
                <div
                  key={slot}
                  id={rowDomId(index)}
                  role="row"
                  aria-rowindex={index + 2}
                  aria-selected={selected}
                  className={`grid-row${selected ? ' selected' : ''}${broken ? ' broken' : ''}`}
                  style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
                >
                  {/* A cell cut short with an ellipsis says the whole on hover: the title with its file, the provider, the topics. */}
                  <div role="gridcell" className="cell col-title" title={a.title === a.id ? a.id : `${clip(a.title)}\n${a.id}`}>
                    {a.problems.length > 0 && (
                      <span className={`badge ${broken ? 'badge-error' : 'badge-warning'}`} aria-label={broken ? 'has an error' : 'has warnings'}>
                        {broken ? '!' : '?'}
                      </span>
                    )}
                    {/* In the title's cell, whose width gives way, not the state's, whose width is fixed. */}
                    {a.readOnly && <ReadOnlyMark />}
                    <span className="title-text">{clip(a.title)}</span>
                  </div>
                  <div role="gridcell" className="cell col-provider" title={a.providerName && clip(a.providerName)}>
                    {clip(a.providerName ?? '')}
                  </div>
                  <div role="gridcell" className="cell col-date" title={a.publishedDateTime && clip(a.publishedDateTime)}>
                    {formatDate(a.publishedDateTime, true)}
                  </div>
                  <div role="gridcell" className="cell col-quality num">{a.quality ?? ''}</div>
                  <div role="gridcell" className="cell col-heat num">{a.heat ?? ''}</div>
                  <div role="gridcell" className="cell col-topics" title={a.topics.length > 0 ? topicsLine(a.topics) : undefined}>
                    {topicsLine(a.topics)}
                  </div>
                  <div role="gridcell" className="cell col-published">
                    <ApprovalPill state={approvalState(a)} />
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {/* Beside the grid, not in it: a grid holds rows of articles only. */}
      {!loading && !loadError && rows.length === 0 && (
        <div className="empty list-empty" role="status">
          {libraryEmpty ? (
            <>
              This folder holds no articles. Masthead lists the <code>.md</code>, <code>.markdown</code> and <code>.txt</code> files in it and in its folders
              whose first line is <code>---</code>, the start of their front matter.
            </>
          ) : (
            <>
              {rangeReversed ? 'No articles match these filters: the date range ends before it starts.' : 'No articles match these filters.'}{' '}
              <button type="button" className="quiet" onClick={onClearFilters}>
                Show every article
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** The topics as the list's cell and its hover say them: the first hundred at most, cut as any text the desk shows. */
function topicsLine(topics: readonly string[]): string {
  return clip(topics.slice(0, 100).join(', ') + (topics.length > 100 ? ', …' : ''));
}

/** A padlock before the title of a file marked read-only (see `ArticleSummary.readOnly`): Masthead leaves it as it is. */
function ReadOnlyMark() {
  return (
    <svg className="read-only-mark" role="img" aria-label="read-only" viewBox="0 0 12 12" width="12" height="12">
      <title>Read-only: Masthead leaves this file as it is</title>
      <rect x="2" y="5.5" width="8" height="5.5" rx="1" fill="currentColor" />
      <path d="M4 5.5V4a2 2 0 0 1 4 0v1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}

/** The state column's pill: the approval the file holds, or why it is unknown. */
function ApprovalPill({ state }: { readonly state: ApprovalState }): ReactElement {
  switch (state) {
    case 'published':
      return <span className="pill pill-on">Published</span>;
    case 'draft':
      return <span className="pill">Draft</span>;
    case 'error':
      return (
        <span className="pill pill-error" title="The file has an error, so whether it is approved is unknown until it is mended">
          Error
        </span>
      );
    case 'unreadable':
      return (
        <span className="pill pill-error" title="Masthead cannot read the file, so whether it is approved is unknown">
          Unreadable
        </span>
      );
  }
}
