import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/core/conversation.ts';
import { createExportSkill } from '../../src/export/export-skill.ts';
import { loadForms } from '../../src/forms/load-forms.ts';
import { createSqliteRecordStore } from '../../src/records/record-store.ts';
import { openMemoryDatabase } from '../../src/database/database.ts';
import { createSqliteSessionStore } from '../../src/core/session-store.ts';
import { loadUnits } from '../../src/units/load-units.ts';
import { createSqliteUserStore } from '../../src/users/user-store.ts';
import { createFakeAnswerer } from '../support/fake-answerer.ts';
import { firstSheetOf } from './first-sheet.ts';

const KNOWLEDGE = join(import.meta.dirname, '..', '..', 'knowledge');
const units = loadUnits(KNOWLEDGE);
const forms = loadForms(KNOWLEDGE);
const FORM = 'fujian-2026-acid-bimonthly';

async function setup() {
  const db = openMemoryDatabase();
  const users = createSqliteUserStore(db, units);
  const records = createSqliteRecordStore(db);
  for (const [unit, area, period] of [['宁化县', 20000, '2026-05/06'], ['长汀县', 40000, '2026-05/06'], ['宁化县', 9000, '2026-03/04']] as const) {
    await records.save({
      formId: FORM, unit, period, data: { county: unit, period, cumulativeArea: area },
      verdicts: [], confirmedWarnings: [], author: { userKey: 'web:x', channel: 'web' }, submissionKey: `${unit}${period}`,
    });
  }
  await records.save({
    formId: 'faku-2022-township-progress', unit: '三面船镇', period: '2022-06', data: { township: '三面船镇', period: '2022-06', completedArea: 14550 },
    verdicts: [], confirmedWarnings: [], author: { userKey: 'telegram:smc', channel: 'telegram' }, submissionKey: 'smc',
  });
  await users.bind('telegram:fj', 'admin', '福建省', 'test');
  await users.bind('telegram:nh', 'admin', '宁化县', 'test');
  await users.bind('telegram:fk', 'admin', '法库县', 'test');
  await users.bind('telegram:rep', 'reporter', '宁化县', 'test');
  const conversation = createConversation({
    sessions: createSqliteSessionStore(db),
    answerer: createFakeAnswerer(),
    skills: [createExportSkill({ records, users, units, forms })],
    users,
    now: () => new Date('2026-07-02T01:00:00Z'),
  });
  const say = (userId: string, text: string) => conversation.handle({ channel: 'telegram', userId, text });
  const press = (userId: string, action: string) => conversation.handle({ channel: 'telegram', userId, action });
  return { say, press };
}

describe('export skill', () => {
  it('a provincial admin gets the newest period as an xlsx attachment with totals and completion', async () => {
    const { say } = await setup();
    const [reply] = await say('fj', '导出');
    expect(reply.text).toContain('已生成《2026年酸化耕地治理双月调度》汇总表（填报单位：福建省　期间：2026年5-6月（第3期）　导出日期：2026-07-02）');
    expect(reply.text).toContain('5 个单位中 2 个已填报，未填报：永泰县、建宁县、连城县。');
    expect(reply.text).toContain('合计任务完成率 15.0%。');
    expect(reply.attachment?.fileName).toMatch(/\.xlsx$/);
    const sheet = await firstSheetOf(reply.attachment!.content);
    expect(sheet.getCell(9, 2).value).toBe('合计');
    expect(sheet.getCell(9, 3).value).toBe(400000);
  });

  it('a county admin gets only the county; a period can be named', async () => {
    const { say } = await setup();
    const [reply] = await say('nh', '/export 双月调度 3-4月');
    expect(reply.text).toContain('填报单位：宁化县　期间：2026年3-4月（第2期）');
    expect(reply.text).toContain('1 个单位中 1 个已填报。');
    expect(reply.text).toContain('合计任务完成率 11.3%。');
  });

  it('an admin whose county has no such form is told so', async () => {
    const { say } = await setup();
    const [reply] = await say('fk', '导出双月调度');
    expect(reply.text).toContain('法库县没有需要填报「2026年酸化耕地治理双月调度」的单位');
    expect(reply.attachment).toBeUndefined();
  });

  it('offers the forms of the county of the admin as buttons, and a button exports that form', async () => {
    const { say, press } = await setup();
    const [choice] = await say('fk', '导出');
    expect(choice.text).toBe('请选择要导出的表单（点按钮，或回复表名）：');
    expect(choice.buttons?.map((button) => button.action).sort()).toEqual(['export:faku-2022-tillage-acceptance', 'export:faku-2022-township-progress']);
    const [reply] = await press('fk', 'export:faku-2022-township-progress');
    expect(reply.text).toContain('填报单位：法库县　期间：2022年6月');
    expect(reply.text).toContain('19 个单位中 1 个已填报');
    expect(reply.text).toContain('合计任务完成率 3.3%。');
    const sheet = await firstSheetOf(reply.attachment!.content);
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['序号', '单位', '任务（亩）', '累计完成作业面积（亩）', '累计验收合格面积（亩）']);
    expect(sheet.getCell(4 + 19, 3).value).toBe(440000);
  });

  it('refuses reporters and farmers, saying why', async () => {
    const { say } = await setup();
    const [reporter] = await say('rep', '导出报表');
    expect(reporter.text).toMatch(/仅限县级管理员使用，您是宁化县 填报员/);
    expect(reporter.attachment).toBeUndefined();
    const [farmer] = await say('someone', '/export');
    expect(farmer.text).toMatch(/仅限县级管理员使用。您还没有绑定单位/);
  });

  it('a period it cannot read is explained', async () => {
    const { say } = await setup();
    const [reply] = await say('fj', '导出双月调度 13月');
    expect(reply.text).toMatch(/没看懂要导出哪一期/);
  });
});
