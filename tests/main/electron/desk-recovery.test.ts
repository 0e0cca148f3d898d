/** A desk whose renderer dies is drawn again and the editor told; one that keeps dying is left, saying so. */
import { EventEmitter } from 'node:events';
import { describe, expect, test } from 'vitest';
import { CRASH_SPAN_MS, MOST_RELOADS, recoverDesk } from '../../../main/electron/desk-recovery.js';

function desk(): { contents: EventEmitter; log: string[]; die: (reason: string) => void; clock: { now: number } } {
  const contents = new EventEmitter();
  const log: string[] = [];
  const clock = { now: 1_000_000 };
  recoverDesk(contents as never, { reload: () => log.push('reload'), tell: ({ title, detail }) => log.push(`${title}: ${detail}`), now: () => clock.now });
  return { contents, log, clock, die: (reason) => contents.emit('render-process-gone', {}, { reason, exitCode: 1 }) };
}

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
});
