import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.ts';
import { makeDocx } from '../../../src/bench/fixtures/make-docx.ts';
import { createRecordingLogger } from '../../../src/channels/channel-logger.ts';
import { createTelegramChannel, type TelegramChannel } from '../../../src/channels/telegram/telegram-channel.ts';
import { loadConfig } from '../../../src/config.ts';
import { startFakeTelegramApi, type FakeTelegramApi } from '../../support/fake-telegram-api.ts';
import { ALICE, BOB, textUpdate, type TestUser } from './telegram-fixtures.ts';

let nextUpdate = 9000;
function documentUpdate(from: TestUser, fileId: string, fileName: string, size: number): Update {
  return {
    update_id: nextUpdate++,
    message: { message_id: nextUpdate, date: 0, chat: { id: from.id, type: 'private', first_name: from.first_name }, from, document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: fileName, file_size: size } },
  } as Update;
}

describe('an admin adds a document by sending it to the Telegram bot (real telegraf, fake Bot API with getFile and file download)', () => {
  let api: FakeTelegramApi;
  let app: App;
  let channel: TelegramChannel;
  let root: string;
  const logger = createRecordingLogger();

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'gengbao-tg-upload-'));
    mkdirSync(join(root, 'knowledge', 'docs'), { recursive: true });
    api = await startFakeTelegramApi();
    app = await createApp(loadConfig({ knowledge: join(root, 'knowledge'), data: join(root, 'data') }, { GENGBAO_ADMIN: `telegram:${ALICE.id}` }));
    channel = createTelegramChannel({ settings: { token: api.token, apiRoot: api.apiRoot }, conversation: app.conversation, logger });
    await channel.start();
  });
  afterAll(async () => {
    await channel.stop();
    await api.close();
    app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('stores, indexes and describes the admin’s file; refuses a non-admin without downloading or keeping it', async () => {
    const docx = await makeDocx(['青禾县2025年秸秆还田实施方案', '青禾农发〔2025〕7号', '一、补助标准', '秸秆还田作业每亩补助35元，由县财政统一兑付。', '乡镇\t还田面积（亩）\t负责人', '东河镇\t3200\t张三', '西岭乡\t2100\t李四'].join('\n'));
    api.addFile('F1', docx);
    api.addFile('F2', docx);
    api.pushUpdates(documentUpdate(BOB, 'F2', '别人的方案.docx', docx.length));
    const [refusal] = await api.waitForCalls('sendMessage', 1);
    expect(refusal.body).toMatchObject({ chat_id: BOB.id });
    expect(refusal.body.text).toContain('只有管理员可以向资料库添加文件');
    expect(api.downloads).toEqual([]);
    expect(existsSync(join(root, 'knowledge', 'docs', '别人的方案.docx'))).toBe(false);

    api.pushUpdates(documentUpdate(ALICE, 'F1', '秸秆还田方案.docx', docx.length));

    const sent = await api.waitForCalls('sendMessage', 2);
    const reply = String(sent[1].body.text);
    expect(sent[1].body.chat_id).toBe(ALICE.id);
    expect(api.callsOf('getFile').map((call) => call.body.file_id)).toEqual(['F1']);
    expect(reply).toContain('已添加「秸秆还田方案.docx」并索引');
    expect(reply).toContain('青禾农发〔2025〕7号');
    expect(reply).toMatch(/表格 2 行/);
    expect(reply).toMatch(/可以这样问：「[^」]+」/);
    expect(existsSync(join(root, 'knowledge', 'docs', '秸秆还田方案.docx'))).toBe(true);

    api.pushUpdates(textUpdate(ALICE, '东河镇还田面积多少亩？', { updateId: nextUpdate++ }));
    const answered = await api.waitForCalls('sendMessage', 3);
    expect(String(answered[2].body.text)).toContain('3200');
  }, 60_000);
});
