/** `masthead serve`: what it prints when it starts; `masthead start` (what `npm start` runs): the app in Electron, or the desk served in the browser when Electron cannot open it. */
import { spawn } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { CliIo } from '../../main/cli/output.js';
import { EARLY_FAILURE_MS, machineElectron, serveDesk, startDesk, type ElectronLauncher } from '../../main/cli/serve.js';
import { Library } from '../../main/core/library.js';
import { indexCacheOf } from '../../main/data-folder.js';
import { packageRoot } from '../../main/package-root.js';
import { tempDir } from '../helpers/corpora.js';

const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));
const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  cleanups.splice(0).forEach((c) => c());
});

function temp(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

/** Terminal output, and a stop that comes once a served desk has said what it serves. */
function untilServing(): { io: CliIo; stop: AbortSignal; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const stop = new AbortController();
  const io: CliIo = {
    out: (text) => {
      out += text;
      if (text.includes('press Ctrl+C')) stop.abort();
    },
    err: (text) => (err += text),
  };
  return { io, stop: stop.signal, out: () => out, err: () => err };
}

/** Serves `dir` until it has said what it serves; returns what it printed. */
async function serveOnce(dir: string): Promise<string> {
  const { io, stop, out, err } = untilServing();
  await serveDesk(dir, 0, io, stop);
  return out() + err();
}

test('says how many articles the folder holds, not what its kept index held when it was last open', async () => {
  const lib = temp();
  const data = temp();
  vi.stubEnv('MASTHEAD_DATA_DIR', data);
  cpSync(SEEDS, lib, { recursive: true });
  // A file written within the last 2 s is not kept in the index (see RACY_MS): let the seed age.
  await sleep(2100);
  const first = await Library.open(lib, indexCacheOf(data));
  if (!first.ok) throw new Error(first.error.message);
  await first.value.checked;
  await first.value.close();
  for (const n of [1, 2]) writeFileSync(join(lib, `new-${n}.md`), `---\ntitle: New ${n}\npublished: false\n---\n`);

  const out = await serveOnce(lib);

  expect(out).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  expect(out).toContain('(3 articles) on 127.0.0.1 only');
}, 20_000);

test('gives the address while a large library is still being read, so the page shows how far it is; a stop then ends it', async () => {
  const lib = temp();
  vi.stubEnv('MASTHEAD_DATA_DIR', temp());
  // No kept index: the open reads all 4,000 files, far longer than the host takes to listen.
  for (let n = 0; n < 4000; n++) writeFileSync(join(lib, `a${n}.md`), `---\ntitle: Article ${n}\npublished: false\n---\n`);
  const stop = new AbortController();
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => {
      out += text;
      if (text.startsWith('http://')) stop.abort();
    },
    err: (text) => (err += text),
  };
  const code = await serveDesk(lib, 0, io, stop.signal);
  // Stopped at its address, before the list was in: it never said what it serves.
  expect([code, err]).toEqual([0, '']);
  expect(out).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+\n$/);
}, 20_000);

test('serves the first page of a library new to Masthead while the rest is read; a stop then ends it', async () => {
  const lib = temp();
  vi.stubEnv('MASTHEAD_DATA_DIR', temp());
  for (let n = 0; n < 8000; n++) writeFileSync(join(lib, `a${String(n).padStart(4, '0')}.md`), `---\ntitle: Article ${n}\npublished: false\n---\n`);
  const stop = new AbortController();
  let out = '';
  let firstPage: unknown;
  const io: CliIo = {
    out: (text) => {
      out += text;
      if (!text.startsWith('http://')) return;
      const url = new URL(text.trim());
      void fetch(new URL('/api/listArticles', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-masthead-token': url.searchParams.get('token')! },
        body: JSON.stringify({ args: [null, 2000] }),
      })
        .then((res) => res.json())
        .then((page) => {
          firstPage = page;
          stop.abort();
        });
    },
    err: () => undefined,
  };
  const code = await serveDesk(lib, 0, io, stop.signal);
  expect(code).toBe(0);
  const page = firstPage as { ok: boolean; value: { articles: { id: string }[]; total: number; done: boolean } };
  expect(page.ok).toBe(true);
  expect(page.value.articles.map((a) => a.id)).toEqual(Array.from({ length: 2000 }, (_, n) => `a${String(n).padStart(4, '0')}.md`));
  expect([page.value.total, page.value.done]).toEqual([8000, false]);
  // The page came, and the stop ended it, before the whole library was read: it never said what it serves.
  expect(out).not.toContain('press Ctrl+C');
}, 30_000);

