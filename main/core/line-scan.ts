/**
 * Where a nested block's next top-level line starts: the fast reader's scan over the bulky blocks it
 * skips unread (quick-read.ts). In WebAssembly SIMD (line-scan.wat) over bytes in its memory, else
 * one memchr per line; both give the same answer (tests/main/line-scan.test.ts).
 *
 * To spare a copy, the read threads read into `scanArena`, a part of the WebAssembly memory; other
 * bytes are copied into it by `inScanMemory`. One instance per thread, as the module state it is.
 */
import { readFileSync } from 'node:fs';
import { CR, NL } from './quick-values.js';

/** The read buffer's share of the memory: its first 8 MiB. */
const ARENA_BYTES = 8 * 1024 * 1024;
/** Other bytes are copied into the next MiB; larger ones are scanned by memchr. */
const COPY_BYTES = 1024 * 1024;
/** The scan loads up to 33 bytes past a buffer's end. */
const SLACK = 64;

/** The WebAssembly API this module uses: Node has it, but its types are in TypeScript's DOM library, which main/ leaves out. */
interface WasmApi {
  readonly Module: new (code: Uint8Array) => unknown;
  readonly Instance: new (module: unknown) => { readonly exports: unknown };
}
const { Module, Instance } = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface Scan {
  readonly bytes: Uint8Array;
  readonly nextTop: (from: number, end: number) => number;
}

/** The built module beside this one, or, run from source (the tests), where the build puts it. */
function load(): Scan | null {
  for (const at of ['./line-scan.wasm', '../../out/main/core/line-scan.wasm']) {
    let code: Uint8Array<ArrayBuffer>;
    try {
      code = new Uint8Array(readFileSync(new URL(at, import.meta.url)));
    } catch {
      continue;
    }
    const exports = new Instance(new Module(code)).exports as { memory: { buffer: ArrayBuffer }; nextTop: Scan['nextTop'] };
    if (exports.memory.buffer.byteLength < ARENA_BYTES + COPY_BYTES + SLACK) throw new Error(`${at}: its memory is smaller than line-scan.ts lays out`);
    return { bytes: new Uint8Array(exports.memory.buffer), nextTop: exports.nextTop };
  }
  return null;
}

const scan = load();

/** Whether the scan runs in WebAssembly (false only where the module was not built). */
export const scanInWasm = scan !== null;

/** A reusable read buffer the scan needs no copy of, or null without the module. */
export const scanArena: Buffer | null = scan === null ? null : Buffer.from(scan.bytes.buffer, 0, ARENA_BYTES);

/**
 * `buf`'s bytes where the scan reads them without a copy: `buf` itself when it is in the scan's
 * memory (or too large, or there is no module), else a copy, valid until the next call.
 */
export function inScanMemory(buf: Buffer): Buffer {
  if (scan === null || buf.buffer === scan.bytes.buffer || buf.length > COPY_BYTES) return buf;
  scan.bytes.set(buf, ARENA_BYTES);
  return Buffer.from(scan.bytes.buffer, ARENA_BYTES, buf.length);
}

/**
 * The start of the next top-level line after the line ending at `lineEnd` (its `\n`, or the end): the
 * first line that is not indented, a list item, a comment or blank, or is the closing `---`; else the end.
 */
export function nextTopLine(buf: Buffer, lineEnd: number): number {
  if (scan === null || buf.buffer !== scan.bytes.buffer) return nextTopLineByLines(buf, lineEnd);
  const base = buf.byteOffset;
  const end = buf.length;
  for (let from = lineEnd; ; ) {
    const next = scan.nextTop(base + from, base + end) - base;
    // A list item at the margin (`- ...`, but not `---`) is still the block's.
    if (next === end || buf[next] !== 0x2d || (buf[next + 1] === 0x2d && buf[next + 2] === 0x2d)) return next;
    from = next;
  }
}

/** `nextTopLine` with one memchr per line: for bytes outside the scan's memory. */
export function nextTopLineByLines(buf: Buffer, lineEnd: number): number {
  const end = buf.length;
  for (let i = lineEnd; i !== -1 && i + 1 < end; i = buf.indexOf(NL, i + 1)) {
    const c = buf[i + 1];
    if (c === 0x2d) {
      if (buf[i + 2] === 0x2d && buf[i + 3] === 0x2d) return i + 1;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x23 && c !== CR && c !== NL) {
      return i + 1;
    }
  }
  return end;
}
