import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.ts';
import { createRecordingLogger } from '../../../src/channels/channel-logger.ts';
import { createFeishuChannel, type FeishuChannel } from '../../../src/channels/feishu/feishu-channel.ts';
import { createTelegramChannel, type TelegramChannel } from '../../../src/channels/telegram/telegram-channel.ts';
import { loadConfig } from '../../../src/config.ts';
import { ENCRYPT_KEY, messageEvent, VERIFICATION_TOKEN } from '../../channels/feishu/feishu-fixtures.ts';
import { ALICE, textUpdate } from '../../channels/telegram/telegram-fixtures.ts';
import { encryptFeishuPayload, feishuSignedHeaders, startFakeFeishuApi, type FakeFeishuApi } from '../../support/fake-feishu-api.ts';
import { closeServer, listenOnLoopback } from '../../support/fake-http.ts';
import { startFakeTelegramApi, type FakeTelegramApi } from '../../support/fake-telegram-api.ts';
import { postgresTestUrl, usePostgresCluster } from '../../support/store-engines.ts';
import type { Harness } from '../../forms/form-harness.ts';
import { fileBimonthly } from '../../reporting/bimonthly-fill.ts';

const unavailable = usePostgresCluster();
const KNOWLEDGE = join(import.meta.dirname, '..', '..', '..', 'knowledge');
const SECRET = 'hook_secret-123';
const FORM = 'fujian-2026-acid-bimonthly';

interface Instance {
  app: App;
  telegram: TelegramChannel;
  feishu: FeishuChannel;
  server: Server;
  base: string;
}

/** One `gengbao serve` as built from the environment: its own data folder (knowledge index), the shared DATABASE_URL. */
async function startInstance(url: string, telegramApi: FakeTelegramApi, feishuApi: FakeFeishuApi): Promise<Instance> {
  const data = mkdtempSync(join(tmpdir(), 'gengbao-instance-'));
  const app = await createApp(loadConfig({ knowledge: KNOWLEDGE, data }, { DATABASE_URL: url }));
  const logger = createRecordingLogger();
  const telegram = createTelegramChannel({
    settings: { token: telegramApi.token, apiRoot: telegramApi.apiRoot, webhook: { url: 'https://bot.example.cn/telegram/hook', path: '/telegram/hook', secret: SECRET } },
    conversation: app.conversation,
    logger,
  });
  const feishu = createFeishuChannel({
    settings: { appId: feishuApi.appId, appSecret: feishuApi.appSecret, domain: feishuApi.domain, mode: 'http', encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN },
    conversation: app.conversation,
    logger,
  });
  const server = createServer((request, response) => {
    if (!telegram.handleHttp(request, response) && !feishu.handleHttp(request, response)) response.writeHead(404).end();
  });
  const base = `http://127.0.0.1:${await listenOnLoopback(server)}`;
  await telegram.start();
  await feishu.start();
  return { app, telegram, feishu, server, base };
}

(unavailable ? describe.skip : describe)(`two instances on one PostgreSQL database${unavailable ? ` — 跳过：${unavailable}` : ''}`, () => {
  let telegramApi: FakeTelegramApi;
  let feishuApi: FakeFeishuApi;
  let instances: Instance[] = [];

  beforeAll(async () => {
    const url = await postgresTestUrl();
    telegramApi = await startFakeTelegramApi();
    feishuApi = await startFakeFeishuApi();
    // One after the other, as a rolling start would: the second finds the migrations applied.
    instances = [await startInstance(url, telegramApi, feishuApi), await startInstance(url, telegramApi, feishuApi)];
  }, 120_000);

  afterAll(async () => {
    for (const { app, telegram, feishu, server } of instances) {
      await telegram.stop();
      await feishu.stop();
      await closeServer(server);
      await app.shutdown();
    }
    await telegramApi?.close();
    await feishuApi?.close();
  });

  const idle = () => Promise.all(instances.flatMap(({ telegram, feishu }) => [telegram.whenIdle(), feishu.whenIdle()]));

  it('both use PostgreSQL, migrated once', async () => {
    for (const { app } of instances) {
      expect(app.stores.engine).toBe('postgres');
      expect((await app.stores.migrationStatus()).pending).toEqual([]);
    }
  });

  it('the same Telegram update delivered to both instances (webhook) gets one reply', async () => {
    const update = textUpdate(ALICE, '耕地地力保护补贴发给谁');
    const before = telegramApi.callsOf('sendMessage').length;
    const responses = await Promise.all(
      instances.map(({ base }) =>
        fetch(`${base}/telegram/hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    await telegramApi.waitForCalls('sendMessage', before + 1);
    await idle();
    expect(telegramApi.callsOf('sendMessage').length - before).toBe(1);
  });

  it('the same Feishu event delivered to both instances gets one reply; a new event gets its own', async () => {
    const replies = () => feishuApi.calls.filter((call) => call.api === 'message.reply' || call.api === 'message.create').length;
    const before = replies();
    const post = (base: string, event: object) => {
      const raw = JSON.stringify(encryptFeishuPayload(ENCRYPT_KEY, event));
      return fetch(`${base}/feishu/events`, { method: 'POST', headers: feishuSignedHeaders(ENCRYPT_KEY, raw, Math.floor(Date.now() / 1000)), body: raw });
    };
    const event = messageEvent({ text: '轮作休耕补助标准是多少' });
    const responses = await Promise.all(instances.map(({ base }) => post(base, event)));
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    await idle();
    expect(replies() - before).toBe(1);
    await post(instances[1].base, messageEvent({ text: '秸秆还田怎么补' }));
    await idle();
    expect(replies() - before).toBe(2);
  });

  it('a reporter binds on one instance and files a form with messages alternating between both: saved once, seen by both', async () => {
    const [a, b] = instances;
    const invite = await a.app.stores.users.createInvite('reporter', '宁化县', 'test');
    let turn = 0;
    const say = async (user: string, text: string) => {
      const instance = instances[turn++ % 2];
      return (await instance.app.conversation.handle({ channel: 'web', userId: user, text })).map((reply) => reply.text).join('\n---\n');
    };
    expect(await say('reporter-1', `绑定 ${invite.code}`)).toMatch(/宁化县/);
    expect(await b.app.conversationUsers.profile('web:reporter-1')).toMatchObject({ role: 'reporter', unit: '宁化县' });
    const saved = await fileBimonthly({ say } as unknown as Harness, 'reporter-1', '5-6月');
    expect(saved).toMatch(/已保存|已提交|提交成功/);
    const [onA, onB] = await Promise.all([a.app.stores.records.latest(FORM), b.app.stores.records.latest(FORM)]);
    expect(onA).toHaveLength(1);
    expect(onB).toEqual(onA);
    expect(onA[0]).toMatchObject({ unit: '宁化县', version: 1, author: { userKey: 'web:reporter-1' } });
    // The confirmation pressed again on the other instance is not a second record.
    await say('reporter-1', '确认提交');
    expect(await a.app.stores.records.allVersions(FORM)).toHaveLength(1);
  });
});
