/** Ids and paths: the only place an article id becomes a file path, and the scan that finds articles. */
import { realpathSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { ArticleId } from '../../shared/article.js';
import type { UnreadableFolder } from '../../shared/contract.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { errorText, SAVE_LEFTOVER } from './save.js';

/** File names that may hold an article; the file must also open with `---`. */
export const ARTICLE_FILE = /\.(md|markdown|txt)$/i;

/** Folders never scanned: hidden ones and installed packages. */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** True when `inner` is `outer` or inside it; both absolute and normalized. */
export function isInside(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** A segment of a `/`-separated path that is empty, `.` or `..` (tested without splitting: a warm open checks 100,000 ids). */
const EMPTY_OR_DOT_SEGMENT = /(?:^|\/)\.{0,2}(?:\/|$)/;

/** Checks an id's shape: a relative path with `/` separators, no `.`/`..` segments, an article file name. */
export function checkId(id: unknown): Result<ArticleId> {
  if (typeof id !== 'string' || id.length === 0 || id.length > 4096) return fail('bad-request', 'an article id must be a non-empty relative path');
  if (id.includes('\0') || id.startsWith('/') || EMPTY_OR_DOT_SEGMENT.test(id) || !ARTICLE_FILE.test(id)) {
    return fail('outside-library', `"${id.slice(0, 200)}" is not the id of an article in this library`);
  }
  // Legal names on Linux and macOS, but on Windows a backslash separates folders and "c:" names a
  // drive: such an id means another place there, so a library behaves alike everywhere by refusing it.
  if (id.includes('\\') || /^[A-Za-z]:/.test(id)) {
    return fail('outside-library', `"${id.slice(0, 200)}" cannot be edited: its name holds a backslash or starts with a drive letter such as "c:", which name other places on Windows; rename the file`);
  }
  return ok(id);
}

/**
 * Resolves an id to the real path of its file and refuses any id whose file,
 * links followed, lands outside the library. `realRoot` is the root's realpath.
 */
export async function UNSAFE_resolveId(realRoot: string, id: unknown): Promise<Result<string>> {
  const lexical = lexicalPath(realRoot, id);
  if (!lexical.ok) return lexical;
  let real: string;
  try {
    real = await realpath(lexical.value);
  } catch {
    return fail('not-found', `${String(id)} no longer exists`);
  }
  return insideOnly(realRoot, id as ArticleId, real);
}

/** `UNSAFE_resolveId` in one synchronous step, for an edit that reads and writes in one. */
export function UNSAFE_resolveIdSync(realRoot: string, id: unknown): Result<string> {
  const lexical = lexicalPath(realRoot, id);
  if (!lexical.ok) return lexical;
  let real: string;
  try {
    real = realpathSync.native(lexical.value);
  } catch {
    return fail('not-found', `${String(id)} no longer exists`);
  }
  return insideOnly(realRoot, id as ArticleId, real);
}

function lexicalPath(realRoot: string, id: unknown): Result<string> {
  const checked = checkId(id);
  if (!checked.ok) return checked;
  const lexical = join(realRoot, ...checked.value.split('/'));
  return isInside(realRoot, lexical) ? ok(lexical) : fail('outside-library', `"${checked.value}" is outside the library`);
}

function insideOnly(realRoot: string, id: ArticleId, real: string): Result<string> {
  return isInside(realRoot, real) ? ok(real) : fail('outside-library', `${id} links to a file outside the library, which Masthead never opens`);
}

/** Turns a path under the root into an id. */
export function idOf(realRoot: string, path: string): ArticleId {
  return relative(realRoot, path).split(sep).join('/');
}

/** A file the scan found: its id, and the real path it was checked to have inside the library. */
export interface ScannedFile {
  readonly id: ArticleId;
  readonly path: string;
}

/**
 * How many of a folder's entries a scan takes in one go before the process answers others again: a
 * folder of 100,000 files held it 20-25 ms. (Its `readdir` still makes every entry in one task, 20-50
 * ms there, but they come sorted: read in batches with `opendir`, they came in the disk's order, and
 * sorting them held the process 70-100 ms.)
 */
const SCAN_SLICE = 4096;

/**
 * Every candidate article file under the root, in a stable order. Links are followed only
 * when they lead to a place inside the library, and each real folder is walked once. What saves
 * left behind (see save.ts) is added to `leftovers`, and the sub-folders that cannot be read to
 * `unreadable`, when given.
 */
export async function scanLibrary(realRoot: string, leftovers?: string[], unreadable?: UnreadableFolder[]): Promise<ScannedFile[]> {
  const ids: ScannedFile[] = [];
  const seenFolders = new Set<string>([realRoot]);
  // `prefix` is the folder's id with a trailing `/`: ids are built by concatenation, not path maths,
  // which matters at 100,000 files.
  const walk = async (folder: string, prefix: string, linked: boolean): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (e) {
      // An unreadable sub-folder is skipped, and said so: its articles are not listed. (One gone
      // since it was seen simply is not there; the root itself is checked by the caller.)
      const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
      if (prefix !== '' && code !== 'ENOENT' && code !== 'ENOTDIR') unreadable?.push({ folder: prefix.slice(0, -1), message: errorText(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: string[] = [];
    for (let i = 0; i < entries.length; i++) {
      if (i > 0 && i % SCAN_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      const entry = entries[i]!;
      const name = entry.name;
      const path = folder + sep + name;
      if (name.startsWith('.')) {
        if (leftovers !== undefined && entry.isFile() && SAVE_LEFTOVER.test(name)) leftovers.push(path);
        continue;
      }
      if (entry.isDirectory()) {
        if (!isSkippedFolder(name)) subfolders.push(name);
      } else if (entry.isFile()) {
        // Under a real (not linked) folder of the root, the path is already real and inside.
        if (ARTICLE_FILE.test(name)) ids.push({ id: prefix + name, path: linked ? await realpath(path) : path });
      } else if (entry.isSymbolicLink()) {
        const target = await realpath(path).catch(() => undefined);
        if (target === undefined || !isInside(realRoot, target)) continue;
        const info = await stat(target).catch(() => undefined);
        if (info?.isDirectory() && !isSkippedFolder(name) && !seenFolders.has(target)) subfolders.push(name);
        else if (info?.isFile() && ARTICLE_FILE.test(name)) ids.push({ id: prefix + name, path: target });
      }
    }
    for (const name of subfolders) {
      const sub = folder + sep + name;
      const real = await realpath(sub).catch(() => undefined);
      if (real === undefined || seenFolders.has(real)) continue;
      seenFolders.add(real);
      await walk(sub, `${prefix}${name}/`, linked || real !== sub);
    }
  };
  await walk(realRoot, '', false);
  return ids;
}
