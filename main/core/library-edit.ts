/** One edit of one article file: read, compare with the index, splice, verify, save atomically. */
import { accessSync, constants } from 'node:fs';
import { hasError, problemPlace, type ArticleId, type ArticleSummary, type Problem } from '../../shared/article.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { editFrontMatterData, type FrontMatterEdit } from './front-matter-edit.js';
import { locateFrontMatter, yamlOf } from './front-matter.js';
import { sameListing, type IndexEntry } from './library-index.js';
import { withFile } from './article-model.js';
import { sameStamp, type FileStamp } from './file-stamp.js';
import { lineOfKey, parseArticleFile, summaryOf } from './read-article.js';
import { quickApprovable, splicePublished } from './published-line.js';
import { parsedApprovable, readWithStamp, type StampedRead } from './read-one.js';
import { contentHash, errorText, UNSAFE_replaceFileSync } from './save.js';
import type { SavedVersion, SavedVersions, ToggledFrom } from './saved-versions.js';

/** What an edit came to; the library turns it into its answer and its index. */
export type EditOutcome =
  /**
   * Written: the file now hashes to `hash` and reads as `summary`; `aside` is the old version's link,
   * to remove (see save.ts). `parted`: where the file had other names (hard links), the hash of the
   * bytes they keep, which no longer share this name.
   */
  | { readonly kind: 'saved'; readonly summary: ArticleSummary; readonly hash: string; readonly quickApprove: boolean; readonly aside: string | null; readonly parted: string | null }
  /** The file already says it: nothing was written. */
  | { readonly kind: 'unchanged' }
  /** The file is not what the index shows (another program changed it): nothing was written. */
  | { readonly kind: 'stale'; readonly message: string }
  /** The file could not be read: nothing was written. */
  | { readonly kind: 'unreadable'; readonly message: string }
  /** The edit was refused, or the save failed and left the file as it was. */
  | { readonly kind: 'failed'; readonly failure: Result<never> };

/** An edit made and ready to write, or the outcome that ends it. */
type Planned =
  | EditOutcome
  | {
      readonly kind: 'write';
      readonly chunks: readonly Uint8Array[];
      readonly summary: ArticleSummary;
      readonly quickApprove: boolean;
      /** The opposite approval, spliced the same way, gives the very bytes back (`published: false` made `true`). */
      readonly invertible?: boolean;
    };

/**
 * Applies `edit` to the file at `path`, if the file is still what `known` (its index entry) was
 * read from. Synchronous from the read to the rename, so nothing comes between the check and the write.
 * An edit back to a state `versions` holds writes that version's bytes; each save is recorded there.
 * With `unsynced`, the rename is made durable by the caller (see `UNSAFE_replaceFileSync`).
 */
export function editArticleFile(id: ArticleId, path: string, known: IndexEntry, edit: FrontMatterEdit, versions: SavedVersions, unsynced?: Set<string>): EditOutcome {
  let current: StampedRead;
  try {
    current = readWithStamp(path, scratch, true);
  } catch (e) {
    return { kind: 'unreadable', message: `cannot read ${id}: ${errorText(e)}` };
  }
  if (!writable(path, current.mode)) {
    return { kind: 'failed', failure: fail('not-editable', `${id} is read-only: Masthead leaves it as it is. Make the file writable to edit it.`) };
  }
  const hash = stampVouches(current, known) ? known.hash! : contentHash(current.bytes);
  const vouched = hash === known.hash;
  const planned =
    (vouched ? recalled(id, hash, known, edit, versions) : null) ??
    (vouched && known.quickApprove ? quickEdit(current.bytes, known, edit) : null) ??
    fullEdit(id, current.bytes, hash, known, edit);
  if (planned.kind !== 'write') return planned;
  const saved = UNSAFE_replaceFileSync(path, planned.chunks, current, unsynced);
  if (!saved.ok) return { kind: 'failed', failure: saved };
  const hashAfter = contentHash(planned.chunks);
  // Bytes the index vouched for start or go on with a chain of versions; an entry not yet checked
  // has no summary of them to keep. An approval its opposite undoes byte for byte starts none: the
  // editor's most frequent edit copies nothing (two copies cost a toggle here about a tenth).
  const before = { hash, summary: known.summary, quickApprove: known.quickApprove };
  if (vouched && planned.invertible === true && !versions.holds(id, hash)) versions.toggled(id, before, hashAfter);
  else if (vouched) {
    const after: SavedVersion = { hash: hashAfter, bytes: Buffer.concat(planned.chunks), summary: planned.summary, quickApprove: planned.quickApprove };
    versions.saved(id, hash, () => ({ ...before, bytes: Buffer.from(current.bytes) }), after, (toggle) => toggledFrom(current.bytes, toggle));
  }
  // The quick approve carries the summary the file was read with: a file since made writable loses its mark here.
  // The file saved is a new one, with this name alone: any other names kept the old one (see `withLinks`).
  const parted = current.links > 1 ? hash : null;
  return { kind: 'saved', summary: withFile(planned.summary, { mode: current.mode, links: 1 }), hash: hashAfter, quickApprove: planned.quickApprove, aside: saved.value, parted };
}

