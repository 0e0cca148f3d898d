/** The review pane: everything one article says, its problems, and the approve and topic controls. */
import { useEffect, useRef, type RefObject } from 'react';
import type { ArticleDetail, ArticleSummary, Problem } from '../../shared/article.js';
import { problemPlace } from '../../shared/article.js';
import { isMac } from '../format.js';
import type { SaveState } from '../state/desk-state.js';
import type { DeskActions } from '../state/use-desk.js';
import { ArticleBody } from './ArticleBody.js';
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
  readonly onOpenExternal: (url: string) => void;
  readonly onShowImages: () => void;
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
        <h1 className="review-title">{summary.title}</h1>
        <p className="file-id" title="The file, relative to the library">
          {summary.id}
        </p>
      </div>

      <div className="controls">
        <label className={`switch${broken || readOnly ? ' disabled' : ''}`}>
          <input type="checkbox" role="switch" checked={summary.published} disabled={broken || readOnly} onChange={props.onTogglePublished} />
          <span className="switch-track" aria-hidden="true" />
          <span>Published</span>
        </label>
        {save && (
          <span className={`save-state save-${save.state}`} role="status" title={save.message}>
            {SAVE_TEXT[save.state]}
          </span>
        )}
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

      {!broken && (
        <TopicEditor topics={summary.topics} allTopics={props.allTopics} inputRef={props.topicInputRef} onChange={props.onSetTopics} readOnly={readOnly} />
      )}

      {article && <ArticleBody article={article} showImages={props.showImages} onOpenExternal={props.onOpenExternal} onShowImages={props.onShowImages} />}
      {detail && detail.summary.id === summary.id && (
        <details className="source" open={broken}>
          <summary>Source file</summary>
          <SourceView source={detail.source} problems={summary.problems} />
        </details>
      )}
    </section>
  );
}

/**
 * The file as it is, its problems' lines marked (an error's line is where an editor fixes it), and
 * scrolled to the first of them. Only the marked lines are elements of their own.
 */
function SourceView({ source, problems }: { readonly source: string; readonly problems: readonly Problem[] }) {
  const preRef = useRef<HTMLPreElement>(null);
  const marked = new Map<number, Problem[]>();
  for (const p of problems) if (p.line !== undefined) marked.set(p.line, [...(marked.get(p.line) ?? []), p]);
  const parts: (string | { line: number; text: string; problems: Problem[] })[] = [];
  if (marked.size > 0) {
    let from = 0;
    let line = 1;
    for (let at = 0; at <= source.length; line++) {
      const end = source.indexOf('\n', at);
      const next = end === -1 ? source.length : end + 1;
      const here = marked.get(line);
      if (here !== undefined) {
        if (at > from) parts.push(source.slice(from, at));
        parts.push({ line, text: source.slice(at, next), problems: here });
        from = next;
      }
      if (end === -1) break;
      at = next;
    }
    if (from < source.length) parts.push(source.slice(from));
  }
  useEffect(() => {
    const first = preRef.current?.querySelector('mark');
    if (first && preRef.current) preRef.current.scrollTop = Math.max(0, first.offsetTop - preRef.current.offsetTop - 48);
  }, [source]);
  return (
    // Focusable, so a long source can be scrolled from the keyboard.
    <pre ref={preRef} tabIndex={0} aria-label="Source file">
      {marked.size === 0
        ? source
        : parts.map((part, i) =>
            typeof part === 'string' ? (
              part
            ) : (
              <mark
                key={i}
                className={part.problems.some((p) => p.level === 'error') ? 'line-error' : 'line-warning'}
                title={part.problems.map((p) => `${p.level === 'error' ? 'Error' : 'Warning'}: ${p.message}`).join('\n')}
              >
                {part.text}
              </mark>
            ),
          )}
    </pre>
  );
}
