/**
 * Counts attempts per key in a sliding window (binding an invite code, per identity and per address).
 * An 8-character code over 32 symbols has 32^8 ≈ 10^12 values: at a few tries per 10 minutes, guessing is hopeless.
 */
export interface AttemptLimiter {
  /** Records an attempt; false when the key already used up its window. */
  allow(key: string): boolean;
}

export function createAttemptLimiter(limit: number, windowMs: number, now: () => number = Date.now): AttemptLimiter {
  const attempts = new Map<string, number[]>();
  return {
    allow(key) {
      const cutoff = now() - windowMs;
      const recent = (attempts.get(key) ?? []).filter((at) => at > cutoff);
      if (recent.length >= limit) {
        attempts.set(key, recent);
        return false;
      }
      recent.push(now());
      attempts.set(key, recent);
      if (attempts.size > 50_000) {
        for (const [stale, times] of attempts) if (!times.some((at) => at > cutoff)) attempts.delete(stale);
      }
      return true;
    },
  };
}
