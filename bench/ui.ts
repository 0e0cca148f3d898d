/// <reference lib="dom" />
// The page-side callback below runs in Chromium, so this file alone needs the DOM types.
/** The desk's own speed in Chromium through the browser host: first rows shown, and the longest frame while scrolling. */
import { existsSync } from 'node:fs';
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
