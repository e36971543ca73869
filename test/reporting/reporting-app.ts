import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Reply } from '../../src/core/types.ts';
import type { Notifier } from '../../src/notify/notifier.ts';
import { loadUnits } from '../../src/units/load-units.ts';
import { createSqliteUserStore, type UserStore } from '../../src/users/user-store.ts';
import { KNOWLEDGE } from '../forms/form-harness.ts';
import { BIMONTHLY_REST } from './bimonthly-fill.ts';

/** A clock the test moves; starts at the given Beijing time. */
export function movableClock(start: string) {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (at: string) => void (current = new Date(at)),
    advance: (ms: number) => void (current = new Date(current.getTime() + ms)),
  };
}

export interface ReportingApp {
  app: App;
  users: UserStore;
  clock: ReturnType<typeof movableClock>;
  /** Messages the bot sent first, through the 'test' channel's notifier. */
  pushed: Array<{ userId: string; reply: Reply }>;
  say(userId: string, text: string): Promise<Reply[]>;
  text(userId: string, text: string): Promise<string>;
  press(userId: string, action: string): Promise<Reply[]>;
  bind(userId: string, role: 'reporter' | 'admin', unit: string): Promise<void>;
  file(userId: string, period: string): Promise<string>;
  close(): void;
}

/** The whole app over a temp data folder with a movable clock and a recording notifier for userKeys `test:…`. */
export async function startReportingApp(start = '2026-06-20T10:00:00+08:00', dataDir = mkdtempSync(join(tmpdir(), 'gengbao-reporting-'))): Promise<ReportingApp> {
  const clock = movableClock(start);
  const app = await createApp(loadConfig({ knowledge: KNOWLEDGE, data: dataDir }, {}), { now: clock.now });
  const users = createSqliteUserStore(app.db, loadUnits(KNOWLEDGE));
  const pushed: ReportingApp['pushed'] = [];
  const notifier: Notifier = { channel: 'test', send: async (userId, replies) => void pushed.push(...replies.map((reply) => ({ userId, reply }))) };
  app.outbox.register(notifier);
  const say = (userId: string, text: string) => app.conversation.handle({ channel: 'test', userId, text });
  const text = async (userId: string, line: string) => (await say(userId, line)).map((reply) => reply.text).join('\n---\n');
  return {
    app,
    users,
    clock,
    pushed,
    say,
    text,
    press: (userId, action) => app.conversation.handle({ channel: 'test', userId, action }),
    async bind(userId, role, unit) {
      const { code } = await users.createInvite(role, unit, 'test');
      await say(userId, `绑定 ${code}`);
    },
    async file(userId, period) {
      await say(userId, '填报双月调度');
      await say(userId, period);
      for (const line of BIMONTHLY_REST) await say(userId, line);
      return text(userId, '确认提交');
    },
    close: () => app.close(),
  };
}
