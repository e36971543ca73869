import type { FakeBotApi } from './fake-bot-api.ts';
import { feishuMessageRequest, type FakeLarkApi } from './fake-lark-api.ts';
import type { ServerProcess } from './server-process.ts';

export interface DeliveryResult {
  platform: 'Telegram' | '飞书';
  /** Times the same update/event was posted (3 at once, once later, once after kill -9 and restart). */
  deliveries: number;
  /** Messages the bot sent for one delivery of a comparable update, and for all deliveries of the repeated one. */
  repliesOnce: number;
  repliesRepeated: number;
  /** Repeated deliveries that produced replies of their own (0 expected). */
  handledTwice: number;
  /** HTTP statuses the webhook answered, distinct. */
  statuses: number[];
}

/** How the bench posts one delivery to a platform's webhook and counts what the bot sent into that chat. */
interface Platform {
  name: DeliveryResult['platform'];
  post(deliveryId: number, chat: number, text: string): Promise<number>;
  sentTo(chat: number): number;
}

export const TELEGRAM_WEBHOOK_PATH = '/telegram/hook';
export const FEISHU_SECRETS = { encryptKey: 'bench-encrypt-key', verificationToken: 'bench-verification-token' };

export function telegramPlatform(server: ServerProcess, api: FakeBotApi, secret: string): Platform {
  return {
    name: 'Telegram',
    async post(updateId, chat, text) {
      const update = {
        update_id: updateId,
        message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chat, type: 'private', first_name: '测试' }, from: { id: chat, is_bot: false, first_name: '测试' }, text },
      };
      const response = await fetch(`${server.url}${TELEGRAM_WEBHOOK_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify(update),
      });
      await response.arrayBuffer();
      return response.status;
    },
    sentTo: (chat) => api.sentTo(chat),
  };
}

export function feishuPlatform(server: ServerProcess, api: FakeLarkApi): Platform {
  return {
    name: '飞书',
    async post(eventId, chat, text) {
      const messageId = `om_bench_${eventId}`;
      api.noteMessage(messageId, `oc_${chat}`);
      const request = feishuMessageRequest({ ...FEISHU_SECRETS, appId: api.appId }, { eventId: `ev_bench_${eventId}`, chatId: `oc_${chat}`, messageId, text });
      const response = await fetch(`${server.url}/feishu/events`, { method: 'POST', headers: request.headers, body: request.body });
      await response.arrayBuffer();
      return response.status;
    },
    sentTo: (chat) => api.sentTo(`oc_${chat}`),
  };
}

/** Waits until the count stops changing for `quietMs`. */
async function settle(count: () => number, quietMs = 1500): Promise<number> {
  let last = count();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (count() !== last) (last = count()), (since = Date.now());
  }
  return last;
}

/**
 * Phase one (before a restart): a comparison delivery, then the repeated one 3 times at once and once more.
 * Phase two (after the caller's kill -9 and restart): the repeated one again. One reply in all is expected.
 */
export function deliveryCheck(platform: Platform, ids: { once: number; repeated: number; chatOnce: number; chatRepeated: number }) {
  const question = '保护性耕作补助标准是多少？';
  const statuses = new Set<number>();
  // Like the platforms, a 503 (listening, channels not started yet after a restart) is retried.
  const post = async (id: number, chat: number) => {
    let status = await platform.post(id, chat, question);
    for (let retry = 0; status === 503 && retry < 100; retry++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      status = await platform.post(id, chat, question);
    }
    statuses.add(status);
  };
  let repliesOnce = 0;
  let beforeKill = 0;
  return {
    async beforeRestart() {
      await post(ids.once, ids.chatOnce);
      repliesOnce = await settle(() => platform.sentTo(ids.chatOnce));
      await Promise.all([post(ids.repeated, ids.chatRepeated), post(ids.repeated, ids.chatRepeated), post(ids.repeated, ids.chatRepeated)]);
      await settle(() => platform.sentTo(ids.chatRepeated));
      await post(ids.repeated, ids.chatRepeated);
      beforeKill = await settle(() => platform.sentTo(ids.chatRepeated));
    },
    async afterRestart(): Promise<DeliveryResult> {
      await post(ids.repeated, ids.chatRepeated);
      const repliesRepeated = await settle(() => platform.sentTo(ids.chatRepeated), 2500);
      const extra = repliesOnce > 0 ? Math.round((beforeKill - repliesOnce) / repliesOnce) + (repliesRepeated !== beforeKill ? 1 : 0) : -1;
      return { platform: platform.name, deliveries: 5, repliesOnce, repliesRepeated, handledTwice: extra, statuses: [...statuses].sort() };
    },
  };
}
