/** `masthead serve`: what it prints when it starts. */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test, vi } from 'vitest';
import type { CliIo } from '../../main/cli/output.js';
import { serveDesk } from '../../main/cli/serve.js';
import { Library } from '../../main/core/library.js';
import { indexCacheOf } from '../../main/data-folder.js';
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

/** Serves `dir` until it has said what it serves; returns what it printed. */
async function serveOnce(dir: string): Promise<string> {
  let out = '';
  const stop = new AbortController();
  const io: CliIo = {
    out: (text) => {
      out += text;
      if (text.includes('press Ctrl+C')) stop.abort();
    },
    err: (text) => (out += text),
  };
  await serveDesk(dir, 0, io, stop.signal);
  return out;
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
