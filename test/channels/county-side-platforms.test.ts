import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createSqliteRecordStore } from '../../src/records/record-store.ts';
import { loadUnits } from '../../src/units/load-units.ts';
import { createSqliteUserStore } from '../../src/users/user-store.ts';
import { encryptFeishuPayload, feishuSignedHeaders, type FeishuCall } from '../support/fake-feishu-api.ts';
import { KNOWLEDGE_DIR, within } from './cross-channel/app-under-test.ts';
import { startFeishuPlatform, startTelegramPlatform } from './cross-channel/platform-drivers.ts';
import { ENCRYPT_KEY, messageEvent, USER_A, USER_B } from './feishu/feishu-fixtures.ts';
import { ALICE, BOB, textUpdate } from './telegram/telegram-fixtures.ts';

const FORM_ID = 'faku-2022-township-progress';

/**
 * A township reporter files a whole 乡镇进度 as people type it; the county admin asks who has not filed, returns the
 * report with a reason (the reporter is told by a message the bot sends first), the reporter corrects it in words,
 * and the admin exports the county's table as xlsx and csv — the files sent back as documents / file messages.
 */
const REPORTER_LINES = ['报进度', '5月', '累计完成一万二千五百亩', '验收九千', '跳过', '确认提交'];
const CORRECTION_LINES = ['县里说5月进度验收面积报错了，应该是8000亩', '确认提交'];

interface Platform {
  app: App;
  /** One message from the user (reporter or admin); resolves with the texts sent to that user's chat. */
  say(who: 'reporter' | 'admin', text: string): Promise<string>;
  /** Texts the bot sent first to the reporter (notices) since the start. */
  pushedToReporter(): string;
  /** Files sent to the admin: name and bytes. */
  files(): Array<{ name: string; content: Buffer }>;
  close(): Promise<void>;
}

/** A fixed Beijing day in June 2022, when 法库县's townships report May. */
async function countyApp(channel: string): Promise<App> {
  const data = mkdtempSync(join(tmpdir(), `gengbao-county-${channel}-`));
  return await createApp(loadConfig({ knowledge: KNOWLEDGE_DIR, data }, {}), { now: () => new Date('2022-06-03T10:00:00+08:00') });
}

async function invite(app: App, role: 'reporter' | 'admin', unit: string): Promise<string> {
  return (await createSqliteUserStore(app.db, loadUnits(KNOWLEDGE_DIR)).createInvite(role, unit, 'county-side-test')).code;
}

async function startTelegram(): Promise<Platform> {
  const { api, app, watched, channel, close } = await startTelegramPlatform(() => countyApp('telegram'), { notify: true });
  const users = { reporter: ALICE, admin: BOB };
  // Texts, and the captions of documents (an export's summary travels with its file).
  const sent = () => api.calls.filter((call) => call.method === 'sendMessage' || call.method === 'sendDocument');
  const textsTo = (chat: number, from = 0) => sent().slice(from).filter((call) => Number(call.body.chat_id) === chat).map((call) => String(call.body.text ?? call.body.caption ?? ''));
  return {
    app,
    async say(who, text) {
      const from = sent().length;
      const expected = watched.received() + 1;
      api.pushUpdates(textUpdate(users[who], text));
      await watched.untilReceived(expected);
      await within(channel.whenIdle(), `Telegram replies to 「${text}」`);
      return textsTo(users[who].id, from).join('\n');
    },
    pushedToReporter: () => textsTo(ALICE.id).join('\n'),
    files: () => api.callsOf('sendDocument').map((call) => ({ name: call.body.document.fileName, content: call.body.document.content })),
    close,
  };
}

