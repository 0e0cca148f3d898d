import type { UnreadableFolder } from '../../shared/contract.js';

/** Where the CLI writes; tests pass collectors, the bin passes the process streams. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Stops long-running commands (serve, start); the process signals when absent. */
  readonly stop?: AbortSignal;
}

/** Exit codes: 0 success, 1 some articles could not be changed or have errors, 2 bad usage or unreadable library. */
export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

/** A usage error, carried to the top and printed with the help hint. */
export class UsageError extends Error {}

/** Names, on stderr, each folder inside the library that could not be read: its articles are left out of what the command does. */
export function sayUnreadable(folders: readonly UnreadableFolder[], io: CliIo): void {
  for (const { folder, message } of folders) io.err(`masthead: ${folder}/ cannot be read (${message}): its articles are left out\n`);
}
