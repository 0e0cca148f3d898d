/**
 * The targets of issue 5 and how a run of the bench measures up to them. They are set at 100,000
 * articles on our 2-core machines; growth compares the cost per article at 100,000 with its cost
 * at 10,000, so it needs both sizes in one run. The bench prints the verdicts after its figures
 * and never fails on them: it is a benchmark, not a test.
 */

/** One figure of a run, as `--json` prints it. */
export interface Figure {
  readonly name: string;
  readonly articles: number;
  readonly value: number;
  readonly unit: 'ms' | 'MB';
  readonly baseline: string | null;
  readonly baselineValue: number | null;
  readonly ratio: number | null;
}

/** The size the targets are set at, and the one growth is measured from. */
export const TARGET_ARTICLES = 100_000;
export const GROWTH_FROM = 10_000;

/** A target on one figure: on its ratio to its baseline, or on its value. */
interface Target {
  readonly name: string;
  readonly what: string;
  /** 'x': the figure's ratio to its baseline; otherwise its value, in that unit. */
  readonly unit: 'x' | 'ms' | 'MB';
  readonly atMost: number;
}

const TARGETS: readonly Target[] = [
  { name: 'cold-list', what: 'cold open, list ready', unit: 'x', atMost: 2 },
  { name: 'cold-checked', what: 'cold open, fully checked', unit: 'x', atMost: 0.5 },
  { name: 'warm', what: 'warm open', unit: 'x', atMost: 0.3 },
  { name: 'filter-p95', what: 'filter and search, p95', unit: 'ms', atMost: 16 },
  { name: 'toggle-p95', what: 'publish toggle, p95', unit: 'x', atMost: 2 },
  { name: 'export-files', what: 'export as files', unit: 'x', atMost: 2 },
  { name: 'memory', what: 'memory (peak RSS)', unit: 'MB', atMost: 500 },
  { name: 'ui-first-rows', what: 'desk: first rows', unit: 'ms', atMost: 1500 },
  // The same 1.5 s, counted from the start of an open with no kept index (every file read).
  { name: 'ui-first-rows-from-open', what: 'desk: first rows from a first open', unit: 'ms', atMost: 1500 },
  { name: 'ui-longest-frame', what: 'desk: longest frame scrolling', unit: 'ms', atMost: 50 },
];

/**
 * The figures whose cost per article must stay linear: each a whole library's work (or, for the
 * filter, one query over every article). Bulk publishing is left out: it publishes at most 10,000
 * at either size, and at 10,000 fewer, as only the drafts among them can be.
 */
const GROWING = ['cold-list', 'cold-checked', 'warm', 'filter-p95', 'export-files', 'memory'] as const;
const GROWTH_AT_MOST = 1.3;

/** How one target fared: `measured` and `met` are null where the run has no such figure. */
export interface Verdict {
  readonly what: string;
  readonly measured: number | null;
  readonly unit: 'x' | 'ms' | 'MB';
  /** What a ratio is to: the baseline's name ("read-floor"), or the cost per article at 10,000 for a growth. */
  readonly against: string | null;
  readonly atMost: number;
  readonly met: boolean | null;
  /** A growth per article, which needs the two sizes in one run. */
  readonly growth: boolean;
}

/** Every target's verdict, or null where the run has no figure at 100,000 to judge. */
export function judge(figures: readonly Figure[]): Verdict[] | null {
  const at = (articles: number, name: string): Figure | undefined => figures.find((f) => f.articles === articles && f.name === name);
  if (!figures.some((f) => f.articles === TARGET_ARTICLES)) return null;
  const verdicts: Verdict[] = TARGETS.map((t) => {
    const figure = at(TARGET_ARTICLES, t.name);
    const measured = figure === undefined ? null : t.unit === 'x' ? figure.ratio : figure.value;
    return verdict(t.what, measured, t.unit, t.unit === 'x' ? (figure?.baseline ?? null) : null, t.atMost, false);
  });
  for (const name of GROWING) {
    const large = at(TARGET_ARTICLES, name);
    const small = at(GROWTH_FROM, name);
    const growth = large === undefined || small === undefined || small.value <= 0 ? null : large.value / TARGET_ARTICLES / (small.value / GROWTH_FROM);
    verdicts.push(verdict(`growth per article, ${name}`, growth === null ? null : Math.round(growth * 1000) / 1000, 'x', `its cost at ${GROWTH_FROM.toLocaleString('en')}`, GROWTH_AT_MOST, true));
  }
  return verdicts;
}

function verdict(what: string, measured: number | null, unit: Verdict['unit'], against: string | null, atMost: number, growth: boolean): Verdict {
  return { what, measured, unit, against, atMost, met: measured === null ? null : measured <= atMost, growth };
}

/** The verdicts as the bench prints them: one line each, then how many were met. */
export function verdictLines(verdicts: readonly Verdict[] | null): string[] {
  if (verdicts === null) return [`Targets: not judged, they are set at ${TARGET_ARTICLES.toLocaleString('en')} articles (run without --count, or with --count ${TARGET_ARTICLES}).`];
  const width = Math.max(...verdicts.map((v) => v.what.length));
  const lines = verdicts.map((v) => {
    const mark = v.met === null ? '-     ' : v.met ? 'met   ' : 'MISSED';
    const limit = `at most ${v.atMost}${v.unit === 'x' ? 'x' : ` ${v.unit}`}`;
    if (v.measured === null) {
      const why = v.growth ? `not measured: needs ${GROWTH_FROM.toLocaleString('en')} and ${TARGET_ARTICLES.toLocaleString('en')} in one run` : 'not measured in this run';
      return `  ${mark}  ${v.what.padEnd(width)}  ${why} (${limit})`;
    }
    const value = v.unit === 'x' ? `${v.measured}x ${v.against ?? ''}`.trimEnd() : `${v.measured} ${v.unit}`;
    return `  ${mark}  ${v.what.padEnd(width)}  ${value} (${limit})`;
  });
  const count = (met: boolean | null): number => verdicts.filter((v) => v.met === met).length;
  const unmeasured = count(null) === 0 ? '' : `, ${count(null)} not measured`;
  return [`Targets at ${TARGET_ARTICLES.toLocaleString('en')} articles (issue 5):`, ...lines, `${count(true)} met, ${count(false)} missed${unmeasured}.`];
}
