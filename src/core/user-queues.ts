/**
 * Runs work one at a time per key (a user) and in parallel across keys: the core handles a user's
 * messages in arrival order, and adapters send a user's replies in order, while one slow chat never
 * holds up another.
 */
export interface UserQueues {
  /** Queues work behind the key's earlier work; its result (or failure) comes back to the caller. */
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Like run, for work nobody awaits: a failure goes to onError. */
  enqueue(key: string, work: () => Promise<void>, onError: (error: unknown) => void): void;
  /** Resolves once every queued piece of work has settled. */
  whenIdle(): Promise<void>;
}

export function createUserQueues(): UserQueues {
  const tails = new Map<string, Promise<unknown>>();
  const inflight = new Set<Promise<unknown>>();
  function run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (tails.get(key) ?? Promise.resolve()).then(work);
    const settled = next.catch(() => undefined);
    tails.set(key, settled);
    inflight.add(settled);
    void settled.then(() => {
      inflight.delete(settled);
      if (tails.get(key) === settled) tails.delete(key);
    });
    return next;
  }
  return {
    run,
    enqueue(key, work, onError) {
      void run(key, work).catch(onError);
    },
    async whenIdle() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
  };
}
