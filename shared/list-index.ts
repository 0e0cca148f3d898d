/**
 * A columnar index over the list in display order, so a filter of 100,000 articles fits in a frame:
 * approval and problems in typed arrays, topics and providers as lists of row numbers, and all
 * folded titles and excerpts in one string searched with native `indexOf`. It answers exactly what
 * `compileQuery` answers (tests/shared/list-index.test.ts checks that), only faster.
 */
import type { ArticleSummary } from './article.js';
import { foldText, foldedTextOf, foldedTopicsOf, type ArticleQuery } from './query.js';

/** Between two articles' texts; folding never produces it, so no search word can span two articles. */
const SEPARATOR = '\u0000';

/** The index; build it once per list order, query it per keystroke. */
export class ListIndex {
  private readonly published: Uint8Array;
  private readonly problems: Uint8Array;
  private readonly byTopic = new Map<string, number[]>();
  private readonly byProvider = new Map<string, number[]>();
  private readonly text: string;
  private readonly starts: Int32Array;

  constructor(private readonly articles: readonly ArticleSummary[]) {
    const n = articles.length;
    this.published = new Uint8Array(n);
    this.problems = new Uint8Array(n);
    this.starts = new Int32Array(n + 1);
    const texts: string[] = new Array<string>(n);
    let offset = 0;
    for (let i = 0; i < n; i++) {
      const a = articles[i]!;
      this.published[i] = a.published ? 1 : 0;
      this.problems[i] = a.problems.length > 0 ? 1 : 0;
      for (const topic of new Set(foldedTopicsOf(a))) push(this.byTopic, topic, i);
      push(this.byProvider, foldText(a.providerName ?? ''), i);
      const folded = foldedTextOf(a).replaceAll(SEPARATOR, ' ');
      texts[i] = folded;
      this.starts[i] = offset;
      offset += folded.length + 1;
    }
    this.starts[n] = offset;
    this.text = texts.join(SEPARATOR) + SEPARATOR;
    this.text.indexOf(SEPARATOR); // makes V8 flatten the string now rather than on the first search
  }

  /** The articles matching the query, in the list's order. */
  filter(query: ArticleQuery): ArticleSummary[] {
    const n = this.articles.length;
    const keep = new Uint8Array(n);
    const topic = query.topic ? this.byTopic.get(foldText(query.topic)) ?? [] : null;
    const provider = query.provider ? this.byProvider.get(foldText(query.provider)) ?? [] : null;
    const rows = topic ?? provider;
    if (rows === null) keep.fill(1);
    else for (const i of rows) keep[i] = 1;
    if (topic !== null && provider !== null) {
      const both = new Uint8Array(n);
      for (const i of provider) both[i] = keep[i]!;
      keep.set(both);
    }
    const status = query.status ?? 'all';
    if (status !== 'all') {
      for (let i = 0; i < n; i++) {
        if (keep[i] === 0) continue;
        const ok = status === 'published' ? this.published[i] === 1 : status === 'unpublished' ? this.published[i] === 0 : this.problems[i] === 1;
        if (!ok) keep[i] = 0;
      }
    }
    const words = query.search ? foldText(query.search).split(/\s+/).filter(Boolean) : [];
    for (const word of words) this.keepMatching(keep, word);
    const out: ArticleSummary[] = [];
    for (let i = 0; i < n; i++) if (keep[i] === 1) out.push(this.articles[i]!);
    return out;
  }

  /** Clears every kept row whose text lacks `word`: one pass of indexOf over all texts. */
  private keepMatching(keep: Uint8Array, word: string): void {
    const hit = new Uint8Array(keep.length);
    // No article's text holds the separator, so a word with one in it matches nothing.
    let at = word.includes(SEPARATOR) ? -1 : this.text.indexOf(word);
    let row = 0;
    while (at !== -1) {
      // Hits come in text order, so the row only moves forward: walking is cheaper than bisecting.
      while (this.starts[row + 1]! <= at) row++;
      hit[row] = 1;
      at = this.text.indexOf(word, this.starts[row + 1]!);
    }
    for (let i = 0; i < keep.length; i++) keep[i] = keep[i]! & hit[i]!;
  }
}

function push(map: Map<string, number[]>, key: string, row: number): void {
  const rows = map.get(key);
  if (rows === undefined) map.set(key, [row]);
  else rows.push(row);
}
