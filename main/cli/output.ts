import type { UnreadableFolder } from '../../shared/contract.js';

/** Where the CLI writes; tests pass collectors, the bin passes the process streams. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Stops long-running commands (serve, start); the process signals when absent. */
  readonly stop?: AbortSignal;
  /**
   * Says how far long work is (reading, checking, exporting) on a line that the next one replaces;
   * '' clears it. Given only where stderr is a terminal (see `terminalProgress`): a script's or a
   * pipe's output never holds it.
   */
  readonly progress?: (text: string) => void;
}

/**
 * A progress line on a terminal: each text written over the last (a carriage return, then the
 * rest of the line cleared), at most one every `every` ms, as a terminal need not redraw faster;
 * '' clears the line, at once, before the command's own output.
 */
export function terminalProgress(write: (text: string) => void, now: () => number = Date.now, every = 100): (text: string) => void {
  let last = -Infinity;
  let shown = false;
  return (text) => {
    if (text === '') {
      if (shown) write('\r\x1b[K');
      shown = false;
      return;
    }
    const at = now();
    if (at - last < every) return;
    last = at;
    write(`\r${text}\x1b[K`);
    shown = true;
  };
}

/** Exit codes: 0 success, 1 some articles could not be changed or have errors, 2 bad usage or unreadable library. */
export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

/** A usage error, carried to the top and printed with the help hint. */
export class UsageError extends Error {}

/** Names, on stderr, each folder inside the library that could not be read: its articles are left out of what the command does. */
export function sayUnreadable(folders: readonly UnreadableFolder[], io: CliIo): void {
  for (const { folder, message } of folders) io.err(`masthead: ${folder}/ cannot be read (${message}): its articles are left out\n`);
}
