import { describe, expect, it } from 'vitest';
import { createSqliteRecordStore } from '../../src/records/record-store.ts';
import { reporterInvite } from './cross-channel/app-under-test.ts';
import type { ChannelDriver } from './cross-channel/channel-driver.ts';
import { startConsoleDriver, startWebDriver } from './cross-channel/local-drivers.ts';
import type { ChannelTurn, NormalTurn } from './cross-channel/normal-form.ts';
import { startFeishuDriver, startTelegramDriver } from './cross-channel/platform-drivers.ts';

/** A user line, or a press of the button with this label in the previous turn. */
type Step = { say: string } | { press: string };

const FORM_ID = 'fujian-2026-acid-bimonthly';

/** A 宁化县 reporter: a policy question, an eligibility check, then a whole 双月调度 with 上一步 and a correction. */
const SCRIPT: Step[] = [
  { say: '第二档补助标准是多少？' },
  { say: '我是家庭农场，流转了100亩地，免耕播种，播种前秸秆大概盖了一半，能补多少钱？' },
  { say: '填报双月调度' },
  { say: '5-6月' },
  { say: '本期治理2.3万亩，取土45个' },
  { say: '累计治理5万亩' },
  { press: '上一步' },
  { say: '累计治理4万亩' },
  { say: '0' },
  { say: '6个' },
  { say: '3个' },
  // Not a bare 「1」: on the console a bare number presses that button ([1] 上一步), see the report on issue 5.
  { say: '1个' },
  { press: '石灰质物质' },
  { press: '有机肥' },
  { press: '选好了' },
  { say: '1200吨' },
  { say: '2万亩' },
  { say: '250万元' },
  { say: '1000万元' },
  { say: '320万' },
  { say: '50万元' },
  { say: '3200户' },
  { press: '跳过' },
  { say: '物化补助资金改成240万元' },
  { press: '确认提交' },
];

const stepName = (step: Step | undefined) => (!step ? '绑定 <邀请码>' : 'say' in step ? `「${step.say}」` : `press 「${step.press}」`);

/** Binds the user with a fresh invite through the channel itself, then plays the script. */
async function playScript(driver: ChannelDriver): Promise<NormalTurn[]> {
  const bound = await driver.say(`绑定 ${await reporterInvite(driver.app, '宁化县')}`);
  const turns: ChannelTurn[] = [bound];
  for (const step of SCRIPT) {
    const previous = turns[turns.length - 1];
    if ('say' in step) {
      turns.push(await driver.say(step.say));
    } else {
      expect([...previous.presses.keys()], `${driver.channel}: a button 「${step.press}」 to press`).toContain(step.press);
      turns.push(await driver.press(previous, step.press));
    }
  }
  return turns.map((turn) => turn.items);
}

const CHANNELS: Array<[string, () => Promise<ChannelDriver>]> = [
  ['web', startWebDriver],
  ['console', startConsoleDriver],
  ['telegram', startTelegramDriver],
  ['feishu', startFeishuDriver],
];

describe('one transcript on web, console, Telegram and Feishu (a fresh app per channel)', () => {
  const transcripts = new Map<string, NormalTurn[]>();

  for (const [name, start] of CHANNELS) {
    it(`${name}: question, eligibility check and a corrected 双月调度 saved once`, async () => {
      const driver = await start();
      try {
        transcripts.set(name, await playScript(driver));
        const records = await createSqliteRecordStore(driver.app.db).latest(FORM_ID);
        expect(records).toHaveLength(1);
        expect(records[0]).toMatchObject({ unit: '宁化县', period: '2026-05/06', version: 1, author: { userKey: driver.userKey, channel: driver.channel } });
        expect(records[0].data).toMatchObject({
          periodArea: 23000,
          // 5万亩 was taken back with 上一步 and answered again.
          cumulativeArea: 40000,
          samplesBefore: 45,
          materialKinds: ['石灰质物质', '有机肥'],
          // Corrected from 250万元 at the summary.
          materialSubsidy: 2_400_000,
        });
      } finally {
        await driver.close();
      }
    });
  }

  it('shows the same replies, sources and buttons on every channel', () => {
    const web = transcripts.get('web')!;
    expect([...transcripts.keys()].sort()).toEqual(['console', 'feishu', 'telegram', 'web']);
    const all = web.flat().join('\n');
    expect(all).toContain('T:绑定成功！您现在是 宁化县 填报员。');
    expect(all).toContain('第二档不高于58元/亩');
    expect(all).toMatch(/C:《[^》]+》法农农发〔2022〕16号 · 法库县2022年黑土地保护性耕作项目实施方案 › 四、扶持政策/);
    expect(all).toContain('T:【测算结果】符合保护性耕作作业补助条件，属于第二档。');
    expect(all).toContain('T:✓ 已把「物化补助资金」改为 240万元。');
    expect(all).toMatch(/T:✅ 已提交「2026年酸化耕地治理双月调度」，记录编号 R<id>/);
    for (const [name, turns] of transcripts) {
      expect(turns).toHaveLength(SCRIPT.length + 1);
      turns.forEach((items, index) => expect(items, `${name}, turn ${index} ${stepName(SCRIPT[index - 1])}`).toEqual(web[index]));
    }
  });
});

describe('console presses are #N, so a bare number stays an answer', () => {
  // Under 「千亩样板田有几个？」 the console shows 「[#1] 上一步」: a bare 「1」 must answer 1, as on the web.
  it('a bare number typed as an answer reads the same on the console as on the web', async () => {
    const lines = ['填报双月调度', '5-6月', '本期治理2.3万亩，取土45个', '累计治理5万亩', '0', '6个', '3个', '1'];
    const seen: NormalTurn[] = [];
    for (const start of [startWebDriver, startConsoleDriver]) {
      const driver = await start();
      try {
        await driver.say(`绑定 ${await reporterInvite(driver.app, '宁化县')}`);
        let last: ChannelTurn | undefined;
        for (const line of lines) last = await driver.say(line);
        seen.push(last!.items);
      } finally {
        await driver.close();
      }
    }
    expect(seen[0]).toContain('T:✓ 其中千亩样板田：1个');
    expect(seen[1]).toEqual(seen[0]);
  });
});
