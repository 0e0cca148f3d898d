/** The WebAssembly scan over nested blocks must find what one memchr per line finds, wherever the bytes sit. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { inScanMemory, nextTopLine, nextTopLineByLines, scanArena, scanInWasm } from '../../main/core/line-scan.js';
import { Random } from '../../bench/random.js';
import { CORPORA, haveCorpora, markdownFiles } from '../helpers/corpora.js';

/** Every place a scan starts from in `buf`: each line feed, and the end. */
function starts(buf: Buffer): number[] {
  const at: number[] = [];
  for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) at.push(i);
  at.push(buf.length);
  return at;
}

/** Asserts the scan of `buf` (placed in the scan's memory) agrees with the line-by-line scan from every start. */
function agreesEverywhere(buf: Buffer, label: string): void {
  const placed = inScanMemory(buf);
  expect(placed.buffer, label).not.toBe(buf.buffer);
  for (const from of starts(buf)) expect(nextTopLine(placed, from), `${label} from ${from}`).toBe(nextTopLineByLines(buf, from));
}

/** Random text made of the bytes the scan tells apart, biased to long indented runs as in `related` blocks. */
function randomText(random: Random, length: number): Buffer {
  const alphabet = '    \n\n\n  \t#\r-ab:';
  let text = '';
  while (text.length < length) text += random.next() < 0.1 ? '\n' + ' '.repeat(random.int(0, 40)) : random.pick([...alphabet]);
  return Buffer.from(text.slice(0, length), 'latin1');
}

test('runs in WebAssembly where the module is built (the tests build it)', () => {
  expect(scanInWasm).toBe(true);
  expect(scanArena?.length).toBe(8 * 1024 * 1024);
});

describe('the scan agrees with one memchr per line', () => {
  test.each([
    { name: 'an indented block, then a key', text: 'related:\n  - title: x\n    url: y\nsecured: z\n' },
    { name: 'comments, blanks, tabs and CRs inside the block', text: 'a:\n  x\n# c\n\n\t y\r\n  \r\nb: 1\n' },
    { name: 'items at the margin, then the closing dashes', text: 'related:\n- a\n- b\n---\n' },
    { name: 'a dash line that is not the closing one', text: 'a:\n  x\n-- y\n--\n---x\n' },
    { name: 'no line after the last line feed', text: 'a:\n  x\n' },
    { name: 'a line feed as the last byte but one', text: 'a:\n  x\nb' },
    { name: 'no line feed at all', text: 'a: 1' },
    { name: 'empty', text: '' },
    { name: 'line feeds on either side of each 32-byte edge', text: `${'x'.repeat(30)}\n\n${' '.repeat(29)}\nq\n ${' '.repeat(28)}\n\n` },
  ])('$name', ({ text }) => agreesEverywhere(Buffer.from(text, 'latin1'), text));

  test('on 3,000 random texts of every length up to 300 bytes', () => {
    const random = new Random(5);
    for (let n = 0; n < 3000; n++) agreesEverywhere(randomText(random, n % 301), `text ${n}`);
  });

  test('ignoring what lies past the end of the bytes, which the scan loads', () => {
    // A long text copied first leaves its bytes after a shorter one copied next: line feeds
    // followed by letters, each of which would end a block if read as the shorter one's.
    inScanMemory(Buffer.from('\nx'.repeat(4096), 'latin1'));
    for (let n = 0; n < 200; n++) agreesEverywhere(Buffer.from(`a:\n${'  y\n'.repeat(n % 40)}${' '.repeat(n % 33)}`, 'latin1'), `short ${n}`);
  });

  test('on bytes read into the arena, up to its last byte', () => {
    const arena = scanArena!;
    const text = Buffer.from('a:\n  x\n  y\n\nb: 1\n  z\n', 'latin1');
    for (const at of [0, 1, 31, 4096 - 7, arena.length - text.length]) {
      text.copy(arena, at);
      const view = arena.subarray(at, at + text.length);
      expect(inScanMemory(view)).toBe(view); // no copy
      for (const from of starts(text)) expect(nextTopLine(view, from), `at ${at} from ${from}`).toBe(nextTopLineByLines(text, from));
    }
  });

  test('line by line for bytes too large to copy', () => {
    const large = Buffer.from(`a:\n${'  x\n'.repeat(300_000)}b: 1\n`, 'latin1');
    expect(inScanMemory(large)).toBe(large);
    expect(nextTopLine(large, 2)).toBe(large.length - 5);
  });

  test.skipIf(!haveCorpora)('on every corpus file, from every line', () => {
    for (const id of markdownFiles(CORPORA)) agreesEverywhere(readFileSync(join(CORPORA, id)), id);
  });

  test('on the seed', () => {
    agreesEverywhere(readFileSync(new URL('../../seeds/000_8a8d1d44de5d8be9.txt', import.meta.url)), 'seed');
  });
});
