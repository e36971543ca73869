import type { SessionStore } from './session-store.ts';
import type { DeliveryLog } from './delivery-log.ts';
import { GUIDE_TEXT, isGreetingOrHelp, isUnclear } from './guide.ts';
import type { Skill, TurnContext } from './skill.ts';
import { readableText } from '../text/readable-text.ts';
import type { TurnLock } from './turn-lock.ts';
import { createUserQueues } from './user-queues.ts';
import type { Activity, Answer, Button, IncomingMessage, Reply, UserProfile } from './types.ts';
import { anonymousDirectory, type UserDirectory } from './user-directory.ts';

/** Answers a free question (offline extractive, or model-written and checked). */
export interface Answerer {
  answer(question: string, user: UserProfile): Promise<Answer>;
}

/** A free question the core answered or declined. */
export interface AnsweredTurn {
  question: string;
  answer: Answer;
  user: UserProfile;
  channel: IncomingMessage['channel'];
  at: Date;
}

/** Told about every answered or declined question (to log what users could not get); returns buttons for under an answer. */
export interface AnswerObserver {
  observe(turn: AnsweredTurn): Promise<Button[]>;
}

export interface ConversationOptions {
  sessions: SessionStore;
  answerer: Answerer;
  skills?: Skill[];
  users?: UserDirectory;
  deliveries?: DeliveryLog;
  /** Hears every answer (有用/没用 buttons, the log of declined questions); its failure never costs the answer. */
  answers?: AnswerObserver;
  /** Several instances on one database: a user's turn is held across all of them (PostgreSQL advisory lock). */
  turns?: TurnLock;
  now?: () => Date;
  /** Called when a skill throws; the user gets an apology, the error goes here. */
  onError?: (error: unknown, message: IncomingMessage) => void;
}

export interface Conversation {
  /** Handles one message; messages of one user are processed strictly in arrival order. */
  handle(message: IncomingMessage): Promise<Reply[]>;
}

export const MAX_INPUT_CHARS = 2000;

/** How long a session without an activity goes unwritten (its expiry is counted in days). */
const EMPTY_SESSION_REWRITE_MS = 3_600_000;

const CANCEL = /^(取消|\/cancel|退出|不填了|放弃|算了)$/i;
/** 「算了，先不填了」「不弄了，取消」: every clause a way to stop, one of them a plain one (「先不填了」 alone only pauses). */
const CANCEL_WORD = /^(?:取消|退出|放弃|算了|不填了|不报了|不弄了|不登记了|不要了|不搞了)$/;
const STOP_WORD = /^(?:先)?(?:不填了|不报了|不弄了|不登记了|不要了|不搞了|不填|不报)$/;

function isCancel(text: string): boolean {
  if (CANCEL.test(text)) return true;
  const clauses = text.split(/[，,。.！!；;、\s]+/).map((clause) => clause.replace(/(?<=.)[吧啊呀啦哈]+$/, '')).filter(Boolean);
  return clauses.length > 1 && clauses.length <= 3 && clauses.every((clause) => CANCEL_WORD.test(clause) || STOP_WORD.test(clause)) && clauses.some((clause) => CANCEL_WORD.test(clause));
}

export function userKeyOf(message: IncomingMessage): string {
  return `${message.channel}:${message.userId}`;
}

