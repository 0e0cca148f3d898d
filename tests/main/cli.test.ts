import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCli } from '../../main/cli/masthead.js';
import { terminalProgress } from '../../main/cli/output.js';
import { tempDir } from '../helpers/corpora.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEEDS = join(ROOT, 'seeds');
const SEED_ID = '000_8a8d1d44de5d8be9.txt';
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** An empty temp folder, removed after the test. */
function tempDirFor(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

/** A copy of the seeds plus a broken file and a second article. */
function library(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  cpSync(SEEDS, dir, { recursive: true });
  writeFileSync(join(dir, 'broken.md'), '---\ntitle: "unclosed\n---\n');
  writeFileSync(join(dir, 'second.md'), '---\ntitle: Café society\nexcerpt: Late nights\npublished: "true"\ntopics: [Culture]\n---\n');
  return dir;
}

describe('masthead check', () => {
  test('on a terminal, a line says how far the reading and the check are, cleared before the output', async () => {
    const dir = tempDirFor();
    for (let n = 0; n < 1500; n++) writeFileSync(join(dir, `a${n}.md`), `---\ntitle: Article ${n}\npublished: false\n---\n`);
    const said: string[] = [];
    const code = await runCli(['check', dir], { out: (t) => said.push(`out ${t}`), err: (t) => said.push(`err ${t}`), progress: (t) => said.push(`progress ${t}`) });
    expect(code).toBe(0);
    const output = said.findIndex((s) => s.startsWith('out '));
    const before = said.slice(0, output);
    expect(before.filter((s) => s.startsWith('progress Reading')).at(-1)).toMatch(/^progress Reading the library… [\d,]+ of 1,500 files$/);
    expect(before.filter((s) => s.startsWith('progress Checking')).at(-1)).toMatch(/^progress Checking every file… [\d,]+ of 1,500$/);
    // Reading first, then checking; the line cleared before the output, and nothing after it.
    expect(before.findIndex((s) => s.startsWith('progress Checking'))).toBeGreaterThan(before.findLastIndex((s) => s.startsWith('progress Reading')));
    expect(said[output - 1]).toBe('progress ');
    expect(said.slice(output).filter((s) => s.startsWith('progress ') && s !== 'progress ')).toEqual([]);
    expect(said.slice(output)).toContain('out 1500 articles checked: 0 with errors, 0 with warnings only\n');
  });

  test('the progress line is drawn over itself at most every 100 ms, and cleared at once', () => {
    const written: string[] = [];
    let now = 1000;
    const progress = terminalProgress((t) => written.push(t), () => now);
    progress('Reading 1');
    now += 50;
    progress('Reading 2'); // too soon: not drawn
    now += 60;
    progress('Reading 3');
    progress('');
    progress(''); // nothing left to clear
    expect(written).toEqual(['\rReading 1\x1b[K', '\rReading 3\x1b[K', '\r\x1b[K']);
  });

  test('exit 0 on the clean seeds', async () => {
    const r = await cli('check');
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 articles checked: 0 with errors');
  });

  test('exit 1 and every problem when a file has an error', async () => {
    const dir = library();
    const r = await cli('check', dir, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ articles: 3, withErrors: 1, withWarnings: 1 });
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'broken.md', level: 'error', code: 'yaml-syntax', line: expect.any(Number) }),
        expect.objectContaining({ id: 'second.md', level: 'warning', field: 'published' }),
      ]),
    );
  });

  test('exit 2 for a folder that cannot be read', async () => {
    const r = await cli('check', '/no/such/folder');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot open the library/);
  });
});

