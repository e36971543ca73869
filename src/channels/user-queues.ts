/**
 * Runs work one at a time per key (a user) and in parallel across keys. Adapters use it so a user's
 * replies go out in order while one slow chat never holds up another.
 */
export interface UserQueues {
  enqueue(key: string, work: () => Promise<void>, onError: (error: unknown) => void): void;
  /** Resolves once every queued piece of work has settled. */
  whenIdle(): Promise<void>;
}

export function createUserQueues(): UserQueues {
  const tails = new Map<string, Promise<void>>();
  const inflight = new Set<Promise<void>>();
  return {
    enqueue(key, work, onError) {
      const next = (tails.get(key) ?? Promise.resolve()).then(work).catch(onError);
      tails.set(key, next);
      inflight.add(next);
      void next.finally(() => {
        inflight.delete(next);
        if (tails.get(key) === next) tails.delete(key);
      });
    },
    async whenIdle() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
  };
}
