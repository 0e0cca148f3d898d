/** Counting the inotify instances Linux has left for a user, from a /proc laid out as Linux lays it out. */
import { existsSync, mkdirSync, readFileSync, symlinkSync, watch as watchFs, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { inotifyInstancesLeft } from '../../main/core/inotify-room.js';
import { tempDir } from '../helpers/corpora.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A /proc with the limit and, per process, the links of its descriptors (all run as this test's user). */
function fakeProc(limit: string | null, processes: Record<string, readonly string[]>): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  if (limit !== null) {
    mkdirSync(join(dir, 'sys', 'fs', 'inotify'), { recursive: true });
    writeFileSync(join(dir, 'sys', 'fs', 'inotify', 'max_user_instances'), `${limit}\n`);
  }
  for (const [pid, links] of Object.entries(processes)) {
    mkdirSync(join(dir, pid, 'fd'), { recursive: true });
    links.forEach((link, fd) => symlinkSync(link, join(dir, pid, 'fd', String(fd))));
  }
  return dir;
}

const uid = process.getuid?.() ?? 0;
const LIMIT = '/proc/sys/fs/inotify/max_user_instances';

describe('inotifyInstancesLeft', () => {
  const rows: { name: string; limit: string | null; processes: Record<string, readonly string[]>; left: number | null }[] = [
    { name: 'none open', limit: '128', processes: { '1': ['/dev/null', 'socket:[1]'] }, left: 128 },
    {
      name: 'instances in several processes, among other descriptors',
      limit: '128',
      processes: { '10': ['anon_inode:inotify', '/dev/null', 'anon_inode:[eventpoll]'], '11': ['anon_inode:inotify', 'anon_inode:inotify'], '12': [] },
      left: 125,
    },
    { name: 'every one taken', limit: '3', processes: { '7': ['anon_inode:inotify', 'anon_inode:inotify'], '8': ['anon_inode:inotify'] }, left: 0 },
    { name: 'entries of /proc that are no process', limit: '2', processes: { self: ['anon_inode:inotify'], '9': ['anon_inode:inotify'] }, left: 1 },
    { name: 'no limit to read (not Linux)', limit: null, processes: { '1': ['anon_inode:inotify'] }, left: null },
    { name: 'a limit that is no number', limit: 'many', processes: {}, left: null },
  ];
  test.each(rows)('$name', async ({ limit, processes, left }) => {
    expect(await inotifyInstancesLeft(fakeProc(limit, processes), uid)).toBe(left);
  });

  test("another user's processes do not count against this one", async () => {
    const proc = fakeProc('4', { '5': ['anon_inode:inotify', 'anon_inode:inotify'] });
    expect(await inotifyInstancesLeft(proc, uid + 1)).toBe(4);
  });

  test.skipIf(!existsSync(LIMIT))('on this machine (Linux): counts the instance this process holds', async () => {
    const watch = watchFs(tmpdir()); // libuv's inotify instance for this process
    try {
      const limit = Number(readFileSync(LIMIT, 'utf8'));
      const left = await inotifyInstancesLeft();
      expect(Number.isInteger(left)).toBe(true);
      expect(left).toBeLessThanOrEqual(limit - 1);
    } finally {
      watch.close();
    }
  });
});
