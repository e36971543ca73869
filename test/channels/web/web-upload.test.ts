import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.ts';
import { makeDocx } from '../../../src/bench/fixtures/make-docx.ts';
import { createRecordingLogger } from '../../../src/channels/channel-logger.ts';
import { createWebIdentity } from '../../../src/channels/web/web-identity.ts';
import { createWebServer } from '../../../src/channels/web/web-server.ts';
import { loadConfig } from '../../../src/config.ts';
import { loadUnits } from '../../../src/units/load-units.ts';
import { createSqliteUserStore } from '../../../src/users/user-store.ts';
import { closeServer, listenOnLoopback } from '../../support/fake-http.ts';

describe('an admin adds a document from the web chat (POST /api/upload, cookie identity, real HTTP and SQLite)', () => {
  let app: App;
  let server: Server;
  let root: string;
  let base = '';

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'gengbao-web-upload-'));
    mkdirSync(join(root, 'knowledge', 'docs'), { recursive: true });
    app = await createApp(loadConfig({ knowledge: join(root, 'knowledge'), data: join(root, 'data') }, {}));
    server = createWebServer({
      conversation: app.conversation,
      users: app.conversationUsers,
      identity: createWebIdentity({ secret: randomBytes(32) }),
      maxUploadBytes: 512 * 1024,
      logger: createRecordingLogger(),
    });
    base = `http://127.0.0.1:${await listenOnLoopback(server)}`;
  });
  afterAll(async () => {
    await closeServer(server);
    app.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** A fresh cookie identity from the chat API, optionally made an administrator in the user store. */
  async function visitor(role?: 'admin'): Promise<string> {
    const response = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '你好' }) });
    const cookie = response.headers.get('set-cookie')!.split(';')[0];
    if (role) {
      const userId = cookie.slice('gengbao_sid='.length, cookie.lastIndexOf('.'));
      await createSqliteUserStore(app.db, loadUnits(join(root, 'knowledge'))).bind(`web:${userId}`, role, undefined, 'test');
    }
    return cookie;
  }
  const upload = (body: Buffer, fileName: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/upload`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName), ...headers }, body: new Uint8Array(body) });
  const textOf = async (response: Response) => ((await response.json()) as { replies: Array<{ text: string }> }).replies.map((reply) => reply.text).join('\n');
  const docs = () => readdirSync(join(root, 'knowledge', 'docs'));

  it('stores, indexes and describes an admin’s file; a farmer is refused politely and nothing is kept', async () => {
    const docx = await makeDocx(['青禾县2025年秸秆还田实施方案', '青禾农发〔2025〕7号', '一、补助标准', '秸秆还田作业每亩补助35元，由县财政统一兑付。', '乡镇\t还田面积（亩）\t负责人', '东河镇\t3200\t张三'].join('\n'));
    const farmer = await upload(docx, '别人的方案.docx', { cookie: await visitor() });
    expect(farmer.status).toBe(200);
    expect(await textOf(farmer)).toContain('只有管理员可以向资料库添加文件');
    expect(docs()).toEqual([]);

    const admin = await visitor('admin');
    const added = await upload(docx, '秸秆还田方案.docx', { cookie: admin, origin: base });
    expect(added.status).toBe(200);
    const described = await textOf(added);
    expect(described).toContain('已添加「秸秆还田方案.docx」并索引');
    expect(described).toContain('青禾农发〔2025〕7号');
    expect(existsSync(join(root, 'knowledge', 'docs', '秸秆还田方案.docx'))).toBe(true);

    const asked = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin }, body: JSON.stringify({ text: '东河镇还田面积多少亩？' }) });
    expect(await textOf(asked)).toContain('3200');
  }, 60_000);

  it('refuses cross-site uploads, a missing name, and a declared size over the limit before reading the body', async () => {
    const admin = await visitor('admin');
    const cross = await upload(Buffer.from('x'), 'a.txt', { cookie: admin, origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    const unnamed = await fetch(`${base}/api/upload`, { method: 'POST', headers: { cookie: admin }, body: 'x' });
    expect(unnamed.status).toBe(400);
    expect((await unnamed.json()).error).toContain('X-File-Name');
    const big = await upload(Buffer.alloc(600 * 1024, 0x41), '大文件.txt', { cookie: admin });
    expect(big.status).toBe(413);
    expect((await big.json()).error).toContain('文件太大');
    expect((await fetch(`${base}/api/upload`)).status).toBe(405);
    expect(docs()).not.toContain('大文件.txt');
  });

  it('stops a body without a declared length once it passes the limit, and keeps nothing', async () => {
    const admin = await visitor('admin');
    const chunks = [Buffer.alloc(300 * 1024, 0x41), Buffer.alloc(300 * 1024, 0x42)];
    const body = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const response = await fetch(`${base}/api/upload`, { method: 'POST', headers: { cookie: admin, 'x-file-name': 'stream.txt' }, body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(200);
    expect(await textOf(response)).toContain('没有添加「stream.txt」：文件超过');
    expect(docs()).not.toContain('stream.txt');
  });
});
