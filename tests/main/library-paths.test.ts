/** Ids: the shape check that stands between a request and a path. */
import { expect, test } from 'vitest';
import { checkId } from '../../main/core/library-paths.js';

/** The rule as written: split on `/`, no segment empty, `.` or `..`. */
const hasBadSegment = (id: string): boolean => id.split('/').some((s) => s === '' || s === '.' || s === '..');

test('refuses exactly the ids with an empty, `.` or `..` segment, over every short path of a, . and /', () => {
  const paths: string[] = [''];
  for (let length = 1; length <= 7; length++) {
    for (const path of paths.filter((p) => p.length === length - 1)) paths.push(...['a', '.', '/'].map((c) => path + c));
  }
  let refused = 0;
  for (const path of paths) {
    const id = `${path}x.md`;
    const checked = checkId(id);
    expect(checked.ok, id).toBe(!hasBadSegment(id));
    if (!checked.ok) refused++;
  }
  expect(paths).toHaveLength((3 ** 8 - 1) / 2);
  expect(refused).toBeGreaterThan(1000); // both answers are well represented
});

test('refuses absolute, drive, backslash, NUL and non-article ids; takes nested and unicode ones', () => {
  for (const id of ['/a.md', 'C:/a.md', 'c:a.md', 'a\\b.md', 'a\0.md', 'a.yaml', 'a.md/', '', 'x'.repeat(4097) + '.md']) expect(checkId(id).ok, id).toBe(false);
  for (const id of ['a.md', 'sub/b.markdown', 'Économie/ünïcode 文章.txt', '.hidden/a.md', 'a..b.md', '...md']) expect(checkId(id).ok, id).toBe(true);
  // Legal names on Linux and macOS, which other places on Windows: the refusal says what to do.
  for (const id of ['a\\b.md', 'x:y.md']) expect(checkId(id)).toEqual({ ok: false, error: { kind: 'outside-library', message: expect.stringMatching(/backslash or starts with a drive letter.*rename the file$/) } });
});
