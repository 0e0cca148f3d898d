/** The review pane: everything one article says, its problems, and the approve and topic controls. */
import { useState, type RefObject } from 'react';
import type { ArticleDetail, ArticleSummary } from '../../shared/article.js';
import { approvalState, problemPlace } from '../../shared/article.js';
import type { ShowFileHow } from '../../shared/contract.js';
import { clip, isMac } from '../format.js';
import type { SaveState } from '../state/desk-state.js';
import type { DeskActions } from '../state/use-desk.js';
import { ArticleBody } from './ArticleBody.js';
import { ArticleText } from './ArticleText.js';
import { SourceSection } from './SourceSection.js';
import { TopicEditor } from './TopicEditor.js';

interface Props {
  readonly summary: ArticleSummary | null;
  readonly detail: ArticleDetail | null;
  readonly save: SaveState | null;
  readonly showImages: boolean;
  readonly allTopics: readonly string[];
  readonly topicInputRef: RefObject<HTMLInputElement | null>;
  readonly onTogglePublished: () => void;
  readonly onSetTopics: DeskActions['setTopics'];
  /** Escape in the empty topic field: the keys go back to the list. */
  readonly onTopicsLeft: () => void;
  readonly onOpenExternal: (url: string) => void;
  readonly onShowImages: () => void;
  /** Where the desk can show the article's file (the app; not a browser page): its folder, or the file opened in its app. */
  readonly onShowFile: ((how: ShowFileHow) => void) | null;
}

const SAVE_TEXT: Readonly<Record<SaveState['state'], string>> = {
  saving: 'Saving…',
  saved: 'Saved',
  conflict: 'Conflict: kept the other program’s change',
  error: 'Not saved',
};

/** The selected article, or a hint when none is selected. */
export function ReviewPane(props: Props) {
  const { summary, detail, save } = props;
  // Opened by hand, the source stays open from article to article; a broken file opens it anyway.
  const [sourceOpen, setSourceOpen] = useState(false);
  if (summary === null) {
    return (
      <section className="review-pane empty-pane" aria-label="Review">
        <h1>Select an article to review it.</h1>
        <p className="hint">
          <kbd>↑</kbd> <kbd>↓</kbd> or <kbd>j</kbd> <kbd>k</kbd> move · <kbd>p</kbd> approves · <kbd>t</kbd> adds a topic · <kbd>/</kbd> searches ·{' '}
          <kbd>Shift</kbd>+<kbd>P</kbd> acts on every article shown · <kbd>{isMac() ? '⌘' : 'Ctrl'}</kbd>+<kbd>Z</kbd> undoes · <kbd>?</kbd> lists every key
        </p>
      </section>
    );
  }
  const article = detail?.summary.id === summary.id ? detail.article : null;
  const broken = detail?.summary.id === summary.id && detail.article === null;
  // Known from the list once the file is checked; the detail also knows a file this user may not write.
  const readOnly = summary.readOnly === true || (detail?.summary.id === summary.id && detail.readOnly);
  return (
    <section className="review-pane" aria-label="Review">
      <div className="review-head">
        <h1 className="review-title">{clip(summary.title)}</h1>
        <div className="file-line">
          <p className="file-id" title="The file, relative to the library">
            {summary.id}
          </p>
          {props.onShowFile && (
            <span className="file-actions">
              <button type="button" className="quiet" onClick={() => props.onShowFile?.('app')} title="Open the file in the app your system opens such files with (o)">
                Open file
              </button>
              <button type="button" className="quiet" onClick={() => props.onShowFile?.('folder')} title="Show the file in its folder">
                Show in folder
              </button>
            </span>
          )}
        </div>
      </div>

      <div className="controls">
        <label className={`switch${broken || readOnly ? ' disabled' : ''}`}>
          <input type="checkbox" role="switch" checked={summary.published} disabled={broken || readOnly} onChange={props.onTogglePublished} />
          <span className="switch-track" aria-hidden="true" />
          <span>Published</span>
        </label>
        {/* Always in the page, empty until a change: a screen reader tells a live region's changes, not a new one. */}
        <span className={save ? `save-state save-${save.state}` : 'save-state'} role="status" title={save?.message}>
          {save ? SAVE_TEXT[save.state] : ''}
        </span>
      </div>

      {readOnly && (
        <p className="read-only-note">
          <strong>Read-only.</strong> This file is marked read-only (or is not yours to write), so Masthead leaves it as it is. Make it writable to approve it or change its topics.
        </p>
      )}

      {summary.problems.length > 0 && (
        <ul className="problems" aria-label="Problems">
          {summary.problems.map((p, i) => (
            <li key={i} className={`problem problem-${p.level}`}>
              <strong>{p.level === 'error' ? 'Error' : 'Warning'}:</strong> {problemPlace(p)}
              {p.message}
            </li>
          ))}
        </ul>
      )}

      {/* A file that can be read but not understood is mended where it is written; one that cannot be read at all says why in its error. */}
      {broken && approvalState(summary) !== 'unreadable' && (
        <p className="broken-hint">
          Masthead leaves a broken file as it is. Mend it in your text editor{props.onShowFile ? ' (Open file above)' : ''}: once it is saved, the desk reads it again.
        </p>
      )}

      {/* Keyed by article (apart from the text's key among these): the next one's chips start with the first, its field empty. */}
      {!broken && (
        <TopicEditor key={`topics ${summary.id}`} topics={summary.topics} allTopics={props.allTopics} inputRef={props.topicInputRef} onChange={props.onSetTopics} readOnly={readOnly} onLeave={props.onTopicsLeft} />
      )}

      {article && <ArticleBody article={article} showImages={props.showImages} onOpenExternal={props.onOpenExternal} onShowImages={props.onShowImages} />}
      {/* Keyed by article: the next one opens at its beginning, not shown in full because the last was. */}
      {article && detail?.bodyStart != null && <ArticleText key={summary.id} text={detail.source.slice(detail.bodyStart)} />}
      {/* A file that cannot be read at all has no text to show: its error says why. */}
      {detail && detail.summary.id === summary.id && detail.source !== '' && (
        <SourceSection
          source={detail.source}
          problems={summary.problems}
          open={sourceOpen || broken}
          onOpenChange={(open) => {
            if (!broken) setSourceOpen(open);
          }}
        />
      )}
    </section>
  );
}