describe('masthead list', () => {
  test.each([
    { args: [], ids: ['000_8a8d1d44de5d8be9.txt', 'broken.md', 'second.md'] },
    { args: ['--status', 'problems'], ids: ['broken.md', 'second.md'] },
    { args: ['--status', 'unpublished'], ids: ['000_8a8d1d44de5d8be9.txt', 'broken.md', 'second.md'] },
    { args: ['--topic', 'ai'], ids: ['000_8a8d1d44de5d8be9.txt'] },
    { args: ['--search', 'cafe'], ids: ['second.md'] },
    { args: ['--search', 'microsoft facial'], ids: ['000_8a8d1d44de5d8be9.txt'] },
    { args: ['--provider', 'it business EDGE'], ids: ['000_8a8d1d44de5d8be9.txt'] },
    // The seed was published on 5 July 2022 (UTC); the other two have no date, so no range holds them.
    { args: ['--from', '2022-07-01'], ids: ['000_8a8d1d44de5d8be9.txt'] },
    { args: ['--from', '2022-07-01', '--to', '2022-07-31', '--status', 'unpublished'], ids: ['000_8a8d1d44de5d8be9.txt'] },
    { args: ['--to', '2022-06-30'], ids: [] },
    { args: ['--from', '2022-08-01'], ids: [] },
  ])('$args', async ({ args, ids }) => {
    const r = await cli('list', library(), '--json', ...args);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).map((a: { id: string }) => a.id)).toEqual(ids);
  });

  test('a file marked read-only says so, as a field and at the end of its line; publishing it is refused', async () => {
    const dir = library();
    chmodSync(join(dir, 'second.md'), 0o444);
    const json = JSON.parse((await cli('list', dir, '--json')).out) as { id: string; readOnly?: true }[];
    expect(json.map((a) => [a.id, a.readOnly])).toEqual([[SEED_ID, undefined], ['broken.md', undefined], ['second.md', true]].sort());
    expect((await cli('list', dir)).out).toContain('second.md  Café society  [Culture]  (read-only)\n');
    const r = await cli('publish', dir, 'second.md');
    expect([r.code, r.err]).toEqual([1, 'masthead: second.md is read-only: Masthead leaves it as it is. Make the file writable to edit it.\n']);
    expect(readFileSync(join(dir, 'second.md'), 'utf8')).toContain('published: "true"\n');
  });

  test('human output ends with the count', async () => {
    const r = await cli('list', library(), '--status', 'problems');
    expect(r.out.trim().split('\n').at(-1)).toBe('2 of 3 articles');
  });
});

