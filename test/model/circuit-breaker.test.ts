import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../src/model/circuit-breaker.ts';

function breakerWithClock() {
  let now = 0;
  const breaker = createCircuitBreaker({ failureThreshold: 3, openMs: 60_000, now: () => now });
  return { breaker, advance: (ms: number) => void (now += ms) };
}

describe('circuit breaker', () => {
  it('opens after 3 consecutive failures and lets one probe through after 60 s', () => {
    const { breaker, advance } = breakerWithClock();
    for (let i = 0; i < 3; i += 1) {
      expect(breaker.allow()).toBe(true);
      breaker.recordFailure();
    }
    expect(breaker.state()).toBe('open');
    expect(breaker.allow()).toBe(false);
    advance(60_000);
    expect(breaker.state()).toBe('half_open');
    expect(breaker.allow()).toBe(true);
    expect(breaker.allow()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state()).toBe('closed');
    expect(breaker.allow()).toBe(true);
  });

  it('a success resets the count of consecutive failures', () => {
    const { breaker } = breakerWithClock();
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.state()).toBe('closed');
  });

  it('a failed probe opens the circuit for another period', () => {
    const { breaker, advance } = breakerWithClock();
    for (let i = 0; i < 3; i += 1) breaker.recordFailure();
    advance(60_000);
    expect(breaker.allow()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state()).toBe('open');
    advance(59_999);
    expect(breaker.allow()).toBe(false);
    advance(1);
    expect(breaker.allow()).toBe(true);
  });
});
