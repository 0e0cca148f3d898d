/** A desk whose renderer dies is drawn again and the editor told; one that keeps dying is left, saying so. */
import { EventEmitter } from 'node:events';
import { describe, expect, test } from 'vitest';
import { CRASH_SPAN_MS, MOST_RELOADS, recoverDesk } from '../../../main/electron/desk-recovery.js';

/** A question asked of the editor, with how they answer it. */
interface Asked {
  readonly title: string;
  readonly choices: readonly string[];
  readonly signal: AbortSignal;
  readonly answer: (choice: number) => void;
}

function desk(): { contents: EventEmitter; log: string[]; asked: Asked[]; die: (reason: string) => void; clock: { now: number } } {
  const contents = new EventEmitter();
  const log: string[] = [];
  const asked: Asked[] = [];
  const clock = { now: 1_000_000 };
  recoverDesk(contents as never, {
    reload: () => log.push('reload'),
    tell: ({ title, detail }) => log.push(`${title}: ${detail}`),
    ask: ({ title, choices }, signal) =>
      new Promise((answer) => {
        log.push(`asked: ${title}`);
        asked.push({ title, choices, signal, answer });
        signal.addEventListener('abort', () => answer(0)); // as Electron closes the box: its cancel choice
      }),
    end: () => {
      log.push('end');
      // Electron ends the renderer, then tells of it as it goes.
      setImmediate(() => contents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 }));
    },
    now: () => clock.now,
  });
  return { contents, log, asked, clock, die: (reason) => contents.emit('render-process-gone', {}, { reason, exitCode: 1 }) };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

describe('recoverDesk', () => {
  test('a desk that crashed is loaded again, and the editor told that the files hold every change', () => {
    const { log, die } = desk();
    die('oom');
    expect(log).toEqual([
      'reload',
      'The desk was drawn again: The desk stopped: it ran out of memory. Every change you made is saved in the files; the undo history, the filters and the selection start afresh.',
    ]);
  });

  test('a clean exit (the window closing) is no crash', () => {
    const { log, die } = desk();
    die('clean-exit');
    expect(log).toEqual([]);
  });

  test(`after ${MOST_RELOADS} reloads within a minute it is left as it is, saying so; a minute later it is drawn again`, () => {
    const { log, die, clock } = desk();
    for (let i = 0; i < MOST_RELOADS; i++) {
      die('crashed');
      clock.now += 1000;
    }
    expect(log.filter((l) => l === 'reload')).toHaveLength(MOST_RELOADS);
    log.length = 0;
    die('crashed');
    expect(log).toEqual([expect.stringMatching(/^The desk keeps stopping: The desk stopped 4 times within a minute; the last time it crashed\. Every change you made is saved/)]);
    clock.now += CRASH_SPAN_MS;
    log.length = 0;
    die('killed');
    expect(log[0]).toBe('reload');
    expect(log[1]).toContain('it was ended by the system or another program');
  });

  test('a reason Electron adds later is still named', () => {
    const { log, die } = desk();
    die('memory-eviction');
    expect(log[1]).toContain('it stopped (memory-eviction)');
  });

  describe('a desk that stops responding', () => {
    test('the editor is asked once whether to wait or draw it again; waiting leaves it as it is', async () => {
      const { contents, log, asked } = desk();
      contents.emit('unresponsive');
      contents.emit('unresponsive'); // Chromium tells again while it stays so
      expect(asked.map((q) => [q.title, q.choices])).toEqual([['The desk is not responding', ['Wait', 'Draw the desk again']]]);
      asked[0]!.answer(0);
      await settle();
      expect(log).toEqual(['asked: The desk is not responding']);
      contents.emit('unresponsive'); // still stuck later: asked again
      expect(asked).toHaveLength(2);
    });

    test('drawn again, its renderer is ended and the desk loaded in a new one, without telling the editor what they chose', async () => {
      const { contents, log, asked } = desk();
      for (let i = 0; i <= MOST_RELOADS; i++) {
        contents.emit('unresponsive');
        asked.at(-1)!.answer(1);
        await settle();
      }
      // Each time the editor's own choice: never counted as the desk stopping by itself.
      expect(log).toEqual(Array.from({ length: MOST_RELOADS + 1 }, () => ['asked: The desk is not responding', 'end', 'reload']).flat());
    });

    test('a desk that answers again takes the question away', async () => {
      const { contents, log, asked } = desk();
      contents.emit('unresponsive');
      contents.emit('responsive');
      expect(asked[0]!.signal.aborted).toBe(true);
      await settle();
      expect(log).toEqual(['asked: The desk is not responding']);
    });

    test('a desk that answers again just as the editor chose to draw it again is left working', async () => {
      const { contents, log, asked } = desk();
      contents.emit('unresponsive');
      asked[0]!.answer(1);
      contents.emit('responsive'); // before the answer is acted on
      await settle();
      expect(log).toEqual(['asked: The desk is not responding']);
    });

    test('a desk that crashes while the editor is asked is drawn again as any crash, and the question taken away', async () => {
      const { contents, log, asked, die } = desk();
      contents.emit('unresponsive');
      die('crashed');
      expect(asked[0]!.signal.aborted).toBe(true);
      await settle();
      expect(log.slice(1)).toEqual(['reload', expect.stringMatching(/^The desk was drawn again: The desk stopped: it crashed\./)]);
    });
  });
});
