import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/core/conversation.ts';
import type { Reply } from '../../src/core/types.ts';
import { createFormSkill } from '../../src/forms/form-skill.ts';
import { loadForms } from '../../src/forms/load-forms.ts';
import type { FieldExtractor, FormDraftState } from '../../src/forms/types.ts';
import { createModelExtractor } from '../../src/model/model-extractor.ts';
import { createSqliteRecordStore } from '../../src/records/record-store.ts';
import { loadRuleSets } from '../../src/rules/load-rule-sets.ts';
import { openDatabase } from '../../src/database/database.ts';
import { createSqliteSessionStore } from '../../src/core/session-store.ts';
import { loadUnits } from '../../src/units/load-units.ts';
import { createSqliteUserStore } from '../../src/users/user-store.ts';
import { chatToolCalls, httpError } from '../support/fake-openai-server.ts';
import { useFakeOpenAiServer } from '../support/use-fake-openai-server.ts';
import { modelConfig, testRuntime } from '../model/model-test-kit.ts';
import { actionOf, FakeAnswerer, KNOWLEDGE } from './form-harness.ts';

const FORM_ID = 'fujian-2026-acid-bimonthly';
const SENTENCE = '本期又治理了2.3万亩，用了石灰120吨，花了80万';

const fake = useFakeOpenAiServer();

const extracted = (values: Record<string, string | null>, confidence = 0.9) =>
  chatToolCalls([{ name: 'fill_form_fields', args: { values, confidence } }]);

/** A 宁化县 reporter's conversation over the real forms; `extractor: 'model'` uses the real extractor against the fake server. */
async function setup(extractor: 'model' | 'none' | FieldExtractor = 'model') {
  const db = openDatabase(mkdtempSync(join(tmpdir(), 'gengbao-model-extraction-')));
  const units = loadUnits(KNOWLEDGE);
  const users = createSqliteUserStore(db, units);
  const records = createSqliteRecordStore(db);
  const sessions = createSqliteSessionStore(db);
  const config = modelConfig(fake.baseURL);
  const chosen =
    extractor === 'model' ? createModelExtractor(config, { runtime: testRuntime(config).runtime }) : extractor === 'none' ? null : extractor;
  const forms = loadForms(KNOWLEDGE);
  const skill = createFormSkill({ forms, rules: loadRuleSets(KNOWLEDGE), records, users, units, extractor: chosen });
  const errors: unknown[] = [];
  const conversation = createConversation({ sessions, answerer: new FakeAnswerer(), skills: [skill], users, onError: (error) => errors.push(error) });
  const { code } = await users.createInvite('reporter', '宁化县', 'test');
  await users.redeem(code, 'test:li', 'li');
  const send = (line: string): Promise<Reply[]> =>
    conversation.handle(line.startsWith('form:') ? { channel: 'test', userId: 'li', action: line } : { channel: 'test', userId: 'li', text: line });
  const say = async (line: string) => (await send(line)).map((reply) => reply.text).join('\n---\n');
  const draft = async () => (await sessions.load('test:li')).activity?.state as FormDraftState;
  const form = forms.get(FORM_ID)!;
  return { send, say, draft, records, errors, form };
}

async function startBimonthly(h: Awaited<ReturnType<typeof setup>>) {
  await h.say('填报双月调度');
  await h.say('5-6月');
}

