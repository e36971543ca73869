import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import type { Conversation } from '../../../src/core/conversation.ts';
import { loadUnits } from '../../../src/units/load-units.ts';
import { createSqliteUserStore } from '../../../src/users/user-store.ts';
import { closeServer, listenOnLoopback } from '../../support/fake-http.ts';

export const KNOWLEDGE_DIR = join(import.meta.dirname, '..', '..', '..', 'knowledge');
/** Generous: only reached when something is broken, and then the message says what was awaited. */
export const WAIT_LIMIT_MS = 10_000;

/** A fresh app as `gengbao serve --data <tmp>` builds it, with no model configured (offline answers). */
export async function freshApp(channel: string): Promise<App> {
  const data = mkdtempSync(join(tmpdir(), `gengbao-cross-${channel}-`));
  return await createApp(loadConfig({ knowledge: KNOWLEDGE_DIR, data }, {}));
}

/** A single-use reporter invite for the county, made through the user store as `gengbao invite` does. */
export async function reporterInvite(app: App, unit: string): Promise<string> {
  const users = createSqliteUserStore(app.db, loadUnits(KNOWLEDGE_DIR));
  if (!users) throw new Error('the app has no user store');
  return (await users.createInvite('reporter', unit, 'cross-channel-test')).code;
}

/** Fails with a clear message instead of hanging when an awaited event never comes. */
export async function within<T>(promise: Promise<T>, what: string, ms = WAIT_LIMIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Something that can be waited on until a condition holds; checked again on every notify(). */
export function condition() {
  const waiters = new Set<() => void>();
  return {
    notify: () => waiters.forEach((check) => check()),
    until(holds: () => boolean, what: string): Promise<void> {
      const met = new Promise<void>((resolve) => {
        const check = () => {
          if (!holds()) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
      return within(met, what);
    },
  };
}

/**
 * The app's conversation, counting the messages a platform adapter hands it. Telegram and Feishu
 * answer asynchronously; once the adapter has taken the message, its whenIdle() covers the replies.
 */
export function watchedConversation(conversation: Conversation) {
  let received = 0;
  const changed = condition();
  return {
    conversation: {
      handle(message) {
        received += 1;
        changed.notify();
        return conversation.handle(message);
      },
    } satisfies Conversation,
    received: () => received,
    untilReceived: (count: number) => changed.until(() => received >= count, `message ${count} to reach the conversation`),
  };
}

export async function listen(server: Server): Promise<string> {
  return `http://127.0.0.1:${await listenOnLoopback(server)}`;
}

export { closeServer };
