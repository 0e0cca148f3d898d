/** The read pool on real worker threads (the compiled code): the same index as reading in one thread. */
import { afterAll, describe, expect, test } from 'vitest';
import { generateLibrary } from '../../bench/generate.js';
import { Library } from '../../main/core/library.js';
import { tempDir } from '../helpers/corpora.js';

const lib = tempDir();
afterAll(() => lib.cleanup());

describe('the read pool', () => {
  test('worker threads list and check a library exactly as one thread does', async () => {
    generateLibrary(1500, lib.dir, 11);
    const built = (await import(new URL('../../out/main/core/library.js', import.meta.url).href)) as { Library: typeof Library };
    const pool = (await import(new URL('../../out/main/core/read-pool.js', import.meta.url).href)) as { poolAvailable: () => boolean };
    expect(pool.poolAvailable()).toBe(true);
    const threaded = await built.Library.open(lib.dir);
    const single = await Library.open(lib.dir);
    if (!threaded.ok || !single.ok) throw new Error('open failed');
    expect(threaded.value.list().map((a) => ({ ...a, checked: undefined }))).toEqual(single.value.list().map((a) => ({ ...a, checked: undefined })));
    await Promise.all([threaded.value.checked, single.value.checked]);
    expect(threaded.value.list()).toEqual(single.value.list());
    expect(threaded.value.list().filter((a) => a.problems.some((p) => p.level === 'error')).length).toBeGreaterThan(5);
  }, 60_000);
});