describe('free text into the form through the model extractor', () => {
  it('reads several values, validates them like typed answers, and stores them only after 「对，就这样填」', async () => {
    const h = await setup();
    await startBimonthly(h);
    fake.enqueueChat(extracted({ periodArea: '2.3万亩', materialKinds: '石灰', materialQuantity: '120吨', centralSpent: '80万', cumulativeArea: null }));
    const replies = await h.send(SENTENCE);
    const shown = replies.map((reply) => reply.text).join('\n');
    expect(shown).toContain('请核对（还没有填入）');
    expect(shown).toContain('✓ 本期治理面积：2.3万亩');
    expect(shown).toContain('✓ 施用物料种类：石灰质物质');
    expect(shown).toContain('✓ 物料施用量：120吨');
    expect(shown).toContain('✓ 中央资金已支出：80万元');
    expect((await h.draft()).values).toEqual({ county: '宁化县', period: '2026-05/06' });

    const [request] = fake.chatRequests();
    const offered = Object.keys(request.body.tools[0].function.parameters.properties.values.properties);
    expect(offered).toContain('periodArea');
    expect(offered).toContain('centralSpent');
    expect(offered).not.toContain('county');
    expect(offered).not.toContain('period');
    expect(offered).not.toContain('problems');

    const next = await h.say(actionOf(replies, '对，就这样填'));
    expect(next).toContain('累计完成酸化耕地治理多少亩');
    expect((await h.draft()).values).toMatchObject({ periodArea: 23000, materialKinds: ['石灰质物质'], materialQuantity: 120000, centralSpent: 800000 });

    // The rest is answered one question at a time; the model values go through the summary and 确认提交 like any other.
    const answers: Record<string, string> = {
      cumulativeArea: '5万亩', samplesBefore: '45', samplesAfter: '0', fieldTrials: '6', demoFields: '3', demoFieldsLarge: '1',
      materialArea: '2万亩', materialSubsidy: '250万元', centralAllocated: '1000万元', localFunds: '50万元', farmersReached: '3200户', problems: '跳过',
    };
    let last: Reply[] = [];
    for (let step = 0; step < 20 && (await h.draft()).phase === 'filling'; step += 1) {
      const current = (await h.draft()).current!;
      expect(answers[current], `unexpected question ${current}`).toBeDefined();
      last = await h.send(answers[current]);
    }
    expect(last.map((reply) => reply.text).join('\n')).toContain('中央资金已支出：80万元');
    expect(await h.records.latest(FORM_ID)).toHaveLength(0);
    expect(await h.say(actionOf(last, '确认提交'))).toContain('已提交');
    expect((await h.records.latest(FORM_ID))[0].data).toMatchObject({ periodArea: 23000, materialQuantity: 120000, centralSpent: 800000 });
    expect(h.errors).toEqual([]);
  });

  it('rejects an out-of-range value with a Chinese message, ignores one not in the text, and keeps everything else', async () => {
    const h = await setup();
    await startBimonthly(h);
    fake.enqueueChat(extracted({ periodArea: '30万亩', samplesBefore: '45个', cumulativeArea: '50万亩', centralSpent: '80万' }));
    const replies = await h.send('本期治理了30万亩，取土45个，花了80万');
    const shown = replies.map((reply) => reply.text).join('\n');
    expect(shown).toContain('✗ 「本期治理面积」不能大于 20万亩，您填的是 30万亩');
    expect(shown).toContain('✓ 实施前取土化验：45个');
    expect(shown).toContain('✓ 中央资金已支出：80万元');
    expect(shown).not.toContain('累计治理面积');
    const next = await h.say(actionOf(replies, '对，就这样填'));
    expect(next).toContain('新增完成酸化耕地治理多少亩');
    expect((await h.draft()).values).toEqual({ county: '宁化县', period: '2026-05/06', samplesBefore: 45, centralSpent: 800000 });
  });

  it('「重新填」 and a different answer both leave the draft as it was', async () => {
    const h = await setup();
    await startBimonthly(h);
    fake.enqueueChat(extracted({ periodArea: '2.3万亩', centralSpent: '80万' }));
    const replies = await h.send(SENTENCE);
    expect(await h.say(actionOf(replies, '重新填'))).toContain('刚才读出的内容都没有填入');
    expect((await h.draft()).values).toEqual({ county: '宁化县', period: '2026-05/06' });

    fake.enqueueChat(extracted({ periodArea: '2.3万亩', centralSpent: '80万' }));
    await h.send(SENTENCE);
    expect(await h.say('2万亩')).toContain('✓ 本期治理面积：2万亩');
    expect((await h.draft()).values).toEqual({ county: '宁化县', period: '2026-05/06', periodArea: 20000 });
  });

  it.each([
    ['HTTP 500 twice', () => fake.enqueueChat(httpError(500), httpError(500))],
    ['broken JSON', () => fake.enqueueChat(chatToolCalls([{ name: 'fill_form_fields', args: '{"values": {"periodArea": "2.3' }]))],
  ])('behaves exactly as offline on %s', async (_, script) => {
    const offline = await setup('none');
    await startBimonthly(offline);
    const expected = await offline.say(SENTENCE);

    const h = await setup();
    await startBimonthly(h);
    script();
    const got = await h.say(SENTENCE);
    expect(fake.chatRequests().length).toBeGreaterThan(0);
    expect(got).toBe(expected);
    expect(got).toContain('【双月调度');
    expect((await h.draft()).values).toEqual((await offline.draft()).values);
    expect(h.errors).toEqual([]);
  });

  it('behaves exactly as offline when the extractor throws', async () => {
    const offline = await setup('none');
    await startBimonthly(offline);
    const expected = await offline.say(SENTENCE);
    const h = await setup({ extract: async () => Promise.reject(new Error('boom')) });
    await startBimonthly(h);
    expect(await h.say(SENTENCE)).toBe(expected);
  });

  it('never calls the model for a single answer or a message the offline parser places completely', async () => {
    const h = await setup();
    await startBimonthly(h);
    expect(await h.say('2.3万亩')).toContain('✓ 本期治理面积：2.3万亩');
    expect(await h.say('累计治理5万亩，取土45个')).toContain('✓ 实施前取土化验：45个');
    expect(await h.say('0')).toContain('田间试验');
    expect(fake.requests).toHaveLength(0);
  });
});
