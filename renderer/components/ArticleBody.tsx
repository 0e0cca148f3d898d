/** What an article says in the review pane: its fields, links, images, related articles and every other field. */
import { memo, useEffect, useRef, useState } from 'react';
import type { Article, ArticleImage, RelatedArticle } from '../../shared/article.js';
import { isSafeExternalUrl } from '../../shared/contract.js';
import { formatCount, formatDate, hostOf } from '../format.js';
import { DataTree } from './DataTree.js';

interface Props {
  readonly article: Article;
  readonly showImages: boolean;
  readonly onOpenExternal: (url: string) => void;
  readonly onShowImages: () => void;
}

/**
 * The article's own fields, images and related articles: drawn again only when they change, not at
 * each approval or save state (an article can list 180 related ones).
 */
export const ArticleBody = memo(function ArticleBody({ article, showImages, onOpenExternal, onShowImages }: Props) {
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
              // By place and address: whether it failed to load belongs to that image, not to the next article's at its place.
              <li key={`${i} ${image.url}`}>
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

/** An image: its size and host, and the image itself once remote images are shown; one that fails to load says so. */
function Thumbnail({ image, show }: { image: ArticleImage; show: boolean }) {
  const [failed, setFailed] = useState(false);
  const size = image.width && image.height ? `${image.width} × ${image.height}` : 'size unknown';
  const loads = show && isSafeExternalUrl(image.url);
  return (
    <figure className="thumb">
      {loads && !failed ? (
        <img src={image.url} alt="" loading="lazy" referrerPolicy="no-referrer" onError={() => setFailed(true)} />
      ) : (
        <div className="thumb-placeholder" aria-hidden="true" />
      )}
      <figcaption title={image.url}>
        {size} · {hostOf(image.url) || 'not a web address'}
        {loads && failed && ' · could not be loaded'}
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
 * Related articles made at one press, at most: a card costs about 0.3 ms to make and lay out here,
 * so 200 of them hold the desk about 60 ms. Asked to show all 60,000 of a file at once, the desk
 * stopped answering for 16 s. The generated articles, as the aggregators they model, list 180 at
 * most: those all come at one press.
 */
export const RELATED_STEP = 200;

/**
 * The article's related articles: the first `RELATED_SHOWN`, and all of them when asked, or, past
 * `RELATED_STEP` more than that, `RELATED_STEP` more at each press (each article starts with the
 * first). The buttons sit above the list, so they stay where they were, with the focus on them,
 * when the list grows or shrinks below it.
 */
function RelatedList({ related, onOpen }: { related: readonly RelatedArticle[]; onOpen: (url: string) => void }) {
  const [count, setCount] = useState(RELATED_SHOWN);
  const firstRef = useRef<HTMLButtonElement>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  // Folded from the button that goes with the fold: the focus goes to the one that shows more.
  const focusMore = useRef(false);
  useEffect(() => {
    if (focusMore.current) moreRef.current?.focus();
    focusMore.current = false;
  }, [count]);
  const total = related.length;
  const shown = related.slice(0, count);
  const left = total - shown.length;
  // A single press shows them all: one button that shows them and folds them again.
  const atOnce = total <= RELATED_SHOWN + RELATED_STEP;
  return (
    <section className="related" aria-label="Related articles">
      <div className="section-head">
        <h2>Related articles ({formatCount(total)})</h2>
        {total > RELATED_SHOWN && (
          <div className="section-actions">
            {(atOnce || count > RELATED_SHOWN) && (
              <button ref={firstRef} type="button" className="quiet" aria-expanded={atOnce ? left === 0 : undefined} onClick={() => {
                  focusMore.current = !atOnce;
                  setCount(atOnce && left > 0 ? total : RELATED_SHOWN);
                }}
              >
                {atOnce && left > 0 ? `Show all ${formatCount(total)}` : `Show the first ${RELATED_SHOWN}`}
              </button>
            )}
            {!atOnce && left > 0 && (
              <button
                ref={moreRef}
                type="button"
                className="quiet"
                onClick={() => {
                  // The last press takes this button away: the focus goes to the one beside it.
                  if (left <= RELATED_STEP) firstRef.current?.focus();
                  setCount(count + RELATED_STEP);
                }}
              >
                {left > RELATED_STEP ? `Show ${RELATED_STEP} more` : `Show the last ${formatCount(left)}`}
              </button>
            )}
          </div>
        )}
      </div>
      <ul>
        {shown.map((r, i) => (
          <li key={i}>
            <RelatedCard related={r} onOpen={onOpen} />
          </li>
        ))}
      </ul>
      {left > 0 && !atOnce && <p className="muted">{formatCount(shown.length)} of {formatCount(total)} shown</p>}
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
