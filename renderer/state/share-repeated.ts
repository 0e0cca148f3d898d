/**
 * One copy of each value that repeats across the list. A page of summaries fresh from the bridge
 * holds a string per provider, category, type and topic of every article, and an empty list per
 * article without problems: at 100,000 articles about a million small objects, which every full
 * collection of the page's heap must mark (a 40 ms pause, landing on a scroll frame). Summaries
 * here are fresh from the bridge and not yet shared, so they are changed in place.
 */
import type { ArticleSummary, Problem } from '../../shared/article.js';

const NONE: readonly never[] = Object.freeze([]);

/** Writable view of a summary fresh from the bridge. */
type Fresh = { -readonly [K in keyof ArticleSummary]: ArticleSummary[K] };

/** The pool of values seen so far, shared by every page. */
export class SharedValues {
  private readonly pool = new Map<string, string>();

  private one(value: string): string;
  private one(value: string | undefined): string | undefined;
  private one(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const known = this.pool.get(value);
    if (known !== undefined) return known;
    this.pool.set(value, value);
    return value;
  }

  /** The same summaries, their repeated values replaced by the pool's copies. */
  share<T extends ArticleSummary>(summaries: readonly T[]): readonly T[] {
    for (const summary of summaries) this.shareOne(summary);
    return summaries;
  }

  shareOne<T extends ArticleSummary>(summary: T): T {
    const s = summary as Fresh;
    if (s.providerName !== undefined) s.providerName = this.one(s.providerName);
    if (s.providerDomain !== undefined) s.providerDomain = this.one(s.providerDomain);
    if (s.category !== undefined) s.category = this.one(s.category);
    if (s.type !== undefined) s.type = this.one(s.type);
    if (s.topics.length === 0) s.topics = NONE;
    else {
      const topics = s.topics as string[];
      for (let i = 0; i < topics.length; i++) topics[i] = this.one(topics[i]!);
    }
    if (s.problems.length === 0) s.problems = NONE as readonly Problem[];
    return summary;
  }
}
