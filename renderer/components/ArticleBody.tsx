/** What an article says in the review pane: its fields, links, images, related articles and every other field. */
import { Fragment, memo, useState, type ReactNode } from 'react';
import type { Article, ArticleImage, RelatedArticle } from '../../shared/article.js';
import { isSafeExternalUrl } from '../../shared/contract.js';
import { clip, formatCount, formatDate, hostOf } from '../format.js';
import { DataTree } from './DataTree.js';
import { SHOW_STEP, ShowMore, useShown } from './ShowMore.js';

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
      {article.excerpt && <p className="excerpt">{clip(article.excerpt)}</p>}
      <dl className="facts">
        <dt>Provider</dt>
        <dd>
          {clip(article.provider?.name ?? '—')}
          {article.provider?.domain && <span className="muted"> · {clip(article.provider.domain)}</span>}
        </dd>
        <dt>Kind</dt>
        <dd>{clip([article.category, article.type].filter(Boolean).join(' · ')) || '—'}</dd>
        <dt>Published at</dt>
        <dd title={article.publishedDateTime && clip(article.publishedDateTime)}>{formatDate(article.publishedDateTime) || '—'}</dd>
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
          <ImageList key={article.id} images={article.images} show={showImages} />
        </section>
      )}
      {article.related.length > 0 && <RelatedList key={article.id} related={article.related} onOpen={onOpenExternal} />}
      {Object.keys(article.extra).length > 0 && (
        <section className="extra" aria-label="Other fields">
          <h2>Other fields</h2>
          <DataTree key={article.id} value={article.extra} />
        </section>
      )}
    </>
  );
});

/** Images shown at first; `SHOW_STEP` more at each press (and only those shown are loaded). */
export const IMAGES_SHOWN = 24;

function ImageList({ images, show }: { readonly images: readonly ArticleImage[]; readonly show: boolean }) {
  const { shown, more } = useShown(images.length, IMAGES_SHOWN);
  return (
    <>
      <ul>
        {images.slice(0, shown).map((image, i) => (
          // By place and address: whether it failed to load belongs to that image, not to the next article's at its place.
          <li key={`${i} ${image.url}`}>
            <Thumbnail image={image} show={show} />
          </li>
        ))}
      </ul>
      <ShowMore shown={shown} total={images.length} what="images" onMore={more} />
    </>
  );
}

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
        {size} · {breakBeforeDots(hostOf(image.url)) || 'not a web address'}
        {loads && failed && ' · could not be loaded'}
      </figcaption>
    </figure>
  );
}

/**
 * A host name that may wrap before each of its dots (`capitaljournal` / `.example.com`), as
 * addresses are broken in print, rather than between any two letters where it meets the edge.
 */
function breakBeforeDots(host: string): ReactNode {
  if (host === '') return '';
  return host.split('.').map((label, i) =>
    i === 0 ? (
      label
    ) : (
      <Fragment key={i}>
        <wbr />.{label}
      </Fragment>
    ),
  );
}

/**
 * Related articles shown before the rest is asked for: a tenth of the generated articles list 64
 * or more, and 180 cards ran 18,000 px down the pane, between the editor and the fields after them.
 */
export const RELATED_SHOWN = 10;
/**
 * The article's related articles: the first `RELATED_SHOWN`, and all of them when asked (each
 * article starts with the first), by a button above the list, so it stays where it was, with the
 * focus on it, when the list grows or shrinks below it. A list longer than one press makes
 * (`SHOW_STEP`; the generated articles, as the aggregators they model, list 180 at most) comes
 * in parts instead, as the pane's other long lists do: 60,000 cards made at once held the desk 16 s.
 */
function RelatedList({ related, onOpen }: { related: readonly RelatedArticle[]; onOpen: (url: string) => void }) {
  const total = related.length;
  const atOnce = total <= RELATED_SHOWN + SHOW_STEP;
  const [all, setAll] = useState(false);
  const parts = useShown(total, RELATED_SHOWN);
  const shown = atOnce ? (all ? total : Math.min(total, RELATED_SHOWN)) : parts.shown;
  return (
    <section className="related" aria-label="Related articles">
      <div className="section-head">
        <h2>Related articles ({formatCount(total)})</h2>
        {atOnce && total > RELATED_SHOWN && (
          <button type="button" className="quiet" aria-expanded={all} onClick={() => setAll(!all)}>
            {all ? `Show the first ${RELATED_SHOWN}` : `Show all ${total}`}
          </button>
        )}
      </div>
      <ul>
        {related.slice(0, shown).map((r, i) => (
          <li key={i}>
            <RelatedCard related={r} onOpen={onOpen} />
          </li>
        ))}
      </ul>
      {!atOnce && <ShowMore shown={shown} total={total} what="related articles" onMore={parts.more} />}
    </section>
  );
}

function RelatedCard({ related, onOpen }: { related: RelatedArticle; onOpen: (url: string) => void }) {
  const url = related.webUrl ?? related.originalUrl;
  return (
    <article className="card">
      <h3>{clip(related.title ?? 'Untitled')}</h3>
      <p className="muted">
        {[related.provider?.name && clip(related.provider.name), formatDate(related.publishedDateTime, true), related.quality !== undefined ? `quality ${related.quality}` : '']
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
