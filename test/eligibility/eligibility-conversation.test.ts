import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/core/conversation.ts';
import type { Reply } from '../../src/core/types.ts';
import { createEligibilitySkill } from '../../src/eligibility/index.ts';
import { loadRuleSets } from '../../src/rules/index.ts';
import { openMemoryDatabase } from '../../src/database/database.ts';
import { createSqliteSessionStore } from '../../src/core/session-store.ts';
import { createFakeAnswerer } from '../support/fake-answerer.ts';

const rules = loadRuleSets('knowledge');

function setup() {
  const answerer = createFakeAnswerer();
  const eligibilitySkill = createEligibilitySkill({ rules });
  const conversation = createConversation({
    sessions: createSqliteSessionStore(openMemoryDatabase()),
    answerer,
    skills: [eligibilitySkill],
    onError: (error) => {
      throw error;
    },
  });
  let shown: Reply[] = [];
  const seen = async (replies: Promise<Reply[]>) => (shown = await replies);
  const say = (text: string) => seen(conversation.handle({ channel: 'test', userId: 'farmer', text }));
  const press = (action: string) => seen(conversation.handle({ channel: 'test', userId: 'farmer', action }));
  /** Presses the button with this label on the last reply (it must be there). */
  const choose = (label: string) => {
    const action = shown.at(-1)?.buttons?.find((button) => button.label === label)?.action;
    expect(action, `button 「${label}」`).toBeDefined();
    return press(action!);
  };
  return { say, press, choose, answerer };
}

const last = (replies: Reply[]) => replies[replies.length - 1];
const actions = (reply: Reply) => (reply.buttons ?? []).map((button) => button.action);
const labels = (reply: Reply) => (reply.buttons ?? []).map((button) => button.label);