export function createConversation(options: ConversationOptions): Conversation {
  const skills = options.skills ?? [];
  const users = options.users ?? anonymousDirectory;
  const now = options.now ?? (() => new Date());
  const queues = createUserQueues();

  const skillByName = (name: string) => skills.find((s) => s.name === name);

  async function answerQuestion(ctx: TurnContext, question: string): Promise<void> {
    const answer = await options.answerer.answer(question, ctx.user);
    let buttons: Button[] = [];
    try {
      buttons = (await options.answers?.observe({ question, answer, user: ctx.user, channel: ctx.message.channel, at: now() })) ?? [];
    } catch (error) {
      options.onError?.(error, ctx.message);
    }
    ctx.reply({ text: answer.answer, citations: answer.citations, answerStatus: answer.status, ...(buttons.length ? { buttons } : {}) });
  }

  async function route(ctx: TurnContext): Promise<void> {
    const { message, text, session } = ctx;
    const active = session.activity ? skillByName(session.activity.skill) : undefined;

    if (message.action) {
      const [prefix, ...rest] = message.action.split(':');
      const skill = skillByName(prefix);
      if (skill?.onAction) return void (await skill.onAction(ctx, rest.join(':')));
      ctx.reply('这个按钮已失效，请重新发送您的问题或指令。');
      return;
    }
    if (message.file) {
      for (const skill of skills) if (skill.onFile && (await skill.onFile(ctx, message.file))) return;
      return void ctx.reply('暂时不能接收文件。如需提问，请直接发文字。');
    }
    if (!text) return void ctx.reply(GUIDE_TEXT);

    if (isCancel(text)) {
      if (active?.cancelActivity) return void (await active.cancelActivity(ctx));
      const hadActivity = session.activity !== null;
      ctx.setActivity(null);
      ctx.reply(hadActivity ? '已取消。' : '当前没有进行中的填报或测算。');
      return;
    }

    const command = /^\/([a-z_]+)(?:@\w+)?\s*(.*)$/is.exec(text);
    if (command) {
      const [, name, args] = command;
      const lower = name.toLowerCase();
      if (lower === 'help' || (lower === 'start' && !args)) return void ctx.reply(GUIDE_TEXT);
      if (lower === 'ask') return args ? answerQuestion(ctx, args) : void ctx.reply('请在 /ask 后面写上您的问题，例如：/ask 第二档补助标准是多少？');
      for (const skill of skills) {
        const handler = skill.commands?.[lower];
        if (handler) return void (await handler(ctx, args.trim()));
      }
      ctx.reply(`暂不支持 /${name} 指令。\n\n${GUIDE_TEXT}`);
      return;
    }

    if (active) {
      for (const skill of skills) {
        if (skill !== active && skill.tryAside && (await skill.tryAside(ctx))) return remindOfActivity(ctx);
      }
    }
    if (active?.continueActivity && (await active.continueActivity(ctx))) return;
    if (active) {
      for (const skill of skills) {
        if (skill !== active && skill.answerInPassing && (await skill.answerInPassing(ctx))) return remindOfActivity(ctx);
      }
    }

    for (const skill of skills) {
      if (skill.tryIntent && (await skill.tryIntent(ctx))) return;
    }

    if (isGreetingOrHelp(text) || isUnclear(text)) {
      ctx.reply(GUIDE_TEXT);
    } else {
      await answerQuestion(ctx, text);
    }
    remindOfActivity(ctx);
  }

  /** After something off the activity's path, one line on where the user was. */
  function remindOfActivity(ctx: TurnContext): void {
    const still = ctx.session.activity;
    const owner = still ? skillByName(still.skill) : undefined;
    if (still && owner?.describeActivity) {
      ctx.reply(`（您还有未完成的事项：${owner.describeActivity(still)}。继续回答即可，或发送「取消」。）`);
    }
  }

  async function process(message: IncomingMessage): Promise<Reply[]> {
    if (message.dedupKey && options.deliveries && !(await options.deliveries.firstTime(message.dedupKey))) return [];
    const userKey = userKeyOf(message);
    const session = await options.sessions.load(userKey);
    const empty = session.activity === null;
    const replies: Reply[] = [];
    const raw = message.text ?? '';
    const tooLong = raw.length > MAX_INPUT_CHARS;
    const text = readableText(raw.slice(0, MAX_INPUT_CHARS));
    const ctx: TurnContext = {
      message,
      text,
      user: await users.profile(userKey, message.displayName),
      session,
      reply: (reply) => replies.push(typeof reply === 'string' ? { text: reply } : reply),
      setActivity: (activity: Activity | null) => {
        session.activity = activity;
      },
      now,
    };
    if (tooLong) ctx.reply(`消息较长，只处理了前 ${MAX_INPUT_CHARS} 个字。请把问题写得简短些。`);
    try {
      await route(ctx);
    } catch (error) {
      options.onError?.(error, message);
      ctx.reply('抱歉，处理这条消息时出错了，您已填写的内容都已保存。请稍后重试，或换个说法。');
    }
    const at = now();
    // A session with nothing in it, written within the hour, is not written again: only its time would change.
    const unchanged = empty && session.activity === null && at.getTime() - Date.parse(session.updatedAt) < EMPTY_SESSION_REWRITE_MS;
    session.updatedAt = at.toISOString();
    if (!unchanged) await options.sessions.save(session);
    return replies;
  }

  return {
    handle(message) {
      const key = userKeyOf(message);
      const turns = options.turns;
      return queues.run(key, () => (turns ? turns.run(key, () => process(message)) : process(message)));
    },
  };
}
