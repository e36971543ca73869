import type { Activity, IncomingFile, IncomingMessage, Reply, Session, UserProfile } from './types.ts';

/** Everything a skill sees of one incoming message. Replies are collected, not sent directly. */
export interface TurnContext {
  message: IncomingMessage;
  /** Trimmed, NFKC-normalised text ('' for a button press without text). */
  text: string;
  user: UserProfile;
  session: Session;
  reply(reply: Reply | string): void;
  /** Start, replace or end (null) the user's current activity; saved after the turn. */
  setActivity(activity: Activity | null): void;
  now(): Date;
}

/**
 * A capability of the bot (eligibility, forms, export, …). The conversation core routes to skills in
 * this order: button actions by prefix → the skill owning the active activity → commands → intents →
 * question answering.
 */
export interface Skill {
  /** Unique name; also the prefix of this skill's button actions (`<name>:<payload>`). */
  name: string;
  /** Slash commands handled by this skill, without the slash (e.g. `report`). */
  commands?: Record<string, (ctx: TurnContext, args: string) => Promise<void> | void>;
  /** A button of this skill was pressed; payload is the part after `<name>:`. */
  onAction?(ctx: TurnContext, payload: string): Promise<void> | void;
  /**
   * Continue the activity this skill owns. Return false to let the message fall through
   * (e.g. the user asked an unrelated question mid-form); the core then answers and reminds.
   */
  continueActivity?(ctx: TurnContext): Promise<boolean> | boolean;
  /** Short reminder of where the user is in the activity, shown after an off-topic answer. */
  describeActivity?(activity: Activity): string;
  /** Called on 取消 / /cancel while this skill owns the activity. */
  cancelActivity?(ctx: TurnContext): Promise<void> | void;
  /**
   * A message that is never an answer to another skill's activity (「查看记录」, 「我是谁」): handled even
   * while that activity is open, which then goes on. Return true if this skill handled the message.
   */
  tryAside?(ctx: TurnContext): Promise<boolean> | boolean;
  /** The user sent a file: return true if this skill took it (e.g. a document for the knowledge base). */
  onFile?(ctx: TurnContext, file: IncomingFile): Promise<boolean> | boolean;
  /**
   * Another skill's activity is open and did not take the message: answer it in one reply without starting
   * an activity (「免耕播种一亩补多少钱？」 in the middle of a report form); the open activity then goes on.
   * Return true if answered.
   */
  answerInPassing?(ctx: TurnContext): Promise<boolean> | boolean;
  /** Natural-language trigger: return true if this skill handled the message. */
  tryIntent?(ctx: TurnContext): Promise<boolean> | boolean;
}
