/**
 * Whether Linux has an inotify instance left for this user. @parcel/watcher starts its inotify
 * backend on the thread that subscribes, and where `inotify_init1` is refused (the user's
 * `fs.inotify.max_user_instances` all taken, often by other programs that leak them) it waits for
 * good for a start that never comes: the whole process hangs, with no error. So the watch counts
 * the instances first, as inotify-info does, and does not subscribe when none is left.
 */
import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** What an inotify instance's descriptor links to in /proc/PID/fd. */
const INOTIFY_LINK = 'anon_inode:inotify';

/**
 * How many more inotify instances the user `uid` may open, from what `proc` (the /proc file system)
 * says: the limit less the instances open in the processes running as `uid`. Null where it cannot
 * tell (not Linux, no /proc): the watch is then tried as it is.
 */
export async function inotifyInstancesLeft(proc = '/proc', uid = process.getuid?.()): Promise<number | null> {
  if (uid === undefined) return null;
  let limit: number;
  let entries: string[];
  try {
    limit = Number((await readFile(join(proc, 'sys', 'fs', 'inotify', 'max_user_instances'), 'utf8')).trim());
    entries = await readdir(proc);
  } catch {
    return null;
  }
  if (!Number.isInteger(limit)) return null;
  const counts = await Promise.all(entries.filter((name) => /^\d+$/.test(name)).map((pid) => instancesOf(join(proc, pid), uid)));
  return limit - counts.reduce((sum, n) => sum + n, 0);
}

/** The inotify instances a process holds, counted when it runs as `uid` (0 for one that ended meanwhile, or that cannot be read). */
async function instancesOf(dir: string, uid: number): Promise<number> {
  try {
    if ((await stat(dir)).uid !== uid) return 0;
    const fds = await readdir(join(dir, 'fd'));
    const links = await Promise.all(fds.map((fd) => readlink(join(dir, 'fd', fd)).catch(() => '')));
    return links.filter((link) => link === INOTIFY_LINK).length;
  } catch {
    return 0;
  }
}
