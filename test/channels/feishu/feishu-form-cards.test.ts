import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../../../src/channels/channel-logger.ts';
import { createFeishuChannel, type FeishuChannel } from '../../../src/channels/feishu/feishu-channel.ts';
import { createConversation } from '../../../src/core/conversation.ts';
import { createFormSkill } from '../../../src/forms/form-skill.ts';
import { loadForms } from '../../../src/forms/load-forms.ts';
import { createSqliteRecordStore } from '../../../src/records/record-store.ts';
import type { RecordStore } from '../../../src/records/types.ts';
import { loadRuleSets } from '../../../src/rules/load-rule-sets.ts';
import { openMemoryDatabase } from '../../../src/database/database.ts';
import { createSqliteDeliveryLog } from '../../../src/core/delivery-log.ts';
import { createSqliteSessionStore } from '../../../src/core/session-store.ts';
import { loadUnits } from '../../../src/units/load-units.ts';
import { createSqliteUserStore } from '../../../src/users/user-store.ts';
import { startFakeFeishuApi, type FakeFeishuApi } from '../../support/fake-feishu-api.ts';
import { cardActionEvent, messageEvent, USER_A, USER_B } from './feishu-fixtures.ts';

const KNOWLEDGE = join(import.meta.dirname, '..', '..', '..', 'knowledge');
const FORM = 'faku-2022-tillage-acceptance';

type Card = { header: { title: { content: string } }; elements: Array<Record<string, any>> };
const cardOf = (content: string) => JSON.parse(content) as Card;
const formElements = (card: Card) => card.elements.find((element) => element.tag === 'form')!.elements as Array<Record<string, any>>;
const submitValue = (card: Card) => formElements(card).find((element) => element.tag === 'button')!.value;
const textOf = (content: string) =>
  (JSON.parse(content).zh_cn.content as Array<Array<{ text: string }>>).map((line) => line.map((item) => item.text).join('')).join('\n');

