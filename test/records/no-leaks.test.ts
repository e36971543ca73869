import { mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { createWebIdentity } from '../../src/channels/web/web-identity.ts';
import { createWebServer } from '../../src/channels/web/web-server.ts';
import { loadConfig } from '../../src/config.ts';
import { loadUnits } from '../../src/units/load-units.ts';
import { createSqliteUserStore } from '../../src/users/user-store.ts';
import { KNOWLEDGE } from '../forms/form-harness.ts';
import { BIMONTHLY_REST } from '../reporting/bimonthly-fill.ts';

const TOKEN = 'integration-token-0123456789abcdef';
const FORM = 'fujian-2026-acid-bimonthly';

/** The whole app over a real SQLite file behind the real web server; integrations speak as named web users. */
describe('other users are never shown by their account, other units never by their records', () => {
  let app: App;
  let server: Server;
  let base: string;
  const say = async (userId: string, text: string): Promise<string> => {
    const response = await fetch(`${base}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ userId, text }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { replies: Array<{ text: string }> }).replies.map((reply) => reply.text).join('\n');
  };

  beforeAll(async () => {
    app = await createApp(loadConfig({ knowledge: KNOWLEDGE, data: mkdtempSync(join(tmpdir(), 'gengbao-leaks-')) }, {}));
    const users = createSqliteUserStore(app.db, loadUnits(KNOWLEDGE));
    await users.bind('web:nh-admin', 'reporter', '宁化县', 'test');
    await users.bind('web:nh-second', 'reporter', '宁化县', 'test');
    await users.bind('web:yt-reporter', 'reporter', '永泰县', 'test');
    await users.bind('web:yt-admin', 'admin', '永泰县', 'test');
    server = createWebServer({ conversation: app.conversation, identity: createWebIdentity({ secret: Buffer.alloc(32, 7), apiToken: TOKEN }), users: app.conversationUsers });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await say('nh-admin', '填报双月调度');
    await say('nh-admin', '5-6月');
    for (const line of BIMONTHLY_REST) await say('nh-admin', line);
    expect(await say('nh-admin', '确认提交')).toContain('已提交');
  });

  afterAll(() => {
    server?.close();
    app?.close();
  });

  it('「查看记录」 names the filer without their account key, and the id gives nothing away', async () => {
    const text = await say('nh-second', '查看记录');
    expect(text).toContain('宁化县');
    expect(text).toContain('未留姓名的网页用户');
    expect(text).not.toContain('nh-admin');
    expect(text).toMatch(/• R[2-9A-HJKMNP-Z]{8} /);
  });

  it('the second filer of the same unit and period is told someone filed, not who by account', async () => {
    await say('nh-second', '填报双月调度');
    const early = await say('nh-second', '5-6月');
    expect(early).toContain('已由 未留姓名的网页用户 提交');
    for (const line of BIMONTHLY_REST) await say('nh-second', line);
    const conflict = await say('nh-second', '确认提交');
    expect(conflict).toContain('已由 未留姓名的网页用户');
    expect(`${early}\n${conflict}`).not.toContain('nh-admin');
    expect(await app.reporting.records.latest(FORM, { unit: '宁化县' })).toHaveLength(1);
  });

  it('「修改记录」 of another county\'s record reads exactly like a record that does not exist', async () => {
    const [record] = await app.reporting.records.latest(FORM, { unit: '宁化县' });
    for (const user of ['yt-reporter', 'yt-admin']) {
      const other = await say(user, `修改记录 ${record.recordId}`);
      const missing = await say(user, '修改记录 RZZZZZZZZ');
      expect(other).toContain(`没有您可以查看的记录 ${record.recordId}`);
      expect(other.replace(record.recordId, '<id>')).toBe(missing.replace('RZZZZZZZZ', '<id>'));
      expect(other).not.toMatch(/宁化|三明|nh-admin/);
    }
    expect(await app.reporting.records.history(record.recordId)).toHaveLength(1);
  });

  it('the owner can still correct it by the id', async () => {
    const [record] = await app.reporting.records.latest(FORM, { unit: '宁化县' });
    expect(await say('nh-second', `修改记录 ${record.recordId.toLowerCase()}`)).toContain(`正在修改记录 ${record.recordId}`);
  });
});
