/** What a bulk change does with the rows the list shows: counted once, and the topic edits it makes. */
import { hasError, type ArticleSummary } from '../../shared/article.js';
import type { TopicsEdit } from './desk-state.js';

/** What a change can do with the rows: how many drafts to approve, approved to withdraw, held by an error, and read-only; the topics the others hold. */
export interface Tally {
  readonly drafts: number;
  readonly approved: number;
  readonly blocked: number;
  /** Files marked read-only (see `ArticleSummary.readOnly`), which Masthead never rewrites. */
  readonly readOnly: number;
  /** The topics the rows that can be changed hold, most held first, with how many hold each. */
  readonly topics: readonly { readonly topic: string; readonly count: number }[];
}

/** Counts the rows in one pass, keeping no list of them: at 100,000 articles the dialog opens at once. */
export function tally(rows: readonly ArticleSummary[]): Tally {
  let [drafts, approved, blocked, readOnly] = [0, 0, 0, 0];
  const counts = new Map<string, number>();
  for (const { problems, published, topics, readOnly: locked } of rows) {
    if (hasError(problems)) {
      blocked++;
      continue;
    }
    if (locked === true) {
      readOnly++;
      continue;
    }
    if (published) approved++;
    else drafts++;
    // Each topic once per article (a file may repeat one), with no set made per article.
    for (let i = 0; i < topics.length; i++) {
      const t = topics[i]!;
      if (t.trim() !== '' && topics.indexOf(t) === i) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  }
  const held = [...counts].map(([topic, count]) => ({ topic, count })).sort((x, y) => y.count - x.count || x.topic.localeCompare(y.topic));
  return { drafts, approved, blocked, readOnly, topics: held };
}

/** The rows a change can reach: those no error holds, whose files are not read-only. */
export function editable(rows: readonly ArticleSummary[]): ArticleSummary[] {
  return rows.filter((row) => !hasError(row.problems) && row.readOnly !== true);
}

/**
 * Each article's topics with `topic` added (`add`) or removed, as the topic chips write them: a
 * proper list, without empty or repeated topics. Articles it would not change are left out.
 */
export function topicChanges(articles: readonly ArticleSummary[], topic: string, add: boolean): TopicsEdit[] {
  const changes: TopicsEdit[] = [];
  for (const a of articles) {
    if (a.topics.includes(topic) !== !add) continue;
    const proper = [...new Set(a.topics.filter((t) => t.trim() !== ''))];
    changes.push({ id: a.id, before: a.topics, after: add ? [...proper, topic] : proper.filter((t) => t !== topic) });
  }
  return changes;
}

/**
 * Each article holding `from` with it renamed `to` in its place, as the topic chips write a list
 * (proper, without empty or repeated topics: where the article holds `to` already, `from` just goes).
 * Articles that do not hold `from` are left out.
 */
export function renameChanges(articles: readonly ArticleSummary[], from: string, to: string): TopicsEdit[] {
  const changes: TopicsEdit[] = [];
  for (const a of articles) {
    if (!a.topics.includes(from)) continue;
    const after = [...new Set(a.topics.filter((t) => t.trim() !== '').map((t) => (t === from ? to : t)))];
    changes.push({ id: a.id, before: a.topics, after });
  }
  return changes;
}
