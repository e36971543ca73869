import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Script } from 'node:vm';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebServer } from '../../../src/channels/web/web-server.ts';
import { createWebIdentity } from '../../../src/channels/web/web-identity.ts';
import { createConversation } from '../../../src/core/conversation.ts';
import { openMemoryDatabase } from '../../../src/database/database.ts';
import { createSqliteSessionStore } from '../../../src/core/session-store.ts';
import { loadUnits } from '../../../src/units/load-units.ts';
import { createAccountSkill } from '../../../src/users/account-skill.ts';
import { createSqliteUserStore } from '../../../src/users/user-store.ts';
import { createFakeAnswerer } from '../../support/fake-answerer.ts';

const API_TOKEN = randomBytes(24).toString('hex');

describe('web channel', () => {
  const db = openMemoryDatabase();
  const users = createSqliteUserStore(db, loadUnits(join(import.meta.dirname, '..', '..', '..', 'knowledge')));
  const conversation = createConversation({
    sessions: createSqliteSessionStore(db),
    answerer: createFakeAnswerer({ 第一档补助标准是多少: '不高于38元/亩。' }),
    skills: [createAccountSkill({ users })],
    users,
  });
  const server = createWebServer({ conversation, users, identity: createWebIdentity({ secret: randomBytes(32), apiToken: API_TOKEN }), bindLimits: { perIdentity: 5, perAddress: 8 } });
  let base = '';
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const asIntegration = (body: unknown) => post(body, { authorization: `Bearer ${API_TOKEN}` });
  const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0];
  const textOf = async (response: Response) => ((await response.json()) as { replies: Array<{ text: string }> }).replies.map((r) => r.text).join('\n');

  it('serves the chat page, which never chooses its own user id', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('/api/chat');
    expect(page).not.toMatch(/userId|localStorage/);
    // The inline script must at least parse: a template-literal escape slip would break the page silently.
    const script = page.split('<script>')[1].split('</script>')[0];
    expect(() => new Script(script)).not.toThrow();
  });

  it('issues a signed HttpOnly SameSite=Strict cookie and keeps the same identity with it', async () => {
    const first = await post({ text: '我是谁' });
    expect(first.status).toBe(200);
    const header = first.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/^gengbao_sid=[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Strict/);
    const again = await post({ text: '我是谁' }, { cookie: cookieOf(first)! });
    expect(again.headers.get('set-cookie')).toBeNull();
    // A tampered cookie is not accepted: a new identity is issued instead.
    const forged = await post({ text: '我是谁' }, { cookie: `gengbao_sid=nh-admin-aaaaaaaaaaaaa.${'A'.repeat(43)}` });
    expect(forged.headers.get('set-cookie')).toMatch(/^gengbao_sid=/);
    expect(cookieOf(forged)).not.toContain('nh-admin');
  });

  it('ignores a userId in the body without the API token: a forged admin gets nothing', async () => {
    await users.bind('web:nh-admin', 'admin', '宁化县', 'test');
    const forged = await post({ userId: 'nh-admin', text: '生成邀请码 填报员 宁化县' });
    expect(forged.status).toBe(200);
    const text = await textOf(forged);
    expect(text).toContain('只有管理员才能生成邀请码');
    expect(text).not.toMatch(/邀请码：[A-Z0-9]{8}/);
    const wrongToken = await post({ userId: 'nh-admin', text: '生成邀请码 填报员 宁化县' }, { authorization: 'Bearer not-the-token' });
    expect(await textOf(wrongToken)).toContain('只有管理员才能生成邀请码');
    // The integration that presents the token may speak as a named user.
    const real = await asIntegration({ userId: 'nh-admin', text: '生成邀请码 填报员 宁化县' });
    expect(await textOf(real)).toMatch(/邀请码：[A-Z0-9]{8}/);
  });

  it('binds the cookie identity and rotates the cookie on binding', async () => {
    const before = await post({ text: '我是谁' });
    const oldCookie = cookieOf(before)!;
    const invite = await users.createInvite('reporter', '三面船镇', 'test');
    const bound = await post({ text: `绑定 ${invite.code}` }, { cookie: oldCookie });
    expect(await textOf(bound)).toContain('绑定成功');
    const newCookie = cookieOf(bound)!;
    expect(newCookie).toMatch(/^gengbao_sid=/);
    expect(newCookie).not.toBe(oldCookie);
    expect(await textOf(await post({ text: '我是谁' }, { cookie: newCookie }))).toContain('三面船镇');
    expect(await textOf(await post({ text: '我是谁' }, { cookie: oldCookie }))).not.toContain('三面船镇');
  });

  it('limits binding attempts per identity and per address', async () => {
    const start = await post({ text: '我是谁' });
    const cookie = cookieOf(start)!;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) statuses.push((await post({ text: '绑定 ZZZZ2222' }, { cookie })).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses[5]).toBe(429);
    // Fresh identities (no cookie, never tried before) from the same address run into the per-address limit of 8:
    // 6 attempts were counted so far (1 in the rotation test, 5 above), so the third fresh one is refused.
    const fresh = [];
    for (let attempt = 0; attempt < 3; attempt++) fresh.push(await post({ text: `绑定 ZZZZ${attempt}ABC` }));
    expect(fresh.map((response) => response.status)).toEqual([200, 200, 429]);
    expect((await fresh[2].json()).error).toContain('过于频繁');
  });

  it('refuses cross-site requests and non-JSON bodies; sends no CORS headers', async () => {
    const cross = await post({ text: '你好' }, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(cross.headers.get('access-control-allow-origin')).toBeNull();
    const same = await post({ text: '你好' }, { origin: base });
    expect(same.status).toBe(200);
    const form = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=hi' });
    expect(form.status).toBe(415);
    const preflight = await fetch(`${base}/api/chat`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers POST /api/chat with replies and citations', async () => {
    const response = await post({ text: '第一档补助标准是多少' });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.replies[0].text).toBe('不高于38元/亩。');
    expect(body.replies[0].citations).toHaveLength(1);
    // The shared layout, for the page to escape and wrap: paragraphs, then citation blocks.
    expect(body.replies[0].blocks).toEqual([
      { kind: 'paragraph', text: '不高于38元/亩。' },
      { kind: 'citation', number: 1, source: '《测试文件》', section: '一、', quote: '不高于38元/亩。' },
    ]);
  });

  it('rejects malformed requests with a Chinese message', async () => {
    for (const body of ['{not json', { userId: 'x' }, { text: 42 }]) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(/text|JSON/);
    }
    expect((await asIntegration({ text: '没写 userId' })).status).toBe(400);
    expect((await fetch(`${base}/api/chat`)).status).toBe(405);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('refuses an oversized body with 413 and a Chinese message', async () => {
    const response = await post({ text: 'x'.repeat(300 * 1024) });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toContain('请求太大');
  });

  it('survives hostile text', async () => {
    for (const text of ['"*:NEAR(', "'; DROP TABLE sessions; --", '🌾🌾🌾', 'x'.repeat(15000)]) {
      const response = await post({ text });
      expect(response.status).toBe(200);
      expect((await response.json()).replies.length).toBeGreaterThan(0);
    }
  });
});

describe('web server limits', () => {
  const conversation = createConversation({ sessions: createSqliteSessionStore(openMemoryDatabase()), answerer: createFakeAnswerer({}) });
  const server = createWebServer({ conversation, requestTimeoutMs: 1000, maxConnections: 20 });
  let port = 0;
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  it('answers a stalled body with 408 within seconds and keeps serving', async () => {
    const { connect } = await import('node:net');
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"text":');
    const started = Date.now();
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    await once(socket, 'close');
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(5000);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(ok.status).toBe(200);
  });

  it('refuses a declared 20 MB body at once with 413', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/chat', headers: { 'content-type': 'application/json', 'content-length': String(20 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"text":"');
    });
    expect(status).toBe(413);
  });
});