describe('eligibility conversation', () => {
  it('the farmer of the issue: one message, answered at once with the approximate share as a stated assumption', async () => {
    const { say } = setup();
    const first = await say('我是家庭农场，流转了100亩地，免耕播种，播种前秸秆大概盖了一半，能补多少钱？');
    expect(first[0].text).toContain('法库县2022年黑土地保护性耕作项目实施方案');
    const answer = last(first);
    expect(answer.text).toContain('播种前秸秆覆盖率是个大概的数（「一半」），以下按50%计算');
    expect(answer.text).not.toContain('可以吗');
    expect(actions(answer)).toEqual(['eligibility:new:ct']);
    expect(answer.text).toContain('（计算：100亩×58元/亩=5800元）');
    expect(answer.text).toContain('符合保护性耕作作业补助条件');
    expect(answer.text).toContain('第二档（秸秆部分覆盖），不高于58元/亩，100亩最多5800元');
    expect(answer.text).toContain('流转耕地的有效凭证');
    expect(answer.text).toContain('2022年4月22日前');
    expect(answer.text).toContain('2022年7月25日前');
    expect(answer.text).toContain('2022年9月30日前');
    expect(answer.text).toContain('辽宁省沈阳市法库县2022年的标准');
    const sections = answer.citations!.map((citation) => citation.section);
    expect(sections).toContain('四、扶持政策 › （三）实行差异化作业补助 › 1. 划分依据');
    expect(sections).toContain('四、扶持政策 › （三）实行差异化作业补助 › 2. 补助标准');
    expect(sections).toContain('五、实施程序 › （一）任务落实');
    for (const citation of answer.citations!) {
      expect(citation).toMatchObject({ doc: '002_79c350805b434cf5.txt', docNumber: '法农农发〔2022〕16号' });
      expect(citation.quote.length).toBeGreaterThan(5);
    }
  });

  it('asks only for what is missing, one question at a time, with buttons', async () => {
    const { say, choose } = setup();
    const sowing = last(await say('秸秆还田了，能补多少钱？'));
    expect(sowing.text).toContain('怎么播种');
    expect(labels(sowing)).toEqual(['免耕播种', '少耕播种', '翻耕/旋耕整地后播种']);
    for (const action of actions(sowing)) expect(Buffer.byteLength(action)).toBeLessThanOrEqual(64);
    expect(last(await choose('少耕播种')).text).toContain('秸秆');
    expect(last(await say('45%')).text).toContain('动土面积');
    expect(last(await say('三成')).text).toContain('深度');
    expect(last(await say('8厘米')).text).toContain('面积');
    const land = last(await say('120亩'));
    expect(labels(land)).toEqual(['自家承包地', '流转来的地', '给别人代耕', '上一步']);
    const operator = last(await choose('给别人代耕'));
    expect(labels(operator)).toContain('农机合作社');
    const answer = last(await choose('农机户'));
    expect(answer.text).toContain('不高于58元/亩，120亩最多6960元');
    expect(answer.text).toContain('代耕作业合同');
    expect(answer.text).toContain('验收签字确认');
  });

  it('少耕 with 70% disturbance is told it fails the definition, with the reason and clause', async () => {
    const { say } = setup();
    const answer = last(await say('我们合作社少耕播种，动土面积70%，秸秆盖了四成，200亩，能补多少？'));
    expect(answer.text).toContain('不符合保护性耕作作业补助条件');
    expect(answer.text).toContain('动土面积为 70%');
    expect(answer.citations![0].quote).toContain('动土面积低于 50%');
  });

  it('50% disturbance exactly is not 少耕; 12cm depth only warns', async () => {
    const fifty = last(await setup().say('少耕，动土面积50%，秸秆盖了四成，能补多少？'));
    expect(fifty.text).toContain('不符合');
    const { say, choose } = setup();
    await say('少耕播种，动土面积30%，深度12厘米，秸秆盖了四成，100亩流转地，能补多少？');
    const answer = last(await choose('家庭农场'));
    expect(answer.text).toContain('符合保护性耕作作业补助条件');
    expect(answer.text).toContain('超过「原则上不超过10cm」');
  });

  it('常规 sowing is not conservation tillage', async () => {
    const { say, choose } = setup();
    await say('我家100亩地，秸秆盖了一半，能补多少？');
    const answer = last(await choose('翻耕/旋耕整地后播种'));
    expect(answer.text).toContain('不是免耕或少耕播种');
  });

  it.each([
    ['29.9%', '第一档', '38元/亩'],
    ['30%', '第二档', '58元/亩'],
    ['59.9%', '第二档', '58元/亩'],
    ['60%', '第三档', '90元/亩'],
  ])('cover %s → %s (%s)', async (cover, tier, cap) => {
    const answer = last(await setup().say(`家庭农场，自家承包地100亩，免耕，秸秆覆盖${cover}，能补多少？`));
    expect(answer.text).toContain(tier);
    expect(answer.text).toContain(`不高于${cap}`);
  });
});

