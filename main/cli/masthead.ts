/** The `masthead` command: the library core, headless, for scripts and CI. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { hasError, problemPlace, type ArticleSummary } from '../../shared/article.js';
import { MAX_BULK } from '../../shared/contract.js';
import { compileQuery, countArticles, dayRange, STATUS_FILTERS, type ArticleQuery, type StatusFilter } from '../../shared/query.js';
import type { Result } from '../../shared/result.js';
import { runExport } from './export-command.js';
import { withLibrary } from './open-library.js';
import { EXIT, UsageError, type CliIo } from './output.js';
import { parsePort, serveDesk, startDesk, untilSignal } from './serve.js';

const HELP = `Usage: masthead <command> [options]

Commands:
  check [DIR] [--json]                    every article's problems; exit 1 if any file has an error, or a folder cannot be read
  list [DIR] [--json] [--status S] [--topic T] [--provider P] [--search TEXT] [--from DAY] [--to DAY]
                                          the articles, filtered (S: published, unpublished, problems)
  publish DIR ID...                       approve articles (published: true)
  unpublish DIR ID...                     withdraw approval (published: false)
  topics DIR ID [--add T]... [--remove T]...
                                          change an article's topics
  export DIR --out PATH [--format files|json|jsonl|csv|rss] [--topic T] [--provider P] [--search TEXT]
         [--from DAY] [--to DAY] [--force] [--now DATE] [--csv-bom] [--channel-title T] [--channel-link URL]
                                          export the approved articles (a folder for files, a file otherwise)
  serve [DIR] [--port N]                  serve the desk at a printed http://127.0.0.1 address (N=0: any free port)
  start [DIR]                             open the desk in Electron, or serve it when Electron cannot open it
  help                                    this text

DIR defaults to the bundled seeds/ library where it is optional. An ID is the
article's path relative to DIR, with / separators. --from and --to take days
(YYYY-MM-DD, local time, both included) and keep the articles published in them.
Exit codes: 0 success, 1 some articles could not be changed or have errors, 2 bad usage or unreadable library.
`;

type Options = NonNullable<ParseArgsConfig['options']>;
type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** Runs one command line and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  try {
    if (command === undefined) throw new UsageError(`unknown command "${name}"`);
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`masthead: ${e.message}\nRun "masthead help" for usage.\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

const COMMANDS: Readonly<Record<string, Command>> = {
  check,
  list,
  publish: (args, io) => setPublished(args, io, true),
  unpublish: (args, io) => setPublished(args, io, false),
  topics,
  export: async (args, io) => {
    const { values, positionals } = parse(args, {
      out: { type: 'string' },
      format: { type: 'string' },
      ...FILTER_OPTIONS,
      force: { type: 'boolean' },
      now: { type: 'string' },
      'csv-bom': { type: 'boolean' },
      'channel-title': { type: 'string' },
      'channel-link': { type: 'string' },
    });
    const [dir, ...extra] = positionals;
    if (dir === undefined || extra.length > 0 || values.out === undefined) throw new UsageError('export needs a folder and --out PATH');
    return runExport(
      {
        dir,
        out: values.out,
        format: values.format,
        query: filterQuery(values),
        force: values.force,
        now: values.now,
        csvBom: values['csv-bom'],
        channelTitle: values['channel-title'],
        channelLink: values['channel-link'],
      },
      io,
    );
  },
  serve: async (args, io) => {
    const { values, positionals } = parse(args, { port: { type: 'string' } });
    if (positionals.length > 1) throw new UsageError('serve takes at most one folder');
    return serveDesk(positionals[0], parsePort(values.port), io, io.stop ?? untilSignal());
  },
  start: async (args, io) => {
    const { positionals } = parse(args, {});
    if (positionals.length > 1) throw new UsageError('start takes at most one folder');
    return startDesk(positionals[0], io, io.stop ?? untilSignal());
  },
};

function parse<const O extends Options>(args: readonly string[], options: O) {
  return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
}

async function check(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  if (positionals.length > 1) throw new UsageError('check takes at most one folder');
  return withLibrary(positionals[0], io, true, async (library) => {
    const articles = library.list();
    const counts = countArticles(articles);
    if (values.json) {
      const problems = articles.flatMap((a) => a.problems.map((p) => ({ id: a.id, ...p })));
      io.out(`${JSON.stringify({ ...counts, problems, unreadableFolders: library.unreadableFolders }, null, 2)}\n`);
    } else {
      for (const a of articles) for (const p of a.problems) io.out(`${a.id}: ${p.level}: ${problemPlace(p)}${p.message}\n`);
      io.out(
        `${counts.articles} articles checked: ${counts.withErrors} with errors, ${counts.withWarnings} with warnings only\n`,
      );
    }
    return counts.withErrors > 0 || library.unreadableFolders.length > 0 ? EXIT.someFailed : EXIT.ok;
  });
}

async function list(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: 'boolean' },
    status: { type: 'string' },
    ...FILTER_OPTIONS,
  });
  if (positionals.length > 1) throw new UsageError('list takes at most one folder');
  const status = values.status ?? 'all';
  if (!(STATUS_FILTERS as readonly string[]).includes(status)) {
    throw new UsageError(`--status must be one of ${STATUS_FILTERS.join(', ')}`);
  }
  // Checked before the library is read: a mistyped day is said at once, not after the whole check.
  const query = compileQuery({ status: status as StatusFilter, ...filterQuery(values) });
  return withLibrary(positionals[0], io, true, async (library) => {
    const all = library.list();
    const matches = all.filter(query);
    if (values.json) {
      io.out(`${JSON.stringify(matches, null, 2)}\n`);
    } else {
      for (const a of matches) io.out(`${listLine(a)}\n`);
      io.out(`${matches.length} of ${all.length} articles\n`);
    }
    return EXIT.ok;
  });
}

/** The options `list` and `export` share: the desk's filters but the status. */
const FILTER_OPTIONS = {
  topic: { type: 'string' },
  provider: { type: 'string' },
  search: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
} as const satisfies Options;

