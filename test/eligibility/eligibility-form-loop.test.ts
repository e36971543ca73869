import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/core/conversation.ts';
import type { Reply } from '../../src/core/types.ts';
import { createEligibilitySkill, loadEligibilityScripts } from '../../src/eligibility/index.ts';
import { loadRuleSets } from '../../src/rules/index.ts';
import { openMemoryDatabase } from '../../src/database/database.ts';
import { createSqliteSessionStore } from '../../src/core/session-store.ts';
import { createFakeAnswerer } from '../support/fake-answerer.ts';

function chat(knowledgeDir = 'knowledge') {
  const skill = createEligibilitySkill({ rules: loadRuleSets(knowledgeDir), knowledgeDir });
  const conversation = createConversation({
    sessions: createSqliteSessionStore(openMemoryDatabase()),
    answerer: createFakeAnswerer(),
    skills: [skill],
    onError: (error) => {
      throw error;
    },
  });
  let shown: Reply[] = [];
  const seen = async (replies: Promise<Reply[]>) => {
    shown = await replies;
    return shown.map((reply) => reply.text).join('\n');
  };
  return {
    say: (text: string) => seen(conversation.handle({ channel: 'test', userId: 'farmer', text })),
    /** Presses the button with this label on the last reply (it must be there). */
    choose(label: string) {
      const action = shown.at(-1)?.buttons?.find((button) => button.label === label)?.action;
      expect(action, `button 「${label}」 on 「${shown.at(-1)?.text}」`).toBeDefined();
      return seen(conversation.handle({ channel: 'test', userId: 'farmer', action }));
    },
    labels: () => (shown.at(-1)?.buttons ?? []).map((button) => button.label),
    actionOf: (label: string) => shown.at(-1)?.buttons?.find((button) => button.label === label)?.action,
    press: (action: string) => seen(conversation.handle({ channel: 'test', userId: 'farmer', action })),
  };
}

describe('an eligibility check is run by the form loop', () => {
  it('上一步, 继续, 跳过 and the 修改 menu work as in a report form; a changed answer drops the questions that no longer apply', async () => {
    const { say, choose, labels } = chat();
    expect(await say('秸秆还田了，能补多少钱？')).toContain('【保护性耕作测算 1/5】您是怎么播种的？');
    expect(await choose('少耕播种')).toContain('秸秆');
    expect(await say('45%')).toContain('动土面积');
    expect(labels()).toContain('上一步');

    const back = await say('上一步');
    expect(back).toContain('好的，回到上一步，重新填「播种前秸秆覆盖率」');
    expect(back).toContain('地表秸秆');
    expect(await say('六成')).toContain('动土面积');
    expect(await say('继续')).toMatch(/接着测算：[\s\S]*动土面积/);
    const help = await say('帮助');
    expect(help).toContain('（您还有未完成的事项：保护性耕作作业补助测算（正在确认：动土面积占比）');
    expect(help).not.toContain('没有看懂');
    expect(await say('跳过')).toContain('「动土面积占比」是必填项，不能跳过。');
    expect(await say('三成')).toContain('深度');
    expect(labels()).toContain('跳过');
    expect(await say('跳过')).toContain('已跳过「动土深度」');

    expect(await say('修改')).toContain('要改哪一项');
    expect(labels()).toEqual(['播种方式', '播种前秸秆覆盖率', '动土面积占比', '动土深度', '作业面积', '土地来源', '实施主体类型', '继续测算']);
    expect(await choose('播种方式')).toContain('好的，改「播种方式」（现在填的是：少耕播种）');
    const changed = await choose('免耕播种');
    expect(changed).toContain('已将播种方式由 少耕 改为 免耕');
    expect(changed).toContain('面积有多少亩');
    expect(await say('修改')).toContain('要改哪一项');
    expect(labels()).not.toContain('动土面积占比');
    expect(await choose('继续测算')).toContain('面积有多少亩');

    // A unit this knowledge folder does not know is not read as 亩.
    const shang = await say('8垧');
    expect(shang).toContain('不认识「垧」这个单位');
    expect(shang).toContain('面积有多少亩');
    expect(await say('120亩')).toContain('哪种情况');
    // Correcting by words, as in a report form: name the field to answer it again, or give the new value.
    expect(await say('改一下秸秆覆盖率')).toContain('好的，改「播种前秸秆覆盖率」（现在填的是：60%）');
    expect(await say('七成')).toContain('已将播种前秸秆覆盖率由 60% 改为 70%');
    expect(await say('面积改成150亩')).toContain('已将作业面积由 120亩 改为 150亩');
    expect(await say('面积改成120亩')).toContain('哪种情况');
    expect(await choose('上一步')).toContain('重新填「作业面积」');
    expect(await say('两百亩')).toContain('哪种情况');
    await choose('流转来的地');
    const answer = await say('村集体经济组织');
    expect(answer).toContain('第三档（秸秆大量覆盖），不高于90元/亩，200亩最多18000元');
    expect(answer).toContain('村集体经济组织');
  });

  it('取消 ends the check; its buttons are stale afterwards', async () => {
    const { say, actionOf, press } = chat();
    await say('免耕播种，能补多少？');
    const question = await say('修改');
    expect(question).toContain('要改哪一项');
    const sowing = actionOf('播种方式')!;
    expect(await say('取消')).toContain('已取消补贴测算');
    expect(await press(sowing)).toContain('按钮已失效');
  });
});

