/** How a command opens its library: the reason said where it cannot, its progress on a terminal, closed at the end. */
import { Library } from '../core/library.js';
import { seedsFolder } from '../package-root.js';
import { EXIT, sayUnreadable, type CliIo } from './output.js';

/**
 * Opens DIR (or the seeds) and runs `command` on it, then closes it. Prints the reason and returns
 * EXIT.usage when the folder cannot be read, and names each folder inside it that cannot be read
 * (its articles are left out of what follows). On a terminal, a line says how far the reading and
 * the check are meanwhile (a 100,000-article library takes seconds to list and about 20 s to check
 * on our machines), cleared before the command's own output.
 *
 * `checked`: whether the command waits for the full check of every file, once the library is
 * listed. A command that reports problems (check, list) does. An edit need not: it reads its own
 * files in full before it writes (as an edit made in the desk before the check has reached its
 * file does), so publishing one article of 100,000 takes the listing of the folder, not the full
 * check; the check still under way then stops at the close.
 */
export async function withLibrary(dir: string | undefined, io: CliIo, checked: boolean | ((library: Library) => boolean), command: (library: Library) => Promise<number>): Promise<number> {
  const { progress } = io;
  const opened = await Library.open(dir ?? seedsFolder(), {
    ...(progress && { onProgress: ({ done, total }) => progress(`Reading the library… ${count(done)} of ${count(total)} files`) }),
  });
  progress?.('');
  if (!opened.ok) {
    io.err(`masthead: ${opened.error.message}\n`);
    return EXIT.usage;
  }
  const library = opened.value;
  // The check's progress, for as long as the command waits for it (an export waits too).
  const unsubscribe = progress && library.subscribe((e) => e.type === 'checking' && e.done < e.total && progress(`Checking every file… ${count(e.done)} of ${count(e.total)}`));
  try {
    if (typeof checked === 'boolean' ? checked : checked(library)) await library.checked;
    progress?.('');
    sayUnreadable(library.unreadableFolders, io);
    return await command(library);
  } finally {
    unsubscribe?.();
    progress?.('');
    await library.close();
  }
}

function count(n: number): string {
  return n.toLocaleString('en');
}