/**
 * Whether the file is still the bytes the index hashed, by its stamp alone: the stamp it had when
 * they were read, trusted then (not too fresh) and unmoved since, and through this read (see
 * `readWithStamp`). The persistent index trusts the same stamp to skip reading a file at all. It
 * spares the edit hashing the file: in 500 toggles each way, alternated, at 10,000, a toggle's time
 * outside its fsyncs went from 0.37 to 0.29 ms at the median for files over 60 KB (0.18 to 0.17 ms
 * under 4 KB), and the toggles' p95 from 1.26 to 1.09 ms. A stamp that cannot vouch leaves it to the hash.
 */
export function stampVouches(current: { readonly stamp: FileStamp | null }, known: IndexEntry): boolean {
  return current.stamp !== null && known.stamp !== null && known.hash !== null && known.hash !== '' && sameStamp(current.stamp, known.stamp);
}

/** The version an approval with no chain replaced, from the bytes it wrote: its opposite spliced back, if that gives the bytes it replaced. */
function toggledFrom(bytes: Buffer, toggle: ToggledFrom): SavedVersion | null {
  const spliced = splicePublished(bytes, toggle.summary.published);
  if (spliced?.chunks == null) return null;
  const restored = Buffer.concat(spliced.chunks);
  return contentHash(restored) === toggle.hash ? { ...toggle, bytes: restored } : null;
}

/**
 * An edit back to the approval and topics of a version Masthead saved earlier, while the file holds
 * the version it saved last: that version's bytes (see saved-versions.ts). Null otherwise, and for
 * an edit the file already says (nothing is written then).
 */
