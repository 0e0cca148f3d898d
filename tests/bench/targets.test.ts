import { describe, expect, it } from 'vitest';
import { judge, verdictLines, type Figure, type Verdict } from '../../bench/targets.js';

const figure = (articles: number, name: string, value: number, ratio: number | null = null, baseline: string | null = null): Figure => ({
  name,
  articles,
  value,
  unit: name === 'memory' ? 'MB' : 'ms',
  baseline,
  baselineValue: ratio === null ? null : value / ratio,
  ratio,
});

/** A run at 10,000 and 100,000 that meets every target, as the bench's figures at 100,000 did on 2026-12-04. */
const passing: readonly Figure[] = [
  figure(10_000, 'cold-list', 750, 3.28, 'read-floor'),
  figure(10_000, 'cold-checked', 4000, 0.6, 'naive'),
  figure(10_000, 'warm', 57, 0.25, 'read-floor'),
  figure(10_000, 'filter-p95', 0.8),
  figure(10_000, 'export-files', 600, 1.2, 'cp -r'),
  figure(10_000, 'memory', 120),
  figure(100_000, 'cold-list', 1625, 1.652, 'read-floor'),
  figure(100_000, 'cold-checked', 17_900, 0.497, 'naive'),
  figure(100_000, 'warm', 99, 0.126, 'read-floor'),
  figure(100_000, 'filter-p95', 5.5),
  figure(100_000, 'toggle-p95', 1.0, 1.9, 'write+fsync+rename'),
  figure(100_000, 'export-files', 5000, 1.102, 'cp -r'),
  figure(100_000, 'memory', 367),
  figure(100_000, 'ui-first-rows', 242),
  figure(100_000, 'ui-first-rows-from-open', 713),
  figure(100_000, 'ui-longest-frame', 21.5),
];

/** `passing` with one figure at `articles` replaced (or, with `replacement` null, left out). */
const withFigure = (articles: number, name: string, replacement: Figure | null): Figure[] => [
  ...passing.filter((f) => !(f.articles === articles && f.name === name)),
  ...(replacement === null ? [] : [replacement]),
];

const find = (verdicts: readonly Verdict[] | null, what: string): Verdict => {
  const found = verdicts?.find((v) => v.what === what);
  if (found === undefined) throw new Error(`no verdict "${what}"`);
  return found;
};

