import { once } from 'node:events';
import { Script } from 'node:vm';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebServer } from '../../../src/channels/web/web-server.ts';
import { createConversation } from '../../../src/core/conversation.ts';
import { openMemoryDatabase } from '../../../src/store/database.ts';
import { createSqliteSessionStore } from '../../../src/store/session-store.ts';
import { createFakeAnswerer } from '../../support/fake-answerer.ts';

describe('web channel', () => {
  const conversation = createConversation({
    sessions: createSqliteSessionStore(openMemoryDatabase()),
    answerer: createFakeAnswerer({ 第一档补助标准是多少: '不高于38元/亩。' }),
  });
  const server = createWebServer({ conversation });
  let base = '';
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  const post = (body: unknown) =>
    fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('serves the chat page', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('/api/chat');
    // The inline script must at least parse: a template-literal escape slip would break the page silently.
    const script = page.split('<script>')[1].split('</script>')[0];
    expect(() => new Script(script)).not.toThrow();
  });

  it('answers POST /api/chat with replies and citations', async () => {
    const response = await post({ userId: 'w1', text: '第一档补助标准是多少' });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.replies[0].text).toBe('不高于38元/亩。');
    expect(body.replies[0].citations).toHaveLength(1);
  });

  it('rejects malformed requests with a Chinese message', async () => {
    for (const body of ['{not json', { text: '缺 userId' }, { userId: 'x' }, { userId: '', text: 'a' }]) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(/userId|JSON/);
    }
    expect((await fetch(`${base}/api/chat`)).status).toBe(405);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('refuses an oversized body with 413 and a Chinese message', async () => {
    const response = await post({ userId: 'w3', text: 'x'.repeat(300 * 1024) });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toContain('请求太大');
  });

  it('survives hostile text', async () => {
    for (const text of ['"*:NEAR(', "'; DROP TABLE sessions; --", '🌾🌾🌾', 'x'.repeat(15000)]) {
      const response = await post({ userId: 'w2', text });
      expect(response.status).toBe(200);
      expect((await response.json()).replies.length).toBeGreaterThan(0);
    }
  });
});
