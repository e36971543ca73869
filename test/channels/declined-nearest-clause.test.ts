import { describe, expect, it } from 'vitest';
import type { ChannelDriver } from './cross-channel/channel-driver.ts';
import { startConsoleDriver, startWebDriver } from './cross-channel/local-drivers.ts';
import { startFeishuDriver, startTelegramDriver } from './cross-channel/platform-drivers.ts';

/** The 法库县 plan speaks of 作业补助 and its 资金 but names no bank card: a decline that quotes the closest clause. */
const NEAR_MISS = '法库县保护性耕作作业补助打到哪个银行卡';
const OFF_TOPIC = '明天天气怎么样';

const CHANNELS: Array<[string, () => Promise<ChannelDriver>]> = [
  ['web', startWebDriver],
  ['console', startConsoleDriver],
  ['telegram', startTelegramDriver],
  ['feishu', startFeishuDriver],
];

describe('a decline quoting the closest clause, on every channel', () => {
  for (const [name, start] of CHANNELS) {
    it(`${name}: says the documents do not answer, quotes the clause with its source; no source for an off-topic question`, async () => {
      const driver = await start();
      try {
        const near = (await driver.say(NEAR_MISS)).items;
        expect(near[0]).toBe('T:文件里没有找到直接回答这个问题的内容。');
        expect(near.some((item) => /^T:最接近的是《[^》]+》.*：「.+」（仅供参考，请以原文为准）$/.test(item))).toBe(true);
        expect(near.filter((item) => item.startsWith('C:'))).toEqual([expect.stringMatching(/^C:《[^》]+法库县2022年黑土地保护性耕作项目实施方案[^》]*》/)]);
        // a decline is logged as unanswered: no 有用/没用 under it
        expect(near.some((item) => item.startsWith('B:'))).toBe(false);

        const far = (await driver.say(OFF_TOPIC)).items;
        expect(far[0]).toBe('T:资料库里的政策文件没有讲到这个问题，我不能凭空回答。');
        expect(far.some((item) => item.startsWith('C:'))).toBe(false);
      } finally {
        await driver.close();
      }
    });
  }
});
