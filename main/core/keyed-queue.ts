/** Runs the tasks given for one key one after another, in the order given, and tasks for other keys freely. */
export class KeyedQueue<K> {
  /** The last task of each key with one waiting or running. */
  private readonly tails = new Map<K, Promise<unknown>>();

  /** Runs `task` once every task given before for `key` has settled; a task that fails does not stop the next. */
  run<T>(key: K, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }
}
