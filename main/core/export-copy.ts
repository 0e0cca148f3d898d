/**
 * The copying half of a files export, run on the read pool's threads with synchronous calls: a
 * file is copied only when its bytes still hash to what the full check saw, so the export holds
 * exactly the checked, approved text. Anything else is left to the caller (null), which reads and
 * checks that article again.
 */
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ArticleId } from '../../shared/article.js';
import { isInside } from './library-paths.js';
import { contentHash } from './save.js';

/** One file to copy: the article, the sha256 its summary was read from, where it goes. */
export interface CopyItem {
  readonly id: ArticleId;
  readonly sha256: string;
  readonly target: string;
}

/** A batch of copies from one library root. */
export interface CopyJob {
  readonly root: string;
  readonly items: readonly CopyItem[];
}

/**
 * Copies each item whose file (links followed, never outside `root`) still hashes to its sha256:
 * true where it was copied, false where the caller must look again. A failed write throws.
 */
export function copyChecked(job: CopyJob, madeFolders: Set<string> = new Set()): boolean[] {
  return job.items.map((item) => {
    let bytes: Buffer;
    try {
      const real = realpathSync.native(join(job.root, ...item.id.split('/')));
      if (!isInside(job.root, real)) return false;
      bytes = readFileSync(real);
    } catch {
      return false; // gone or unreadable now: the caller's own read says why
    }
    if (contentHash(bytes) !== item.sha256) return false;
    const folder = dirname(item.target);
    if (!madeFolders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      madeFolders.add(folder);
    }
    writeFileSync(item.target, bytes, { flag: 'wx' });
    return true;
  });
}
