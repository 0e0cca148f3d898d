/** What Masthead does when the desk's renderer process dies: draws the desk again, unless it keeps dying. */
import type { WebContents } from 'electron';

/** A desk that died this many times within `CRASH_SPAN_MS` is left as it is: drawing it again would only loop. */
export const MOST_RELOADS = 3;
export const CRASH_SPAN_MS = 60_000;

/** How the recovery acts on the window, given by the shell (and by the tests). */
export interface Recovery {
  /** Loads the desk again: it asks main for the list afresh, as at start. */
  readonly reload: () => void;
  /** Tells the editor what happened, without holding the app. */
  readonly tell: (message: { readonly title: string; readonly detail: string }) => void;
  readonly now?: () => number;
}

/**
 * Watches the desk's web contents. A renderer that crashed, was killed or ran out of memory leaves
 * a blank window: the desk is loaded again and the editor told that nothing saved is lost (each
 * change is written when made) but the undo history and the filters start afresh. After
 * `MOST_RELOADS` deaths within a minute it is left blank, saying so.
 */
export function recoverDesk(contents: Pick<WebContents, 'on'>, recovery: Recovery): void {
  const now = recovery.now ?? Date.now;
  let deaths: number[] = [];
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const at = now();
    deaths = [...deaths.filter((t) => t > at - CRASH_SPAN_MS), at];
    const why = REASONS[details.reason] ?? `it stopped (${details.reason})`;
    if (deaths.length > MOST_RELOADS) {
      recovery.tell({
        title: 'The desk keeps stopping',
        detail: `The desk stopped ${deaths.length} times within a minute; the last time ${why}. Every change you made is saved in the files. Quit and start Masthead again; if it stops again, the library may hold a file it cannot show.`,
      });
      return;
    }
    recovery.reload();
    recovery.tell({
      title: 'The desk was drawn again',
      detail: `The desk stopped: ${why}. Every change you made is saved in the files; the undo history, the filters and the selection start afresh.`,
    });
  });
}

const REASONS: Readonly<Partial<Record<string, string>>> = {
  crashed: 'it crashed',
  oom: 'it ran out of memory',
  killed: 'it was ended by the system or another program',
  'launch-failed': 'it could not start',
  'integrity-failure': 'its code failed a check',
  'abnormal-exit': 'it ended abnormally',
};
