/** The article's text after its front matter (a post's body), as plain text. */
import { useMemo, useState, type CSSProperties } from 'react';
import { clip } from '../format.js';
import { flowText } from '../text-flow.js';

/** Characters shown before "Show all": a long post's first screens, not a megabyte laid out on each move through the list. */
export const TEXT_SHOWN = 4000;

/**
 * "Text": what follows the front matter, in the file's words (Markdown stays Markdown: it is text
 * here, never HTML). Nothing when the file has no text after its front matter, as the aggregator's
 * articles have none.
 */
export function ArticleText({ text }: { readonly text: string }) {
  const [all, setAll] = useState(false);
  // Lines wrapped by hand are joined within their paragraphs (see text-flow.ts): the Source section shows them as they are.
  const body = useMemo(() => flowText(text.replace(/^(?:[ \t]*\r?\n)+/, '')).trimEnd(), [text]);
  if (body === '') return null;
  const long = body.length > TEXT_SHOWN;
  return (
    <section className="article-text" aria-label="Text">
      <div className="section-head">
        <h2>Text</h2>
        {long && (
          <button type="button" className="quiet" aria-expanded={all} onClick={() => setAll(!all)}>
            {all ? 'Show the beginning' : `Show all ${body.length.toLocaleString('en')} characters`}
          </button>
        )}
      </div>
      <div className="text-body">
        {long && !all
          ? clip(body, TEXT_SHOWN)
          : textParts(body).map((part, i) => (
              <span key={i} className="text-part" style={{ '--chars': part.length } as CSSProperties}>
                {part}
              </span>
            ))}
      </div>
    </section>
  );
}

/**
 * Characters in a part of the text shown whole, about: a part out of view is not laid out
 * (content-visibility), where 4.5 MB of text laid out at once held the desk 0.65 s.
 */
export const TEXT_PART = 16_000;

/**
 * `body` in parts of about `TEXT_PART` characters; together, `body`. Each ends where the text
 * breaks anyway, near there: after a paragraph, else a line, else a space (a line of the pane
 * wraps there), and never between the halves of a character outside the BMP.
 */
export function textParts(body: string): string[] {
  const parts: string[] = [];
  for (let at = 0; at < body.length; ) {
    let end = Math.min(body.length, at + TEXT_PART);
    if (end < body.length) {
      const near = (what: string): number => {
        const found = body.lastIndexOf(what, end - what.length);
        return found > at + TEXT_PART / 2 ? found + what.length : -1;
      };
      const broken = [near('\n\n'), near('\n'), near(' ')].find((i) => i !== -1);
      if (broken !== undefined) end = broken;
      else if (/[\uDC00-\uDFFF]/.test(body[end]!)) end -= 1;
    }
    parts.push(body.slice(at, end));
    at = end;
  }
  return parts;
}
