import { retrying } from '../core/retry.ts';
import { ModelCallError, toModelCallError } from './model-call-error.ts';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

export interface RetryPolicy {
  /** Total attempts, first one included. */
  maxAttempts: number;
  /** Wait when the server gives no hint. */
  backoffMs: number;
  /** A longer retry-after is not waited for: the call fails (and the offline answer is used). */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 2, backoffMs: 500, maxRetryAfterMs: 5_000 };

export interface RetryContext {
  policy?: RetryPolicy;
  sleep?: Sleep;
  signal?: AbortSignal;
  /** Milliseconds left until the answer deadline; a wait that would pass it is not started. */
  remainingMs?: () => number;
  /** Called with every failed attempt (for the turn log). */
  onFailure?: (error: ModelCallError) => void;
}

/**
 * Runs one model call with bounded retries on transient failures (429, 5xx, timeouts, broken
 * responses), honouring retry-after up to a cap. LangChain's own retries are switched off so
 * that this is the only place deciding how long a user waits.
 */
export function callWithRetry<T>(call: string, run: () => Promise<T>, context: RetryContext = {}): Promise<T> {
  const policy = context.policy ?? defaultRetryPolicy;
  const sleep = context.sleep ?? realSleep;
  return retrying(run, {
    attempts: policy.maxAttempts,
    sleep: (ms) => sleep(ms, context.signal),
    judge(caught, attempt) {
      const error = context.signal?.aborted
        ? new ModelCallError('aborted', `Call to '${call}' aborted at the answer deadline`, { cause: caught })
        : toModelCallError(caught, call);
      context.onFailure?.(error);
      const waitMs = error.retryAfterMs ?? policy.backoffMs * attempt;
      const inTime = waitMs <= policy.maxRetryAfterMs && !(context.remainingMs && waitMs >= context.remainingMs());
      return { error, retry: error.retryable && inTime, waitMs };
    },
  });
}