test('a port already taken is said, and nothing is served', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => taken.close());
  const port = (taken.address() as AddressInfo).port;
  const lib = temp();
  cpSync(SEEDS, lib, { recursive: true });
  vi.stubEnv('MASTHEAD_DATA_DIR', temp());
  const { io, stop, out, err } = untilServing();
  const code = await serveDesk(lib, port, io, stop);
  expect([code, out()]).toEqual([2, '']);
  expect(err()).toMatch(new RegExp(`^masthead: cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`));
});

test('says a folder it cannot open before any address', async () => {
  const { io, stop, out, err } = untilServing();
  const code = await serveDesk(join(temp(), 'nowhere'), 0, io, stop);
  expect([code, out(), err()]).toEqual([2, '', 'masthead: cannot open the library nowhere: there is no such folder\n']);
});

/** A launcher whose Electron ends as `ended` says, recording how it was run. */
function fakeElectron(ended: { code: number | null; signal: string | null; ms: number } | null, noDisplay: string | null = null) {
  const runs: (readonly string[])[] = [];
  const opened: string[] = [];
  const launcher: ElectronLauncher = {
    electron: ended === null ? null : '/opt/electron/electron',
    noDisplay,
    run: async (_electron, args) => {
      runs.push(args);
      return ended!;
    },
    openBrowser: (url) => opened.push(url),
  };
  return { launcher, runs, opened };
}

/** Starts the desk on a copy of the seeds; a served desk is stopped once it has said what it serves. */
async function start(launcher: ElectronLauncher): Promise<{ code: number; out: string; err: string; lib: string }> {
  const lib = temp();
  cpSync(SEEDS, lib, { recursive: true });
  vi.stubEnv('MASTHEAD_DATA_DIR', temp());
  const { io, stop, out, err } = untilServing();
  const code = await startDesk(lib, io, stop, launcher);
  return { code, out: out(), err: err(), lib };
}

