/**
 * The top bar: library name, search, the desk's actions, the filters, and word when the library's
 * folder is gone or cannot be watched.
 */
import { useMemo, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { UnreadableFolder } from '../../shared/contract.js';
import type { StatusFilter } from '../../shared/query.js';
import type { DeskState, Filters } from '../state/desk-state.js';

const STATUSES: readonly { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'unpublished', label: 'Unpublished' },
  { value: 'published', label: 'Published' },
  { value: 'problems', label: 'Has problems' },
];

interface Props {
  readonly state: DeskState;
  readonly topics: readonly string[];
  readonly providers: readonly string[];
  readonly searchRef: RefObject<HTMLInputElement | null>;
  readonly onFilters: (filters: Partial<Filters>) => void;
  readonly onEscape: () => void;
  readonly onExport: () => void;
  /** Opens the bulk actions dialog: approve, withdraw, add, remove or rename a topic on every article shown. */
  readonly onBulk: () => void;
  /** Opens the list of keyboard shortcuts. */
  readonly onKeys: () => void;
  /** The editor has read why the folder is not watched. */
  readonly onUnwatchedDismissed: () => void;
  /** Opens the library again: what other programs changed is read. */
  readonly onReopen: () => void;
  /** The editor has read which folders cannot be read. */
  readonly onUnreadableDismissed: () => void;
}

