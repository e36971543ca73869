import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../../src/app.ts';
import { makeDocx } from '../../../src/bench/fixtures/make-docx.ts';
import { createRecordingLogger } from '../../../src/channels/channel-logger.ts';
import { createFeishuChannel, type FeishuChannel } from '../../../src/channels/feishu/feishu-channel.ts';
import { loadConfig } from '../../../src/config.ts';
import { startFakeFeishuApi, type FakeFeishuApi } from '../../support/fake-feishu-api.ts';
import { fileMessageEvent, messageEvent, USER_A, USER_B } from './feishu-fixtures.ts';

const postText = (content: string) =>
  (JSON.parse(content).zh_cn.content as Array<Array<{ text: string }>>).map((line) => line.map((item) => item.text).join('')).join('\n');
/** A reply's text, whether it went out as a post or as a card with buttons. */
const replyText = (body: Record<string, any>) =>
  body.msg_type === 'post' ? postText(body.content) : (JSON.parse(body.content).elements as Array<{ text?: { content: string } }>).map((element) => element.text?.content ?? '').join('\n');

describe('an admin adds a document by sending it to the Feishu bot (real Lark SDK: long connection, messageResource.get)', () => {
  let api: FakeFeishuApi;
  let app: App;
  let channel: FeishuChannel;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'gengbao-feishu-upload-'));
    mkdirSync(join(root, 'knowledge', 'docs'), { recursive: true });
    api = await startFakeFeishuApi();
    app = await createApp(loadConfig({ knowledge: join(root, 'knowledge'), data: join(root, 'data') }, { GENGBAO_ADMIN: `feishu:${USER_A}`}));
    channel = createFeishuChannel({ settings: { appId: api.appId, appSecret: api.appSecret, domain: api.domain, mode: 'ws' }, conversation: app.conversation, logger: createRecordingLogger() });
    await channel.start();
    await api.waitForConnection();
  });
  afterAll(async () => {
    await channel.stop();
    await api.close();
    app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('downloads, stores, indexes and describes the admin’s file; refuses a non-admin without downloading or keeping it', async () => {
    const docx = await makeDocx(['青禾县2025年秸秆还田实施方案', '青禾农发〔2025〕7号', '一、补助标准', '秸秆还田作业每亩补助35元，由县财政统一兑付。', '乡镇\t还田面积（亩）\t负责人', '东河镇\t3200\t张三', '西岭乡\t2100\t李四'].join('\n'));
    const refused = fileMessageEvent({ fileKey: 'file_v3_bob', fileName: '别人的方案.docx', user: USER_B, eventId: 'ev_up_bob' });
    api.addResource('om_ev_up_bob', 'file_v3_bob', docx);
    await api.pushWsEvent(refused);
    const [refusal] = await api.waitForCalls('message.reply', 1);
    expect(postText(refusal.body.content)).toContain('只有管理员可以向资料库添加文件');
    expect(api.downloads).toEqual([]);
    expect(existsSync(join(root, 'knowledge', 'docs', '别人的方案.docx'))).toBe(false);

    api.addResource('om_ev_up_alice', 'file_v3_alice', docx);
    await api.pushWsEvent(fileMessageEvent({ fileKey: 'file_v3_alice', fileName: '秸秆还田方案.docx', eventId: 'ev_up_alice' }));
    const replies = await api.waitForCalls('message.reply', 2);
    const described = postText(replies[1].body.content);
    expect(replies[1].path).toBe('/open-apis/im/v1/messages/om_ev_up_alice/reply');
    expect(api.downloads).toEqual(['om_ev_up_alice/file_v3_alice?type=file']);
    expect(described).toContain('已添加「秸秆还田方案.docx」并索引');
    expect(described).toContain('青禾农发〔2025〕7号');
    expect(described).toMatch(/可以这样问：「[^」]+」/);
    expect(existsSync(join(root, 'knowledge', 'docs', '秸秆还田方案.docx'))).toBe(true);

    await api.pushWsEvent(messageEvent({ text: '东河镇还田面积多少亩？' }));
    const answered = await api.waitForCalls('message.reply', 3);
    expect(replyText(answered[2].body)).toContain('3200');
  }, 60_000);

  it('stops a download that passes the size limit (Feishu gives no size in advance) and keeps nothing', async () => {
    vi.stubEnv('GENGBAO_MAX_DOC_MB', '1');
    try {
      const big = Buffer.alloc(1024 * 1024 + 10, 0x20);
      api.addResource('om_ev_up_big', 'file_v3_big', big);
      const before = api.callsOf('message.reply').length;
      await api.pushWsEvent(fileMessageEvent({ fileKey: 'file_v3_big', fileName: '大文件.pdf', eventId: 'ev_up_big' }));
      const replies = await api.waitForCalls('message.reply', before + 1);
      expect(postText(replies[before].body.content)).toContain('没有添加「大文件.pdf」：文件超过 1 MB 的上限');
      expect(existsSync(join(root, 'knowledge', 'docs', '大文件.pdf'))).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 30_000);
});
