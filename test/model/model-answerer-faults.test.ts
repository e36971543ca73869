import { describe, expect, it } from 'vitest';
import { chatText, httpError } from '../support/fake-openai-server.ts';
import { useFakeOpenAiServer } from '../support/use-fake-openai-server.ts';
import { FARMER, OFFLINE_ANSWER, answererSetup } from './model-test-kit.ts';

const fake = useFakeOpenAiServer();

const setup = (extraEnv: Record<string, string> = {}) => answererSetup(fake.baseURL, { env: extraEnv });

const GOOD = chatText('第二档不高于58元/亩[1]。');
const BROKEN_JSON = { kind: 'raw', body: '{"id":"chatcmpl-x","choices":[{"message":{"role":"assis' } as const;

describe('model answerer: faults end in the offline answer', () => {
  it('retries a broken JSON body once and uses the second reply', async () => {
    const { answerer, logs } = setup();
    fake.enqueueChat(BROKEN_JSON, GOOD);
    expect((await answerer.answer('第二档补助标准是多少？', FARMER)).answer).toBe('第二档不高于58元/亩[1]。');
    expect(logs[0]).toMatchObject({ outcome: 'model', calls: 2, errors: ['malformed_response'] });
  });

  it('falls back when the body stays broken', async () => {
    const { answerer, logs } = setup();
    fake.enqueueChat(BROKEN_JSON, BROKEN_JSON);
    expect(await answerer.answer('第二档补助标准是多少？', FARMER)).toEqual(OFFLINE_ANSWER);
    expect(logs[0]).toMatchObject({ outcome: 'fallback', reason: 'model_error', calls: 2 });
  });

  it('honours retry-after on 429', async () => {
    const { answerer, sleeps, logs } = setup();
    fake.enqueueChat(httpError(429, { 'retry-after': '2' }), GOOD);
    expect((await answerer.answer('第二档补助标准是多少？', FARMER)).status).toBe('answered');
    expect(sleeps).toEqual([2000]);
    expect(logs[0].errors).toEqual(['rate_limited:429']);
  });

  it('does not wait for a retry-after beyond the cap', async () => {
    const { answerer, sleeps, logs } = setup();
    fake.enqueueChat(httpError(429, { 'retry-after': '120' }), GOOD);
    expect(await answerer.answer('第二档补助标准是多少？', FARMER)).toEqual(OFFLINE_ANSWER);
    expect(sleeps).toEqual([]);
    expect(fake.chatRequests()).toHaveLength(1);
    expect(logs[0].reason).toBe('model_error');
  });

  it('retries a 500 once with backoff, then falls back', async () => {
    const { answerer, sleeps } = setup();
    fake.enqueueChat(httpError(500), httpError(503));
    expect(await answerer.answer('第二档补助标准是多少？', FARMER)).toEqual(OFFLINE_ANSWER);
    expect(fake.chatRequests()).toHaveLength(2);
    expect(sleeps).toEqual([500]);
  });

  it('answers offline within the deadline when the model stalls', async () => {
    const { answerer, logs } = setup({ GENGBAO_ANSWER_DEADLINE_MS: '150', OPENAI_TIMEOUT_MS: '60000' });
    fake.enqueueChat({ kind: 'stall' });
    expect(await answerer.answer('第二档补助标准是多少？', FARMER)).toEqual(OFFLINE_ANSWER);
    expect(fake.chatRequests()).toHaveLength(1);
    expect(logs[0]).toMatchObject({ outcome: 'fallback', reason: 'deadline' });
  });

  it('opens the circuit after 3 failed turns, skips the model for 60 s, then probes once', async () => {
    const { answerer, logs, advance } = setup();
    for (let turn = 0; turn < 3; turn += 1) {
      fake.enqueueChat(httpError(500), httpError(500));
      expect(await answerer.answer('第二档补助标准是多少？', FARMER)).toEqual(OFFLINE_ANSWER);
    }
    expect(fake.chatRequests()).toHaveLength(6);

    expect(await answerer.answer('第二档补助标准是多少？', FARMER)).toEqual(OFFLINE_ANSWER);
    expect(fake.chatRequests()).toHaveLength(6);
    expect(logs.at(-1)).toMatchObject({ reason: 'circuit_open', calls: 0 });

    advance(59_999);
    await answerer.answer('第二档补助标准是多少？', FARMER);
    expect(fake.chatRequests()).toHaveLength(6);

    advance(1);
    fake.enqueueChat(GOOD);
    expect((await answerer.answer('第二档补助标准是多少？', FARMER)).status).toBe('answered');
    expect(fake.chatRequests()).toHaveLength(7);
    expect(logs.at(-1)?.outcome).toBe('model');
  });

  it('a failed half-open probe opens the circuit again', async () => {
    const { answerer, advance } = setup();
    for (let turn = 0; turn < 3; turn += 1) {
      fake.enqueueChat(httpError(500), httpError(500));
      await answerer.answer('问题一', FARMER);
    }
    advance(60_000);
    fake.enqueueChat(httpError(500), httpError(500));
    await answerer.answer('问题二', FARMER);
    expect(fake.chatRequests()).toHaveLength(8);
    await answerer.answer('问题三', FARMER);
    expect(fake.chatRequests()).toHaveLength(8);
  });
});
