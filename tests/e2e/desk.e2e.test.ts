/**
 * The real renderer in Chromium, through the browser host, against a temp copy of a library.
 * Every step checks the file on disk. Screenshots land in test-results/ for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHostHandlers } from '../../main/host/host-handlers.js';
import { startBrowserHost, type BrowserHost } from '../../main/host/server.js';
import { Session } from '../../main/session.js';
import { generateLibrary } from '../../bench/generate.js';
import { parseArticleFile } from '../../main/core/read-article.js';
import { tempDir } from '../helpers/corpora.js';
import { seededRandom } from '../helpers/seeded.js';
import { approvalState, type ApprovalState } from '../../shared/article.js';

/** The text of the list's state pill for each approval state. */
const APPROVAL_PILL: Record<ApprovalState, string> = { published: 'Published', draft: 'Draft', error: 'Error', unreadable: 'Unreadable' };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test-results');
const SEED_ID = '000_8a8d1d44de5d8be9.txt';
const haveChromium = existsSync(CHROMIUM);
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations on the page as it is, as "rule: elements" lines. One is set aside: the
 * list's scroll area is not itself focusable; it is scrolled from the keyboard through the grid
 * that holds it, which has the focus (the arrows, j and k, Page Up and Page Down, Home and End move
 * the selection, and the list follows it), as in the ARIA grid pattern.
 */
async function accessibilityViolations(on: Page): Promise<string[]> {
  if (!(await on.evaluate(() => 'axe' in window))) await on.evaluate(AXE); // by DevTools, so the desk's CSP stays on
  const violations = await on.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document)).violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations
    .map((v) => ({ ...v, targets: v.id === 'scrollable-region-focusable' ? v.targets.filter((t) => t !== '.grid-body') : v.targets }))
    .filter((v) => v.targets.length > 0)
    .map((v) => `${v.id}: ${v.targets.join(', ')}`);
}
if (!haveChromium) console.warn(`skipping the browser tests: ${CHROMIUM} is absent (apt-get install chromium; .ci/run does)`);

const library = tempDir();
const build = tempDir();
let host: BrowserHost;
let session: Session;
let browser: Browser;
let page: Page;
let seed: string;

