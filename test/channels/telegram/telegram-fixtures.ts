import type { Update } from 'telegraf/types';
import { createConversation, type Answerer, type Conversation } from '../../../src/core/conversation.ts';
import type { Skill } from '../../../src/core/skill.ts';
import { openMemoryDatabase } from '../../../src/database/database.ts';
import { createSqliteDeliveryLog } from '../../../src/core/delivery-log.ts';
import { createSqliteSessionStore } from '../../../src/core/session-store.ts';
import { FAKE_BOT } from '../../support/fake-telegram-api.ts';

export interface TestUser {
  id: number;
  is_bot: false;
  first_name: string;
  last_name?: string;
}
export const ALICE: TestUser = { id: 101, is_bot: false, first_name: '张', last_name: '三' };
export const BOB: TestUser = { id: 202, is_bot: false, first_name: '李四' };
export const GROUP = { id: -100500, type: 'supergroup' as const, title: '耕保工作群' };

let nextUpdateId = 1;
let nextMessageId = 1;

export function textUpdate(from: TestUser, text: string, options: { group?: boolean; replyToBot?: boolean; updateId?: number } = {}): Update {
  const chat = options.group ? GROUP : { id: from.id, type: 'private' as const, first_name: from.first_name };
  const entities: Array<Record<string, unknown>> = [];
  const mention = `@${FAKE_BOT.username}`;
  const command = /^\/\w+(@\w+)?/.exec(text);
  if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
  // As Telegram does: «/ask@bot» is one bot_command entity, not a mention.
  const at = text.indexOf(mention, command ? command[0].length : 0);
  if (at >= 0) entities.push({ type: 'mention', offset: at, length: mention.length });
  return {
    update_id: options.updateId ?? nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: 1_700_000_000,
      chat,
      from,
      text,
      ...(entities.length ? { entities } : {}),
      ...(options.replyToBot
        ? { reply_to_message: { message_id: 1, date: 1_700_000_000, chat, from: FAKE_BOT, text: '上一条回答' } }
        : {}),
    },
  } as Update;
}

export function buttonUpdate(from: TestUser, data: string, options: { updateId?: number } = {}): Update {
  return {
    update_id: options.updateId ?? nextUpdateId++,
    callback_query: {
      id: `cq-${nextUpdateId}`,
      from,
      chat_instance: 'ci-1',
      data,
      message: { message_id: 77, date: 1_700_000_000, chat: { id: from.id, type: 'private', first_name: from.first_name }, from: FAKE_BOT, text: '请选择' },
    },
  } as Update;
}

/** A skill that exercises buttons, stale buttons, long actions and attachments. */
export const demoSkill: Skill = {
  name: 'demo',
  commands: {
    report: (ctx) => {
      ctx.setActivity({ skill: 'demo', state: { step: 'town' } });
      ctx.reply({
        text: '请选择乡镇：',
        buttons: [
          { label: '城关镇', action: 'demo:town=城关镇' },
          { label: '确认', action: `demo:confirm=${'长'.repeat(30)}` },
        ],
      });
    },
    long: (ctx) =>
      ctx.reply({
        text: Array.from({ length: 30 }, (_, i) => `第${i + 1}段：${'耕地保护'.repeat(60)}`).join('\n\n'),
        citations: Array.from({ length: 12 }, (_, i) => ({ ...citation, section: `第${i + 1}条`, quote: '引文'.repeat(140) })),
      }),
    export: (ctx) => ctx.reply({ text: '汇总表已生成。', attachment: { fileName: '汇总表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: Buffer.from('PK-fake-xlsx') } }),
  },
  onAction: (ctx, payload) => {
    if (!ctx.session.activity) return void ctx.reply('这个步骤已经结束，按钮不再有效。请发送 /report 重新开始。');
    ctx.setActivity(null);
    ctx.reply(`已选择：${payload.split('=')[1]}`);
  },
};

export const citation = {
  doc: 'plan.md',
  title: '宁化县2022年保护性耕作实施方案',
  docNumber: '宁农〔2022〕1号',
  section: '四、扶持政策',
  quote: '第二档补助标准为每亩<40>元 & 以上',
};

export interface TestConversation {
  conversation: Conversation;
  questions: string[];
  /** Holds answers to questions containing this text until release() is called. */
  hold(text: string): { release(): void };
}

export function createTestConversation(): TestConversation {
  const db = openMemoryDatabase();
  const questions: string[] = [];
  const holds = new Map<string, Promise<void>>();
  const answerer: Answerer = {
    async answer(question) {
      questions.push(question);
      for (const [text, gate] of holds) if (question.includes(text)) await gate;
      return { status: 'answered', answer: `关于「${question}」：请参考下列出处。`, citations: [citation] };
    },
  };
  const conversation = createConversation({
    sessions: createSqliteSessionStore(db),
    deliveries: createSqliteDeliveryLog(db),
    answerer,
    skills: [demoSkill],
  });
  return {
    conversation,
    questions,
    hold(text) {
      let release!: () => void;
      holds.set(text, new Promise<void>((resolve) => (release = resolve)));
      return { release: () => release() };
    },
  };
}
