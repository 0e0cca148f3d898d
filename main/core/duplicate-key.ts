/** Names the key of a duplicate-key error, and the line where the same mapping has it already. */
import { KEY, type YamlStop } from './yaml-mistakes.js';

/** A line's key: the indent (with any `- `) and the key, bare or quoted. */
const KEY_AT = new RegExp(String.raw`^([ \t]*(?:-[ \t]+)*)(${KEY}|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]|\r?$)`);

/**
 * Names the key a duplicate-key error is about, and the line where the mapping has it already:
 * the nearest line above at the key's own indent, within the same mapping (the walk ends at a line
 * less indented, or at the start of the list item the key is in).
 */
export function duplicateKey(yaml: string, stop: YamlStop, firstLine: number): string | null {
  const lines = yaml.split('\n');
  const found = KEY_AT.exec(lines[stop.line] ?? '');
  if (found === null || found[1]!.length !== stop.column) return null;
  const key = found[2]!;
  const name = /^["']/.test(key) ? key.slice(1, -1) : key.trim();
  for (let i = stop.line - 1; i >= 0; i--) {
    const line = lines[i]!;
    const text = line.trimStart();
    if (text === '' || text.startsWith('#')) continue;
    const other = KEY_AT.exec(line);
    if (other !== null && other[1]!.length === stop.column) {
      const otherName = /^["']/.test(other[2]!) ? other[2]!.slice(1, -1) : other[2]!.trim();
      if (otherName === name) return `${name} is set already on line ${i + firstLine} of the same mapping; keep only one of them`;
      if (other[1]!.includes('-')) break; // the first key of the list item this one is in
    } else if (line.length - text.length < stop.column) break; // less indented: the mapping begins below it
  }
  return `${name} is set already, earlier in the same mapping; keep only one of them`;
}
