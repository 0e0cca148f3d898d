/// <reference lib="dom" />
// The page-side callback below runs in Chromium, so this file alone needs the DOM types.
/**
 * The desk's own speed in Chromium through the browser host: first rows shown, the rest of the list
 * arriving, the longest frame while scrolling, and the longest task after each kind of change with
 * a filter on.
 */
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startBrowserHost } from '../main/host/server.js';
import { createHostHandlers } from '../main/host/host-handlers.js';
import { packageRoot } from '../main/package-root.js';
import { Session } from '../main/session.js';

const CHROMIUM = '/usr/bin/chromium';

/** The longest task (0: none over 50 ms) in the desk after each change, with a filter on. */
export interface ChangeTasks {
  readonly sort: number;
  /** A second click on the same column: the other direction. */
  readonly flipped: number;
  readonly added: number;
  readonly retitled: number;
  readonly removed: number;
}

/**
 * Null (with a note on stderr) where Chromium or the built renderer is missing. The library in
 * `dir` is edited and put back: an article is added and removed, and another's title changed and
 * restored (the bench hands it a working copy).
 */
/**
 * Where the time to the first rows went, in ms from the start of the measure: the page asked for
 * (navigation start), its document and its script in, the first page of the list asked for, its
 * first and last byte, and the rows painted. An outlier (10.6 s once, against 0.5-0.9 s) then says
 * which step held it. Null for a step the page did not record.
 */
export interface FirstRowsSteps {
  readonly navigation: number;
  readonly document: number | null;
  readonly script: number | null;
  readonly asked: number | null;
  readonly firstByte: number | null;
  readonly lastByte: number | null;
  readonly painted: number;
}

/** From the first rows to the whole list: how long, and the desk's longest task (0: none over 50 ms) meanwhile. */
export interface Arriving {
  readonly listMs: number;
  readonly longestTaskMs: number;
}

export async function measureUi(
  dir: string,
): Promise<{ firstRowsMs: number; firstRowsFromOpenMs: number; firstRowsSteps: FirstRowsSteps; longestFrameMs: number; arriving: Arriving; changes: ChangeTasks } | null> {
  const rendererDir = join(packageRoot(), 'out', 'renderer');
  if (!existsSync(CHROMIUM) || !existsSync(join(rendererDir, 'index.html'))) {
    process.stderr.write('ui figures skipped: they need /usr/bin/chromium and a built renderer (npm run build)\n');
    return null;
  }
  const firstRowsFromOpenMs = await firstRowsFromOpen(dir, rendererDir);
  let host: Awaited<ReturnType<typeof startBrowserHost>> | null = null;
  const session = new Session((e) => host?.broadcast(e), { watch: true }); // as the desk runs
  const opened = await session.open(dir);
  if (!opened.ok) throw new Error(opened.error.message);
  // Measured once the background check is done, so its threads do not compete with Chromium.
  const current = session.library();
  if (current.ok) await current.value.library.checked;
  host = await startBrowserHost({ handlers: createHostHandlers(session, (e) => host?.broadcast(e)), rendererDir, port: 0 });
  const browser = await launchChromium();
  try {
    const page = await deskPage(browser);
    // From navigation (the host has the library open) to the first article row on screen.
    const start = performance.timeOrigin + performance.now();
    await page.goto(host.url);
    const firstRowsMs = (await firstRowPainted(page)) - start;
    const firstRowsSteps = await page.evaluate((start): FirstRowsSteps => {
      // Times in the page count from its time origin (the navigation's start).
      const at = (ms: number | undefined): number | null => (ms === undefined ? null : Math.round(performance.timeOrigin + ms - start));
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const script = resources.find((r) => r.initiatorType === 'script' && r.name.endsWith('.js'));
      const list = resources.find((r) => r.name.includes('/api/listArticles'));
      const doc = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return {
        navigation: at(0)!,
        document: at(doc?.responseEnd),
        script: at(script?.responseEnd),
        asked: at(list?.startTime),
        firstByte: at(list?.responseStart),
        lastByte: at(list?.responseEnd),
        painted: Math.round((window as { firstRowPainted?: number }).firstRowPainted! - start),
      };
    }, start);
    // Scrolling is measured once every page of the list is in. Until then, the desk's longest task.
    await page.waitForFunction(() => !document.querySelector('.statusbar')?.textContent?.includes('loading'), undefined, { timeout: 120_000, polling: 50 });
    const arriving = await page.evaluate(() => {
      const w = window as { longTasks?: [number, number][]; firstRowPainted?: number };
      const from = w.firstRowPainted! - performance.timeOrigin;
      return { listMs: performance.now() - from, longestTaskMs: Math.max(0, ...w.longTasks!.filter(([at]) => at >= from).map(([, d]) => d)) };
    });
    const longestFrameMs = await page.evaluate(async () => {
      const body = document.querySelector<HTMLElement>('.grid-body')!;
      let longest = 0;
      let last = performance.now();
      const steps = 300;
      for (let i = 1; i <= steps; i++) {
        body.scrollTop = ((body.scrollHeight - body.clientHeight) * i) / steps;
        await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }
      return longest;
    });
    const changes = await measureChanges(page, dir);
    return { firstRowsMs, firstRowsFromOpenMs, firstRowsSteps, longestFrameMs, arriving, changes };
  } finally {
    await browser.close();
    await host.close();
    await session.close();
  }
}

