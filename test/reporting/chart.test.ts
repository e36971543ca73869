import ExcelJS from 'exceljs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFeishuChannel } from '../../src/channels/feishu/feishu-channel.ts';
import { createRecordingLogger } from '../../src/channels/channel-logger.ts';
import { createTelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import { useCliHarness } from '../support/cli-harness.ts';
import { startFakeFeishuApi, type FakeFeishuApi } from '../support/fake-feishu-api.ts';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.ts';
import { createHarness } from '../forms/form-harness.ts';
import { fileBimonthly } from './bimonthly-fill.ts';
import { startReportingApp, type ReportingApp } from './reporting-app.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const { cli, dataDir } = useCliHarness();
let r: ReportingApp | undefined;
let telegram: FakeTelegramApi | undefined;
let feishu: FakeFeishuApi | undefined;
afterEach(async () => {
  r?.close();
  await telegram?.close();
  await feishu?.close();
});

describe('progress chart', () => {
  it('gengbao chart writes a PNG from a database filled by chat; export gets a sheet per period', async () => {
    const h = createHarness({ dataDir: dataDir() });
    await h.bind('li', 'reporter', '宁化县');
    await fileBimonthly(h, 'li', '3-4月', { 0: '本期治理2万亩，取土45个', 1: '累计治理2万亩' });
    await fileBimonthly(h, 'li', '5-6月');
    h.db.close();
    const out = join(dataDir(), 'progress.png');
    const run = await cli('chart', '双月调度', '--period', '5-6月', '--out', out, '--now', '2026-06-20T10:00+08:00');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('5 个单位中 1 个已填报，已报单位合计累计治理面积（亩） 50,000');
    const png = readFileSync(out);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.length).toBeGreaterThan(20_000);
    expect((await cli('chart', '双月调度', '--out', 'x.txt')).err).toContain('--out 应是 .png 文件');

    const xlsx = join(dataDir(), 'report.xlsx');
    expect((await cli('export', 'fujian-2026-acid-bimonthly', '--period', '5-6月', '--out', xlsx)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('各期进度')!;
    expect(sheet).toBeDefined();
    const rows = sheet.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
    const byLabel = (label: string) => rows.find((row) => String(row[1]).startsWith(label))!;
    expect(byLabel('3-4月')).toEqual(expect.arrayContaining([5, 1, 4, 20000, 400000]));
    expect(byLabel('5-6月').slice(2, 6)).toEqual([5, 1, 4, 50000]);
    expect(existsSync(xlsx)).toBe(true);
  });

  it('an admin asks in chat and gets the PNG; Telegram sends it as a photo, Feishu as an image message', async () => {
    r = await startReportingApp();
    await r.bind('li', 'reporter', '宁化县');
    await r.file('li', '5-6月');
    await r.users.bind('test:boss', 'admin', undefined, 'test');
    const [reply] = await r.say('boss', '双月调度进度图');
    expect(reply.text).toContain('进度图');
    expect(reply.attachment?.mimeType).toBe('image/png');
    expect(reply.attachment!.content.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(await r.text('li', '双月调度进度图')).toContain('仅限县级管理员使用');

    telegram = await startFakeTelegramApi();
    feishu = await startFakeFeishuApi();
    const logger = createRecordingLogger();
    const tg = createTelegramChannel({ settings: { token: telegram.token, apiRoot: telegram.apiRoot }, conversation: r.app.conversation, logger, botInfo: { id: 7000001, username: 'gengbao_test_bot' } });
    const fs = createFeishuChannel({ settings: { appId: feishu.appId, appSecret: feishu.appSecret, domain: feishu.domain, mode: 'http', encryptKey: 'k', verificationToken: 't' }, conversation: r.app.conversation, logger });
    await tg.notifier!.send('900', [reply]);
    const [photo] = telegram.callsOf('sendPhoto');
    expect(photo.body.photo.fileName).toMatch(/\.png$/);
    expect(Buffer.from(photo.body.photo.content).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(photo.body.caption).toContain('进度图');
    expect(telegram.callsOf('sendDocument')).toHaveLength(0);
    await fs.notifier!.send('ou_admin', [reply]);
    expect(feishu.callsOf('image.create')).toHaveLength(1);
    const image = feishu.callsOf('message.create').find((call) => call.body.msg_type === 'image')!;
    expect(JSON.parse(image.body.content).image_key).toMatch(/^img_v3_/);
    expect(image.query.receive_id_type).toBe('open_id');
  });
});
