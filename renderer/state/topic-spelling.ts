/** How a topic typed in is spelled when it is added. */
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