/**
 * From the start of a first open (no persistent index, so every file is read), as the editor opens
 * a library new to Masthead with the desk already up, to the first article row on screen. The
 * files are in the page cache, as after the bench's own passes over them.
 */
async function firstRowsFromOpen(dir: string, rendererDir: string): Promise<number> {
  let host: Awaited<ReturnType<typeof startBrowserHost>> | null = null;
  const session = new Session((e) => host?.broadcast(e), { watch: true });
  host = await startBrowserHost({ handlers: createHostHandlers(session, (e) => host?.broadcast(e)), rendererDir, port: 0 });
  const browser = await launchChromium();
  try {
    const page = await deskPage(browser);
    const start = performance.timeOrigin + performance.now();
    const opening = session.open(dir);
    await page.goto(host.url);
    const ms = (await firstRowPainted(page)) - start;
    const opened = await opening;
    if (!opened.ok) throw new Error(opened.error.message);
    return ms;
  } finally {
    await browser.close();
    await host.close();
    await session.close();
  }
}

/** Debian's Chromium, headless, reaching no network of its own. */
function launchChromium(): Promise<import('playwright-core').Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** A page for the desk, once Chromium's own start is over (see `untilQuiet`), noting when its first rows are painted. */
async function deskPage(browser: import('playwright-core').Browser): Promise<import('playwright-core').Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await untilQuiet();
  await notePaintedRows(page);
  return page;
}

/**
 * Has the page note when its first article row was painted: the first frame after it is in the
 * document (requestAnimationFrame, then a task after that frame), and its long tasks from the start.
 * Polling from here instead would wait for the page's thread, busy with the next pages of the list by then.
 */
async function notePaintedRows(page: import('playwright-core').Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as { longTasks?: [number, number][] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks!.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
    const watch = new MutationObserver(() => {
      if (document.querySelector('.grid-body [role="row"]') === null) return;
      watch.disconnect();
      requestAnimationFrame(() => setTimeout(() => ((window as { firstRowPainted?: number }).firstRowPainted = performance.timeOrigin + performance.now()), 0));
    });
    watch.observe(document, { childList: true, subtree: true });
  });
}

/** When the first article row was painted (see `notePaintedRows`), on this process's clock. */
async function firstRowPainted(page: import('playwright-core').Page): Promise<number> {
  await page.waitForFunction(() => (window as { firstRowPainted?: number }).firstRowPainted !== undefined, undefined, { timeout: 120_000 });
  return page.evaluate(() => (window as { firstRowPainted?: number }).firstRowPainted!);
}

/**
 * With the list filtered to unpublished articles, the longest task after: a new sort (by title), the
 * same column clicked again (titles in the other direction), an article file added by another program, another's title changed on disk, and the added one removed.
 * Each of these once made the filter wait for a whole new list index (about 3 s at 100,000).
 */
