/** The shared test corpora beside the project (absent in a newcomer's clone), and temp copies of them. */
import { chmodSync, cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/corpora`, next to the project folder. */
export const CORPORA = fileURLToPath(new URL('../../../shared/corpora', import.meta.url));

/** True when the corpora are here; tests that need them skip, saying so, when not. */
export const haveCorpora = existsSync(CORPORA);
if (!haveCorpora) console.warn(`skipping the corpus tests: ${CORPORA} is absent (it sits beside the project on team machines and in CI)`);

/** A fresh temp folder, removed by the returned function. */
export function tempDir(prefix = 'masthead-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Copies a folder into a temp folder so tests can edit the copy, never the original. The copy is
 * made writable for its owner, as a copy made to be edited is: the shared corpora are read-only,
 * and a read-only file is one Masthead never rewrites.
 */
export function copyToTemp(source: string): { dir: string; cleanup: () => void } {
  const temp = tempDir();
  cpSync(source, temp.dir, { recursive: true });
  for (const entry of readdirSync(temp.dir, { recursive: true, withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    const path = join(entry.parentPath, entry.name);
    chmodSync(path, lstatSync(path).mode | 0o200);
  }
  return temp;
}

/** Every Markdown file under a folder, as ids relative to it. */
export function markdownFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((p) => p.endsWith('.md'))
    .map((p) => relative(root, join(root, p)).split(sep).join('/'))
    .sort();
}
