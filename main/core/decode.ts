/** Turns a file's bytes into text without losing any of them, or says why it cannot. */
import type { Problem } from '../../shared/article.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of a file whose bytes are valid UTF-8; the BOM, if any, stays in the string. */
export type Decoded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: Problem };

/** Decodes UTF-8 strictly. `TextEncoder` gives back the same bytes for any text this returns. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  if (bytes.indexOf(0) !== -1) {
    return {
      ok: false,
      problem: {
        level: 'error',
        code: 'binary',
        message: 'the file contains NUL bytes, so it is binary rather than text; it is left as it is',
      },
    };
  }
  try {
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    const at = firstInvalidByte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return {
      ok: false,
      problem: {
        level: 'error',
        code: 'not-utf8',
        message: `byte ${at} is not valid UTF-8; save the file as UTF-8 in your editor, then reopen it`,
        line,
        column,
      },
    };
  }
}

/** The offset of the first byte that breaks UTF-8, found by bisection on streamed prefixes. */
function firstInvalidByte(bytes: Uint8Array): number {
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid;
    }
  }
  // The streamed prefix may end inside a sequence whose lead byte is the real culprit.
  let lead = good - 1;
  while (lead > 0 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead--;
  const first = bytes[lead] ?? 0;
  const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return length > 1 && lead + length > good ? lead : good;
}
