/** Where an export goes: a destination apart from the library, never another program's files, and the swap into place. */
import { randomBytes } from 'node:crypto';
import { lstat, readdir, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { fail, ok, type Result } from '../../shared/result.js';
import { CSV_COLUMNS, MANIFEST_FORMAT, MANIFEST_NAME, type ExportFormat } from './export-formats.js';

/** Where an export is written before it is put in place: a hidden name beside the destination. */
export function tempBeside(out: string): string {
  return join(dirname(out), `.${basename(out)}.masthead-${randomBytes(6).toString('hex')}.tmp`);
}

/** What follows `.NAME.masthead-` in the names an export leaves beside NAME for a moment: its temp, and the previous export moved aside. */
const LEFTOVER = /^(?:[0-9a-f]{12}\.tmp|previous-[0-9a-f]{12})$/;
/** How old such a leftover must be before an export removes it: far older than any export in flight (minutes at 100,000 articles). */
const STALE_LEFTOVER_MS = 60 * 60_000;

/**
 * Removes what exports to `out` cut short (a crash, a power cut, the process killed) left beside it:
 * a half-written export, or the previous one moved aside for the swap. Only names of that pattern,
 * for this destination, and only those untouched for an hour; answers how many were removed.
 */
export async function removeStaleExports(out: string, now = Date.now()): Promise<number> {
  const prefix = `.${basename(out)}.masthead-`;
  const names = await readdir(dirname(out)).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix) || !LEFTOVER.test(name.slice(prefix.length))) continue;
    const path = join(dirname(out), name);
    const info = await lstat(path).catch(() => null);
    // The status change time: when it was made, renamed aside or last written into; no program sets it back.
    if (info === null || info.isSymbolicLink() || info.ctimeMs > now - STALE_LEFTOVER_MS) continue;
    await rm(path, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/** Puts the finished temp into place; an older export moves aside first and goes only once the new one is in. */
export async function swapIntoPlace(temp: string, out: string, format: ExportFormat): Promise<void> {
  const existing = await stat(out).catch(() => null);
  if (format !== 'files' || existing === null) {
    if (existing?.isDirectory()) await rm(out, { recursive: true }); // only with --force: checked before
    await rename(temp, out);
    return;
  }
  const aside = join(dirname(out), `.${basename(out)}.masthead-previous-${randomBytes(6).toString('hex')}`);
  await rename(out, aside);
  try {
    await rename(temp, out);
  } catch (e) {
    await rename(aside, out);
    throw e;
  }
  await rm(aside, { recursive: true, force: true });
}

/**
 * Refuses, forced or not, a destination that is the library or holds it (an export replaces its
 * destination: the library would go with it) or lies inside it (its copies would be listed as
 * articles). Compared as real paths, through links, where the destination does not exist yet as
 * where its nearest folder does.
 */
export async function apartFromLibrary(out: string, root: string): Promise<Result<null>> {
  const real = await realPathOf(out);
  const within = (inner: string, outer: string): boolean => {
    const rel = relative(outer, inner);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  if (within(root, real)) return fail('bad-request', `${basename(out) || out} holds the library itself, which an export there would replace; choose a destination outside the library`);
  if (within(real, root)) return fail('bad-request', `${basename(out)} is inside the library, where the exported copies would be listed as articles; choose a destination outside the library`);
  return ok(null);
}

/** The real path of `path`, through its nearest existing folder where it does not exist (yet). */
async function realPathOf(path: string): Promise<string> {
  const rest: string[] = [];
  for (let at = path; ; at = dirname(at)) {
    try {
      return join(await realpath(at), ...rest);
    } catch {
      if (dirname(at) === at) return path;
      rest.unshift(basename(at));
    }
  }
}

/** Refuses a destination that holds something other than a previous Masthead export, unless forced. */
export async function checkDestination(out: string, format: ExportFormat, force: boolean): Promise<Result<null>> {
  const existing = await stat(out).catch(() => null);
  if (existing === null || force) return ok(null);
  if (await isPreviousExport(out, format, existing.isDirectory())) return ok(null);
  return fail(
    'conflict',
    `${basename(out)} already exists and is not a previous Masthead ${format} export; choose another destination, or replace it with --force`,
  );
}

/** Whether `out` holds what a Masthead export in `format` writes: its manifest, or a file that reads as such. */
async function isPreviousExport(out: string, format: ExportFormat, isFolder: boolean): Promise<boolean> {
  try {
    if (format === 'files') {
      if (!isFolder) return false;
      const manifest: unknown = JSON.parse(await readFile(join(out, MANIFEST_NAME), 'utf8'));
      return typeof manifest === 'object' && manifest !== null && (manifest as { format?: unknown }).format === MANIFEST_FORMAT;
    }
    if (isFolder) return false;
    const text = (await readFile(out, 'utf8')).replace(/^\uFEFF/, '');
    switch (format) {
      case 'json': {
        const data: unknown = JSON.parse(text);
        return Array.isArray(data) && data.every((r) => typeof (r as { id?: unknown })?.id === 'string');
      }
      case 'jsonl':
        return text === '' || typeof (JSON.parse(text.slice(0, text.indexOf('\n'))) as { id?: unknown }).id === 'string';
      case 'csv':
        return text.startsWith(`${CSV_COLUMNS.join(',')}\r\n`);
      case 'rss':
        return text.includes('<generator>Masthead</generator>');
      default:
        return format satisfies never;
    }
  } catch {
    return false;
  }
}
