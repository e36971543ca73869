import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConversation, type Answerer, type Conversation } from '../../src/core/conversation.ts';
import type { Skill } from '../../src/core/skill.ts';
import type { Reply } from '../../src/core/types.ts';
import { createFormSkill, type FormSkill } from '../../src/forms/form-skill.ts';
import { loadForms } from '../../src/forms/load-forms.ts';
import { createSqliteRecordStore } from '../../src/records/record-store.ts';
import type { RecordStore } from '../../src/records/types.ts';
import { loadRuleSets } from '../../src/rules/load-rule-sets.ts';
import { openDatabase, type SqliteDatabase } from '../../src/database/database.ts';
import { createSqliteSessionStore } from '../../src/core/session-store.ts';
import { loadUnits } from '../../src/units/load-units.ts';
import type { UnitDirectory } from '../../src/units/types.ts';
import { createSqliteUserStore, type UserStore } from '../../src/users/user-store.ts';

export const KNOWLEDGE = join(import.meta.dirname, '..', '..', 'knowledge');

/** Answers every free question with a fixed text and records what was asked. */
export class FakeAnswerer implements Answerer {
  readonly questions: string[] = [];
  async answer(question: string) {
    this.questions.push(question);
    return { status: 'answered' as const, answer: `【答】${question}`, citations: [] };
  }
}

export interface Harness {
  dataDir: string;
  db: SqliteDatabase;
  conversation: Conversation;
  answerer: FakeAnswerer;
  /** Errors skills threw (the user got an apology). */
  errors: unknown[];
  records: RecordStore;
  users: UserStore;
  skill: FormSkill;
  /** Sends one line (or a button action) as a user and returns the reply texts joined. */
  say(user: string, line: string): Promise<string>;
  /** Like say, but returns the replies themselves (buttons, citations). */
  send(user: string, line: string): Promise<Reply[]>;
  bind(user: string, role: 'reporter' | 'admin', unit: string): Promise<void>;
  /** A fresh conversation over the same SQLite file, as after a restart. */
  restart(): void;
}

export function lastButtons(replies: Reply[]): string[] {
  return replies.flatMap((reply) => reply.buttons ?? []).map((button) => `${button.label}=${button.action}`);
}

/** Finds the action of a button by its label in the replies. */
export function actionOf(replies: Reply[], label: string): string {
  const found = replies.flatMap((reply) => reply.buttons ?? []).find((button) => button.label === label);
  if (!found) throw new Error(`no button 「${label}」 in ${JSON.stringify(replies.map((r) => r.buttons))}`);
  return found.action;
}

let counter = 0;

export function createHarness(
  options: {
    dataDir?: string;
    knowledgeDir?: string;
    wrapRecords?: (records: RecordStore) => RecordStore;
    /** Skills placed before the form skill, as the app does (account, records…). */
    extraSkills?: (parts: { records: RecordStore; users: UserStore; units: UnitDirectory }) => Skill[];
    /** The clock the conversation reads (today's date in answers such as 「昨天」). */
    now?: () => Date;
  } = {},
): Harness {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'gengbao-forms-'));
  const knowledgeDir = options.knowledgeDir ?? KNOWLEDGE;
  const units = loadUnits(knowledgeDir);
  const answerer = new FakeAnswerer();
  const errors: unknown[] = [];
  let db = openDatabase(dataDir);
  const build = () => {
    const records = (options.wrapRecords ?? ((store: RecordStore) => store))(createSqliteRecordStore(db));
    const users = createSqliteUserStore(db, units);
    const skill = createFormSkill({ forms: loadForms(knowledgeDir), rules: loadRuleSets(knowledgeDir), records, users, units, newId: () => `d${++counter}` });
    const skills = [...(options.extraSkills?.({ records, users, units }) ?? []), skill];
    const conversation = createConversation({ sessions: createSqliteSessionStore(db), answerer, skills, users, now: options.now, onError: (error) => errors.push(error) });
    return { records, users, skill, conversation };
  };
  let parts = build();
  const send = async (user: string, line: string) =>
    parts.conversation.handle(
      line.startsWith('form:') ? { channel: 'test', userId: user, action: line, displayName: user } : { channel: 'test', userId: user, text: line, displayName: user },
    );
  const harness: Harness = {
    dataDir,
    get db() {
      return db;
    },
    get conversation() {
      return parts.conversation;
    },
    answerer,
    errors,
    get records() {
      return parts.records;
    },
    get users() {
      return parts.users;
    },
    get skill() {
      return parts.skill;
    },
    send,
    async say(user, line) {
      return (await send(user, line)).map((reply) => reply.text).join('\n---\n');
    },
    async bind(user, role, unit) {
      const { code } = await parts.users.createInvite(role, unit, 'test');
      const result = await parts.users.redeem(code, `test:${user}`, user);
      if (!result.ok) throw new Error(result.error);
    },
    restart() {
      db.close();
      db = openDatabase(dataDir);
      parts = build();
    },
  };
  return harness;
}
