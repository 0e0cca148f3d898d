/** The editor's desk: toolbar, article list and review pane, driven from the keyboard. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ArticleSummary } from '../../shared/article.js';
import type { Bridge } from '../../shared/contract.js';
import { filterWords } from '../format.js';
import { initialState } from '../state/desk-state.js';
import { findArticle, useDesk } from '../state/use-desk.js';
import type { FirstPage } from '../state/use-list-loading.js';
import { editorActiveWithin } from '../state/activity.js';
import { inSlices } from '../state/in-slices.js';
import { PAGES_WAIT_FOR_PAUSE_MS } from '../state/pages.js';
import { SlicedSort } from '../state/sliced-sort.js';
import { findTies, indexToBuild, type SortedInSlices } from '../state/list-view.js';
import { SLICED_FROM, useListView } from '../state/use-list-view.js';
import { queryOf, rowSorting } from '../state/view.js';
import { ArticleList, LIST_PANE_ID } from './ArticleList.js';
import { BulkDialog } from './BulkDialog.js';
import { ExportDialog } from './ExportDialog.js';
import { KeysDialog } from './KeysDialog.js';
import { Notices } from './Notices.js';
import { PaneSplitter } from './PaneSplitter.js';
import { ReviewPane } from './ReviewPane.js';
import { StatusBar } from './StatusBar.js';
import { Toolbar } from './Toolbar.js';
import { useDeskKeys } from './use-desk-keys.js';

/** The whole desk over one bridge. */
export function App({ bridge, firstPage }: { readonly bridge: Bridge; readonly firstPage?: FirstPage }) {
  /** Whether the list takes no page in for now (set below). */
  const holdPages = useRef((): boolean => false);
  const [state, actions] = useDesk(bridge, firstPage, () => holdPages.current());
  const searchRef = useRef<HTMLInputElement>(null);
  const topicInputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const [sliced, setSliced] = useState<SortedInSlices | null>(null);
  const arriving = state.receiving !== null;
  const view = useListView(state.articles, state.sort, sliced, arriving);
  const { sorted, index, topics, providers, counts } = view;
  // A new sort of a large list runs in slices between frames, the list keeping its order until it
  // is done (see `useListView`). Articles changed meanwhile with their sort keys unchanged (a toggle
  // while sorted by title) take the order as it is; any other change sorts again.
  const sorting = view.sort !== state.sort;
  const sortFrom = useRef(view.articles);
  sortFrom.current = view.articles;
  useEffect(() => {
    if (!sorting) {
      if (sliced !== null) setSliced(null); // taken, or of a sort no longer asked for
      return undefined;
    }
    const [articles, sort] = [sortFrom.current, state.sort];
    // Made in the first slice, not with the click: by date, 100,000 dates are parsed first.
    let job: SlicedSort | null = null;
    return inSlices(
      () => {
        if (job === null) {
          const { compare, tie } = rowSorting(articles, sort);
          job = new SlicedSort(articles.length, compare, tie);
        }
        return job.step();
      },
      'soon',
      () => setSliced({ articles, sort, order: job!.order, ties: job!.ties }),
    );
  }, [sorting, state.sort, sliced]);
  const query = useMemo(() => queryOf(state.filters), [state.filters]);
  const { search } = state.filters;
  // A search needs every text folded. Typed before the index is built (the first seconds after a
  // large library opens), it waits for the build, which then runs in short tasks rather than idle
  // time, the rows shown until then staying as they were: building it all at once for the search
  // held the desk, typing included, for up to 3 s at 100,000.
  const searchWaits = search.trim() !== '' && !index.complete;
  const [builtIndex, setBuiltIndex] = useState<typeof index | null>(null);
  // Fold the text for search and build the list's index while the editor looks at the rows, in idle
  // time: small slices that stop when the frame's idle time runs out, so scrolling never waits. Not
  // while the list is still arriving, unless a search waits for it: each page makes a new index,
  // and 40 builds begun and dropped cost 1.7 s of the desk's time while 100,000 came in. A search
  // typed then holds the pages back until the index is built (a search typed 1.5 s into opening
  // 100,000 waited 7.1-8.6 s, for the whole list); the index then takes in each page after it, and
  // is built afresh once the list is in. A build once begun goes on across changes (see `ListView.base`).
  // The pages wait too while the editor types or scrolls: a merge holds the desk for 50-200 ms at
  // 100,000, felt between two keys or two frames of a scroll. They are taken in at the next pause.
  holdPages.current = () => arriving && (searchWaits || editorActiveWithin(PAGES_WAIT_FOR_PAUSE_MS));
  const building = indexToBuild(view);
  useEffect(
    () => (building.complete || (arriving && !searchWaits) ? undefined : inSlices(() => building.buildSome(250), searchWaits ? 'soon' : 'idle', () => setBuiltIndex(building))),
    [index, building, searchWaits, arriving],
  );
  // A large list's ties are found in idle time too, so that the same column clicked again turns the
  // order round without comparing rows (see `findTies`).
  useEffect(() => {
    const step = arriving || view.sorted.length < SLICED_FROM ? null : findTies(view);
    return step === null ? undefined : inSlices(step, 'idle', () => undefined);
  }, [view, arriving]);
  const shownRows = useRef<readonly ArticleSummary[]>(sorted);
  // `sorted` changes when an edit is patched into the same index: the rows are filtered again then too.
  const rows = useMemo(
    () =>
      query === null ? sorted
      : searchWaits ? shownRows.current
      : index.filter(query),
    // `builtIndex` is a dependency so that the rows are filtered once the build a search waits for is done.
    [query, searchWaits, index, sorted, builtIndex],
  );
  shownRows.current = rows;

  // Keyboard first: the shortcuts work anywhere except while typing in a field (see use-desk-keys.ts).
  useDeskKeys(rows, state, actions, { list: listRef, search: searchRef, topicInput: topicInputRef });
  // The window's title names the library, as the taskbar and the window switcher show it.
  useEffect(() => {
    document.title = state.libraryName === '' ? 'Masthead' : `${state.libraryName} — Masthead`;
  }, [state.libraryName]);

  const selected = findArticle(state.articles, state.selectedId) ?? null;
  const { dispatch } = actions;
  const dismiss = useCallback((key: number) => dispatch({ type: 'notice-dismissed', key }), [dispatch]);
  const closeDialog = useCallback(() => dispatch({ type: 'dialog-closed' }), [dispatch]);
  const showImages = useCallback(() => dispatch({ type: 'images-shown' }), [dispatch]);
  const dialogOpen = state.dialog !== null;

  return (
    <div className="desk">
      {/* While a dialog is open, the desk behind it cannot be reached, by Tab or by the pointer. */}
      <div className="desk-behind" inert={dialogOpen}>
        <Toolbar
          state={state}
          topics={topics}
          providers={providers}
          searchRef={searchRef}
          onFilters={(filters) => actions.dispatch({ type: 'filters-changed', filters })}
          onEscape={() => listRef.current?.focus()}
          onExport={() => dispatch({ type: 'dialog-opened', dialog: 'export' })}
          onBulk={() => dispatch({ type: 'dialog-opened', dialog: 'bulk' })}
          onKeys={() => dispatch({ type: 'dialog-opened', dialog: 'keys' })}
          onUnwatchedDismissed={() => dispatch({ type: 'unwatched-dismissed' })}
          onReopen={actions.reopenLibrary}
          onUnreadableDismissed={() => dispatch({ type: 'unreadable-folders-dismissed' })}
        />
        <main className="panes">
          <ArticleList
            rows={rows}
            loading={state.loading || state.receiving !== null}
            sorting={sorting}
            opening={state.opening}
            loadError={state.loadError}
            libraryEmpty={state.articles.length === 0}
            rangeReversed={state.filters.from !== '' && state.filters.to !== '' && state.filters.from > state.filters.to}
            onClearFilters={() => {
              actions.dispatch({ type: 'filters-changed', filters: initialState.filters });
              listRef.current?.focus();
            }}
            selectedId={state.selectedId}
            sort={state.sort}
            listRef={listRef}
            onSelect={actions.select}
            onSort={(key) => actions.dispatch({ type: 'sort-changed', key })}
          />
          <PaneSplitter listId={LIST_PANE_ID} />
          <ReviewPane
            summary={selected}
            detail={state.detail}
            save={state.save?.id === state.selectedId ? state.save : null}
            showImages={state.showImages}
            allTopics={topics}
            topicInputRef={topicInputRef}
            onTogglePublished={actions.togglePublished}
            onSetTopics={actions.setTopics}
            onTopicsLeft={() => listRef.current?.focus()}
            onOpenExternal={actions.openExternal}
            onShowImages={showImages}
            onShowFile={actions.canShowFiles ? actions.showFile : null}
          />
        </main>
        <StatusBar
          state={state}
          counts={counts}
          shown={rows.length}
          searchWaits={searchWaits}
          sorting={sorting}
          onStopBulk={() => {
            actions.stopReplay();
            listRef.current?.focus(); // the button goes once the undo has stopped: the keys go back to the list
          }}
        />
      </div>
      <Notices notices={state.notices} onDismiss={dismiss} inert={dialogOpen} />
      {state.dialog === 'bulk' && (
        <BulkDialog
          rows={rows}
          onPublish={actions.setPublishedMany}
          onTopics={actions.setTopicsMany}
          allTopics={topics}
          checking={state.checking}
          receiving={state.receiving && { done: state.articles.length, total: state.receiving.total }}
          searchWaits={searchWaits}
          onClose={closeDialog}
        />
      )}
      {state.dialog === 'export' && <ExportDialog bridge={bridge} filter={query} filterWords={filterWords(state.filters)} checking={state.checking} onClose={closeDialog} />}
      {state.dialog === 'keys' && <KeysDialog canShowFiles={actions.canShowFiles} onClose={closeDialog} />}
    </div>
  );
}
