/**
 * The library under many requests at once, as the desk and the watcher make them: reads, approvals,
 * topic changes, bulk approvals, refreshes, rescans and changes by another program, several in
 * flight together (seeded). Once each round's requests have answered, the index holds what every
 * file on disk says, and no request failed but for a reason it may: an error in the file, topics
 * changed since the change was made from them, or a file another program had just changed. This
 * found the review pane's read storing the bytes from before a save that landed while it read.
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generateLibrary } from '../../bench/generate.js';
import { Library } from '../../main/core/library.js';
import { parseArticleFile } from '../../main/core/read-article.js';
import type { Result } from '../../shared/result.js';
import { tempDir } from '../helpers/corpora.js';
import { seededRandom } from '../helpers/seeded.js';

const TOPICS = ['AI', 'Cloud', 'Zeta', 'Élan'];
const temps: (() => void)[] = [];
afterAll(() => temps.forEach((cleanup) => cleanup()));

/** What the index must agree with the file on. */
const listed = (s: { published: boolean; topics: readonly string[]; title?: string }): string => JSON.stringify([s.published, s.topics, s.title]);

async function run(seed: number): Promise<string[]> {
  const draw = seededRandom(seed);
  const { dir, cleanup } = tempDir();
  temps.push(cleanup);
  generateLibrary(20, dir, seed);
  cpSync(new URL('../../seeds/000_8a8d1d44de5d8be9.txt', import.meta.url), join(dir, '000_8a8d1d44de5d8be9.txt'));
  const opened = await Library.open(dir);
  if (!opened.ok) throw new Error(opened.error.message);
  const library = opened.value;
  if (draw(2) === 0) await library.checked; // else the check runs through the first rounds
  const ids = readdirSync(dir).sort();
  const wrong: string[] = [];
  for (let round = 0; round < 120 && wrong.length < 5; round++) {
    const asked: Promise<void>[] = [];
    let external = false;
    for (let k = 1 + draw(6); k > 0; k--) {
      const id = ids[draw(ids.length)]!;
      const what = draw(8);
      /** Notes a failure the request may not give; a conflict may follow another program's change. */
      const answer = (request: Promise<Result<unknown> | undefined>, may: readonly string[]): void => {
        asked.push(
          request.then((r) => {
            if (r === undefined || r.ok || may.includes(r.error.kind) || (external && r.error.kind === 'conflict')) return;
            wrong.push(`round ${round}, request ${what} on ${id}: ${r.error.kind}: ${r.error.message}`);
          }),
        );
      };
      if (what === 0) answer(library.read(id), []);
      else if (what === 1) answer(library.setPublished(id, draw(2) === 0), ['has-errors']);
      else if (what === 2) {
        const now = library.summary(id)?.topics ?? [];
        const next = draw(2) === 0 ? now.slice(1) : [...new Set([...now, TOPICS[draw(TOPICS.length)]!])];
        answer(library.setTopics(id, next, now), ['has-errors', 'conflict']);
      } else if (what === 3) answer(library.setPublishedMany(ids.filter(() => draw(3) === 0), draw(2) === 0), []);
      else if (what === 4) answer(library.refresh(id).then(() => undefined), []);
      else if (what === 5) answer(library.rescan().then(() => undefined), []);
      else if (what === 6) answer(library.changeTopics(id, [TOPICS[draw(TOPICS.length)]!], []), ['has-errors', 'conflict']);
      else {
        // Another program changes the file, and the watcher reads it again.
        const path = join(dir, id);
        const text = readFileSync(path, 'utf8');
        const flipped = text.replace(/^published: (true|false)$/m, (_, v: string) => `published: ${v === 'true' ? 'false' : 'true'}`);
        writeFileSync(path, draw(2) === 0 ? flipped : text.replace(/^title: "?/m, (m) => `${m}x`));
        external = true;
        answer(library.refresh(id).then(() => undefined), []);
      }
      if (draw(3) === 0) await new Promise((r) => setImmediate(r));
    }
    await Promise.all(asked);
    for (const id of ids) {
      const parsed = parseArticleFile(id, readFileSync(join(dir, id)));
      const summary = library.summary(id);
      if (parsed.kind !== 'article' || summary === undefined) wrong.push(`round ${round}, ${id}: ${parsed.kind}, ${summary ? 'listed' : 'not listed'}`);
      else if (listed(parsed.summary) !== listed(summary)) wrong.push(`round ${round}, ${id}: the file says ${listed(parsed.summary)}, the index ${listed(summary)}`);
    }
  }
  await library.checked;
  await library.close();
  return wrong;
}

describe('many requests at once', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])('leave the index as the files say, and fail only as they may (seed %i)', async (seed) => {
    expect(await run(seed)).toEqual([]);
  });
});
