/** The desk's export: the destination chosen in main, one export at a time, progress as events. */
import { basename, dirname, join } from 'node:path';
import { EXPORT_FORMATS, type ExportFormat, type ExportOutcome, type ExportPreview, type LibraryEventMessage } from '../shared/contract.js';
import { STATUS_FILTERS, type ArticleQuery, type StatusFilter } from '../shared/query.js';
import { fail, ok, type Result } from '../shared/result.js';
import { exportApproved } from './core/export.js';
import { planExport } from './core/export-plan.js';
import type { Library } from './core/library.js';

/** How a host lets the editor pick where an export goes; null when they cancel. */
export type ChooseDestination = (format: ExportFormat, suggestedName: string) => Promise<string | null>;

/** The suggested name for an export of a library. */
export function suggestedName(libraryName: string, format: ExportFormat): string {
  const extension: Record<ExportFormat, string> = { files: '', json: '.json', jsonl: '.jsonl', csv: '.csv', rss: '.xml' };
  return `${libraryName}-approved${extension[format]}`;
}

/** A host that cannot show a dialog exports beside the open library, into `<library>-exports/`. */
export function besideLibrary(root: () => string | undefined): ChooseDestination {
  return async (_format, name) => {
    const current = root();
    return current === undefined ? null : join(dirname(current), `${basename(current)}-exports`, name);
  };
}

/** Checks a query sent by the renderer: an object of optional strings, status among the filters, a date range of times. */
export function checkQuery(query: unknown): Result<ArticleQuery | undefined> {
  if (query === null || query === undefined) return ok(undefined);
  if (typeof query !== 'object' || Array.isArray(query)) return fail('bad-request', 'the filter must be an object');
  const { status, topic, provider, search, publishedFrom, publishedBefore, ...rest } = query as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return fail('bad-request', `unknown filter fields: ${Object.keys(rest).join(', ')}`);
  for (const [name, value] of Object.entries({ topic, provider, search })) {
    if (value !== undefined && (typeof value !== 'string' || value.length > 1000)) return fail('bad-request', `the ${name} filter must be text`);
  }
  for (const [name, value] of Object.entries({ publishedFrom, publishedBefore })) {
    if (value !== undefined && !Number.isFinite(value)) return fail('bad-request', `${name} must be a time in milliseconds`);
  }
  if (status !== undefined && !(STATUS_FILTERS as readonly unknown[]).includes(status)) return fail('bad-request', 'unknown status filter');
  return ok({
    status: status as StatusFilter | undefined,
    topic: topic as string | undefined,
    provider: provider as string | undefined,
    search: search as string | undefined,
    publishedFrom: publishedFrom as number | undefined,
    publishedBefore: publishedBefore as number | undefined,
  });
}

/** Export state for one desk. */
export class ExportDesk {
  private destination: { format: ExportFormat; path: string } | null = null;
  private running: AbortController | null = null;
  /** The export under way, settled (answered, failed or cancelled) once its temp files are gone. */
  private finished: Promise<unknown> = Promise.resolve();
  private lastOut: string | null = null;

  constructor(
    private readonly library: () => Result<{ library: Library; name: string }>,
    private readonly choose: ChooseDestination,
    private readonly emit: (event: LibraryEventMessage) => void,
    private readonly reveal: ((path: string) => void) | null,
  ) {}

  async preview(query: unknown): Promise<Result<ExportPreview>> {
    const checked = checkQuery(query);
    const open = this.library();
    if (!checked.ok) return checked;
    if (!open.ok) return open;
    const plan = await planExport(open.value.library, checked.value);
    return ok({ count: plan.articles.length, withWarnings: plan.withWarnings, heldBack: plan.heldBack });
  }

  async chooseDestination(format: unknown): Promise<Result<{ destination: string } | null>> {
    if (!isFormat(format)) return fail('bad-request', `the format must be one of ${EXPORT_FORMATS.join(', ')}`);
    const open = this.library();
    if (!open.ok) return open;
    const path = await this.choose(format, suggestedName(open.value.name, format));
    if (path === null) return ok(null);
    this.destination = { format, path };
    return ok({ destination: label(path) });
  }

  async run(request: unknown): Promise<Result<ExportOutcome>> {
    if (typeof request !== 'object' || request === null) return fail('bad-request', 'the export request must be an object');
    const { format, query, csvBom } = request as Record<string, unknown>;
    if (!isFormat(format)) return fail('bad-request', `the format must be one of ${EXPORT_FORMATS.join(', ')}`);
    if (csvBom !== undefined && typeof csvBom !== 'boolean') return fail('bad-request', 'csvBom must be true or false');
    const checked = checkQuery(query);
    if (!checked.ok) return checked;
    const open = this.library();
    if (!open.ok) return open;
    if (this.destination === null || this.destination.format !== format) return fail('bad-request', 'choose where the export goes first');
    if (this.running !== null) return fail('bad-request', 'an export is already running');
    const controller = new AbortController();
    this.running = controller;
    try {
      const exporting = exportApproved(open.value.library, {
        format,
        out: this.destination.path,
        query: checked.value,
        now: new Date(),
        // The editor chose this destination in a save dialog, which already asked about replacing it.
        force: true,
        csvBom: csvBom === true,
        signal: controller.signal,
        onProgress: (done, total) => {
          if (done === total || done % 100 === 0) this.emit({ type: 'export-progress', done, total });
        },
      });
      this.finished = exporting.catch(() => undefined);
      const result = await exporting;
      if (!result.ok) return result;
      this.lastOut = result.value.out;
      return ok({
        count: result.value.count,
        withWarnings: result.value.withWarnings,
        heldBack: result.value.heldBack,
        destination: label(result.value.out),
        canReveal: this.reveal !== null,
      });
    } finally {
      this.running = null;
    }
  }

  cancel(): Result<null> {
    this.running?.abort();
    return ok(null);
  }

  /**
   * Cancels the export under way, if any, and resolves once it has stopped and removed what it had
   * written: before the app quits, or an export of 100,000 files would leave its hidden temp folder
   * beside the destination.
   */
  async close(): Promise<void> {
    this.cancel();
    await this.finished;
  }

  revealLast(): Result<null> {
    if (this.reveal === null || this.lastOut === null) return fail('bad-request', 'there is no export to show');
    this.reveal(this.lastOut);
    return ok(null);
  }
}

function isFormat(value: unknown): value is ExportFormat {
  return (EXPORT_FORMATS as readonly unknown[]).includes(value);
}

/** "exports/seeds-approved.csv": the destination's last two parts, enough to recognise it. */
function label(path: string): string {
  return `${basename(dirname(path))}/${basename(path)}`;
}
