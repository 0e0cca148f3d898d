/** The library folder as it was opened: its real path, and whether it is still that folder. */
import { statSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fail, ok, type Result } from '../../shared/result.js';
import { errorText } from './save.js';

/** An opened library folder. Create with `openRoot`. */
export class LibraryRoot {
  constructor(
    /** The folder's real path. */
    readonly path: string,
    /** The folder's device and inode when it was opened: a folder put in its place later is another one. */
    private readonly identity: string,
  ) {}

  /**
   * Whether the folder is no longer where it was opened: moved, renamed or deleted, its drive or
   * share removed, or another folder put in its place.
   */
  gone(): boolean {
    try {
      const info = statSync(this.path);
      return !info.isDirectory() || identityOf(info) !== this.identity;
    } catch {
      return true;
    }
  }

  /** What an edit or a read is told while the folder is gone. */
  goneMessage(): string {
    return `the library folder ${basename(this.path)} is no longer where it was opened (moved, renamed or deleted, or its drive removed): nothing in it can be read or saved until it is back`;
  }
}

/** Resolves a folder to open as a library; fails, in words, when it is not one that can be read. */
export async function openRoot(folder: string): Promise<Result<LibraryRoot>> {
  try {
    const path = await realpath(folder);
    const info = await stat(path);
    if (!info.isDirectory()) return fail('io', `${basename(folder)} is not a folder`);
    return ok(new LibraryRoot(path, identityOf(info)));
  } catch (e) {
    // A folder that was never there did not "go": said as what it is, not as the file error a read meets.
    const reason = isMissing(e) ? 'there is no such folder' : errorText(e);
    return fail('io', `cannot open the library ${basename(folder)}: ${reason}`);
  }
}

/** Whether a file-system error says the file (or a folder on its path) is not there. */
export function isMissing(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** A folder's device and inode, as one key. */
function identityOf(info: { readonly dev: number; readonly ino: number }): string {
  return `${info.dev}:${info.ino}`;
}