describe('eligibility conversation: bad input', () => {
  it('contradictions and absurd values are named; what was given is kept', async () => {
    const { say, press, choose } = setup();
    const replies = await say('家庭农场，免耕，少耕都有，100亩，还有200亩，秸秆覆盖150%，能补多少？');
    const text = replies.map((reply) => reply.text).join('\n');
    expect(text).toContain('同时提到了「免耕」和「少耕」');
    expect(text).toContain('「100亩」和「200亩」');
    expect(text).toContain('0–100%');
    expect(labels(last(replies))).toEqual(['免耕', '少耕']);
    expect(labels(last(await press('eligibility:p:0')))).toEqual(['100亩', '200亩']);
    expect(last(await press('eligibility:p:1')).text).toContain('秸秆');
    expect(last(await say('60%')).text).toContain('哪种情况');
    const answer = last(await choose('自家承包地'));
    expect(answer.text).toContain('家庭农场');
    expect(answer.text).toContain('200亩最多18000元');
  });

  it.each([
    ['0亩', '应大于0亩'],
    ['10亿亩', '0–10000000亩'],
    ['50万亩', '超过了全县全年计划'],
  ])('area %s → %s, asked again', async (area, message) => {
    const { say } = setup();
    const reply = last(await say(`流转了${area}地免耕，秸秆盖了六成，能补多少钱`));
    expect(reply.text).toContain(message);
    expect(reply.text).toContain('面积有多少亩');
  });

  it('公顷 where 亩 is expected: converted exactly and the conversion stated, then the next question', async () => {
    const { say } = setup();
    await say('免耕播种，秸秆盖了六成，能补多少？');
    const next = last(await say('2公顷'));
    expect(next.text).toContain('「2公顷」，已按 1 公顷 = 15 亩换算，即 30亩');
    expect(next.text).toContain('哪种情况');
    const again = (await say('两公顷地免耕，秸秆覆盖四成，能补多少？')).map((reply) => reply.text).join('\n');
    expect(again).toContain('第二档（秸秆部分覆盖），不高于58元/亩，30亩最多1740元');
  });

  it('a range is never guessed', async () => {
    const { say, press } = setup();
    await say('免耕播种，秸秆盖了六成，能补多少？');
    const pick = last(await say('大概四五十亩'));
    expect(pick.text).toContain('范围');
    expect(labels(pick)).toEqual(['40亩', '50亩']);
    expect(last(await press('eligibility:p:1')).text).toContain('哪种情况');
  });

  it('an unreadable answer gets a hint; an unrelated question falls through with a reminder', async () => {
    const { say, answerer } = setup();
    await say('免耕播种，能补多少？');
    const hint = last(await say('啊啊啊'));
    expect(hint.text).toContain('秸秆');
    const replies = await say('第二档补助标准是多少？');
    expect(answerer.questions).toEqual(['第二档补助标准是多少?']);
    expect(last(replies).text).toContain('保护性耕作作业补助测算');
  });

  it('a stale button after the answer, and after 取消, gets a clear message', async () => {
    const { say, press } = setup();
    await say('我们合作社少耕播种，动土面积70%，能补多少？');
    const stale = last(await press('eligibility:y'));
    expect(stale.text).toContain('按钮已失效');
    expect(actions(stale)).toEqual(['eligibility:new']);

    await say('免耕播种，能补多少？');
    expect(last(await say('取消')).text).toContain('已取消补贴测算');
    expect(last(await press('eligibility:o:0')).text).toContain('按钮已失效');
    expect(last(await press('eligibility:new:ct')).text).toContain('怎么播种');
  });

  it('another county is told its own plan governs', async () => {
    const { text } = last(await setup().say('我是吉林省梨树县的家庭农场，流转100亩，免耕，秸秆盖了六成，能补多少？'));
    expect(text).toContain('梨树县');
    expect(text).toContain('请以您所在县当年的实施方案为准');
  });

  it('/check starts the conversation; plain policy questions do not trigger it', async () => {
    const { say, answerer } = setup();
    expect(last(await say('/check 免耕')).text).toContain('秸秆');
    const other = setup();
    await other.say('第二档补助标准是多少？');
    expect(other.answerer.questions).toHaveLength(1);
    expect(answerer.questions).toHaveLength(0);
  });
});

