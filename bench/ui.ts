/// <reference lib="dom" />
// The page-side callback below runs in Chromium, so this file alone needs the DOM types.
/** The desk's own speed in Chromium through the browser host: first rows shown, and the longest frame while scrolling. */
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startBrowserHost } from '../main/host/server.js';
import { createHostHandlers } from '../main/host/host-handlers.js';
import { packageRoot } from '../main/package-root.js';
import { Session } from '../main/session.js';

const CHROMIUM = '/usr/bin/chromium';

/** Null (with a note on stderr) where Chromium or the built renderer is missing. */
export async function measureUi(dir: string): Promise<{ firstRowsMs: number; longestFrameMs: number } | null> {
  const rendererDir = join(packageRoot(), 'out', 'renderer');
  if (!existsSync(CHROMIUM) || !existsSync(join(rendererDir, 'index.html'))) {
    process.stderr.write('ui figures skipped: they need /usr/bin/chromium and a built renderer (npm run build)\n');
    return null;
  }
  let host: Awaited<ReturnType<typeof startBrowserHost>> | null = null;
  const session = new Session((e) => host?.broadcast(e), { watch: true }); // as the desk runs
  const opened = await session.open(dir);
  if (!opened.ok) throw new Error(opened.error.message);
  // Measured once the background check is done, so its threads do not compete with Chromium.
  const current = session.library();
  if (current.ok) await current.value.library.checked;
  host = await startBrowserHost({ handlers: createHostHandlers(session, (e) => host?.broadcast(e)), rendererDir, port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await untilQuiet();
    // The page notes when the first article row was painted: the first frame after it is in the
    // document (requestAnimationFrame, then a task after that frame). Polling from here instead
    // would wait for the page's thread, busy with the next pages of the list by then.
    await page.addInitScript(() => {
      const watch = new MutationObserver(() => {
        if (document.querySelector('.grid-body [role="row"]') === null) return;
        watch.disconnect();
        requestAnimationFrame(() => setTimeout(() => ((window as { firstRowPainted?: number }).firstRowPainted = performance.timeOrigin + performance.now()), 0));
      });
      watch.observe(document, { childList: true, subtree: true });
    });
    // From navigation (the host has the library open) to the first article row on screen.
    const start = performance.timeOrigin + performance.now();
    await page.goto(host.url);
    await page.waitForFunction(() => (window as { firstRowPainted?: number }).firstRowPainted !== undefined);
    const firstRowsMs = (await page.evaluate(() => (window as { firstRowPainted?: number }).firstRowPainted!)) - start;
    // Scrolling is measured once every page of the list is in.
    await page.waitForFunction(() => !document.querySelector('.counts')?.textContent?.includes('loading'), undefined, { timeout: 120_000 });
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
    return { firstRowsMs, longestFrameMs };
  } finally {
    await browser.close();
    await host.close();
    await session.close();
  }
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