describe('npm start', () => {
  test('opens the library in Electron, and ends as the app ends', async () => {
    const { launcher, runs } = fakeElectron({ code: 0, signal: null, ms: 60_000 });
    const { code, out, err, lib } = await start(launcher);
    expect(runs).toEqual([[packageRoot(), '--library', lib]]);
    expect([code, out, err]).toEqual([0, '', '']);
  });

  test('a second start, which hands its folder to the app already open and ends at once, serves nothing', async () => {
    const { launcher } = fakeElectron({ code: 0, signal: null, ms: 300 });
    const { code, out } = await start(launcher);
    expect([code, out]).toEqual([0, '']);
  });

  const servedInstead: readonly { name: string; ended: { code: number | null; signal: string | null; ms: number } | null; noDisplay?: string; says: RegExp; runs: number }[] = [
    { name: 'Electron not installed', ended: null, says: /^Electron is not installed on this machine .*, so Masthead serves the same desk in your browser instead\.$/, runs: 0 },
    { name: 'no display to open a window on', ended: { code: 0, signal: null, ms: 0 }, noDisplay: 'this session has no display', says: /^Masthead cannot open its window: this session has no display, so Masthead serves/, runs: 0 },
    { name: 'Electron failing as it starts', ended: { code: 127, signal: null, ms: 40 }, says: /^Electron could not start \(it exited with code 127; its own message, if it gave one, is above\), so Masthead serves/, runs: 1 },
    { name: 'Electron ended by a signal as it starts', ended: { code: null, signal: 'SIGTRAP', ms: 900 }, says: /^Electron could not start \(it was ended by SIGTRAP;/, runs: 1 },
    { name: 'Electron that could not be run at all', ended: { code: null, signal: null, ms: 2 }, says: /^Electron could not start \(it could not be run;/, runs: 1 },
  ];
  test.each(servedInstead)('$name: says so, and serves the same desk in the browser (opened there where a display is)', async ({ ended, noDisplay, says, runs }) => {
    const fake = fakeElectron(ended, noDisplay ?? null);
    const { code, out, err } = await start(fake.launcher);
    expect(err.trim()).toMatch(says);
    expect(fake.runs.length).toBe(runs);
    const url = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out)?.[1];
    expect(url).toBeDefined();
    expect(out).toContain('(1 article) on 127.0.0.1 only');
    // With no display there is no browser to show it in: the address alone, to open elsewhere.
    expect(fake.opened).toEqual(noDisplay === undefined ? [url] : []);
    expect(out).toContain(noDisplay === undefined ? 'It opens in your browser (or open the address above); press Ctrl+C' : 'Open the address above; press Ctrl+C');
    expect(code).toBe(0);
  });

  test('an app that ran and then failed is not served in its place: its failure is the exit code, a crash included', async () => {
    for (const [ended, expected] of [
      [{ code: 3, signal: null, ms: EARLY_FAILURE_MS + 1 }, 3],
      [{ code: null, signal: 'SIGSEGV', ms: 3_600_000 }, 1],
    ] as const) {
      const { code, out, err } = await start(fakeElectron(ended).launcher);
      expect([code, out, err]).toEqual([expected, '', '']);
    }
  });
});

describe('the machine’s Electron', () => {
  const rows: readonly { name: string; env: NodeJS.ProcessEnv; platform: NodeJS.Platform; noDisplay: boolean }[] = [
    { name: 'Linux with an X display', env: { DISPLAY: ':0' }, platform: 'linux', noDisplay: false },
    { name: 'Linux with a Wayland display', env: { WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux', noDisplay: false },
    { name: 'Linux with neither (a server, an SSH session)', env: {}, platform: 'linux', noDisplay: true },
    { name: 'macOS, which needs neither', env: {}, platform: 'darwin', noDisplay: false },
    { name: 'Windows, which needs neither', env: {}, platform: 'win32', noDisplay: false },
  ];
  test.each(rows)('$name', ({ env, platform, noDisplay }) => {
    expect(machineElectron(env, platform).noDisplay !== null).toBe(noDisplay);
  });

  test.each([
    { platform: 'linux' as const, command: 'xdg-open', args: ['http://127.0.0.1:5/?token=a&b'] },
    { platform: 'darwin' as const, command: 'open', args: ['http://127.0.0.1:5/?token=a&b'] },
    { platform: 'win32' as const, command: 'cmd', args: ['/c', 'start', '""', 'http://127.0.0.1:5/?token=a^&b'] },
  ])('opens an address in the browser on $platform, left to itself', ({ platform, command, args }) => {
    const spawned: { command: string; args: readonly string[]; options: object; unref: boolean; onError: boolean }[] = [];
    const fakeSpawn = ((cmd: string, a: readonly string[], options: object) => {
      const record = { command: cmd, args: a, options, unref: false, onError: false };
      spawned.push(record);
      return { once: (event: string) => void (record.onError = event === 'error'), unref: () => void (record.unref = true) };
    }) as unknown as typeof spawn;
    machineElectron({ DISPLAY: ':0' }, platform, fakeSpawn).openBrowser('http://127.0.0.1:5/?token=a&b');
    expect(spawned).toEqual([{ command, args, options: { stdio: 'ignore', detached: true, windowsHide: true }, unref: true, onError: true }]);
  });

  test('a browser program that is missing fails quietly', async () => {
    const { openBrowser } = machineElectron({}, 'linux', ((_cmd: string, a: readonly string[], o: object) => spawn('/nonexistent/xdg-open', a, o)) as typeof spawn);
    expect(() => openBrowser('http://127.0.0.1:5/')).not.toThrow();
    await sleep(100); // its 'error' comes later, and is heard
  });

  test('runs a program and says how it ended', async () => {
    const { run } = machineElectron();
    expect(await run(process.execPath, ['-e', 'process.exit(7)'])).toMatchObject({ code: 7, signal: null });
    expect(await run(process.execPath, ['-e', 'process.kill(process.pid, "SIGTERM")'])).toMatchObject({ code: null, signal: 'SIGTERM' });
    expect(await run('/nonexistent/electron', [])).toMatchObject({ code: null, signal: null });
  });
});
