/** Reads one file for the index, synchronously: the unit of work of the read pool. */
import { readFileSync } from 'node:fs';
import type { ArticleId, ArticleSummary } from '../../shared/article.js';
import { unreadableSummary } from './article-model.js';
import { quickSummary } from './quick-read.js';
import { parseArticleFile } from './read-article.js';
import { contentHash, errorText } from './save.js';

/** How a file is read: `quick` lists it with the fast reader where it can, `full` checks it. */
export type ReadMode = 'quick' | 'full';

/** What the index learns from one file. */
export type ReadResult =
  | { readonly id: ArticleId; readonly kind: 'entry'; readonly summary: ArticleSummary; readonly hash: string | null }
  | { readonly id: ArticleId; readonly kind: 'gone' };

/** Reads and parses one file. */
export function readOne(id: ArticleId, path: string, mode: ReadMode): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { id, kind: 'gone' };
    const summary = unreadableSummary(id, [{ level: 'error', code: 'unreadable', message: `the file cannot be read: ${errorText(e)}` }]);
    return { id, kind: 'entry', summary, hash: '' };
  }
  const quick = mode === 'quick' ? quickSummary(id, bytes) : null;
  if (quick !== null) return { id, kind: 'entry', summary: quick, hash: null };
  const parsed = parseArticleFile(id, bytes);
  return parsed.kind === 'not-article' ? { id, kind: 'gone' } : { id, kind: 'entry', summary: parsed.summary, hash: contentHash(bytes) };
}