async function startFeishu(): Promise<Platform> {
  const { api, app, watched, channel, base, close } = await startFeishuPlatform(() => countyApp('feishu'), { notify: true });
  const users = { reporter: { user: USER_A, chat: 'oc_p2p_alice' }, admin: { user: USER_B, chat: 'oc_p2p_bob' } };
  const textOf = (call: FeishuCall) => {
    const content = JSON.parse(call.body.content);
    if (call.body.msg_type === 'post') return (content.zh_cn.content as Array<Array<{ text: string }>>).map((line) => line.map((element) => element.text).join('')).join('\n');
    if (call.body.msg_type === 'interactive') return (content.elements as Array<{ text?: { content: string } }>).map((element) => element.text?.content ?? '').join('\n');
    return '';
  };
  const sent = () => api.calls.filter((call) => call.api === 'message.reply' || call.api === 'message.create');
  // One message at a time: the replies after it answer it; a notice the bot sends first goes to the user's open_id.
  return {
    app,
    async say(who, text) {
      const from = sent().length;
      const expected = watched.received() + 1;
      const event = messageEvent({ text, user: users[who].user, chatId: users[who].chat });
      const raw = JSON.stringify(encryptFeishuPayload(ENCRYPT_KEY, event));
      const response = await fetch(`${base}/feishu/events`, { method: 'POST', headers: feishuSignedHeaders(ENCRYPT_KEY, raw, Math.floor(Date.now() / 1000)), body: raw });
      expect(response.status).toBe(200);
      await watched.untilReceived(expected);
      await within(channel.whenIdle(), `Feishu replies to 「${text}」`);
      return sent().slice(from).filter((call) => call.api === 'message.reply').map(textOf).join('\n');
    },
    pushedToReporter: () => sent().filter((call) => call.api === 'message.create' && JSON.stringify(call).includes(USER_A)).map(textOf).join('\n'),
    files: () => api.calls.filter((call) => call.api === 'file.create').map((call) => ({ name: call.body.file_name, content: call.body.file.content })),
    close,
  };
}

let platform: Platform | undefined;
afterEach(async () => {
  await platform?.close();
  platform = undefined;
});

describe('the county side of a reporting cycle over the real telegraf and Lark SDK paths', () => {
  for (const [name, start] of [['telegram', startTelegram], ['feishu', startFeishu]] as const) {
    it(`${name}: filed, who has not filed, returned with a reason, corrected in words, exported as xlsx and csv`, async () => {
      platform = await start();
      const p = platform;
      expect(await p.say('reporter', `绑定 ${await invite(p.app, 'reporter', '三面船镇')}`)).toContain('三面船镇 填报员');
      expect(await p.say('admin', `绑定 ${await invite(p.app, 'admin', '法库县')}`)).toContain('法库县 管理员');
      for (const line of REPORTER_LINES) await p.say('reporter', line);

      const status = await p.say('admin', '5月进度还差哪几个乡镇');
      expect(status).toContain('19 个单位中 1 个已填报');
      expect(status).toContain('柏家沟镇');
      const returned = await p.say('admin', '退回三面船镇5月进度，验收面积报多了，让他们改');
      expect(returned).toContain('已退回三面船镇2022年5月');
      expect(returned).toContain('已通知填报员');
      expect(p.pushedToReporter()).toContain('请核对更正：验收面积报多了');

      for (const line of CORRECTION_LINES) await p.say('reporter', line);
      const [record] = await createSqliteRecordStore(p.app.db).latest(FORM_ID);
      expect(record).toMatchObject({ unit: '三面船镇', period: '2022-05', version: 2 });
      expect(record.data).toMatchObject({ completedArea: 12500, acceptedArea: 8000 });

      // A bare 导出 right after the status question exports that form: no question which one.
      expect(await p.say('admin', '5月进度谁还没报')).toContain('柏家沟镇');
      expect(await p.say('admin', '导出')).toContain('已生成《2022年乡镇保护性耕作进度》汇总表');
      await p.say('admin', '导出乡镇进度 csv');
      const files = p.files();
      expect(files.map((file) => file.name)).toEqual([expect.stringMatching(/\.xlsx$/), expect.stringMatching(/\.csv$/)]);
      expect(files[0].content.subarray(0, 2).toString()).toBe('PK');
      const csv = files[1].content.toString('utf8');
      expect(csv).toContain('三面船镇');
      expect(csv).toContain('12500');
      expect(csv).toContain('8000');
    });
  }
});