/** The query of those options; --from and --to are days, both included (see `dayRange`). */
function filterQuery(values: { topic?: string; provider?: string; search?: string; from?: string; to?: string }): ArticleQuery {
  const range = dayRange(values.from ?? '', values.to ?? '');
  if (range === null) throw new UsageError('--from and --to take days such as 2024-03-31');
  if (range.publishedFrom !== undefined && range.publishedBefore !== undefined && range.publishedFrom >= range.publishedBefore) {
    throw new UsageError('--from is a day after --to');
  }
  return { topic: values.topic, provider: values.provider, search: values.search, ...range };
}

function listLine(a: ArticleSummary): string {
  const state = hasError(a.problems) ? 'error    ' : a.published ? 'published' : 'draft    ';
  const topics = a.topics.length > 0 ? `  [${a.topics.join(', ')}]` : '';
  return `${state}  ${a.id}  ${a.title}${topics}${a.readOnly === true ? '  (read-only)' : ''}`;
}

async function setPublished(args: readonly string[], io: CliIo, value: boolean): Promise<number> {
  const { positionals } = parse(args, {});
  const [dir, ...ids] = positionals;
  if (dir === undefined || ids.length === 0) throw new UsageError(`${value ? 'publish' : 'unpublish'} needs a folder and at least one article id`);
  // An edit parses its file in full where the check has not (about 1.1 ms a file here, against 0.65
  // ms once checked), and the check costs about 0.16 ms a file of the library on two cores: waiting
  // for it pays once about a third of the library is edited (of 100,000 articles, half approved:
  // 50 s after the check, 57 s without it; a tenth: 24 s against 12 s; one: 18 s against 2.3 s).
  return withLibrary(dir, io, (library) => ids.length > library.size / 3, async (library) => {
    let failed = 0;
    const told = new Set<string>();
    // As the desk changes many articles: the folders synced once per request, not once per file.
    for (let at = 0; at < ids.length; at += MAX_BULK) {
      const chunk = ids.slice(at, at + MAX_BULK);
      const result = await library.setPublishedMany(chunk, value);
      const saved = new Set(result.ok ? result.value.saved.map((a) => a.id) : []);
      // The core names a failed id by its first 4,096 characters.
      const failures = new Map(result.ok ? result.value.failed.map((f) => [f.id, f.message]) : chunk.map((id) => [id.slice(0, 4096), result.error.message]));
      for (const id of chunk) {
        const failure = failures.get(id.slice(0, 4096));
        if (failure !== undefined) {
          failed++;
          io.err(`masthead: ${named(id, failure)}\n`);
          continue;
        }
        const changedHere = saved.has(id) && !told.has(id);
        told.add(id);
        io.out(`${id}: ${changedHere ? '' : 'already '}${value ? 'published' : 'unpublished'}\n`);
      }
    }
    return failed > 0 ? EXIT.someFailed : EXIT.ok;
  });
}

async function topics(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    add: { type: 'string', multiple: true },
    remove: { type: 'string', multiple: true },
  });
  const [dir, id, ...extra] = positionals;
  if (dir === undefined || id === undefined || extra.length > 0) throw new UsageError('topics needs a folder and one article id');
  return withLibrary(dir, io, false, async (library) => {
    const result = await library.changeTopics(id, values.add ?? [], values.remove ?? []);
    if (!report(io, id, result)) return EXIT.someFailed;
    io.out(`${id}: topics ${result.ok ? JSON.stringify(result.value.topics) : ''}\n`);
    return EXIT.ok;
  });
}

/** Prints a failure on stderr; true when the result is a success. */
function report<T>(io: CliIo, id: string, result: Result<T>): result is { ok: true; value: T } {
  if (result.ok) return true;
  io.err(`masthead: ${named(id, result.error.message)}\n`);
  return false;
}

/** A failure's message naming the article it is about: most name it already ("x.md is read-only"), once is enough. */
function named(id: string, message: string): string {
  return message.includes(id) ? message : `${id}: ${message}`;
}
