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
export async function withRetry<T>(
  description: string,
  call: () => Promise<T>,
  classify: (error: unknown) => FailureKind,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 6;
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const kind = classify(error);
      if (!kind.retry || attempt >= attempts) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ChannelApiError(`Call to '${description}' failed after ${attempt} attempt(s): ${reason}`, { cause: error });
      }
      await sleep(Math.min(max, kind.afterMs ?? base * 2 ** (attempt - 1)));
    }
  }
}
