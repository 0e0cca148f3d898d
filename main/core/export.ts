/**
 * Exporting the approved set: the articles with `published: true` and no error, in a stable order,
 * written into a temporary sibling of the destination and renamed into place only when complete.
 */
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { hasError, type Article, type ArticleId, type ArticleSummary } from '../../shared/article.js';
import type { ArticleQuery } from '../../shared/query.js';
import { fail, ok, type Result } from '../../shared/result.js';
import {
  MANIFEST_FORMAT,
  MANIFEST_NAME,
  MANIFEST_VERSION,
  toCsv,
  toJson,
  toJsonLines,
  toRss,
  type Channel,
  type ExportFormat,
} from './export-formats.js';
import type { CopyItem } from './export-copy.js';
import { apartFromLibrary, checkDestination, removeStaleExports, swapIntoPlace, tempBeside } from './export-destination.js';
import { planExport, type HeldBack } from './export-plan.js';
import type { Library } from './library.js';
import { copyMany } from './read-pool.js';
import { errorText } from './save.js';

/** How to export. */
export interface ExportOptions {
  readonly format: ExportFormat;
  /** A folder for `files`, a file for the others. */
  readonly out: string;
  /** Narrows the approved set to the approved part of a filter. */
  readonly query?: ArticleQuery;
  /** The export timestamp (fix it for byte-identical exports). */
  readonly now: Date;
  /** Replace a destination that is not a previous Masthead export. */
  readonly force?: boolean;
  readonly csvBom?: boolean;
  readonly channel?: Partial<Channel>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/** What an export wrote and held back. */
export interface ExportReport {
  readonly format: ExportFormat;
  readonly out: string;
  readonly count: number;
  readonly withWarnings: number;
  readonly heldBack: readonly HeldBack[];
}

const COPY_LANES = 8;

/** Exports the approved set atomically: the destination is either the previous export or the complete new one. */
export async function exportApproved(library: Library, options: ExportOptions): Promise<Result<ExportReport>> {
  const out = resolve(options.out);
  const apart = await apartFromLibrary(out, library.root);
  if (!apart.ok) return apart;
  const refused = await checkDestination(out, options.format, options.force === true);
  if (!refused.ok) return refused;
  // What an export to here cut short by a crash left beside it (see removeStaleExports).
  await removeStaleExports(out);
  const plan = await planExport(library, options.query);
  const heldBack = [...plan.heldBack];
  const temp = tempBeside(out);
  try {
    await mkdir(dirname(out), { recursive: true });
    // Files are copied into the temp folder as they are read; the other formats are written at the end.
    if (options.format === 'files') await mkdir(temp);
    const records: Article[] = [];
    const manifest: ManifestEntry[] = [];
    const folders = new Set<string>();
    let withWarnings = 0;
    let done = 0;
    // A few files in flight at once keep the disk busy; results keep the export's order.
    const exportOne = async (planned: ArticleSummary): Promise<ManifestEntry | Article | null> => {
      if (options.signal?.aborted) throw new Error('the export was cancelled');
      // Files whose bytes the full check has seen are copied as they are, without parsing again.
      const checked = options.format === 'files' ? await library.checkedBytes(planned.id) : null;
      if (checked !== null && checked.summary.published && !hasError(checked.summary.problems)) {
        if (checked.summary.problems.length > 0) withWarnings++;
        return copyFile(temp, folders, checked.summary, checked.bytes, checked.sha256);
      }
      const snapshot = await library.snapshot(planned.id);
      if (!snapshot.ok) throw new Error(`${planned.id} could not be read (${snapshot.error.message})`);
      const { article, summary } = snapshot.value.detail;
      if (article === null || hasError(summary.problems) || !summary.published) {
        heldBack.push({ id: planned.id, title: planned.title, reason: 'it changed on disk during the export and is no longer approved and readable' });
        return null;
      }
      if (summary.problems.length > 0) withWarnings++;
      if (options.format !== 'files') return article;
      return copyFile(temp, folders, summary, snapshot.value.bytes, createHash('sha256').update(snapshot.value.bytes).digest('hex'));
    };
    // Files the full check saw are copied first, on the read pool's threads, if their bytes still
    // hash the same; every other article goes the careful way below.
    const copied = options.format === 'files' ? await copyCheckedFiles(library, plan.articles, temp, options, () => options.onProgress?.(++done, plan.articles.length)) : new Map<ArticleId, { entry: ManifestEntry; warned: boolean }>();
    for (const entry of copied.values()) if (entry.warned) withWarnings++;
    if (options.signal?.aborted) throw new Error('the export was cancelled');
    const results: (ManifestEntry | Article | null)[] = plan.articles.map((a) => copied.get(a.id)?.entry ?? null);
    let next = 0;
    let failed = false;
    const lane = async (): Promise<void> => {
      while (next < plan.articles.length && !failed) {
        const index = next++;
        if (results[index] !== null) continue;
        try {
          results[index] = await exportOne(plan.articles[index]!);
        } catch (e) {
          failed = true;
          throw e;
        }
        options.onProgress?.(++done, plan.articles.length);
      }
    };
    // Every lane settles before the temp folder can be removed, so no write lands after the cleanup.
    const settled = await Promise.allSettled(Array.from({ length: Math.min(COPY_LANES, plan.articles.length) }, lane));
    const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    for (const r of results) {
      if (r === null) continue;
      if (options.format === 'files') manifest.push(r as ManifestEntry);
      else records.push(r as Article);
    }
    if (options.format === 'files') await writeManifest(temp, manifest, library, options.now);
    else await writeFile(temp, render(options.format, records, library, options));
    if (options.signal?.aborted) throw new Error('the export was cancelled');
    await swapIntoPlace(temp, out, options.format);
    return ok({ format: options.format, out, count: options.format === 'files' ? manifest.length : records.length, withWarnings, heldBack });
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    return fail('io', `the export did not complete and the destination is unchanged: ${errorText(e)}`);
  }
}

interface ManifestEntry {
  readonly id: ArticleId;
  readonly sha256: string;
  readonly title: string | null;
  readonly publishedDateTime: string | null;
  readonly topics: readonly string[];
}

async function copyFile(folder: string, folders: Set<string>, summary: ArticleSummary, bytes: Uint8Array, sha256: string): Promise<ManifestEntry> {
  const target = join(folder, ...summary.id.split('/'));
  const parent = dirname(target);
  if (!folders.has(parent)) {
    await mkdir(parent, { recursive: true });
    folders.add(parent);
  }
  await writeFile(target, bytes);
  return manifestEntry(summary, sha256);
}

function manifestEntry(summary: ArticleSummary, sha256: string): ManifestEntry {
  return {
    id: summary.id,
    sha256,
    // The summary shows the file name where the title is missing or not text; the manifest says null.
    title: summary.problems.some((p) => p.field === 'title') ? null : summary.title,
    publishedDateTime: summary.publishedDateTime ?? null,
    topics: summary.topics,
  };
}

/** Copies, on the threads, every planned article the full check saw approved and error-free whose file still holds those bytes. */
async function copyCheckedFiles(
  library: Library,
  articles: readonly ArticleSummary[],
  temp: string,
  options: ExportOptions,
  onCopied: () => void,
): Promise<Map<ArticleId, { entry: ManifestEntry; warned: boolean }>> {
  const items: CopyItem[] = [];
  const summaries = new Map<ArticleId, ArticleSummary>();
  for (const planned of articles) {
    const checked = library.checkedEntry(planned.id);
    if (checked === null || !checked.summary.published || hasError(checked.summary.problems)) continue;
    items.push({ id: planned.id, sha256: checked.sha256, target: join(temp, ...planned.id.split('/')) });
    summaries.set(planned.id, checked.summary);
  }
  const copied = new Map<ArticleId, { entry: ManifestEntry; warned: boolean }>();
  await copyMany(
    library.root,
    items,
    (batch, ok) =>
      batch.forEach((item, i) => {
        if (!ok[i]) return;
        const summary = summaries.get(item.id)!;
        copied.set(item.id, { entry: manifestEntry(summary, item.sha256), warned: summary.problems.length > 0 });
        onCopied();
      }),
    () => options.signal?.aborted === true,
  );
  return copied;
}

async function writeManifest(folder: string, articles: readonly ManifestEntry[], library: Library, now: Date): Promise<void> {
  const manifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    exportedAt: now.toISOString(),
    library: basename(library.root),
    count: articles.length,
    articles,
  };
  await writeFile(join(folder, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
}

function render(format: Exclude<ExportFormat, 'files'>, articles: readonly Article[], library: Library, options: ExportOptions): string {
  switch (format) {
    case 'json':
      return toJson(articles);
    case 'jsonl':
      return toJsonLines(articles);
    case 'csv':
      return toCsv(articles, options.csvBom === true);
    case 'rss': {
      const first = articles.find((a) => a.webUrl ?? a.originalUrl);
      const firstLink = first ? (first.webUrl ?? first.originalUrl)! : undefined;
      return toRss(
        articles,
        {
          title: options.channel?.title ?? `${basename(library.root)}: approved articles`,
          link: options.channel?.link ?? (firstLink && URL.canParse(firstLink) ? `${new URL(firstLink).origin}/` : 'http://localhost/'),
          description: options.channel?.description ?? `Articles approved in Masthead from ${basename(library.root)}`,
        },
        options.now,
      );
    }
    default:
      return format satisfies never;
  }
}
