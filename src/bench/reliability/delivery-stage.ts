import type { FakeBotApi } from './fake-bot-api.ts';
import type { ServerProcess } from './server-process.ts';

export interface DeliveryResult {
  /** Times the same update was posted (at once, again later, and again after a kill -9 and restart). */
  deliveries: number;
  /** Messages the bot sent for one delivery of a comparable update, and for all deliveries of the repeated one. */
  repliesOnce: number;
  repliesRepeated: number;
  /** Repeated deliveries that produced replies of their own (0 expected). */
  handledTwice: number;
}

const WEBHOOK_PATH = '/telegram/hook';

function update(updateId: number, chatId: number, text: string) {
  return {
    update_id: updateId,
    message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: '测试' }, from: { id: chatId, is_bot: false, first_name: '测试' }, text },
  };
}

async function post(url: string, secret: string, body: unknown): Promise<number> {
  const response = await fetch(`${url}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
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

export const webhookPath = WEBHOOK_PATH;

/** The same Telegram update delivered 3 times at once, once more later, and once after kill -9 + restart: one reply. */
export async function runDeliveries(server: ServerProcess, api: FakeBotApi, secret: string, restart: () => Promise<void>): Promise<DeliveryResult> {
  const question = '保护性耕作补助标准是多少？';
  await post(server.url, secret, update(900_002, 800_002, question));
  const repliesOnce = await settle(() => api.sentTo(800_002));
  const repeated = update(900_001, 800_001, question);
  await Promise.all([post(server.url, secret, repeated), post(server.url, secret, repeated), post(server.url, secret, repeated)]);
  await settle(() => api.sentTo(800_001));
  await post(server.url, secret, repeated);
  const beforeKill = await settle(() => api.sentTo(800_001));
  await restart();
  await post(server.url, secret, repeated);
  const repliesRepeated = await settle(() => api.sentTo(800_001), 2500);
  return {
    deliveries: 5,
    repliesOnce,
    repliesRepeated,
    handledTwice: repliesOnce > 0 ? Math.round((repliesRepeated - repliesOnce) / repliesOnce) + (beforeKill !== repliesRepeated ? 1 : 0) : -1,
  };
}
