/** The review pane: everything one article says, its problems, and the approve and topic controls. */
import { memo, useEffect, useRef, useState, type RefObject } from 'react';
import type { Article, ArticleDetail, ArticleImage, ArticleSummary, Problem, RelatedArticle } from '../../shared/article.js';
import { problemPlace } from '../../shared/article.js';
import { isSafeExternalUrl } from '../../shared/contract.js';
import { formatDate, hostOf, isMac } from '../format.js';
import type { SaveState } from '../state/desk-state.js';
import type { DeskActions } from '../state/use-desk.js';
import { DataTree } from './DataTree.js';
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

/**
 * The article's own fields, images and related articles: drawn again only when they change, not at
 * each approval or save state (an article can list 180 related ones).
 */
const ArticleBody = memo(function ArticleBody({ article, showImages, onOpenExternal, onShowImages }: Pick<Props, 'showImages' | 'onOpenExternal' | 'onShowImages'> & { readonly article: Article }) {
  return (
    <>
      {article.excerpt && <p className="excerpt">{article.excerpt}</p>}
      <dl className="facts">
        <dt>Provider</dt>
        <dd>
          {article.provider?.name ?? '—'}
          {article.provider?.domain && <span className="muted"> · {article.provider.domain}</span>}
        </dd>
        <dt>Kind</dt>
        <dd>{[article.category, article.type].filter(Boolean).join(' · ') || '—'}</dd>
        <dt>Published at</dt>
        <dd title={article.publishedDateTime}>{formatDate(article.publishedDateTime) || '—'}</dd>
        <dt>Quality</dt>
        <dd>{article.quality ?? '—'}</dd>
        <dt>Heat</dt>
        <dd>{article.heat ?? '—'}</dd>
      </dl>
      <div className="links">
        <LinkButton label="Open original" url={article.originalUrl} onOpen={onOpenExternal} />
        <LinkButton label="Open web page" url={article.webUrl} onOpen={onOpenExternal} />
      </div>
      {article.images.length > 0 && (
        <section className="images" aria-label="Images">
          <h2>Images</h2>
          {!showImages && (
            <button type="button" className="quiet" onClick={onShowImages}>
              Load remote images
            </button>
          )}
          <ul>
            {article.images.map((image, i) => (
              <li key={i}>
                <Thumbnail image={image} show={showImages} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {article.related.length > 0 && <RelatedList key={article.id} related={article.related} onOpen={onOpenExternal} />}
      {Object.keys(article.extra).length > 0 && (
        <section className="extra" aria-label="Other fields">
          <h2>Other fields</h2>
          <DataTree value={article.extra} />
        </section>
      )}
    </>
  );
});

function LinkButton({ label, url, onOpen }: { label: string; url: string | undefined; onOpen: (url: string) => void }) {
  if (!url) return null;
  const safe = isSafeExternalUrl(url);
  return (
    <button type="button" className="link" disabled={!safe} title={url} onClick={() => onOpen(url)}>
      {label} <span className="muted">{hostOf(url) || url}</span>
    </button>
  );
}

function Thumbnail({ image, show }: { image: ArticleImage; show: boolean }) {
  const size = image.width && image.height ? `${image.width} × ${image.height}` : 'size unknown';
  return (
    <figure className="thumb">
      {show && isSafeExternalUrl(image.url) ? (
        <img src={image.url} alt="" loading="lazy" referrerPolicy="no-referrer" />
      ) : (
        <div className="thumb-placeholder" aria-hidden="true" />
      )}
      <figcaption>
        {size} · {hostOf(image.url)}
      </figcaption>
    </figure>
  );
}

/**
 * Related articles shown before the rest is asked for: a tenth of the generated articles list 64
 * or more, and 180 cards ran 18,000 px down the pane, between the editor and the fields after them.
 */
export const RELATED_SHOWN = 10;

/**
 * The article's related articles: the first `RELATED_SHOWN`, and all of them when asked (each
 * article starts with the first). The button sits above the list, so it stays where it was, with
 * the focus on it, when the list grows or shrinks below it.
 */
function RelatedList({ related, onOpen }: { related: readonly RelatedArticle[]; onOpen: (url: string) => void }) {
  const [all, setAll] = useState(false);
  const shown = all ? related : related.slice(0, RELATED_SHOWN);
  return (
    <section className="related" aria-label="Related articles">
      <div className="section-head">
        <h2>Related articles ({related.length})</h2>
        {related.length > RELATED_SHOWN && (
          <button type="button" className="quiet" aria-expanded={all} onClick={() => setAll(!all)}>
            {all ? `Show the first ${RELATED_SHOWN}` : `Show all ${related.length}`}
          </button>
        )}
      </div>
      <ul>
        {shown.map((r, i) => (
          <li key={i}>
            <RelatedCard related={r} onOpen={onOpen} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function RelatedCard({ related, onOpen }: { related: RelatedArticle; onOpen: (url: string) => void }) {
  const url = related.webUrl ?? related.originalUrl;
  return (
    <article className="card">
      <h3>{related.title ?? 'Untitled'}</h3>
      <p className="muted">
        {[related.provider?.name, formatDate(related.publishedDateTime, true), related.quality !== undefined ? `quality ${related.quality}` : '']
          .filter(Boolean)
          .join(' · ')}
      </p>
      {url && isSafeExternalUrl(url) && (
        <button type="button" className="link" title={url} onClick={() => onOpen(url)}>
          Open <span className="muted">{hostOf(url)}</span>
        </button>
      )}
    </article>
  );
}
