/** How a topic typed in is spelled when it is added, and which of the library's topics it suggests. */
import { foldText } from '../../shared/query.js';

/**
 * `typed`, trimmed, as the library spells it where the library has it in another case or without
 * its accents ("ai" is "AI", "cafe" is "Café"): an editor adding a topic means the one the library
 * has, not a second spelling of it for the filters and the export to count apart. Else as typed.
 */
export function librarySpelling(typed: string, libraryTopics: readonly string[]): string {
  const clean = typed.trim();
  if (clean === '' || libraryTopics.includes(clean)) return clean;
  const folded = foldText(clean);
  return libraryTopics.find((t) => foldText(t) === folded) ?? clean;
}

/**
 * The library's topics that contain `typed` (folded, as `librarySpelling` compares), best first: the
 * topic itself, then those it begins, then those with a word it begins ("ro" finds "Robotics" before
 * "Natural Language Processing"), then the rest; within each, in the library's order (by use). Those
 * in `taken` (the article's own) are left out; at most `max`.
 */
export function topicSuggestions(typed: string, libraryTopics: readonly string[], taken: readonly string[], max: number): string[] {
  const query = foldText(typed.trim());
  if (query === '' || max <= 0) return [];
  const tiers: string[][] = [[], [], [], []];
  for (const topic of libraryTopics) {
    if (taken.includes(topic)) continue;
    const tier = matchTier(foldText(topic), query);
    if (tier !== null) tiers[tier]!.push(topic);
  }
  return tiers.flat().slice(0, max);
}

/** 0 the whole topic, 1 its start, 2 a word's start, 3 elsewhere; null where `query` is not in `topic`. */
function matchTier(topic: string, query: string): 0 | 1 | 2 | 3 | null {
  let at = topic.indexOf(query);
  if (at === -1) return null;
  if (at === 0) return topic.length === query.length ? 0 : 1;
  for (; at !== -1; at = topic.indexOf(query, at + 1)) {
    if (!WORD_CHARACTER.test(topic[at - 1]!)) return 2;
  }
  return 3;
}

/** A letter or a digit: a match after one is inside a word. */
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * What Enter does with `typed` where the editor may not expect it: a topic the library does not have
 * yet (a typo would become a topic of its own in the filters and the export), one the library spells
 * otherwise, or one the article has already. Null where Enter adds a library topic as typed.
 */
export function enterHint(typed: string, libraryTopics: readonly string[], topics: readonly string[]): string | null {
  const clean = typed.trim();
  if (clean === '') return null;
  const spelled = librarySpelling(clean, libraryTopics);
  if (topics.includes(spelled)) return `“${spelled}” is a topic of this article already`;
  if (!libraryTopics.includes(spelled)) return `Enter adds “${spelled}”, new to the library`;
  return spelled === clean ? null : `Enter adds “${spelled}”, as the library spells it`;
}
