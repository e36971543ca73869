export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreaker {
  /** Whether a call may go out now; in half-open state only one probe is let through. */
  allow(): boolean;
  recordSuccess(): void;
  recordFailure(): void;
  state(): CircuitState;
}

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  /** How long the circuit stays open before a probe. */
  openMs?: number;
  now?: () => number;
}

/** Stops calling a failing model for a while: N failures in a row → open → after openMs one probe. */
export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const threshold = options.failureThreshold ?? 3;
  const openMs = options.openMs ?? 60_000;
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt: number | undefined;
  let probing = false;

  const state = (): CircuitState => {
    if (openedAt === undefined) return 'closed';
    return now() - openedAt >= openMs ? 'half_open' : 'open';
  };

  return {
    state,
    allow() {
      const current = state();
      if (current === 'closed') return true;
      if (current === 'open' || probing) return false;
      probing = true;
      return true;
    },
    recordSuccess() {
      failures = 0;
      openedAt = undefined;
      probing = false;
    },
    recordFailure() {
      failures += 1;
      if (probing || failures >= threshold) openedAt = now();
      probing = false;
    },
  };
}