async function measureChanges(page: import('playwright-core').Page, dir: string): Promise<ChangeTasks> {
  // The page has watched for long tasks since it opened (see `measureUi`); only those from here on count.
  await page.evaluate(() => ((window as { longTasks?: [number, number][] }).longTasks = []));
  const counts = (): Promise<string> => page.evaluate(() => document.querySelector('.counts')?.textContent ?? '');
  await page.click('[role="radiogroup"][aria-label="Status"] >> text=Unpublished');
  await delay(3000); // the filter's first answer, and any rest of the index built
  const longestAfter = async (change: () => Promise<void>, done: () => Promise<boolean>): Promise<number> => {
    const start = await page.evaluate(() => performance.now());
    await change();
    for (const until = Date.now() + 30_000; !(await done()) && Date.now() < until; ) await delay(100);
    await delay(1500); // the list carried over and drawn, any work after it done
    return page.evaluate((start) => Math.max(0, ...(window as { longTasks?: [number, number][] }).longTasks!.filter(([at]) => at >= start).map(([, d]) => d)), start);
  };
  const names = readdirSync(dir).filter((n) => n.endsWith('.md') || n.endsWith('.txt'));
  const source = join(dir, names[Math.floor(names.length / 3)]!);
  const retitled = join(dir, names[Math.floor((names.length * 2) / 3)]!);
  const added = join(dir, 'zz-bench-added.md');
  const original = readFileSync(retitled);
  const before = await counts();
  const titleSorted = (direction: string) => async () => (await page.getAttribute('[role="columnheader"]:has(button.sort:has-text("Title"))', 'aria-sort')) === direction;
  const sort = await longestAfter(() => page.click('button.sort:has-text("Title")'), titleSorted('ascending'));
  const flipped = await longestAfter(() => page.click('button.sort:has-text("Title")'), titleSorted('descending'));
  const withTitle = (text: string, title: string): string => text.replace(/^title:.*$/m, `title: "${title}"`).replace(/^published:.*$/m, 'published: false');
  const addedMs = await longestAfter(
    async () => writeFileSync(added, withTitle(readFileSync(source, 'utf8'), 'A zebra crossing opens downtown')),
    async () => (await counts()) !== before,
  );
  const retitledMs = await longestAfter(
    async () => writeFileSync(retitled, withTitle(original.toString('utf8'), 'Aardvarks return to the city zoo')),
    () => page.evaluate(() => document.body.textContent?.includes('Aardvarks return') ?? false),
  );
  const removed = await longestAfter(
    async () => unlinkSync(added),
    async () => (await counts()) === before,
  );
  writeFileSync(retitled, original);
  return { sort, flipped, added: addedMs, retitled: retitledMs, removed };
}

/**
 * Waits (at most 15 s) until the machine's cores have been all but idle for half a second. Chromium's
 * headless mode is the whole browser: once its first tab is open it loads its omnibox popup, a page
 * of its own in a renderer of its own, which kept one core and that renderer's threads busy for
 * about a second (seen in a trace: the first rows and the first scroll frames of the desk shared the
 * two cores with it). Electron has no omnibox, so the desk is measured once that is done.
 */
async function untilQuiet(): Promise<void> {
  const sample = (): { busy: number; total: number } | null => {
    try {
      // cpu  user nice system idle iowait irq softirq steal ...
      const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
      const total = fields.reduce((a, b) => a + b, 0);
      return { busy: total - fields[3]! - fields[4]!, total };
    } catch {
      return null;
    }
  };
  let last = sample();
  if (last === null) {
    await delay(3000); // no /proc here: the browser's start is over within three seconds
    return;
  }
  let quiet = 0;
  for (const until = Date.now() + 15_000; quiet < 2 && Date.now() < until; ) {
    await delay(250);
    const now = sample()!;
    const share = now.total > last.total ? (now.busy - last.busy) / (now.total - last.total) : 0;
    quiet = share < 0.15 ? quiet + 1 : 0;
    last = now;
  }
}
