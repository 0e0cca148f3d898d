/**
 * What Masthead does when the desk's renderer process dies (draws the desk again, unless it keeps
 * dying) or stops responding (asks the editor whether to wait or draw it again).
 */
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
  /**
   * Asks the editor to choose, without holding the app; answers the index of the choice. The first
   * choice is the one taken when the question is closed, or when `signal` aborts: the question is
   * then taken away.
   */
  readonly ask: (question: { readonly title: string; readonly detail: string; readonly choices: readonly string[] }, signal: AbortSignal) => Promise<number>;
  /** Ends the desk's renderer process (which then goes, as a crash does). */
  readonly end: () => void;
  readonly now?: () => number;
}

/**
 * Watches the desk's web contents. A renderer that crashed, was killed or ran out of memory leaves
 * a blank window: the desk is loaded again and the editor told that nothing saved is lost (each
 * change is written when made) but the undo history and the filters start afresh. After
 * `MOST_RELOADS` deaths within a minute it is left blank, saying so. A desk that stops responding
 * is waited for, or drawn again in a new renderer process, as the editor chooses.
 */
export function recoverDesk(contents: Pick<WebContents, 'on'>, recovery: Recovery): void {
  const now = recovery.now ?? Date.now;
  let deaths: number[] = [];
  /** The editor chose to draw a desk that stopped responding again: its renderer was ended for that. */
  let endedForReload = false;
  /** The question asked of a desk that stopped responding, while it is asked. */
  let asking: AbortController | null = null;
  const stopAsking = (): void => {
    asking?.abort();
    asking = null;
  };
  contents.on('render-process-gone', (_event, details) => {
    stopAsking(); // the desk it asked about is gone
    if (details.reason === 'clean-exit') return;
    if (endedForReload) {
      endedForReload = false;
      recovery.reload(); // in a new renderer process, as the editor asked: nothing to tell them
      return;
    }
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

  // A desk busy for a few seconds (Chromium's measure) may be working through something large, or
  // stuck. The editor decides; the question goes by itself once the desk answers again.
  contents.on('unresponsive', () => {
    if (asking !== null) return;
    const question = new AbortController();
    asking = question;
    void recovery
      .ask(
        {
          title: 'The desk is not responding',
          detail:
            'It may still be working, or it may be stuck. Every change you made is saved in the files. Drawn again, the desk starts afresh: the undo history, the filters and the selection too.',
          choices: ['Wait', 'Draw the desk again'],
        },
        question.signal,
      )
      .catch(() => 0) // a question that could not be asked leaves the desk as it is
      .then((choice) => {
        if (asking === question) asking = null;
        if (choice !== 1 || question.signal.aborted) return;
        endedForReload = true;
        recovery.end();
      });
  });
  contents.on('responsive', stopAsking);
}

const REASONS: Readonly<Partial<Record<string, string>>> = {
  crashed: 'it crashed',
  oom: 'it ran out of memory',
  killed: 'it was ended by the system or another program',
  'launch-failed': 'it could not start',
  'integrity-failure': 'its code failed a check',
  'abnormal-exit': 'it ended abnormally',
};
