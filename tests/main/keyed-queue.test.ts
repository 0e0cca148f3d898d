/** The per-article queue of edits: one key's tasks in turn, other keys' alongside. */
import { describe, expect, test } from 'vitest';
import { KeyedQueue } from '../../main/core/keyed-queue.js';

/** A task that waits for its release, noting when it starts and ends. */
function held(log: string[], name: string): { task: () => Promise<string>; release: () => void } {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return {
    task: async () => {
      log.push(`start ${name}`);
      await gate;
      log.push(`end ${name}`);
      return name;
    },
    release: () => release(),
  };
}

const turns = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('KeyedQueue', () => {
  test("a key's tasks run one after another in the order given; another key's run meanwhile", async () => {
    const queue = new KeyedQueue<string>();
    const log: string[] = [];
    const [a1, a2, b1] = [held(log, 'a1'), held(log, 'a2'), held(log, 'b1')];
    const results = [queue.run('a', a1.task), queue.run('a', a2.task), queue.run('b', b1.task)];
    await turns();
    expect(log).toStrictEqual(['start a1', 'start b1']);
    a2.release(); // released early: still waits for a1
    await turns();
    expect(log).toStrictEqual(['start a1', 'start b1']);
    a1.release();
    b1.release();
    expect(await Promise.all(results)).toStrictEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
  });

  test('a task that fails fails its caller only: the next of its key still runs', async () => {
    const queue = new KeyedQueue<string>();
    const failing = queue.run('a', () => Promise.reject(new Error('disk full')));
    const next = queue.run('a', () => Promise.resolve('saved'));
    await expect(failing).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('saved');
  });
});