/** Search and filters; every control is labelled for screen readers. */
export function Toolbar({ state, topics, providers, searchRef, onFilters, onEscape, onExport, onBulk, onKeys, onUnwatchedDismissed, onReopen, onUnreadableDismissed }: Props) {
  const { filters } = state;
  // A few hundred topics: made again when they change, not at every approval.
  const topicOptions = useMemo(() => options(topics), [topics]);
  const providerOptions = useMemo(() => options(providers), [providers]);
  /** The arrow keys, Home and End in the status group: the next, previous, first or last status, chosen and focused. */
  const moveStatus = (e: KeyboardEvent<HTMLDivElement>): void => {
    const at = STATUSES.findIndex((s) => s.value === filters.status);
    const step: Partial<Record<string, number>> = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: STATUSES.length - 1 };
    const to = step[e.key];
    if (to === undefined) return;
    e.preventDefault();
    e.stopPropagation(); // not the list's arrow keys too
    const next = STATUSES[(to + STATUSES.length) % STATUSES.length]!;
    onFilters({ status: next.value });
    const buttons = e.currentTarget.querySelectorAll<HTMLElement>('[role="radio"]');
    buttons[STATUSES.indexOf(next)]?.focus();
  };
  /** Escape or Enter in a date field takes the keys back to the list, as Enter in the search does. */
  const backToList = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key !== 'Escape' && e.key !== 'Enter') return;
    e.preventDefault();
    onEscape();
  };
  return (
    <header className="toolbar">
      <div className="brand">
        <span className="brand-name">Masthead</span>
        {state.libraryName && <span className="library-name" title="The open library">{state.libraryName}</span>}
      </div>
      <div className="search-row" role="search">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search articles"
          placeholder="Search titles and excerpts  ( / )"
          value={filters.search}
          onChange={(e) => onFilters({ search: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape' || e.key === 'Enter') {
              e.preventDefault();
              if (e.key === 'Escape' && filters.search !== '') onFilters({ search: '' });
              else onEscape();
            }
          }}
        />
      </div>
      <div className="toolbar-actions">
        <button type="button" className="bulk-button" onClick={onBulk} aria-keyshortcuts="Shift+P" title="Approve, withdraw or change the topics of every article shown (Shift+P)">
          Bulk actions…
        </button>
        <button type="button" className="export-button" onClick={onExport}>
          Export…
        </button>
        <button type="button" className="keys-button" onClick={onKeys} aria-keyshortcuts="?" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          ?
        </button>
      </div>
      <div className="filters">
        {/* A radio group as ARIA describes one: one Tab stop, the arrow keys move the choice (and the focus with it). */}
        <div className="segmented" role="radiogroup" aria-label="Status" onKeyDown={moveStatus}>
          {STATUSES.map((s) => (
            <button
              key={s.value}
              type="button"
              role="radio"
              aria-checked={filters.status === s.value}
              tabIndex={filters.status === s.value ? 0 : -1}
              className={filters.status === s.value ? 'on' : ''}
              onClick={() => onFilters({ status: s.value })}
            >
              {s.label}
            </button>
          ))}
        </div>
        <select aria-label="Topic" value={filters.topic} onChange={(e) => onFilters({ topic: e.target.value })}>
          <option value="">All topics</option>
          {topicOptions}
        </select>
        <select aria-label="Provider" value={filters.provider} onChange={(e) => onFilters({ provider: e.target.value })}>
          <option value="">All providers</option>
          {providerOptions}
        </select>
        {/* A day or none in each: a date field holds a whole day, or nothing. */}
        <div className="date-range">
          <label>
            Date from{' '}
            <input type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => onFilters({ from: e.target.value })} onKeyDown={backToList} />
          </label>
          <label>
            to <input type="date" aria-label="Date to" value={filters.to} min={filters.from || undefined} onChange={(e) => onFilters({ to: e.target.value })} onKeyDown={backToList} />
          </label>
          {(filters.from !== '' || filters.to !== '') && (
            <button type="button" className="quiet clear-dates" aria-label="Any date" title="Any date" onClick={() => onFilters({ from: '', to: '' })}>
              ×
            </button>
          )}
        </div>
      </div>
      {state.gone !== null && (
        <p className="gone-banner" role="alert">
          <strong>The folder {state.gone} is no longer where it was opened.</strong> It was moved, renamed or deleted, or its drive was removed: nothing in it can be read or
          saved until it is back. Masthead opens it again as soon as it is.
        </p>
      )}
      {state.gone === null && state.unwatched !== null && (
        <FolderNote onReopen={onReopen} dismissLabel="Dismiss: the folder is not watched" onDismiss={onUnwatchedDismissed}>
          <strong>Changes other programs make to this folder show when you come back to Masthead, not as they happen</strong> ({state.unwatched}). Your own changes are saved as usual, and none
          of them overwrites a file another program changed.
        </FolderNote>
      )}
      {state.gone === null && state.unreadableFolders.length > 0 && (
        <FolderNote onReopen={onReopen} dismissLabel="Dismiss: folders that cannot be read" onDismiss={onUnreadableDismissed}>
          <strong>{unreadableText(state.unreadableFolders.length)}</strong> {foldersText(state.unreadableFolders)}. Once they can be read, open the library again.
        </FolderNote>
      )}
    </header>
  );
}

/** A note on the library's folder above the list: what it says, a way to open the library again, and one to dismiss it. */
function FolderNote({ children, onReopen, dismissLabel, onDismiss }: { readonly children: ReactNode; readonly onReopen: () => void; readonly dismissLabel: string; readonly onDismiss: () => void }) {
  return (
    <div className="folder-note" role="status">
      <p>{children}</p>
      <button type="button" className="quiet" onClick={onReopen}>
        Open it again
      </button>
      <button type="button" className="quiet" aria-label={dismissLabel} title="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

/** The lead of the note on `count` folders that cannot be read. */
function unreadableText(count: number): string {
  return count === 1 ? 'A folder in this library cannot be read, so its articles are not listed:' : `${count} folders in this library cannot be read, so their articles are not listed:`;
}

/** The first few of `folders`, each with why, and how many more. */
function foldersText(folders: readonly UnreadableFolder[]): string {
  const shown = folders.slice(0, 3).map((f) => `${f.folder} (${f.message})`);
  return folders.length > 3 ? `${shown.join(', ')} and ${folders.length - 3} more` : shown.join(', ');
}

/** An option for each of `names`. */
function options(names: readonly string[]) {
  return names.map((name) => (
    <option key={name} value={name}>
      {name}
    </option>
  ));
}
