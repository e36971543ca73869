/**
 * Holds a user's turn across instances: while one instance handles a message of a user, another
 * instance's message of the same user waits, then sees the session the first one saved. One instance
 * alone needs none (core/user-queues.ts orders a user's messages in process).
 */
export interface TurnLock {
  run<T>(userKey: string, work: () => Promise<T>): Promise<T>;
}