describe('eligibility conversation: robustness', () => {
  it('any sequence of messages and button presses gets replies and never crashes', async () => {
    const fc = (await import('fast-check')).default;
    const step = fc.oneof(
      fc.constantFrom('能补多少？', '免耕', '少耕', '一半', '大概三成', '100亩', '2公顷', '四五十亩', '是', '否', '不知道', '取消', '150%', '-5亩', '代耕', '其他', '上一步', '跳过', '修改', '继续', '面积改成200亩'),
      fc.string({ maxLength: 20 }),
      fc.constantFrom('!eligibility:y', '!eligibility:n', '!eligibility:p:0', '!eligibility:p:9', '!eligibility:o:0', '!eligibility:o:9', '!eligibility:back', '!eligibility:skip', '!eligibility:edit', '!eligibility:f:area', '!eligibility:f:zz', '!eligibility:review', '!eligibility:v:zz:zz', '!eligibility:new', '!eligibility:'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 8 }), async (lines) => {
        const { say, press } = setup();
        await say('我流转了100亩地，免耕播种，能补多少？');
        for (const line of lines) {
          const replies = line.startsWith('!') ? await press(line.slice(1)) : await say(line);
          // Every message and press is answered with words (a crash would reach onError, which throws).
          expect(replies.length, line).toBeGreaterThan(0);
          expect(replies.some((reply) => reply.text.trim().length > 0), line).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('eligibility conversation: 酸化耕地治理 (second script)', () => {
  it('pH and land type pick the program; the answer gives technique, cap and clauses', async () => {
    const { say } = setup();
    const first = await say('我家水田pH 4.8，宁化县的，能补多少？');
    expect(first[0].text).toContain('2026年福建省酸化耕地治理项目实施方案');
    expect(last(first).text).toContain('面积有多少亩');
    const answer = last(await say('100亩'));
    expect(answer.text).toContain('属于酸性耕地');
    expect(answer.text).toContain('石灰质物质');
    expect(answer.text).toContain('物化补助不高于125元/亩，100亩最多12500元');
    expect(answer.text).toContain('2026年6月15日前');
    const sections = answer.citations!.map((citation) => citation.section);
    expect(sections).toContain('附件7 › 四、主推技术模式 › （一）水田 › 一');
    expect(sections).toContain('附件7 › 五、资金补助内容 › （二）物化补助');
    expect(answer.buttons!.map((button) => button.action)).toEqual(['eligibility:new:acid']);
  });

  it('pH 15 is rejected and asked again; pH 5.5 exactly is not acid land', async () => {
    const { say } = setup();
    const again = last(await say('土壤酸化，旱地，pH 15，能补吗'));
    expect(again.text).toContain('0–14');
    expect(again.text).toContain('pH 值是多少');
    const answer = last(await say('5.5'));
    expect(answer.text).toContain('不符合');
    expect(answer.text).toContain('pH<5.5');
  });

  it('an impossible area is refused before it is noted, asked again, and a wrong correction keeps the good value', async () => {
    const { say } = setup();
    await say('宁化县旱地 pH 4.8 能补多少');
    const zero = last(await say('0亩')).text;
    expect(zero).toContain('应大于0亩');
    expect(zero).not.toContain('已记下');
    expect(zero).toContain('面积有多少亩');
    const huge = last(await say('10亿亩')).text;
    expect(huge).toContain('0–10000000亩');
    expect(huge).not.toContain('已记下');
    expect(huge).toContain('面积有多少亩');
    expect(last(await say('30亩')).text).toContain('30亩最多3750元');
  });

  it('a wrong correction mid-check keeps the value already given', async () => {
    const { say } = setup();
    await say('宁化县的地 pH 4.8，30亩，能补多少');
    const wrong = last(await say('-5亩')).text;
    expect(wrong).not.toContain('改为 -5亩');
    expect(wrong).toContain('仍按原来的 30亩 计算');
  });

  it('/check without words offers the programs as buttons', async () => {
    const { say, press } = setup();
    const offer = last(await say('/check'));
    expect(offer.buttons!.map((button) => button.action)).toEqual(['eligibility:new:ct', 'eligibility:new:acid', 'eligibility:new:base']);
    expect(last(await press('eligibility:new:acid')).text).toContain('水田还是旱地');
  });
});

describe('eligibility skill without data', () => {
  it('a knowledge folder without scripts or rule sets gives a skill that stays quiet', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { createRuleRegistry } = await import('../../src/rules/index.ts');
    const skills = [
      createEligibilitySkill({ rules: createRuleRegistry([]), knowledgeDir: mkdtempSync(join(tmpdir(), 'gengbao-empty-')) }),
      createEligibilitySkill({ rules: createRuleRegistry([]) }),
    ];
    for (const skill of skills) {
      const answerer = createFakeAnswerer();
      const conversation = createConversation({ sessions: createSqliteSessionStore(openMemoryDatabase()), answerer, skills: [skill] });
      await conversation.handle({ channel: 'test', userId: 'u', text: '流转了100亩地，免耕，能补多少？' });
      expect(answerer.questions).toHaveLength(1);
      const replies = await conversation.handle({ channel: 'test', userId: 'u', text: '/check' });
      expect(replies[0].text).toContain('没有可测算的补贴项目');
    }
  });
});

describe('eligibility conversation: bounds', () => {
  it('a limit whose whole range gives one answer is answered with the user\'s words; one that spans two answers asks', async () => {
    const tier = (await setup().say('覆盖率不到三成，免耕，一亩能补多少？')).map((reply) => reply.text).join('\n');
    expect(tier).toContain('第一档（秸秆少量覆盖），不高于38元/亩');
    expect(tier).toContain('（「不到三成」）');
    expect(tier).not.toContain('29.999');
    const above = (await setup().say('免耕，秸秆覆盖超过六成，100亩，能补多少')).map((reply) => reply.text).join('\n');
    expect(above).toContain('100亩最多9000元');
    const spans = last(await setup().say('少耕，动土不到六成，秸秆覆盖四成，能补多少？'));
    expect(spans.text).toContain('「不到六成」，请告诉我大约是多少');
  });

  it('「不到一半」 is not read as 50%: every value below 50% is 少耕, so it is answered as said; 「六成以上」 is used as 60% and says so', async () => {
    const { say } = setup();
    const replies = await say('少耕，动土不到一半，秸秆六成以上，100亩流转，家庭农场，能补多少？');
    const text = replies.map((reply) => reply.text).join('\n');
    expect(text).toContain('（「六成以上」），以下按60%计算');
    expect(text).toContain('少耕动土面积 「不到一半」，低于50%，符合少耕定义');
    expect(text).not.toContain('50%，不符合');
    expect(last(replies).text).toContain('深度');
    const answer = last(await say('8厘米'));
    expect(answer.text).toContain('第三档（秸秆大量覆盖），不高于90元/亩，100亩最多9000元');
  });
});

describe('eligibility conversation: answered in one message, recognised by what it contains', () => {
  it('a message with every fact gets tier, rate, total with its calculation, and a question only for what is missing', async () => {
    const replies = await setup().say('家庭农场种了三百亩，免耕播种，秸秆覆盖率百分之四十，作业补助最多多少？');
    expect(replies).toHaveLength(2);
    const answer = replies[0];
    expect(answer.text).toContain('第二档（秸秆部分覆盖），不高于58元/亩，300亩最多17400元');
    expect(answer.text).toContain('（计算：300亩×58元/亩=17400元）');
    expect(answer.text).toContain('辽宁省沈阳市法库县2022年的标准');
    expect(answer.citations!.map((citation) => citation.section)).toContain('四、扶持政策 › （三）实行差异化作业补助 › 2. 补助标准');
    const question = last(replies);
    expect(question.text).toContain('哪种情况');
    expect(labels(question)).toEqual(['自家承包地', '流转来的地', '给别人代耕', '上一步']);
  });

  it('「一亩补多少」 asks for the rate: 1 亩 is never taken as the area', async () => {
    const replies = await setup().say('免耕播种，秸秆覆盖七成，一亩补多少？');
    const text = replies.map((reply) => reply.text).join('\n');
    expect(text).toContain('第三档（秸秆大量覆盖），不高于90元/亩');
    expect(text).not.toContain('1亩');
    expect(last(replies).text).toContain('面积有多少亩');
  });

  it('an open condition is stated as the premise of the answer', async () => {
    const replies = await setup().say('秸秆覆盖七成每亩最多补多少');
    expect(replies[0].text).toContain('如果是免耕或少耕播种');
    expect(replies[0].text).toContain('不高于90元/亩');
    expect(last(replies).text).toContain('怎么播种');
  });

  it.each([
    ['我这块地pH 5.8，能纳入酸化耕地治理项目吗？', ['不符合', 'pH<5.5', '2026'], '酸化耕地治理项目实施方案'],
    ['县级应用基地只有800亩，符合要求吗？', ['不符合', '应不低于 1000亩'], '法农农发〔2022〕16号'],
    ['村里搞的乡级基地180亩能行吗', ['不符合', '应不低于 200亩'], '法农农发〔2022〕16号'],
    ['乡级基地300亩，秸秆覆盖80%，免耕播种100亩，符合条件吗？', ['符合乡级', '（计算：300亩×200元/亩=60000元，超过上限，按40000元计）'], '法农农发〔2022〕16号'],
  ])('yes/no: %s', async (question, musts, plan) => {
    const replies = await setup().say(question);
    const text = replies.map((reply) => reply.text).join('\n');
    for (const must of musts) expect(text).toContain(must);
    expect(last(replies).text).toContain(plan);
  });

  it('traditional characters are read like simplified ones', async () => {
    const replies = await setup().say('我這塊地pH 5.8，能納入酸化耕地治理項目嗎？');
    expect(last(replies).text).toContain('不符合');
    expect(last(replies).text).toContain('pH<5.5');
    const tillage = await setup().say('家庭農場種了三百畝，免耕播種，秸稈覆蓋率百分之四十，作業補助最多多少？');
    expect(tillage.map((reply) => reply.text).join('\n')).toContain('300亩最多17400元');
  });

  it('a bare 「能补多少？」 starts the subsidy check instead of quoting a figure', async () => {
    const { say, answerer } = setup();
    const offer = last(await say('能补多少？'));
    expect(answerer.questions).toEqual([]);
    expect(actions(offer)).toEqual(['eligibility:new:ct', 'eligibility:new:acid', 'eligibility:new:base']);
  });

  it.each([
    '全县计划实施保护性耕作作业面积44万亩，怎么分配的？',
    '秸秆覆盖率怎么测定？',
    '免耕播种有什么要求？',
    'pH 5.0-5.5的水田主推什么技术模式？',
    'pH小于5.0的水田主推什么技术模式',
    '土地流转费一亩一年多少钱',
    '退耕还林一亩地补多少钱',
    '深松作业补多少',
    '免耕播种前深松过，有什么要求？',
    '少耕动土深度12厘米可以吗',
  ])('a document question stays with Q&A: %s', async (question) => {
    const { say, answerer } = setup();
    await say(question);
    expect(answerer.questions).toHaveLength(1);
  });

  it('only a loaded program takes a question: without the tillage rule set, a tillage question goes to Q&A', async () => {
    const { createRuleRegistry } = await import('../../src/rules/index.ts');
    const { loadEligibilityScripts } = await import('../../src/eligibility/index.ts');
    const { parseRuleSet } = await import('../../src/rules/load-rule-sets.ts');
    const { readFileSync } = await import('node:fs');
    const acidOnly = createRuleRegistry([parseRuleSet(JSON.parse(readFileSync('knowledge/rules/fujian-2026-acid-treatment.json', 'utf8')), 'acid')]);
    const answerer = createFakeAnswerer();
    const conversation = createConversation({
      sessions: createSqliteSessionStore(openMemoryDatabase()),
      answerer,
      skills: [createEligibilitySkill({ rules: acidOnly, scripts: loadEligibilityScripts('knowledge') })],
    });
    await conversation.handle({ channel: 'test', userId: 'u', text: '家庭农场种了三百亩，免耕播种，秸秆覆盖率百分之四十，作业补助最多多少？' });
    expect(answerer.questions).toHaveLength(1);
    const acid = await conversation.handle({ channel: 'test', userId: 'v', text: '我这块地pH 5.8，能纳入酸化耕地治理项目吗？' });
    expect(last(acid).text).toContain('不符合');
    expect(answerer.questions).toHaveLength(1);
  });
});
