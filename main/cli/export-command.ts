/** `masthead export`: the approved set as files, JSON, JSON Lines, CSV or RSS. */
import type { ArticleQuery } from '../../shared/query.js';
import { exportApproved } from '../core/export.js';
import { EXPORT_FORMATS, type ExportFormat } from '../core/export-formats.js';
import { withLibrary } from './open-library.js';
import { EXIT, UsageError, type CliIo } from './output.js';

/** The export's options as the command line gives them. */
export interface ExportArgs {
  readonly dir: string;
  readonly out: string;
  readonly format?: string;
  /** Narrows the export to the approved part of this filter (its status is not used). */
  readonly query?: ArticleQuery;
  readonly force?: boolean;
  readonly now?: string;
  readonly csvBom?: boolean;
  readonly channelTitle?: string;
  readonly channelLink?: string;
}

/** The export timestamp: --now, else SOURCE_DATE_EPOCH (seconds), else the clock. */
export function exportTime(now: string | undefined, env: NodeJS.ProcessEnv): Date {
  if (now !== undefined) {
    const time = Date.parse(now);
    if (Number.isNaN(time)) throw new UsageError('--now must be a date such as 2024-01-31T12:00:00Z');
    return new Date(time);
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new UsageError('SOURCE_DATE_EPOCH must be a whole number of seconds');
    return new Date(Number(epoch) * 1000);
  }
  return new Date();
}

/** Runs one export and reports what it wrote and held back. */
export async function runExport(args: ExportArgs, io: CliIo): Promise<number> {
  const format = (args.format ?? 'files') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  if (args.channelLink !== undefined && !URL.canParse(args.channelLink)) throw new UsageError('--channel-link must be a full URL');
  const now = exportTime(args.now, process.env);
  return withLibrary(args.dir, io, false, async (library) => {
    const result = await exportApproved(library, {
      format,
      out: args.out,
      query: args.query,
      now,
      force: args.force,
      csvBom: args.csvBom,
      channel: { title: args.channelTitle, link: args.channelLink },
      ...(io.progress && { onProgress: (done: number, total: number) => io.progress?.(`Exporting… ${done.toLocaleString('en')} of ${total.toLocaleString('en')} articles`) }),
    });
    io.progress?.('');
    return report(result, format, io);
  });
}

/** Says what an export wrote and held back; the exit code. */
function report(result: Awaited<ReturnType<typeof exportApproved>>, format: ExportFormat, io: CliIo): number {
  if (!result.ok) {
    io.err(`masthead: ${result.error.message}\n`);
    // A destination refused (taken, or inside the library) is the command's fault, not the articles'.
    return result.error.kind === 'conflict' || result.error.kind === 'bad-request' ? EXIT.usage : EXIT.someFailed;
  }
  const { count, withWarnings, heldBack, out } = result.value;
  const warned = withWarnings > 0 ? ` (${withWarnings} with warnings)` : '';
  io.out(`Exported ${count} approved article${count === 1 ? '' : 's'}${warned} as ${format} to ${out}\n`);
  for (const h of heldBack) io.err(`masthead: held back ${h.id}: ${h.reason}\n`);
  if (heldBack.length > 0) io.out(`Held back ${heldBack.length} approved article${heldBack.length === 1 ? '' : 's'} (listed on stderr)\n`);
  return heldBack.length > 0 ? EXIT.someFailed : EXIT.ok;
}
