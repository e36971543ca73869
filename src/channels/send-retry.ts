import { retrying } from '../core/retry.ts';

/** Raised when a platform API call fails for good (after retries, or on an error not worth retrying). */
export class ChannelApiError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChannelApiError';
  }
}

/** How a failed platform call should be treated. */
export type FailureKind = { retry: false } | { retry: true; afterMs?: number };

export interface RetryOptions {
  /** Total attempts including the first. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injected so tests never wait on the clock. */
  sleep?: (ms: number) => Promise<void>;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a platform call, retrying what the classifier marks as transient (rate limits, 5xx, timeouts)
 * with exponential backoff, or the platform's own retry-after hint.
 */
export function withRetry<T>(
  description: string,
  call: () => Promise<T>,
  classify: (error: unknown) => FailureKind,
  options: RetryOptions = {},
): Promise<T> {
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  return retrying(call, {
    attempts: options.attempts ?? 6,
    sleep: options.sleep ?? realSleep,
    judge(caught, attempt) {
      const kind = classify(caught);
      const reason = caught instanceof Error ? caught.message : String(caught);
      return {
        error: new ChannelApiError(`Call to '${description}' failed after ${attempt} attempt(s): ${reason}`, { cause: caught }),
        retry: kind.retry,
        waitMs: Math.min(max, (kind.retry ? kind.afterMs : undefined) ?? base * 2 ** (attempt - 1)),
      };
    },
  });
}