describe('a new program is data only', () => {
  it('a rule set, a question form and a script in the knowledge folder make a new check', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'gengbao-new-check-'));
    mkdirSync(join(folder, 'rules', 'eligibility'), { recursive: true });
    cpSync('knowledge/rules/fujian-2026-acid-treatment.json', join(folder, 'rules', 'fujian-2026-acid-treatment.json'));
    const script = JSON.parse(readFileSync('knowledge/rules/eligibility/acid-treatment.json', 'utf8'));
    const form = JSON.parse(readFileSync('knowledge/rules/eligibility/acid-treatment.form.json', 'utf8'));
    writeFileSync(join(folder, 'rules', 'eligibility', 'lime.json'), JSON.stringify({ ...script, id: 'lime', code: 'lime', topic: '施用石灰物化补助' }));
    writeFileSync(join(folder, 'rules', 'eligibility', 'lime.form.json'), JSON.stringify({ ...form, id: 'lime', shortName: '石灰补助测算', triggers: ['石灰能补多少'] }));
    expect(loadEligibilityScripts(folder).map((loaded) => [loaded.id, loaded.ruleSet, loaded.questions.length])).toEqual([['lime', 'fujian-2026-acid-treatment', 3]]);

    const { say } = chat(folder);
    const first = await say('宁化县水田pH 4.8，石灰能补多少');
    expect(first).toContain('可以纳入施用石灰物化补助');
    expect(first).toContain('【石灰补助测算 3/3】要治理的面积有多少亩？');
    const answer = await say('100亩');
    expect(answer).toContain('物化补助不高于125元/亩，100亩最多12500元');
  });

  it('the same check for two counties: the one whose county the message names, else the first loaded', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'gengbao-two-counties-'));
    mkdirSync(join(folder, 'rules', 'eligibility'), { recursive: true });
    cpSync('knowledge/rules/faku-2022-conservation-tillage.json', join(folder, 'rules', 'faku-2022-conservation-tillage.json'));
    for (const file of ['conservation-tillage.json', 'conservation-tillage.form.json']) cpSync(`knowledge/rules/eligibility/${file}`, join(folder, 'rules', 'eligibility', file));
    const rules = JSON.parse(readFileSync('knowledge/rules/faku-2022-conservation-tillage.json', 'utf8'));
    const tier = rules.rules.find((rule: { id: string }) => rule.id === 'tier');
    tier.tiers.forEach((band: { values: { capPerMu: number } }, index: number) => (band.values.capPerMu = [40, 60, 85][index]!));
    writeFileSync(join(folder, 'rules', 'kangping-2023-conservation-tillage.json'), JSON.stringify({ ...rules, id: 'kangping-2023-conservation-tillage', region: '辽宁省沈阳市康平县', year: 2023 }));
    const script = JSON.parse(readFileSync('knowledge/rules/eligibility/conservation-tillage.json', 'utf8'));
    const form = JSON.parse(readFileSync('knowledge/rules/eligibility/conservation-tillage.form.json', 'utf8'));
    writeFileSync(join(folder, 'rules', 'eligibility', 'kangping-conservation-tillage.json'), JSON.stringify({ ...script, id: 'kangping-conservation-tillage', code: 'kp' }));
    writeFileSync(
      join(folder, 'rules', 'eligibility', 'kangping-conservation-tillage.form.json'),
      JSON.stringify({ ...form, id: 'kangping-conservation-tillage', shortName: '康平测算', scope: { units: ['康平县'] }, rules: [{ ruleSet: 'kangping-2023-conservation-tillage' }] }),
    );
    const question = '家庭农场流转100亩，免耕，秸秆盖了一半，能补多少？';
    expect(await chat(folder).say(`我在康平县，${question}`)).toContain('不高于60元/亩，100亩最多6000元');
    expect(await chat(folder).say(`我在康平，${question}`)).toContain('不高于60元/亩');
    expect(await chat(folder).say(question)).toContain('不高于58元/亩，100亩最多5800元');
  });

  it('a question form with an error names the file and the field', () => {
    const folder = mkdtempSync(join(tmpdir(), 'gengbao-bad-check-'));
    mkdirSync(join(folder, 'rules', 'eligibility'), { recursive: true });
    cpSync('knowledge/rules/eligibility/demo-base.json', join(folder, 'rules', 'eligibility', 'demo-base.json'));
    const form = JSON.parse(readFileSync('knowledge/rules/eligibility/demo-base.form.json', 'utf8'));
    form.fields[0].type = 'choice';
    delete form.fields[0].options;
    writeFileSync(join(folder, 'rules', 'eligibility', 'demo-base.form.json'), JSON.stringify(form));
    expect(() => loadEligibilityScripts(folder)).toThrow(/demo-base\.form\.json 格式有误[\s\S]*字段 level 是 choice 类型，需要 options/);
  });
});
