import { describe, expect, it } from 'vitest';
import { callWithRetry } from '../../src/model/call-with-retry.ts';
import { ModelCallError, retryAfterMsOf, toModelCallError } from '../../src/model/model-call-error.ts';

describe('retry-after', () => {
  it('reads retry-after-ms, seconds and HTTP dates', () => {
    expect(retryAfterMsOf(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfterMsOf(new Headers({ 'retry-after': '3' }))).toBe(3000);
    expect(retryAfterMsOf(new Headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:05 GMT' }), Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
    expect(retryAfterMsOf(new Headers())).toBeUndefined();
  });

  it('classifies SDK errors', () => {
    expect(toModelCallError({ status: 429, headers: new Headers({ 'retry-after': '1' }) }, 'x')).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1000 });
    expect(toModelCallError({ status: 503 }, 'x').kind).toBe('server_error');
    expect(toModelCallError({ status: 401 }, 'x')).toMatchObject({ kind: 'client_error', retryable: false });
    expect(toModelCallError(new SyntaxError('Unexpected end of JSON input'), 'x').kind).toBe('malformed_response');
    expect(toModelCallError(new Error('Request timed out.'), 'x').kind).toBe('timeout');
    expect(toModelCallError(new Error('connect ECONNREFUSED'), 'x').message).toBe("Call to 'x' failed (connect ECONNREFUSED)");
  });
});

describe('callWithRetry', () => {
  const policy = { maxAttempts: 3, backoffMs: 100, maxRetryAfterMs: 1000 };

  it('retries transient failures with backoff and returns the first success', async () => {
    const sleeps: number[] = [];
    let attempts = 0;
    const result = await callWithRetry('x', async () => {
      attempts += 1;
      if (attempts < 3) throw Object.assign(new Error('boom'), { status: 502 });
      return 'ok';
    }, { policy, sleep: async (ms) => void sleeps.push(ms) });
    expect(result).toBe('ok');
    expect(sleeps).toEqual([100, 200]);
  });

  it('does not retry client errors, and never waits past the deadline', async () => {
    let attempts = 0;
    const failing = (status: number) => async () => {
      attempts += 1;
      throw Object.assign(new Error('no'), { status });
    };
    await expect(callWithRetry('x', failing(400), { policy, sleep: async () => {} })).rejects.toBeInstanceOf(ModelCallError);
    expect(attempts).toBe(1);
    attempts = 0;
    await expect(callWithRetry('x', failing(500), { policy, sleep: async () => {}, remainingMs: () => 50 })).rejects.toMatchObject({ kind: 'server_error' });
    expect(attempts).toBe(1);
  });
});