const file = (id: string): string => readFileSync(join(library.dir, id), 'utf8');
/** Lines that differ between two versions of a file. */
function diff(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  return [...a.filter((l) => !b.includes(l)).map((l) => `-${l}`), ...b.filter((l) => !a.includes(l)).map((l) => `+${l}`)];
}
/** The file once `check` holds for it; fails saying what it reads if that takes over 10 s (a busy machine can take seconds). */
async function waitForFile(id: string, check: (text: string) => boolean): Promise<string> {
  const until = Date.now() + 10_000;
  for (;;) {
    const text = file(id);
    if (check(text)) return text;
    if (Date.now() > until) throw new Error(`${id} did not change as the test waited for within 10 s; it reads:\n${text}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

/**
 * The desk on a library of its own (for what the shared one does not hold), in a page of its own:
 * its session (opened and checked), the page at the desk's address, and the way to close all three.
 */
async function ownDesk(dir: string, viewport: { width: number; height: number }): Promise<{ session: Session; page: Page; close: () => Promise<void> }> {
  const own = new Session(() => undefined);
  await own.open(dir);
  const opened = own.library();
  if (!opened.ok) throw new Error(opened.error.message);
  await opened.value.library.checked;
  const ownHost = await startBrowserHost({ handlers: createHostHandlers(own, () => undefined), rendererDir: build.dir, port: 0 });
  const ownPage = await browser.newPage({ viewport });
  await ownPage.goto(ownHost.url);
  return {
    session: own,
    page: ownPage,
    close: async () => {
      await ownPage.close();
      await ownHost.close();
      await own.close();
    },
  };
}

describe.skipIf(!haveChromium)('the desk in Chromium', () => {
  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error', '--outDir', build.dir], { cwd: ROOT });
    cpSync(join(ROOT, 'seeds'), library.dir, { recursive: true });
    mkdirSync(join(library.dir, 'world'));
    writeFileSync(join(library.dir, 'world', 'cafe.md'), '---\ntitle: "Café culture returns to Paris"\nexcerpt: "Espresso bars reopen"\npublishedDateTime: 2022-07-06T08:00:00Z\nprovider:\n  name: Le Monde\n  domain: lemonde.fr\npublished: true\ntopics: [Food, Cities]\n---\n');
    writeFileSync(join(library.dir, 'world', 'broken.md'), '---\ntitle: "Unclosed\npublished: false\n---\n');
    seed = file(SEED_ID);
    session = new Session((e) => host?.broadcast(e));
    await session.open(library.dir);
    host = await startBrowserHost({ handlers: createHostHandlers(session, (e) => host?.broadcast(e)), rendererDir: build.dir, port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
      // Scrollbars take room in the app's window as on most desktops: headless hides them unless told.
      ignoreDefaultArgs: ['--hide-scrollbars'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await session?.close();
    library.cleanup();
    build.cleanup();
    rmSync(`${library.dir}-exports`, { recursive: true, force: true });
  });

  test('opens the library with every article and the live counts', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.url);
    await expect.poll(() => page.getByRole('grid', { name: 'Articles' }).getByRole('row').count()).toBe(4);
    await expect.poll(() => page.getByText('3 articles · 1 published · 1 with problems').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'desk-list.png') });
    expect(errors).toEqual([]);
  });

  test('search, date range and status filter', async () => {
    const searchBox = (): Promise<unknown> => page.getByRole('searchbox', { name: 'Search articles' }).boundingBox();
    const before = await searchBox();
    await page.keyboard.press('/');
    await page.keyboard.type('cafe');
    await expect.poll(() => page.getByRole('grid', { name: 'Articles' }).getByRole('row').count()).toBe(2);
    // The counts grew ("· 1 shown"): the box being typed in keeps its place and size.
    await expect.poll(() => page.getByText(/· 1 shown/).count()).toBe(1);
    expect(await searchBox()).toEqual(before);
    await page.getByRole('searchbox', { name: 'Search articles' }).fill('');
    // Chromium's own date fields: the days of July 2022 hold the two dated articles, not the broken file.
    const rows = page.getByRole('grid', { name: 'Articles' }).getByRole('row');
    await page.getByLabel('Date from').fill('2022-07-01');
    await page.getByLabel('Date to').fill('2022-07-31');
    await expect.poll(() => rows.count()).toBe(3); // the header and two articles
    // Typed, a start after the end is taken (the picker would not offer it), and the empty list says why.
    await page.getByLabel('Date from').fill('2022-08-01');
    await expect.poll(() => page.getByText('No articles match these filters: the date range ends before it starts.').count()).toBe(1);
    await page.getByRole('button', { name: 'Any date' }).click();
    await expect.poll(() => rows.count()).toBe(4);
    await page.getByRole('radio', { name: 'Has problems' }).click();
    await expect.poll(() => page.getByRole('row', { name: /broken\.md/ }).count()).toBe(1);
    await page.getByRole('row', { name: /broken\.md/ }).click();
    await expect.poll(() => page.getByText(/YAML syntax/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'desk-broken-file.png') });
    await page.getByRole('radio', { name: 'All' }).click();
  });

  test('in a laptop’s window the toolbar keeps two rows, and the status bar’s text moves nothing above the list', async () => {
    const laptop = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await laptop.goto(host.url);
      await expect.poll(() => laptop.getByText(/^3 articles/).count()).toBe(1);
      await laptop.getByLabel('Date from').fill('2022-07-01'); // the date range at its widest: with its "Any date" button
      await expect.poll(() => laptop.getByRole('button', { name: 'Any date' }).count()).toBe(1);
      const boxes = (): Promise<Record<string, number[]>> =>
        laptop.evaluate(() => {
          const box = (selector: string): number[] => {
            const r = document.querySelector(selector)!.getBoundingClientRect();
            return [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)];
          };
          return {
            toolbar: box('.toolbar'),
            search: box('.search-row input'),
            actions: box('.toolbar-actions'),
            status: box('[role="radiogroup"][aria-label="Status"]'),
            topic: box('select[aria-label="Topic"]'),
            dates: box('.date-range'),
            list: box('.grid-body'),
          };
        });
      const before = await boxes();
      // Row one: the search and the actions; row two: every filter, on one line.
      const middle = (box: number[] | undefined): number => box![1]! + box![3]! / 2;
      expect(Math.abs(middle(before.actions) - middle(before.search))).toBeLessThan(4);
      expect(before.status![1]).toBeGreaterThan(before.search![1]! + before.search![3]!);
      expect(Math.abs(middle(before.dates) - middle(before.status))).toBeLessThan(4);
      expect(before.toolbar![3]).toBeLessThan(110);
      // The status bar's text grows as a large library opens ("loading 35,000 of 100,000 · checking
      // 9,216 of 100,000", wider than the room beside the search): nothing above the list moves.
      await laptop.evaluate(() => {
        const p = document.createElement('p');
        p.className = 'activity';
        p.textContent = 'sorting… · loading 35,000 of 100,000 · approving 12,000 of 70,000 · checking 9,216 of 100,000';
        document.querySelector('.statusbar')!.append(p);
        document.querySelector('.statusbar .counts')!.append(' · 45,123 shown · preparing the search…');
      });
      expect(await boxes()).toEqual(before);
      await laptop.screenshot({ path: join(SHOTS, 'desk-laptop-width.png') });
      // As narrow as the app's window goes, the search box gives way, not the buttons' words.
      await laptop.setViewportSize({ width: 960, height: 700 });
      const heights = await laptop.$$eval('.toolbar-actions button', (buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().height)));
      const line = await laptop.$eval('.search-row input', (input) => Math.round(input.getBoundingClientRect().height)); // one line of text
      expect(Math.max(...heights)).toBeLessThanOrEqual(line + 2);
    } finally {
      await laptop.close();
    }
  });

  test('a search typed before the list index is built says it is being prepared, then answers', async () => {
    // No idle period ever comes in this page, so the index is not built when the search is typed:
    // the search must build it itself, in short tasks, saying so meanwhile (a large library's first
    // seconds; all at once it held the desk, typing included, for 3 s at 100,000).
    const early = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await early.addInitScript(() => {
        window.requestIdleCallback = () => 0;
        const seen = ((window as { countsSeen?: string[] }).countsSeen = [] as string[]);
        new MutationObserver(() => seen.push(document.querySelector('.counts')?.textContent ?? '')).observe(document, { childList: true, subtree: true, characterData: true });
      });
      await early.goto(host.url);
      await expect.poll(() => early.getByText(/^3 articles/).count()).toBe(1);
      await early.keyboard.press('/');
      // One input event: nothing but the build's end may bring the answer.
      await early.getByRole('searchbox', { name: 'Search articles' }).fill('cafe');
      await expect.poll(() => early.getByRole('grid', { name: 'Articles' }).getByRole('row').count()).toBe(2);
      expect(await early.getByRole('row', { name: /Café culture/ }).count()).toBe(1);
      expect(await early.getByRole('searchbox', { name: 'Search articles' }).inputValue()).toBe('cafe');
      const seen = await early.evaluate(() => (window as { countsSeen?: string[] }).countsSeen!);
      expect(seen.some((text) => text.includes('preparing the search'))).toBe(true);
      expect(seen.at(-1)).toMatch(/1 shown/);
    } finally {
      await early.close();
    }
  });

  test('select with the keyboard and approve with p: a one-line diff on disk', async () => {
    await page.getByRole('grid', { name: 'Articles' }).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('j');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Microsoft Drops');
    // "Saved" is told in a live region already in the page (a screen reader tells a region's changes,
    // not one that appears with its text): the same element, empty before.
    const saveState = page.locator('.review-pane [role="status"]');
    expect(await saveState.count()).toBe(1);
    expect(await saveState.textContent()).toBe('');
    await saveState.evaluate((el) => el.setAttribute('data-before', ''));
    await page.keyboard.press('p');
    const after = await waitForFile(SEED_ID, (t) => t !== seed);
    expect(diff(seed, after)).toEqual(['-published: false', '+published: true']);
    await expect.poll(() => page.getByRole('switch', { name: 'Published' }).isChecked()).toBe(true);
    await expect.poll(() => page.locator('.review-pane [role="status"][data-before]').textContent()).toBe('Saved');
    // A page the browser host serves cannot open or show files: no such buttons, and o does nothing.
    expect(await page.getByRole('button', { name: 'Open file' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Show in folder' }).count()).toBe(0);
    await page.keyboard.press('o');
    await page.screenshot({ path: join(SHOTS, 'desk-review.png') });
  });

  test('add and remove a topic: one line each', async () => {
    const before = file(SEED_ID);
    await page.keyboard.press('t');
    await page.keyboard.type('Ethics');
    await page.keyboard.press('Enter');
    const added = await waitForFile(SEED_ID, (t) => t.includes('Ethics'));
    expect(diff(before, added)).toEqual(['+  - Ethics']);
    await page.getByRole('button', { name: 'Remove topic Microsoft AI' }).click();
    const removed = await waitForFile(SEED_ID, (t) => !t.includes('- Microsoft AI'));
    expect(diff(added, removed)).toEqual(['-  - Microsoft AI']);
    await page.screenshot({ path: join(SHOTS, 'desk-topics.png') });
  });

  test('undo three times restores the original bytes', async () => {
    await page.getByRole('grid', { name: 'Articles' }).focus();
    for (let i = 0; i < 3; i++) {
      const before = file(SEED_ID);
      await page.keyboard.press('Control+z');
      await waitForFile(SEED_ID, (t) => t !== before);
    }
    expect(file(SEED_ID)).toBe(seed);
    await page.keyboard.press('Control+Shift+z');
    expect(diff(seed, await waitForFile(SEED_ID, (t) => t !== seed))).toEqual(['-published: false', '+published: true']);
  });

  test('a file changed behind the app’s back shows up live', async () => {
    const path = join(library.dir, 'world', 'cafe.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('Café culture returns to Paris', 'Café culture returns to Lyon'));
    await expect.poll(() => page.getByRole('row', { name: /returns to Lyon/ }).count(), { timeout: 5000 }).toBe(1);
    writeFileSync(join(library.dir, 'world', 'new.md'), '---\ntitle: Filed from the field\npublishedDateTime: 2022-07-07T00:00:00Z\n---\n');
    await expect.poll(() => page.getByRole('row', { name: /Filed from the field/ }).count(), { timeout: 5000 }).toBe(1);
    await expect.poll(() => page.getByText(/^4 articles/).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'desk-live-update.png') });
  });

  test('export the approved set as files: copies byte for byte, beside the library', async () => {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export approved articles' });
    await expect.poll(() => dialog.getByText(/2 articles will be exported/).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Choose destination…' }).click();
    await expect.poll(() => dialog.getByText(/-approved$/).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'desk-export-dialog.png') });
    await dialog.getByRole('button', { name: /^Export 2 articles/ }).click();
    await expect.poll(() => dialog.getByText(/Exported 2 articles to/).count()).toBe(1);
    const out = join(`${library.dir}-exports`, `${basename(library.dir)}-approved`);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.articles.map((a: { id: string }) => a.id).sort()).toEqual([SEED_ID, 'world/cafe.md']);
    expect(readFileSync(join(out, SEED_ID)).equals(readFileSync(join(library.dir, SEED_ID)))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'desk-export-done.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  test('every article shown withdrawn at once: one line per file; one undo puts back every byte', async () => {
    const ids = [SEED_ID, 'world/cafe.md'];
    const before = ids.map(file);
    await page.getByRole('grid', { name: 'Articles' }).focus();
    await page.keyboard.press('Shift+P');
    const dialog = page.getByRole('dialog', { name: 'Bulk actions on the articles shown' });
    await expect.poll(() => dialog.getByText('The list shows 4 articles: 1 not approved, 2 approved.').count()).toBe(1);
    expect(await dialog.getByText(/1 article with errors is left as it is/).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'desk-bulk-dialog.png') });
    await dialog.getByRole('button', { name: 'Withdraw 2 articles' }).click();
    await expect.poll(() => dialog.getByText('2 articles withdrawn. Ctrl+Z undoes it.').count()).toBe(1);
    ids.forEach((id, i) => expect(diff(before[i]!, file(id)), id).toEqual(['-published: true', '+published: false']));
    expect(file('world/new.md')).not.toMatch(/^published:/m);
    await page.screenshot({ path: join(SHOTS, 'desk-bulk-done.png') });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.getByText(/^4 articles · 0 published/).count()).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => ids.map(file)).toEqual(before);
    await expect.poll(() => page.getByText(/^4 articles · 2 published/).count()).toBe(1);
  });

  test('a topic added to every article shown: one line per file, as each file spells its list; one undo puts back every byte', async () => {
    const ids = [SEED_ID, 'world/cafe.md'];
    const before = ids.map(file);
    await page.getByRole('radio', { name: 'Published', exact: true }).click();
    await page.getByRole('button', { name: 'Bulk actions…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bulk actions on the articles shown' });
    await dialog.getByRole('combobox', { name: 'Topic to add to every article shown' }).fill('Europe');
    await page.screenshot({ path: join(SHOTS, 'desk-bulk-topic.png') });
    await dialog.getByRole('button', { name: 'Add to 2 articles' }).click();
    await expect.poll(() => dialog.getByText('“Europe” added to 2 articles. Ctrl+Z undoes it.').count()).toBe(1);
    expect(diff(before[0]!, file(SEED_ID))).toEqual(['+  - Europe']);
    expect(diff(before[1]!, file('world/cafe.md'))).toEqual(['-topics: [Food, Cities]', '+topics: [Food, Cities, Europe]']);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => ids.map(file)).toEqual(before);
    await page.getByRole('radio', { name: 'All' }).click();
  });

  test('a topic renamed in every article shown: its line replaced in the files holding it, nothing else; one undo puts back every byte', async () => {
    const ids = [SEED_ID, 'world/cafe.md'];
    const before = ids.map(file);
    await page.getByRole('radio', { name: 'Published', exact: true }).click();
    await page.getByRole('button', { name: 'Bulk actions…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bulk actions on the articles shown' });
    await dialog.getByRole('combobox', { name: 'Topic to remove or rename in every article shown' }).selectOption({ label: 'AI (1)' });
    await dialog.getByRole('combobox', { name: 'New name for that topic' }).fill('Artificial intelligence');
    await dialog.getByRole('button', { name: 'Rename in 1 article' }).click();
    await expect.poll(() => dialog.getByText('“AI” renamed to “Artificial intelligence” in 1 article. Ctrl+Z undoes it.').count()).toBe(1);
    expect(diff(before[0]!, file(SEED_ID))).toEqual(['-  - AI', '+  - Artificial intelligence']);
    expect(file('world/cafe.md')).toBe(before[1]);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => ids.map(file)).toEqual(before);
    await page.getByRole('radio', { name: 'All' }).click();
  });

  test('the review pane’s parts never touch, with or without an excerpt', async () => {
    const gaps = (): Promise<{ between: string; gap: number }[]> =>
      page.$eval('.review-pane', (pane) => {
        const parts = Array.from(pane.children).filter((c) => c.getBoundingClientRect().height > 0);
        return parts.slice(1).map((part, i) => ({
          between: `${parts[i]!.className} / ${part.className}`,
          gap: Math.round(part.getBoundingClientRect().top - parts[i]!.getBoundingClientRect().bottom),
        }));
      });
    // The seed has an excerpt; the file added in the live test has none, nor any topic.
    for (const title of ['Microsoft Drops Emotion Recognition', 'Filed from the field']) {
      await page.getByRole('row', { name: new RegExp(title) }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(title);
      await expect.poll(() => page.locator('.facts').count()).toBe(1);
      for (const { between, gap } of await gaps()) expect(gap, between).toBeGreaterThanOrEqual(8);
    }
    await page.screenshot({ path: join(SHOTS, 'desk-no-excerpt.png') });
  });

  test('every focus ring on the desk is whole: none is cut off by a box around it', async () => {
    await page.getByRole('radio', { name: 'All' }).click();
    await page.getByRole('grid', { name: 'Articles' }).focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByRole('switch').count()).toBe(1);
    const reached = new Set<string>();
    const cut: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const ring = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const name = `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
        if (style.outlineStyle === 'none') return { name, cut: [] }; // drawn inside the element (the grid, the line between the panes)
        const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
        const box = el.getBoundingClientRect();
        const cuts: string[] = [];
        for (let a = el.parentElement; a; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (!/hidden|auto|scroll|clip/.test(s.overflowX + s.overflowY)) continue;
          const c = a.getBoundingClientRect();
          const [left, top] = [c.left + a.clientLeft, c.top + a.clientTop];
          // Within a pixel: clientWidth and clientHeight are whole pixels, the boxes not.
          const sides = [box.left - reach < left - 1, box.top - reach < top - 1, box.right + reach > left + a.clientWidth + 1, box.bottom + reach > top + a.clientHeight + 1];
          // A ring cut where the element is scrolled partly out of view is not the box's doing: only one wholly in view counts.
          const inView = box.top >= top - 1 && box.bottom <= top + a.clientHeight + 1;
          if (inView && sides.some(Boolean)) cuts.push(a.className || a.tagName);
        }
        return { name, cut: cuts };
      });
      if (ring === null || reached.has(ring.name)) continue;
      reached.add(ring.name);
      if (ring.cut.length > 0) cut.push(`${ring.name} by ${ring.cut.join(', ')}`);
    }
    expect([...reached].some((name) => name.startsWith('button "Unpublished"') || name.startsWith('button "All"'))).toBe(true);
    expect(cut).toEqual([]);
  });

  test('accessibility: axe-core finds no violation in the main views and dialogs, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.getByRole('radio', { name: 'All' }).click();
      await page.getByRole('grid', { name: 'Articles' }).focus();
      await page.keyboard.press('Home');
      expect(await accessibilityViolations(page), `${colorScheme}: the list, an article selected`).toEqual([]);
      // The topic field's suggestions, and below them what Enter will do with what is typed.
      await page.keyboard.press('t');
      await page.keyboard.type('i');
      await expect.poll(() => page.getByText(/^Enter adds “i”, new to the library/).count()).toBe(1);
      expect(await page.getByRole('listbox', { name: 'Topic suggestions' }).count()).toBe(1);
      expect(await accessibilityViolations(page), `${colorScheme}: the topic suggestions`).toEqual([]);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await page.getByRole('radio', { name: 'Has problems' }).click();
      await page.getByRole('row', { name: /broken\.md/ }).click();
      await expect.poll(() => page.getByText(/YAML syntax/).count()).toBeGreaterThan(0);
      expect(await accessibilityViolations(page), `${colorScheme}: a broken file`).toEqual([]);
      await page.keyboard.press('/');
      await page.keyboard.type('no such words anywhere');
      await expect.poll(() => page.getByText('No articles match these filters.').count()).toBe(1);
      expect(await accessibilityViolations(page), `${colorScheme}: no rows`).toEqual([]);
      await page.getByRole('button', { name: 'Show every article' }).click();
      await page.getByRole('button', { name: 'Export…' }).click();
      await expect.poll(() => page.getByText(/articles will be exported/).count()).toBe(1);
      expect(await accessibilityViolations(page), `${colorScheme}: the export dialog`).toEqual([]);
      // The dialog is modal: Tab never reaches the desk behind it.
      for (let i = 0; i < 16; i++) {
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement === document.body || document.querySelector('[role="dialog"]')!.contains(document.activeElement))).toBe(true);
      }
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.closest('[inert]') ?? null)).toBeNull();
      await page.getByRole('button', { name: 'Bulk actions…' }).click();
      await expect.poll(() => page.getByText(/^The list shows/).count()).toBe(1);
      expect(await accessibilityViolations(page), `${colorScheme}: the bulk actions dialog`).toEqual([]);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      await page.getByRole('grid', { name: 'Articles' }).focus();
      await page.keyboard.press('?');
      await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(1);
      expect(await accessibilityViolations(page), `${colorScheme}: the keyboard shortcuts`).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `desk-keys-${colorScheme}.png`) });
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    }
    await page.emulateMedia({ colorScheme: null });
  });

  test('a dialog closed gives the focus back to what opened it, out of the desk made inert meanwhile', async () => {
    const grid = page.getByRole('grid', { name: 'Articles' });
    /** The element with the focus: its tag and its name. */
    const focused = (): Promise<string> =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el === null ? 'nothing' : `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}`;
      });
    const openers: [string, () => Promise<void>, string][] = [
      ['Export… clicked', () => page.getByRole('button', { name: 'Export…' }).click(), 'button Export…'],
      ['Bulk actions… clicked', () => page.getByRole('button', { name: 'Bulk actions…' }).click(), 'button Bulk actions…'],
      ['Shift+P in the list', () => grid.focus().then(() => page.keyboard.press('Shift+P')), 'div Articles'],
      ['? in the list', () => grid.focus().then(() => page.keyboard.press('?')), 'div Articles'],
    ];
    for (const [how, open, opener] of openers) {
      await open();
      await expect.poll(() => page.getByRole('dialog').count(), { message: how }).toBe(1);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count(), { message: how }).toBe(0);
      await expect.poll(focused, { message: how }).toBe(opener);
    }
  });

  test('in a contrast theme (forced colors), what backgrounds and shadows drew still shows: the selected row, the switch’s state, the active filter and suggestion, the list’s focus, the line between the panes; and no slide for less motion', async () => {
    // Windows' contrast themes drop every background and shadow the desk's own colours draw. Each
    // state below is compared, in pixels, with the same place in the other state (or beside it):
    // a strip clear of any text, so that only what marks the state can tell them apart.
    const own = tempDir();
    // Newest first: the approved article, then the drafts.
    const article = (title: string, day: number, published: boolean, topics: string): string =>
      `---\ntitle: "${title}"\npublishedDateTime: 2024-05-0${day}T08:00:00Z\npublished: ${published}\ntopics: [${topics}]\n---\n`;
    writeFileSync(join(own.dir, 'a.md'), article('Approved article', 3, true, 'Art, Arts, Aviation'));
    writeFileSync(join(own.dir, 'b.md'), article('Draft article', 2, false, 'Asia'));
    writeFileSync(join(own.dir, 'c.md'), article('Another draft', 1, false, 'Audio'));
    const desk = await ownDesk(own.dir, { width: 1280, height: 800 });
    const at = desk.page;
    try {
      await at.emulateMedia({ forcedColors: 'active' });
      /** The pixels (a PNG) of `width` by `height` at `dx`, `dy` inside an element. */
      const pixels = async (selector: string, dx: number, dy: number, width: number, height: number): Promise<Buffer> => {
        const box = (await at.locator(selector).first().boundingBox())!;
        return at.screenshot({ clip: { x: box.x + dx, y: box.y + dy, width, height } });
      };
      const differ = (a: Buffer, b: Buffer): boolean => !a.equals(b);
      const grid = at.getByRole('grid', { name: 'Articles' });
      await expect.poll(() => at.getByText(/^3 articles/).count()).toBe(1);
      await grid.focus();
      await at.keyboard.press('Home');
      await expect.poll(() => at.locator('.grid-body .grid-row.selected').count()).toBe(1);
      // The selected row against another, at their left edges (the list focused in both).
      expect(differ(await pixels('.grid-body .grid-row.selected', 0, 6, 8, 20), await pixels('.grid-body .grid-row:not(.selected)', 0, 6, 8, 20)), 'the selected row looks like any other').toBe(true);
      // The list focused, and not: the header's left edge.
      const focused = await pixels('.grid-head', 0, 2, 8, 20);
      await at.keyboard.press('/');
      expect(differ(focused, await pixels('.grid-head', 0, 2, 8, 20)), 'the list shows no focus').toBe(true);
      await at.keyboard.press('Enter');
      // The switch of an approved article, and of a draft.
      await at.keyboard.press('Home');
      const first = (await at.getByRole('switch').isChecked()) ? 'on' : 'off';
      const firstSwitch = await pixels('.switch-track', 0, 0, 40, 22);
      await at.keyboard.press('j');
      expect((await at.getByRole('switch').isChecked()) ? 'on' : 'off').not.toBe(first);
      expect(differ(firstSwitch, await pixels('.switch-track', 0, 0, 40, 22)), 'the switch looks the same on and off').toBe(true);
      // Focused, its ring in the theme's highlight, not the desk's accent.
      await at.getByRole('switch').focus();
      const [ringStyle, ringColor, highlight] = await at.locator('.switch-track').evaluate((track) => {
        const probe = document.body.appendChild(document.createElement('span'));
        probe.style.color = 'Highlight';
        const system = getComputedStyle(probe).color;
        probe.remove();
        return [getComputedStyle(track).outlineStyle, getComputedStyle(track).outlineColor, system];
      });
      expect([ringStyle, ringColor]).toEqual(['solid', highlight]);
      await grid.focus();
      // The active status filter (All) against one that is not; focused, its ring drawn in the
      // theme's text colour on the highlight (the desk's accent may match the highlight).
      expect(differ(await pixels('.segmented button.on', 2, 4, 6, 16), await pixels('.segmented button:not(.on)', 2, 4, 6, 16)), 'the active filter looks like the others').toBe(true);
      await at.getByRole('radio', { name: 'All' }).focus();
      const ring = await at.locator('.segmented button.on').evaluate((el) => [getComputedStyle(el).outlineColor, getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
      expect(ring[0]).toBe(ring[1]);
      expect(ring[0]).not.toBe(ring[2]);
      await grid.focus();
      // The suggestion Enter would take against the others.
      await at.keyboard.press('t');
      await at.keyboard.type('a');
      await at.keyboard.press('ArrowDown');
      await expect.poll(() => at.locator('.suggestions li.active').count()).toBe(1);
      expect(differ(await pixels('.suggestions li.active', 1, 2, 4, 14), await pixels('.suggestions li:not(.active)', 1, 2, 4, 14)), 'the suggestion picked looks like the others').toBe(true);
      await at.keyboard.press('Escape');
      await at.keyboard.press('Escape');
      // The line between the panes against the review pane's margin beside it.
      const split = (await at.locator('.pane-split').boundingBox())!;
      const line = await at.screenshot({ clip: { x: split.x, y: split.y + 200, width: split.width, height: 40 } });
      const beside = await at.screenshot({ clip: { x: split.x + split.width + 4, y: split.y + 200, width: split.width, height: 40 } });
      expect(differ(line, beside), 'the line between the panes is not drawn').toBe(true);
      await at.screenshot({ path: join(SHOTS, 'desk-forced-colors.png') });
      // The switch's slide, the desk's only motion, is left out for those who ask for less.
      const slide = (): Promise<string> => at.locator('.switch-track').evaluate((el) => getComputedStyle(el).transitionDuration + ' ' + getComputedStyle(el, '::after').transitionDuration);
      expect(await slide()).toBe('0.15s 0.15s');
      await at.emulateMedia({ reducedMotion: 'reduce' });
      expect(await slide()).toBe('0s 0s');
    } finally {
      await desk.close();
      own.cleanup();
    }
  });

  test('a long list scrolled: each drawn row shows its own article, and the selection stays with its article', async () => {
    // Rows are drawn into the same elements as the list scrolls (ArticleList.tsx): what each shows
    // must follow the list, never what the element showed before.
    const many = tempDir();
    generateLibrary(400, many.dir, 3);
    const own = await ownDesk(many.dir, { width: 1440, height: 900 });
    const longPage = own.page;
    try {
      const grid = longPage.getByRole('grid', { name: 'Articles' });
      await expect.poll(() => longPage.getByText(/^400 articles/).count()).toBe(1);
      await grid.focus();
      await longPage.keyboard.press('Home');
      await longPage.keyboard.press('j');
      await longPage.keyboard.press('j');
      const chosen = await longPage.getByRole('heading', { level: 1 }).textContent();
      /** The drawn rows: their row number and their title, with the selected ones. */
      const drawn = (): Promise<{ index: number; title: string; selected: boolean }[]> =>
        longPage.$$eval('.grid-body [role="row"]', (rows) =>
          rows.map((r) => ({ index: Number(r.getAttribute('aria-rowindex')) - 2, title: r.querySelector('.title-text')?.textContent ?? '', selected: r.getAttribute('aria-selected') === 'true' })),
        );
      // The list's order as the desk shows it, learnt as it is scrolled: places seen again (after
      // small steps, jumps and a return) must show what they showed the first time.
      const order: string[] = [];
      for (const top of [0, 44 * 100, 44 * 105, 44 * 250, 44 * 399, 44 * 100, 0]) {
        await longPage.$eval('.grid-body', (body, y) => (body.scrollTop = y), top);
        await longPage.waitForTimeout(100);
        const rows = await drawn();
        expect(rows.length).toBeGreaterThan(10);
        for (const row of rows) {
          if (order[row.index] !== undefined) expect(row.title).toBe(order[row.index]);
          order[row.index] = row.title;
        }
        const selected = rows.filter((r) => r.selected);
        if (top === 0) expect(selected.map((r) => [r.index, r.title])).toEqual([[2, chosen]]);
        else expect(selected).toEqual([]);
      }
      // Every drawn title is one article's, each at one place.
      const list = own.session.library();
      if (!list.ok) throw new Error(list.error.message);
      const titles = list.value.library.list().map((a) => a.title);
      for (const title of order.filter((t) => t !== undefined)) expect(titles).toContain(title);
      await longPage.screenshot({ path: join(SHOTS, 'desk-long-list.png') });
      // A cell's text cannot be scrolled sideways (as finding text in the page, or clicking the
      // text of a row half out of view, would do to a scrollable cell): rows are reused as the
      // list scrolls, and a shifted cell would show the next article shifted too.
      const lastRow = longPage.locator('.grid-body [role="row"]').last();
      await lastRow.locator('.title-text').click();
      await longPage.$eval('.grid-body [role="row"]:last-child .col-title', (cell) => (cell.scrollLeft = 40));
      expect(await longPage.$$eval('.grid-body .cell', (cells) => cells.filter((c) => c.scrollLeft !== 0).length)).toBe(0);
      // Every cell stays under its header beside a scrollbar, and the last column is not cut off;
      // in a window as narrow as the app allows, Heat and Topics are left out to keep it so.
      const edges = (): Promise<{ head: number[][]; row: number[][]; rowRight: number }> =>
        longPage.evaluate(() => {
          const box = (cells: NodeListOf<Element>): number[][] => Array.from(cells, (c) => [Math.round(c.getBoundingClientRect().left), Math.round(c.getBoundingClientRect().width)]);
          return {
            head: box(document.querySelectorAll('.grid-head [role="columnheader"]')),
            row: box(document.querySelectorAll('.grid-body [role="row"]:first-child [role="gridcell"]')),
            rowRight: Math.round(document.querySelector('.grid-body [role="row"]')!.getBoundingClientRect().right),
          };
        });
      const wide = await edges();
      expect(await longPage.$eval('.grid-body', (body) => (body as HTMLElement).offsetWidth - body.clientWidth)).toBeGreaterThan(0); // a scrollbar beside the rows
      expect(wide.row).toHaveLength(7);
      expect(wide.row).toEqual(wide.head);
      const [left, width] = wide.row[6]!;
      expect(left! + width!).toBeLessThanOrEqual(wide.rowRight); // the last column is not cut off
      expect(wide.row.filter(([, width]) => width! > 0)).toHaveLength(7);
      // Narrowed to `width`: the list shrinks, every cell stays under its header, the last column
      // whole, and the columns shown are `shown` (title, provider, date, quality, heat, topics, state).
      const narrowTo = async (width: number, height: number, from: number, shown: boolean[]): Promise<number> => {
        await longPage.setViewportSize({ width, height });
        await expect.poll(async () => (await edges()).rowRight).toBeLessThan(from);
        const at = await edges();
        expect(at.row).toEqual(at.head);
        expect(at.row[6]![0]! + at.row[6]![1]!).toBeLessThanOrEqual(at.rowRight);
        expect(at.row.map(([, cell]) => cell! > 0)).toEqual(shown);
        return at.rowRight;
      };
      // The window's minimum (main/electron/window.ts): Heat and Topics go.
      const narrow = await narrowTo(960, 700, wide.rowRight, [true, true, true, true, false, false, true]);
      await longPage.screenshot({ path: join(SHOTS, 'desk-narrow-window.png') });
      // The desk served to a browser window narrower still: Quality and Provider go too; narrower
      // again, the date, the title and the state staying whole.
      const narrower = await narrowTo(800, 600, narrow, [true, false, true, false, false, false, true]);
      await narrowTo(640, 600, narrower, [true, false, false, false, false, false, true]);
      // Under 640 px the panes stack: the list, the window's width, above the article; the line
      // between them (it shares out the width) gone; the list's columns as wide as that allows.
      await longPage.setViewportSize({ width: 560, height: 760 });
      await expect.poll(() => longPage.$eval('.pane-split', (line) => getComputedStyle(line).display)).toBe('none');
      const stacked = await edges();
      expect(stacked.row).toEqual(stacked.head);
      expect(stacked.row[6]![0]! + stacked.row[6]![1]!).toBeLessThanOrEqual(stacked.rowRight);
      expect(stacked.row.map(([, cell]) => cell! > 0)).toEqual([true, true, true, true, false, false, true]);
      const [listBox, paneBox] = await longPage.evaluate(() => ['.list-pane', '.review-pane'].map((s) => document.querySelector(s)!.getBoundingClientRect().toJSON() as DOMRect));
      expect([listBox!.left, listBox!.width, paneBox!.left, paneBox!.width]).toEqual([0, 560, 0, 560]);
      expect(paneBox!.top).toBeGreaterThanOrEqual(listBox!.bottom);
      expect(listBox!.height).toBeGreaterThanOrEqual(168);
      await longPage.screenshot({ path: join(SHOTS, 'desk-stacked.png') });
      // The list of shortcuts leaves out the line's keys, as it is not there.
      await longPage.getByRole('grid', { name: 'Articles' }).focus();
      await longPage.keyboard.press('?');
      const keys = longPage.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect.poll(() => keys.locator('caption').allTextContents()).toContain('The selected article');
      expect(await keys.locator('caption:visible').allTextContents()).toEqual(['The list', 'The selected article', 'Everywhere']);
      await longPage.keyboard.press('Escape');
      await expect.poll(() => keys.count()).toBe(0);
      // The toolbar's name is whole, beside the search box rather than under it.
      const [nameRight, searchLeft] = await longPage.evaluate(() => [document.querySelector('.brand-name')!.getBoundingClientRect().right, document.querySelector('.search-row input')!.getBoundingClientRect().left]);
      expect(nameRight).toBeLessThanOrEqual(searchLeft!);
      // 320 px: the app's smallest window zoomed to 300% (View, Zoom In), the width WCAG asks a page
      // to reflow to. No sideways scrolling, and every control of the toolbar wholly in view.
      await longPage.setViewportSize({ width: 320, height: 640 });
      const sideways = (): Promise<number> => longPage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await expect.poll(sideways).toBe(0);
      const cut = await longPage.evaluate(() =>
        Array.from(document.querySelectorAll('.toolbar input, .toolbar button, .toolbar select'))
          .filter((c) => c.getBoundingClientRect().width > 0 && (c.getBoundingClientRect().left < 0 || c.getBoundingClientRect().right > document.documentElement.clientWidth))
          .map((c) => c.getAttribute('aria-label') ?? c.textContent),
      );
      expect(cut).toEqual([]);
      // The toolbar is then tall: the article below the list is shown at its full length (the page
      // scrolls), not squeezed into a few lines of its own scroll area.
      const pane = await longPage.$eval('.review-pane', (p) => ({ shown: p.clientHeight, whole: p.scrollHeight }));
      expect(pane.shown).toBe(pane.whole);
      await longPage.screenshot({ path: join(SHOTS, 'desk-320.png') });
      // The dialogs too: every control inside its dialog's box.
      for (const opener of ['Bulk actions…', 'Export…', 'Keyboard shortcuts']) {
        await longPage.getByRole('button', { name: opener }).click();
        await expect.poll(() => longPage.getByRole('dialog').count()).toBe(1);
        const outside = await longPage.evaluate(() => {
          const dialog = document.querySelector('[role="dialog"]')!.getBoundingClientRect();
          return Array.from(document.querySelectorAll('[role="dialog"] :is(input, button, select)'))
            .filter((c) => c.getBoundingClientRect().width > 0 && (c.getBoundingClientRect().left < dialog.left || c.getBoundingClientRect().right > dialog.right))
            .map((c) => c.getAttribute('aria-label') ?? c.textContent);
        });
        expect(outside, opener).toEqual([]);
        expect(await sideways(), opener).toBe(0);
        await longPage.keyboard.press('Escape');
        await expect.poll(() => longPage.getByRole('dialog').count()).toBe(0);
      }
    } finally {
      await own.close();
      many.cleanup();
    }
  });

  test('a long file’s source: numbered, opened at its error however far down and however its lines wrap, and its text copied without the numbers', async () => {
    const deep = tempDir();
    // 2,400 lines, many of them wrapping in the pane, and a tab that breaks the YAML on line 2,000.
    const related = Array.from({ length: 300 }, (_, i) => `  - title: "Related article ${i} ${'with a title long enough to wrap in the review pane '.repeat(2)}"\n    webUrl: "https://example.com/${i}"\n    quality: ${i}\n    heat: 1\n    published: false\n    provider:\n      name: P\n    topics: [A]\n`).join('');
    const lines = `---\ntitle: Deep\npublished: false\nrelated:\n${related}`.split('\n');
    lines.splice(1999, 0, '\t- broken: [x');
    const text = `${lines.join('\n')}---\n`;
    writeFileSync(join(deep.dir, 'deep.md'), text);
    const own = await ownDesk(deep.dir, { width: 1100, height: 720 });
    const deepPage = own.page;
    try {
      await deepPage.getByRole('grid', { name: 'Articles' }).focus();
      await deepPage.keyboard.press('j');
      const source = deepPage.getByLabel('Source file', { exact: true });
      await expect.poll(() => source.locator('mark').count()).toBe(1);
      await deepPage.waitForTimeout(300); // lines laid out as they come into view
      const seen = await source.evaluate((pre) => {
        const mark = pre.querySelector('mark')!;
        const view = pre.getBoundingClientRect();
        const box = mark.getBoundingClientRect();
        // The lines come in blocks; those far from the mark, before it and after it, are laid out only once in view.
        const earlier = pre.children[0]!;
        const later = pre.children[pre.children.length - 1]!;
        return {
          inView: box.top >= view.top && box.bottom <= view.bottom,
          number: mark.getAttribute('data-n'),
          gutter: getComputedStyle(mark, '::before').content,
          lines: pre.querySelectorAll('.src-line').length,
          earlierLaidOutOnlyInView: getComputedStyle(earlier).contentVisibility,
          laterLaidOutOnlyInView: getComputedStyle(later).contentVisibility,
          copied: pre.textContent,
        };
      });
      expect(seen).toEqual({
        inView: true,
        number: '2000',
        gutter: '"2000"',
        lines: text.split('\n').length - 1,
        earlierLaidOutOnlyInView: 'auto',
        laterLaidOutOnlyInView: 'auto',
        copied: text,
      });
      await deepPage.screenshot({ path: join(SHOTS, 'desk-source-deep-error.png') });
      // Scrolled back to the top, the first lines show, numbered.
      await source.evaluate((pre) => (pre.scrollTop = 0));
      await deepPage.waitForTimeout(300);
      const top = await source.evaluate((pre) => {
        const first = pre.querySelector('.src-line')!;
        const view = pre.getBoundingClientRect();
        const box = first.getBoundingClientRect();
        return { inView: box.top >= view.top && box.bottom <= view.bottom, gutter: getComputedStyle(first, '::before').content, text: first.textContent };
      });
      expect(top).toEqual({ inView: true, gutter: '"1"', text: '---\n' });
    } finally {
      await own.close();
      deep.cleanup();
    }
  });

  test('words longer than the review pane wrap inside it: nothing is cut off, a long topic can still be removed, and the dialogs still fit them', async () => {
    const odd = tempDir();
    const word = (w: string, n: number): string => w.repeat(n);
    writeFileSync(
      join(odd.dir, 'long.md'),
      `---\ntitle: "${word('Unbroken', 40)}"\nexcerpt: "${word('word', 150)}"\nprovider:\n  name: "${word('Provider', 20)}"\ntopics: ["${word('TopicWithoutSpaces', 8)}", Short]\npublished: false\n---\n`,
    );
    const own = await ownDesk(odd.dir, { width: 960, height: 700 });
    const oddPage = own.page;
    try {
      await oddPage.getByRole('grid', { name: 'Articles' }).focus();
      await oddPage.keyboard.press('j');
      await expect.poll(() => oddPage.getByRole('heading', { level: 1 }).textContent()).toContain('Unbroken');
      const pane = await oddPage.$eval('.review-pane', (p) => ({ scroll: p.scrollWidth, client: p.clientWidth, right: p.getBoundingClientRect().right }));
      expect(pane.scroll).toBeLessThanOrEqual(pane.client); // nothing wider than the pane
      const remove = oddPage.getByRole('button', { name: /^Remove topic TopicWithout/ });
      const box = (await remove.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(pane.right);
      await oddPage.screenshot({ path: join(SHOTS, 'desk-long-words.png') });
      // The bulk actions dialog lists that topic to remove or rename: its fields and their buttons stay inside it.
      await oddPage.getByRole('button', { name: 'Bulk actions…' }).click();
      const dialog = oddPage.getByRole('dialog', { name: 'Bulk actions on the articles shown' });
      await dialog.getByRole('combobox', { name: /^Topic to remove or rename/ }).selectOption({ label: `${word('TopicWithoutSpaces', 8)} (1)` });
      const fits = await dialog.evaluate((modal) => ({
        scroll: modal.scrollWidth,
        client: modal.clientWidth,
        right: modal.getBoundingClientRect().right,
        fields: Array.from(modal.querySelectorAll('.bulk-topic > *'), (f) => Math.round(f.getBoundingClientRect().right)),
      }));
      expect(fits.scroll).toBeLessThanOrEqual(fits.client);
      expect(fits.fields).toHaveLength(6);
      for (const right of fits.fields) expect(right).toBeLessThanOrEqual(fits.right);
      expect(await dialog.getByRole('button', { name: /^Remove from 1 article/ }).count()).toBe(1);
      // Nothing approved to withdraw: the button says so, and looks as unavailable as the others that cannot act.
      const withdraw = dialog.getByRole('button', { name: 'Withdraw 0 articles' });
      expect(await withdraw.isDisabled()).toBe(true);
      expect(await withdraw.evaluate((b) => getComputedStyle(b).opacity)).toBe(await dialog.getByRole('button', { name: 'Add', exact: true }).evaluate((b) => getComputedStyle(b).opacity));
      await oddPage.screenshot({ path: join(SHOTS, 'desk-bulk-long-topic.png') });
      await oddPage.keyboard.press('Escape');
      await remove.click();
      await expect.poll(() => readFileSync(join(odd.dir, 'long.md'), 'utf8')).toContain('topics: [Short]');
      // An approved file with a long name held back by its error: the export dialog wraps the name.
      writeFileSync(join(odd.dir, `${word('x', 200)}.md`), '---\ntitle: "Held back"\npublished: true\ntopics: [A, B\n---\n');
      // This host tells the page no file events: the export's preview, asked of main, shows the file once main's watcher has read it.
      await expect
        .poll(() => {
          const open = own.session.library();
          return open.ok ? open.value.library.size : 0;
        })
        .toBe(2);
      await oddPage.getByRole('button', { name: 'Export…' }).click();
      const heldBack = oddPage.getByRole('list', { name: 'Approved articles held back by errors' });
      await expect.poll(() => heldBack.count()).toBe(1);
      const list = await heldBack.evaluate((ul) => ({ scroll: ul.scrollWidth, client: ul.clientWidth, text: ul.textContent }));
      expect(list.text).toContain(word('x', 200));
      expect(list.scroll).toBeLessThanOrEqual(list.client);
      await oddPage.screenshot({ path: join(SHOTS, 'desk-export-long-name.png') });
      await oddPage.keyboard.press('Escape');
      // The list of keys is taller than this window: it opens at its title, its Close focused and in view at its foot.
      await oddPage.getByRole('grid', { name: 'Articles' }).focus();
      await oddPage.keyboard.press('?');
      const keys = oddPage.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect.poll(() => keys.count()).toBe(1);
      const inView = await keys.evaluate((modal) => {
        const box = modal.getBoundingClientRect();
        const within = (el: Element | null): boolean => el !== null && el.getBoundingClientRect().top >= box.top && el.getBoundingClientRect().bottom <= box.bottom;
        return { taller: modal.scrollHeight > modal.clientHeight, title: within(modal.querySelector('h2')), close: within(document.activeElement), focused: document.activeElement?.textContent };
      });
      expect(inView).toEqual({ taller: true, title: true, close: true, focused: 'Close' });
      await oddPage.screenshot({ path: join(SHOTS, 'desk-keys-small-window.png') });
    } finally {
      await own.close();
      odd.cleanup();
    }
  });

  test('the line between the panes: dragged or moved by keys, the list’s columns follow; the width is remembered', async () => {
    const line = page.getByRole('separator', { name: 'Width of the list' });
    /** The list's and the review pane's widths, and each header's left edge and width, with the first row's cells'. */
    const layout = (): Promise<{ list: number; review: number; head: number[][]; row: number[][]; rowRight: number }> =>
      page.evaluate(() => {
        const box = (cells: NodeListOf<Element>): number[][] => Array.from(cells, (c) => [Math.round(c.getBoundingClientRect().left), Math.round(c.getBoundingClientRect().width)]);
        return {
          list: Math.round(document.querySelector('.list-pane')!.getBoundingClientRect().width),
          review: Math.round(document.querySelector('.review-pane')!.getBoundingClientRect().width),
          head: box(document.querySelectorAll('.grid-head [role="columnheader"]')),
          row: box(document.querySelectorAll('.grid-body [role="row"]:first-child [role="gridcell"]')),
          rowRight: Math.round(document.querySelector('.grid-body [role="row"]')!.getBoundingClientRect().right),
        };
      });
    const before = await layout();
    expect(before.list + 7 + before.review).toBe(1440);
    expect(await line.getAttribute('aria-valuenow')).toBe('59');
    const box = (await line.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 200, box.y + 200, { steps: 8 });
    await page.mouse.up();
    const dragged = await layout();
    expect(Math.abs(dragged.list - (before.list + 200))).toBeLessThanOrEqual(1);
    expect(dragged.list + 7 + dragged.review).toBe(1440);
    expect(dragged.head[0]![1]).toBeGreaterThan(before.head[0]![1]! + 100); // the title takes most of it
    expect(dragged.row).toEqual(dragged.head);
    expect(await line.getAttribute('aria-valuenow')).toBe('73');
    await page.screenshot({ path: join(SHOTS, 'desk-list-widened.png') });
    await page.reload();
    await expect.poll(() => page.getByRole('grid', { name: 'Articles' }).getAttribute('aria-busy')).toBe('false');
    expect((await layout()).list).toBe(dragged.list);
    // At its narrowest, in the narrowest window, the list still shows every column it keeps, Published whole.
    await line.focus();
    await page.keyboard.press('Home');
    expect(await line.getAttribute('aria-valuenow')).toBe('36'); // 520 px of the 1,433 the line leaves
    await page.setViewportSize({ width: 960, height: 700 });
    await expect.poll(async () => (await layout()).list).toBe(520);
    const narrow = await layout();
    expect(narrow.review).toBe(960 - 7 - 520);
    expect(narrow.row).toEqual(narrow.head);
    expect(narrow.row[6]![0]! + narrow.row[6]![1]!).toBeLessThanOrEqual(narrow.rowRight);
    // The share was made for a wider window: the first key moves the list from where it is.
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await layout()).list).toBe(520 + Math.round(0.02 * 953));
    await page.keyboard.press('End'); // as wide as the review pane's narrowest allows
    await expect.poll(async () => (await layout()).review).toBe(360);
    expect(await line.getAttribute('aria-valuenow')).toBe(String(Math.round(((953 - 360) / 953) * 100)));
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await layout()).review).toBe(360 + Math.round(0.02 * 953));
    await page.keyboard.press('Enter');
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(async () => (await layout()).list).toBe(before.list);
    expect(await page.evaluate(() => localStorage.getItem('masthead.listShare'))).toBe('0.59');
  });
  /**
   * A seeded random walk of an editor's keys and clicks over a generated library: moves, approvals,
   * topics added and removed, undo and redo, filters, sorts and bulk actions. Throughout, no error in
   * the page; at the end, every row shows what its file says; and once everything is undone, every
   * file is byte for byte what it was. Such walks found the review pane's read of an article storing
   * the bytes from before a save that landed while it read, and undone topics written back in
   * another form.
   */
  test('a random walk of keys and clicks leaves the list as the files say, and undone, every file as it was', async () => {
    const walkLibrary = tempDir();
    generateLibrary(30, walkLibrary.dir, 17);
    writeFileSync(join(walkLibrary.dir, SEED_ID), seed);
    const ids = readdirSync(walkLibrary.dir).sort();
    const original = new Map(ids.map((id) => [id, readFileSync(join(walkLibrary.dir, id))]));
    const hosted: { by?: BrowserHost } = {};
    const walkSession = new Session((e) => hosted.by?.broadcast(e));
    await walkSession.open(walkLibrary.dir);
    const walkHost = await startBrowserHost({ handlers: createHostHandlers(walkSession, (e) => hosted.by?.broadcast(e)), rendererDir: build.dir, port: 0 });
    hosted.by = walkHost;
    const walkPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    walkPage.on('pageerror', (e) => errors.push(e.message));
    walkPage.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const draw = seededRandom(5);
    const pick = <T,>(items: readonly T[]): T => items[draw(items.length)]!;
    const grid = walkPage.getByRole('grid', { name: 'Articles' });
    /** Each row as "title | topics | state", sorted; the title without the marks before it. */
    const rows = async (): Promise<string[]> => {
      await walkPage.setViewportSize({ width: 1600, height: 2400 }); // every row at once
      const cells = await walkPage.locator('.grid-body [role="row"]').evaluateAll((els) => els.map((e) => Array.from(e.querySelectorAll('[role="gridcell"]'), (c) => (c as HTMLElement).innerText.trim())));
      await walkPage.setViewportSize({ width: 1280, height: 800 });
      return cells.map((c) => `${c[0]!.replace(/^[!?\s]+/, '')} | ${c.at(-2)} | ${c.at(-1)}`).sort();
    };
    const files = (): string[] =>
      ids
        .map((id) => {
          const parsed = parseArticleFile(id, readFileSync(join(walkLibrary.dir, id)));
          if (parsed.kind !== 'article') return `${id}: not an article`;
          const s = parsed.summary;
          return `${s.title ?? id} | ${s.topics.join(', ')} | ${APPROVAL_PILL[approvalState(s)]}`;
        })
        .sort();
    try {
      await walkPage.goto(walkHost.url);
      await expect.poll(() => grid.getAttribute('aria-busy')).toBe('false');
      await grid.focus();
      for (let step = 0; step < 120; step++) {
        const what = draw(12);
        if (what < 5) await walkPage.keyboard.press(pick(['j', 'j', 'k', 'p', 'p', 'Space', 'Home', 'End', 'PageDown', 'PageUp']));
        else if (what === 5) {
          await walkPage.keyboard.press('t');
          await walkPage.keyboard.type(pick(['AI', 'Cloud', 'Élan', 'Zeta news']));
          await walkPage.keyboard.press(pick(['Enter', 'Enter', 'ArrowDown', 'Escape']));
          await walkPage.keyboard.press('Escape');
          await walkPage.keyboard.press('Escape');
        } else if (what === 6) {
          await walkPage.keyboard.press('t');
          await walkPage.keyboard.press('Backspace'); // the empty field: the last topic goes
          await walkPage.keyboard.press('Escape');
        } else if (what === 7) await walkPage.keyboard.press(pick(['Control+z', 'Control+z', 'Control+Shift+z']));
        else if (what === 8) await walkPage.getByRole('radio', { name: pick(['All', 'Unpublished', 'Published']), exact: true }).click();
        else if (what === 9) await walkPage.getByRole('columnheader', { name: pick(['Title', 'Date', 'Quality', 'Published']) }).click();
        else if (what === 10 && draw(3) === 0) {
          await walkPage.keyboard.press('Shift+P');
          const dialog = walkPage.getByRole('dialog');
          const button = dialog.getByRole('button', { name: pick([/^Approve \d/, /^Withdraw \d/]) });
          if ((await button.count()) === 1 && (await button.isEnabled())) {
            await button.click();
            // Done once it says so: Escape is ignored while the change runs (it has Stop), and Stop
            // may not be drawn yet when the click returns.
            await expect.poll(() => dialog.getByRole('button', { name: 'Done' }).count(), { timeout: 10_000 }).toBe(1);
          }
          await walkPage.keyboard.press('Escape');
          await expect.poll(() => dialog.count()).toBe(0);
        }
        if (what >= 8) await grid.focus();
      }
      await walkPage.keyboard.press('Escape');
      await walkPage.getByRole('radio', { name: 'All', exact: true }).click();
      await expect.poll(rows, { timeout: 15_000 }).toEqual(files());
      // Everything undone, to the first step: the undo list holds at most 200, far more than this walk made.
      await grid.focus();
      for (let i = 0; i < 150; i++) await walkPage.keyboard.press('Control+z');
      await expect
        .poll(() => ids.filter((id) => !readFileSync(join(walkLibrary.dir, id)).equals(original.get(id)!)), { timeout: 20_000 })
        .toEqual([]);
      await expect.poll(rows, { timeout: 15_000 }).toEqual(files());
      expect(errors).toEqual([]);
    } finally {
      await walkPage.close();
      await walkHost.close();
      await walkSession.close();
      walkLibrary.cleanup();
    }
  }, 120_000);
});