describe('Feishu form cards (a whole report in one card, same checks as the chat)', () => {
  let api: FakeFeishuApi;
  let channel: FeishuChannel;
  let records: RecordStore;
  const logger = createRecordingLogger();

  beforeEach(async () => {
    api = await startFakeFeishuApi();
    const db = openMemoryDatabase();
    const units = loadUnits(KNOWLEDGE);
    const users = createSqliteUserStore(db, units);
    await users.bind(`feishu:${USER_A}`, 'reporter', '三面船镇', 'test');
    records = createSqliteRecordStore(db);
    const forms = loadForms(KNOWLEDGE);
    const skill = createFormSkill({ forms, rules: loadRuleSets(KNOWLEDGE), records, users, units });
    const conversation = createConversation({
      sessions: createSqliteSessionStore(db),
      deliveries: createSqliteDeliveryLog(db),
      answerer: { answer: async () => ({ status: 'no_answer', answer: '', citations: [] }) },
      skills: [skill],
      users,
    });
    channel = createFeishuChannel({ settings: { appId: api.appId, appSecret: api.appSecret, domain: api.domain, mode: 'ws' }, conversation, logger });
    await channel.start();
    await api.waitForConnection();
  });

  afterEach(async () => {
    await channel.stop();
    await api.close();
  });

  async function cardAfter(calls: number): Promise<Card> {
    const sent = await api.waitForCalls('message.create', calls);
    return cardOf(sent[calls - 1].body.content);
  }

  it('sends the card, reports problems keeping entries, asks conditional fields in a follow-up card, then saves once', async () => {
    await api.pushWsEvent(messageEvent({ text: '/card 作业验收登记' }));
    const [sent] = await api.waitForCalls('message.reply', 1);
    const card = cardOf(sent.body.content);
    expect(sent.body.msg_type).toBe('interactive');
    const names = formElements(card).map((element) => element.name);
    expect(names).toEqual(expect.arrayContaining(['township', 'village', 'area', 'sowingMode', 'strawCover']));
    expect(names).not.toContain('disturbanceDepth');
    expect(formElements(card).find((element) => element.name === 'township')?.default_value).toBe('三面船镇');

    const values = {
      township: '三面船镇', village: '东营子村', operatorName: '丰收合作社', operatorType: '农机合作社', plot: '村东大块', area: '很多',
      landBasis: '流转', materials: ['流转合同'], sowingMode: '少耕', strawCover: '65%', remoteMonitoring: '是',
    };
    await api.pushWsEvent(cardActionEvent({ action: submitValue(card).action, value: submitValue(card), formValue: values, eventId: 'ev_card_1' }));
    await api.waitForCalls('message.create', 2);
    const [problems, again] = api.callsOf('message.create');
    expect(textOf(problems.body.content)).toContain('作业面积');
    const retry = cardOf(again.body.content);
    expect(formElements(retry).find((element) => element.name === 'village')?.default_value).toBe('东营子村');

    // Fixed area; 少耕 makes 动土 fields necessary, which the first card could not show.
    await api.pushWsEvent(cardActionEvent({ action: submitValue(retry).action, value: submitValue(retry), formValue: { ...values, area: '350亩' }, eventId: 'ev_card_2' }));
    const followUp = await cardAfter(3);
    expect(followUp.header.title.content).toContain('补充信息');
    expect(formElements(followUp).map((element) => element.name).filter(Boolean)).toEqual(['disturbedShare', 'disturbanceDepth', 'submit']);

    const last = cardActionEvent({ action: submitValue(followUp).action, value: submitValue(followUp), formValue: { disturbedShare: '30%', disturbanceDepth: '8厘米' }, eventId: 'ev_card_3' });
    await api.pushWsEvent(last);
    await api.pushWsEvent(last); // Feishu redelivers: saved once.
    const [, , , saved] = await api.waitForCalls('message.create', 4);
    await channel.whenIdle();
    expect(textOf(saved.body.content)).toMatch(/已保存「.+」：记录 R\S+ 第 1 版/);
    expect(await records.latest(FORM)).toHaveLength(1);
    expect(api.callsOf('message.create')).toHaveLength(4);
    // The submitted card is replaced by a plain 「已提交」 card, so it cannot be submitted again.
    const [patch] = api.callsOf('message.patch');
    expect(patch.path).toBe('/open-apis/im/v1/messages/om_card_1');
    expect(JSON.stringify(JSON.parse(patch.body.content))).toMatch(/已提交：记录 R\S+ 第 1 版/);
    expect(api.callsOf('message.patch')).toHaveLength(1);
  });

  it('asks to confirm warnings on a card and saves after 「仍然提交」', async () => {
    await api.pushWsEvent(messageEvent({ text: '卡片填报作业验收登记' }));
    const [sent] = await api.waitForCalls('message.reply', 1);
    const values = {
      township: '三面船镇', village: '西营子村', operatorName: '丰收合作社', operatorType: '农机合作社', plot: '村西大块', area: '3万亩',
      landBasis: '流转', materials: ['流转合同'], sowingMode: '免耕', strawCover: '65%', remoteMonitoring: '是',
    };
    await api.pushWsEvent(cardActionEvent({ action: submitValue(cardOf(sent.body.content)).action, value: submitValue(cardOf(sent.body.content)), formValue: values }));
    const warnings = await cardAfter(1);
    expect(warnings.header.title.content).toContain('请核对');
    expect(await records.latest(FORM)).toHaveLength(0);
    const confirm = warnings.elements.find((element) => element.tag === 'action')!.actions[0];
    expect(confirm.text.content).toBe('仍然提交');
    await api.pushWsEvent(cardActionEvent({ action: confirm.value.action, value: confirm.value }));
    const [, saved] = await api.waitForCalls('message.create', 2);
    expect(textOf(saved.body.content)).toContain('已保存');
    expect((await records.latest(FORM))[0].confirmedWarnings).toContain('plausible.area');
  });

  it('refuses a user who may not file, with the reason', async () => {
    await api.pushWsEvent(messageEvent({ text: '卡片填报 作业验收登记', user: USER_B, chatId: 'oc_p2p_bob' }));
    const [sent] = await api.waitForCalls('message.reply', 1);
    expect(sent.body.msg_type).toBe('post');
    expect(textOf(sent.body.content)).toContain('绑定');
  });
});