function recalled(id: ArticleId, hash: string, known: IndexEntry, edit: FrontMatterEdit, versions: SavedVersions): Planned | null {
  if (edit.kind === 'set-list') return null;
  const now = known.summary;
  const wanted = (s: ArticleSummary): boolean =>
    edit.kind === 'set-published' ? s.published === edit.value && sameList(s.topics, now.topics) : s.published === now.published && sameList(s.topics, edit.topics);
  if (wanted(now)) return null;
  const version = versions.recall(id, hash, wanted);
  return version && { kind: 'write', chunks: [version.bytes], summary: version.summary, quickApprove: version.quickApprove };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Whether the file may be written: some write permission set (a file marked read-only has none; on
 * Windows, its read-only attribute reads so), and this user holds it. A save replaces the file by a
 * rename, which only the folder's permissions would stop: the file's own are asked here.
 */
export function writable(path: string, mode: number): boolean {
  if ((mode & 0o222) === 0) return false;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The read buffer of edits, reused: what an edit keeps of the bytes it read is copied out of it. */
const scratch = { buffer: Buffer.allocUnsafe(256 * 1024) };

/**
 * Approving or unapproving a file whose bytes the full check vouched for: the published line alone,
 * without parsing the file again (see published-line.ts). Null when the general editor must do it.
 */
function quickEdit(bytes: Buffer, known: IndexEntry, edit: FrontMatterEdit): Planned | null {
  if (edit.kind !== 'set-published' || hasError(known.summary.problems)) return null;
  const spliced = splicePublished(bytes, edit.value);
  if (spliced === null || spliced.was !== known.summary.published) return null;
  if (spliced.chunks === null) return { kind: 'unchanged' };
  return { kind: 'write', chunks: spliced.chunks, summary: { ...known.summary, published: edit.value }, quickApprove: true, invertible: spliced.invertible };
}

/** Any edit: the whole file parsed, the CST spliced, the result read back in full. */
function fullEdit(id: ArticleId, bytes: Buffer, hash: string, known: IndexEntry, edit: FrontMatterEdit): Planned {
  const parsed = parseArticleFile(id, bytes);
  // An entry the full check has not reached yet whose YAML does not read is refused for its error,
  // changed or not: the list pass does not explain such YAML as the check does, so its listing
  // never matches the parse below, and the editor would be told another program had changed it.
  if (known.hash === null && parsed.kind === 'article' && parsed.readable === null) {
    return { kind: 'failed', failure: fail('has-errors', `${id} cannot be edited until its error is fixed: ${describeErrors(parsed.summary.problems)}`) };
  }
  // An entry the full check has not reached yet is compared by what it shows rather than by hash.
  const unchanged = known.hash === null ? parsed.kind === 'article' && sameListing(parsed.summary, known.summary) : hash === known.hash;
  if (!unchanged) return { kind: 'stale', message: `${id} was changed by another program; their version is kept and now shown. Make your change again if it still applies.` };
  if (parsed.kind !== 'article' || parsed.readable === null) {
    return { kind: 'failed', failure: fail('has-errors', `${id} cannot be edited until its error is fixed: ${describeErrors(known.summary.problems)}`) };
  }
  // An approval this full parse vouches for the quick way, as the check would have (see
  // published-line.ts): the line spliced, with no parse of the CST and none to verify it. A file the
  // check has not reached yet is approved as quickly as one it has (a CLI edit waits for no check).
  if (edit.kind === 'set-published' && parsedApprovable(bytes, parsed)) {
    const quick = quickEdit(bytes, { summary: parsed.summary, hash, stamp: null, quickApprove: true }, edit);
    if (quick !== null) return quick;
  }
  // A key a value above swallowed is not added again: once that value is closed, the file would have it twice.
  const field = edit.kind === 'set-published' ? 'published' : edit.kind === 'set-topics' ? 'topics' : edit.field;
  const swallowed = !Object.hasOwn(parsed.readable.data, field) && lineOfKey(yamlOf(parsed.readable.text, parsed.readable.block), field) !== undefined;
  const refused = runOnFailure(id, parsed.summary.problems, field, swallowed);
  if (swallowed && refused !== null) return { kind: 'failed', failure: refused };
  const edited = editFrontMatterData(parsed.readable, edit);
  if (!edited.ok) return { kind: 'failed', failure: refused ?? edited };
  if (edited.value.text === parsed.readable.text) return { kind: 'unchanged' };
  // The edit was verified by re-reading its YAML: that data gives the new summary, no third parse.
  const block = locateFrontMatter(edited.value.text);
  if (block === null || block === 'unterminated') return { kind: 'failed', failure: fail('io', `${id} would no longer read as an article`) };
  const summary = summaryOf(id, yamlOf(edited.value.text, block), edited.value.data);
  const newBytes = Buffer.from(edited.value.text, 'utf8');
  return { kind: 'write', chunks: [newBytes], summary, quickApprove: quickApprovable(newBytes, edited.value.data) };
}

/** Validates a topics list sent from outside: a list of distinct, non-empty, one-line strings. */
export function checkTopics(topics: unknown): Result<readonly string[]> {
  if (!Array.isArray(topics) || topics.length > 1000) return fail('bad-request', 'topics must be a list of at most 1,000 texts');
  const seen = new Set<string>();
  for (const t of topics) {
    if (typeof t !== 'string' || t.trim() === '' || t.length > 200 || /[\r\n]/.test(t)) {
      return fail('bad-request', `"${String(t).slice(0, 50)}" is not a valid topic: use one line of at most 200 characters`);
    }
    if (seen.has(t)) return fail('bad-request', `the topic "${t}" is listed twice`);
    seen.add(t);
  }
  return ok(topics as readonly string[]);
}

/**
 * Why an edit of `field` cannot be made when a value in the file runs on over a key's line (see
 * read-article.ts): that line is not where its key seems to be, and the value left open is what to
 * fix (its warning, shown with the article, says where). `swallowed`: the line run over is the
 * field's own. Null when nothing runs on.
 */
function runOnFailure(id: ArticleId, problems: readonly Problem[], field: string, swallowed: boolean): Result<never> | null {
  const runOn = problems.find((p) => p.code === 'runs-on');
  if (runOn === undefined) return null;
  const over = swallowed ? `over its line` : `over a key's line`;
  const warning = runOn.line === undefined ? 'its warning' : `the warning on line ${runOn.line}`;
  return fail('not-editable', `${field} in ${id} cannot be changed while a value runs on ${over} (${warning}); close that value by hand first. Nothing was changed.`);
}

function describeErrors(problems: readonly Problem[]): string {
  return problems
    .filter((p) => p.level === 'error')
    .map((p) => problemPlace(p) + p.message)
    .join('; ');
}