describe('judge', () => {
  it('meets every target of a run that does, growth included', () => {
    const verdicts = judge(passing)!;
    expect(verdicts).toHaveLength(16);
    expect(verdicts.filter((v) => v.met !== true)).toEqual([]);
    // 1,625 ms for 100,000 against 750 ms for 10,000: 16.25 µs against 75 µs an article.
    expect(find(verdicts, 'growth per article, cold-list').measured).toBe(0.217);
    expect(find(verdicts, 'growth per article, memory').measured).toBe(0.306);
  });

  it.each([
    { name: 'a ratio at its limit', figure: figure(100_000, 'toggle-p95', 1.0, 2, 'write+fsync+rename'), what: 'publish toggle, p95', met: true },
    { name: 'a ratio just over it', figure: figure(100_000, 'toggle-p95', 1.1, 2.001, 'write+fsync+rename'), what: 'publish toggle, p95', met: false },
    { name: 'checked at half the naive loop', figure: figure(100_000, 'cold-checked', 18_000, 0.5, 'naive'), what: 'cold open, fully checked', met: true },
    { name: 'checked over half', figure: figure(100_000, 'cold-checked', 18_200, 0.505, 'naive'), what: 'cold open, fully checked', met: false },
    { name: 'warm over 0.3x', figure: figure(100_000, 'warm', 300, 0.31, 'read-floor'), what: 'warm open', met: false },
    { name: 'a filter within one frame', figure: figure(100_000, 'filter-p95', 16), what: 'filter and search, p95', met: true },
    { name: 'a filter over it', figure: figure(100_000, 'filter-p95', 16.1), what: 'filter and search, p95', met: false },
    { name: 'memory over 500 MB', figure: figure(100_000, 'memory', 677), what: 'memory (peak RSS)', met: false },
    { name: 'first rows late', figure: figure(100_000, 'ui-first-rows-from-open', 1600), what: 'desk: first rows from a first open', met: false },
    { name: 'a long frame', figure: figure(100_000, 'ui-longest-frame', 51), what: 'desk: longest frame scrolling', met: false },
    { name: 'export over 2x cp', figure: figure(100_000, 'export-files', 9000, 2.2, 'cp -r'), what: 'export as files', met: false },
  ])('judges $name', ({ figure: replaced, what, met }) => {
    const verdict = find(judge(withFigure(100_000, replaced.name, replaced)), what);
    expect(verdict.met).toBe(met);
    expect(verdict.measured).toBe(replaced.unit === 'MB' || replaced.ratio === null ? replaced.value : replaced.ratio);
  });

  it('judges the ratio, not the value, of a figure with a baseline', () => {
    // 5 ms is well over the bare write's 1 ms, but the target is on the ratio: 1.5x.
    const verdict = find(judge(withFigure(100_000, 'toggle-p95', figure(100_000, 'toggle-p95', 5, 1.5, 'write+fsync+rename'))), 'publish toggle, p95');
    expect(verdict).toMatchObject({ measured: 1.5, unit: 'x', against: 'write+fsync+rename', met: true });
  });

  it('misses growth past 1.3x the cost per article at 10,000', () => {
    // 10,000 ms for 100,000 is 100 µs an article, against 75 µs at 10,000: 1.333x.
    const verdicts = judge(withFigure(100_000, 'cold-list', figure(100_000, 'cold-list', 10_000, 1.9, 'read-floor')));
    expect(find(verdicts, 'growth per article, cold-list')).toMatchObject({ measured: 1.333, met: false });
  });

  it('says which figures the run lacks, as neither met nor missed', () => {
    const verdicts = judge(withFigure(100_000, 'ui-longest-frame', null));
    expect(find(verdicts, 'desk: longest frame scrolling')).toMatchObject({ measured: null, met: null });
    const lines = verdictLines(verdicts);
    expect(lines).toContain('  -       desk: longest frame scrolling       not measured in this run (at most 50 ms)');
    expect(lines.at(-1)).toBe('15 met, 0 missed, 1 not measured.');
  });

  it('cannot judge growth without 10,000 in the same run', () => {
    const verdicts = judge(passing.filter((f) => f.articles === 100_000))!;
    expect(find(verdicts, 'growth per article, warm')).toMatchObject({ measured: null, met: null });
    expect(find(verdicts, 'warm open').met).toBe(true);
    expect(verdictLines(verdicts).join('\n')).toContain('not measured: needs 10,000 and 100,000 in one run');
  });

  it('judges nothing in a run without 100,000', () => {
    expect(judge(passing.filter((f) => f.articles === 10_000))).toBeNull();
    expect(verdictLines(null)).toEqual(['Targets: not judged, they are set at 100,000 articles (run without --count, or with --count 100000).']);
  });
});

describe('verdictLines', () => {
  it('prints each target with its measure and limit, then the count met', () => {
    const lines = verdictLines(judge(withFigure(100_000, 'toggle-p95', figure(100_000, 'toggle-p95', 1.1, 2.123, 'write+fsync+rename'))));
    expect(lines[0]).toBe('Targets at 100,000 articles (issue 5):');
    expect(lines).toContain('  MISSED  publish toggle, p95                 2.123x write+fsync+rename (at most 2x)');
    expect(lines).toContain('  met     memory (peak RSS)                   367 MB (at most 500 MB)');
    expect(lines).toContain('  met     growth per article, cold-list       0.217x its cost at 10,000 (at most 1.3x)');
    expect(lines.at(-1)).toBe('15 met, 1 missed.');
  });
});
