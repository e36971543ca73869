import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/core/conversation.ts';
import { createSqliteSessionStore } from '../../src/core/session-store.ts';
import type { Reply } from '../../src/core/types.ts';
import { openMemoryDatabase } from '../../src/database/database.ts';
import { createEligibilitySkill } from '../../src/eligibility/index.ts';
import { loadRuleSets } from '../../src/rules/index.ts';
import { createFakeAnswerer } from '../support/fake-answerer.ts';

/** A test rule set (not a county's policy) whose rate per 亩 is a lookup table by the base's level. */
const FIXTURE = join(import.meta.dirname, 'fixtures', 'lookup-table');
const rules = loadRuleSets(FIXTURE);

function chat() {
  const conversation = createConversation({
    sessions: createSqliteSessionStore(openMemoryDatabase()),
    answerer: createFakeAnswerer(),
    skills: [createEligibilitySkill({ rules, knowledgeDir: FIXTURE })],
    onError: (error) => {
      throw error;
    },
  });
  return async (text: string) => (await conversation.handle({ channel: 'test', userId: 'farmer', text })).map((reply: Reply) => reply.text).join('\n');
}

describe('a lookup-table rule set lists its rows while the one fact they read is missing', () => {
  it('RuleSetInfo carries each lookup table: its inputs and rows with their conditions and values', () => {
    const [table] = rules.get('test-lookup-base')!.lookupTables!;
    expect(table).toMatchObject({ rule: 'rate', inputs: ['level'], output: 'baseRate', clause: 'rates' });
    expect(table.rows.map((row) => [row.label, row.when, row.values])).toEqual([
      ['县级基地', { field: 'level', equals: '县级' }, { capPerMu: 200 }],
      ['乡级基地', { field: 'level', equals: '乡级' }, { capPerMu: 150 }],
      ['村级基地', { field: 'level', equals: '村级' }, { capPerMu: 80 }],
    ]);
  });

  it('「应用基地有1200亩，一亩补多少」 without the level: every row with its rate and the clause, then the question', async () => {
    const say = chat();
    const reply = await say('我们的应用基地有1200亩，一亩补多少');
    expect(reply).toContain('基地级别为县级：县级基地，每亩200元');
    expect(reply).toContain('基地级别为乡级：乡级基地，每亩150元');
    expect(reply).toContain('基地级别为村级：村级基地，每亩80元');
    expect(reply).toContain('县级基地每亩补助 200 元，乡级基地每亩补助 150 元，村级基地每亩补助 80 元');
    expect(reply.indexOf('每亩80元')).toBeLessThan(reply.indexOf('哪一级'));
  });

  it('the level given: one rate, no list', async () => {
    const say = chat();
    const reply = await say('乡级应用基地300亩，一亩补多少');
    expect(reply).toContain('150');
    expect(reply).not.toContain('每亩200元');
  });
});
