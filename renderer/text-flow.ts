/**
 * A post's text made to read in a narrow pane. Posts are often wrapped by hand at about 80
 * characters, and shown line for line those lines break again in the middle. A single line break
 * inside a paragraph is a space to Markdown, so such lines are joined here. Lines that stand alone
 * in Markdown (headings, list items, quotes, tables, indented and fenced code, hard breaks, and the
 * rules under a heading) keep their own line. The Source section shows the file as it is.
 */

/** A line that starts a block of its own in Markdown: it is never joined to the line above. */
const STARTS_BLOCK = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d{1,9}[.)][ \t]|>|\||=+[ \t]*$|-+[ \t]*$|<)/;
/** A line that ends where it ends: a heading, a heading's rule, a table row, HTML. (A list item or a quote goes on, as Markdown's lazy lines do.) */
const ENDS_BLOCK = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$|\||<)/;
/** A fence that opens or closes a code block, whose lines are kept as they are. */
const FENCE = /^ {0,3}(?:```|~~~)/;

/** `text` with the line breaks inside its paragraphs made spaces (see above). */
export function flowText(text: string): string {
  const out: string[] = [];
  let fenced = false;
  let joinable = false; // whether the last line out may take the next one
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (FENCE.test(line)) {
      fenced = !fenced;
      out.push(line);
      joinable = false;
      continue;
    }
    const blank = line.trim() === '';
    const code = fenced || /^(?: {4}|\t)/.test(line);
    if (joinable && !blank && !code && !STARTS_BLOCK.test(line)) out[out.length - 1] += ` ${line.trim()}`;
    else out.push(line);
    const last = out[out.length - 1]!;
    // Two spaces or a backslash at the end of a line are a hard break.
    joinable = !blank && !code && !ENDS_BLOCK.test(last) && !/(?: {2}|\\)$/.test(last);
  }
  return out.join('\n');
}
