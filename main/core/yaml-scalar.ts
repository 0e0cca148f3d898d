/** Writes a new topic as a YAML scalar that every reader will read back as the same string. */
import { load, DEFAULT_SCHEMA } from 'js-yaml';
import { parse } from 'yaml';

/** How the neighbouring items are quoted, so a new item can match them. */
export type ScalarStyle = 'plain' | 'double' | 'single';

/** Letters, digits and a few inner punctuation marks; nothing YAML treats as an indicator. */
const PLAIN_SHAPE = /^[\p{L}\p{N}][\p{L}\p{N}\p{M} ._+/&()'-]*$/u;

/** True when `value` can be written unquoted and still reads as this exact string under YAML 1.1 and 1.2. */
export function isPlainSafe(value: string): boolean {
  if (!PLAIN_SHAPE.test(value) || value.endsWith(' ')) return false;
  try {
    return (
      load(value, { schema: DEFAULT_SCHEMA }) === value &&
      parse(value) === value &&
      parse(value, { version: '1.1' }) === value
    );
  } catch {
    return false;
  }
}

/** YAML double-quoted form: JSON's escapes, plus the line separators YAML 1.1 breaks lines at. */
export function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029').replace(/\u0085/g, '\\u0085');
}

/** The scalar text for a new topic, following the siblings' style where that is safe. */
export function formatTopic(value: string, style: ScalarStyle): string {
  // Control characters need double quotes' escapes, and so does half a surrogate pair (which a
  // file's `"\ud800"` can hold): written raw, UTF-8 has no bytes for it and it would read back as U+FFFD.
  // eslint-disable-next-line no-control-regex
  if (style === 'single' && !/[\x00-\x1f\x7f\u0085\u2028\u2029\p{Cs}]/u.test(value) && !/^\s|\s$/.test(value)) {
    return `'${value.replace(/'/g, "''")}'`;
  }
  if (style === 'plain' && isPlainSafe(value)) return value;
  return doubleQuoted(value);
}
