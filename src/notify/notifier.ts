import type { Reply } from '../core/types.ts';

/**
 * Proactive sending on one channel: the bot speaks first (reminders, notices). A channel implements it by
 * translating neutral replies exactly as it does for answers; it never decides what to say.
 */
export interface Notifier {
  /** The channel part of a userKey this notifier reaches ('telegram', 'feishu'). */
  channel: string;
  /** Sends the replies to this user in a private chat (userId as in the userKey, e.g. 12345 or ou_abc). */
  send(userId: string, replies: Reply[]): Promise<void>;
}

export type Delivery = { delivered: true } | { delivered: false; reason: string };

/** Routes a message for a userKey (`telegram:12345`) to the notifier of its channel. */
export interface Outbox {
  register(notifier: Notifier): void;
  /** Whether a userKey can be reached proactively now. */
  canReach(userKey: string): boolean;
  send(userKey: string, replies: Reply[]): Promise<Delivery>;
}

export function splitUserKey(userKey: string): { channel: string; userId: string } {
  const index = userKey.indexOf(':');
  return index < 0 ? { channel: '', userId: userKey } : { channel: userKey.slice(0, index), userId: userKey.slice(index + 1) };
}

export function createOutbox(notifiers: Notifier[] = []): Outbox {
  const byChannel = new Map(notifiers.map((notifier) => [notifier.channel, notifier]));
  return {
    register: (notifier) => void byChannel.set(notifier.channel, notifier),
    canReach: (userKey) => byChannel.has(splitUserKey(userKey).channel),
    async send(userKey, replies) {
      const { channel, userId } = splitUserKey(userKey);
      const notifier = byChannel.get(channel);
      if (!notifier) return { delivered: false, reason: `${channel || '未知'}渠道不能主动发消息（未启用或不支持）` };
      try {
        await notifier.send(userId, replies);
        return { delivered: true };
      } catch (error) {
        return { delivered: false, reason: `发送失败：${(error as Error).message}` };
      }
    },
  };
}
