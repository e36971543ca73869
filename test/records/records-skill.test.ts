import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/core/conversation.ts';
import { loadForms } from '../../src/forms/load-forms.ts';
import { createSqliteRecordStore } from '../../src/records/record-store.ts';
import { createRecordsSkill } from '../../src/forms/records-skill.ts';
import { openMemoryDatabase } from '../../src/database/database.ts';
import { createSqliteSessionStore } from '../../src/core/session-store.ts';
import { loadUnits } from '../../src/units/load-units.ts';
import { createSqliteUserStore } from '../../src/users/user-store.ts';
import { createFakeAnswerer } from '../support/fake-answerer.ts';

const KNOWLEDGE = join(import.meta.dirname, '..', '..', 'knowledge');
const units = loadUnits(KNOWLEDGE);

async function setup() {
  const db = openMemoryDatabase();
  const users = createSqliteUserStore(db, units);
  const records = createSqliteRecordStore(db, { now: () => new Date('2022-06-30T02:00:00Z') });
  for (const unit of ['三面船镇', '吉祥街道']) {
    await records.save({
      formId: 'faku-2022-township-progress', unit, period: '2022-06', data: { township: unit, completedArea: 1000 },
      verdicts: [], confirmedWarnings: [], author: { userKey: `telegram:${unit}`, channel: 'telegram', displayName: `${unit}小王` }, submissionKey: unit,
    });
  }
  await records.save({
    formId: 'fujian-2026-acid-bimonthly', unit: '宁化县', period: '2026-05/06', data: {},
    verdicts: [], confirmedWarnings: [], author: { userKey: 'web:n', channel: 'web' }, submissionKey: 'nh',
  });
  await users.bind('telegram:rep', 'reporter', '三面船镇', 'test');
  await users.bind('telegram:adm', 'admin', '法库县', 'test');
  const conversation = createConversation({
    sessions: createSqliteSessionStore(db),
    answerer: createFakeAnswerer(),
    skills: [createRecordsSkill({ records, units, forms: loadForms(KNOWLEDGE) })],
    users,
  });
  return async (userId: string, text: string) => (await conversation.handle({ channel: 'telegram', userId, text }))[0].text;
}

describe('records skill', () => {
  it('a reporter sees only their own unit', async () => {
    const say = await setup();
    const text = await say('rep', '查看记录');
    expect(text).toMatch(/^三面船镇最近的填报记录：/);
    expect(text).toContain('乡镇进度 三面船镇 2022年6月（第1版，三面船镇小王 06-30 10:00）');
    expect(text).not.toContain('吉祥街道');
  });

  it('a county admin sees the townships of the county, not other counties', async () => {
    const say = await setup();
    const text = await say('adm', '/records');
    expect(text).toMatch(/^法库县及下属单位最近的填报记录/);
    expect(text).toContain('三面船镇');
    expect(text).toContain('吉祥街道');
    expect(text).not.toContain('宁化县');
  });

  it('a farmer is refused with the reason', async () => {
    const say = await setup();
    expect(await say('farmer', '我的记录')).toMatch(/还没有绑定单位.*不能查看或填报记录/);
  });
});