describe('masthead publish, unpublish and topics', () => {
  test('publish writes one line; publishing again writes nothing', async () => {
    const dir = library();
    const seed = readFileSync(join(dir, SEED_ID), 'utf8');
    const r = await cli('publish', dir, SEED_ID);
    expect(r).toMatchObject({ code: 0, out: `${SEED_ID}: published\n` });
    expect(readFileSync(join(dir, SEED_ID), 'utf8')).toBe(seed.replace('published: false', 'published: true'));
    expect((await cli('publish', dir, SEED_ID)).out).toBe(`${SEED_ID}: already published\n`);
    expect((await cli('unpublish', dir, SEED_ID)).code).toBe(0);
    expect(readFileSync(join(dir, SEED_ID), 'utf8')).toBe(seed);
  });

  test('exit 1 naming each article that could not be changed, while the others are', async () => {
    const dir = library();
    const r = await cli('publish', dir, 'broken.md', 'second.md', '../escape.md');
    expect(r.code).toBe(1);
    // Each failure on a line of its own, naming its article once.
    expect(r.err.split('\n')).toEqual([
      expect.stringMatching(/^masthead: broken\.md cannot be edited until its error is fixed: /),
      'masthead: "../escape.md" is not the id of an article in this library',
      '',
    ]);
    expect(readFileSync(join(dir, 'second.md'), 'utf8')).toContain('published: true\n');
    expect(r.out).toBe('second.md: published\n');
  });

  test('more articles than one request holds: each is published and named, in order', async () => {
    const dir = tempDirFor();
    const ids = Array.from({ length: 1003 }, (_, i) => `a${String(i).padStart(4, '0')}.md`);
    for (const id of ids) writeFileSync(join(dir, id), '---\ntitle: A\npublished: false\n---\n');
    const r = await cli('publish', dir, ...ids, 'missing.md');
    expect(r.code).toBe(1);
    expect(r.out).toBe(ids.map((id) => `${id}: published\n`).join(''));
    expect(r.err).toBe('masthead: there is no article missing.md in this library\n');
    expect(ids.every((id) => readFileSync(join(dir, id), 'utf8').includes('published: true'))).toBe(true);
  }, 30_000);

  test('an article named twice is published once, the second time said to be already so', async () => {
    const dir = library();
    const r = await cli('publish', dir, SEED_ID, 'second.md', SEED_ID);
    expect(r).toMatchObject({ code: 0, out: `${SEED_ID}: published\nsecond.md: published\n${SEED_ID}: already published\n` });
  });

  test('topics on a file listing a topic twice and an empty one writes a proper list', async () => {
    const dir = library();
    writeFileSync(join(dir, 'messy.md'), '---\ntitle: Messy\ntopics: [AI, AI, ""]\n---\n');
    const r = await cli('topics', dir, 'messy.md', '--add', 'Cloud');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'messy.md'), 'utf8')).toBe('---\ntitle: Messy\ntopics: [AI, Cloud]\n---\n');
  });

  test('topics --add and --remove', async () => {
    const dir = library();
    const r = await cli('topics', dir, 'second.md', '--add', 'Night life', '--add', '2024', '--remove', 'Culture');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'second.md'), 'utf8')).toContain('topics: [Night life, "2024"]\n');
  });

  test.each([
    { args: ['publish'], why: /needs a folder/ },
    { args: ['topics', 'dir'], why: /needs a folder and one article id/ },
    { args: ['list', '--status', 'maybe'], why: /--status must be one of/ },
    { args: ['list', '--bogus'], why: /Unknown option/ },
    { args: ['list', '--from', '2024-02-30'], why: /--from and --to take days such as 2024-03-31/ },
    { args: ['list', '--to', 'yesterday'], why: /--from and --to take days/ },
    // Said before the folder is read (a large one takes seconds), as export's are.
    { args: ['list', 'no-such-folder', '--from', '2024-02-30'], why: /--from and --to take days/ },
    { args: ['list', '--from', '2024-03-02', '--to', '2024-03-01'], why: /--from is a day after --to/ },
    { args: ['export', 'dir', '--out', 'x', '--from', '1 May'], why: /--from and --to take days/ },
    { args: ['frobnicate'], why: /unknown command/ },
    { args: ['serve', 'one', 'two'], why: /serve takes at most one folder/ },
    { args: ['start', 'one', 'two'], why: /start takes at most one folder/ },
    { args: ['serve', '--port', 'eighty'], why: /--port/ },
    { args: ['export', 'dir', '--out', 'x', '--format', 'pdf'], why: /--format must be one of files, json, jsonl, csv, rss/ },
    { args: ['export', 'dir', '--out', 'x', '--format', 'rss', '--channel-link', 'example.com'], why: /--channel-link must be a full URL/ },
  ])('bad usage exits 2: $args', async ({ args, why }) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(why);
    expect(r.err).toContain('Run "masthead help" for usage.');
  });

  test('a SOURCE_DATE_EPOCH that is not a number of seconds is bad usage, and nothing is written', async () => {
    const dir = library();
    const out = join(dir, '..', `${Date.now()}-out`);
    process.env.SOURCE_DATE_EPOCH = '2024-05-01';
    try {
      const r = await cli('export', dir, '--out', out);
      expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/SOURCE_DATE_EPOCH must be a whole number of seconds/) });
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
    expect(existsSync(out)).toBe(false);
  });

  test('exporting a folder that cannot be read exits 2', async () => {
    const r = await cli('export', '/no/such/folder', '--out', join(tempDirFor(), 'out'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot open the library/);
  });
});

describe('masthead help', () => {
  test('asked for, it prints every command and exits 0; with no command at all, it prints the same and exits 2', async () => {
    for (const ask of ['help', '--help', '-h']) {
      const r = await cli(ask);
      expect(r.code, ask).toBe(0);
      for (const command of ['check', 'list', 'publish', 'unpublish', 'topics', 'export', 'serve', 'start']) expect(r.out).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    const bare = await cli();
    expect(bare.code).toBe(2);
    expect(bare.out).toBe((await cli('help')).out);
  });
});

describe('the installed command', () => {
  test('bin/masthead.js runs the built CLI', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/masthead.js'), 'list', '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ id: SEED_ID, published: false });
  }, 120_000);
});
