import { timingSafeEqual } from 'node:crypto';
import { Telegraf, TelegramError } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Conversation } from '../../core/conversation.ts';
import { consoleChannelLogger, type ChannelLogger } from '../channel-logger.ts';
import type { PlatformChannel } from '../platform-channel.ts';
import { readBody } from '../read-body.ts';
import { ChannelCredentialsError } from '../channel-credentials-error.ts';
import { withRetry, type RetryOptions } from '../send-retry.ts';
import { createUserQueues } from '../../core/user-queues.ts';
import { createCallbackActions, type CallbackActions } from './callback-actions.ts';
import { classifyTelegramFailure, createTelegramSender } from './telegram-sender.ts';
import type { TelegramSettings } from './telegram-settings.ts';
import { translateTelegramUpdate, type BotIdentity, type TelegramInbound } from './telegram-update.ts';

/** The commands shown in Telegram's menu. */
export const TELEGRAM_COMMANDS = [
  { command: 'start', description: '开始使用耕保助手' },
  { command: 'help', description: '查看使用说明' },
  { command: 'ask', description: '查询政策，如 /ask 第二档补助标准是多少' },
  { command: 'report', description: '填报双月调度等报表' },
  { command: 'check', description: '测算能否享受补贴、能补多少' },
  { command: 'cancel', description: '取消正在进行的填报或测算' },
  { command: 'export', description: '导出汇总表（县级管理员）' },
];

export interface TelegramChannelOptions {
  settings: TelegramSettings;
  conversation: Conversation;
  logger?: ChannelLogger;
  callbackActions?: CallbackActions;
  /** Retry policy for API calls; tests inject a sleep that does not wait. */
  retry?: RetryOptions & { callTimeoutMs?: number };
  /** Skips getMe (tests, or when the identity is already known). */
  botInfo?: BotIdentity;
}

/** Webhook mode: handleHttp takes POSTs to the webhook path. */
export type TelegramChannel = PlatformChannel;

/** Creates the Telegram adapter: long polling by default, webhook when configured. */
export function createTelegramChannel(options: TelegramChannelOptions): TelegramChannel {
  const { settings, conversation } = options;
  const logger = options.logger ?? consoleChannelLogger;
  const actions =
    options.callbackActions ??
    createCallbackActions({ onMapped: (action) => logger.warn(`[telegram] 按钮动作超过 64 字节，已改用服务器端映射：${action.slice(0, 40)}…`) });
  const bot = new Telegraf(settings.token, { telegram: settings.apiRoot ? { apiRoot: settings.apiRoot } : {} });
  const sender = createTelegramSender(bot.telegram, actions, options.retry);
  const queues = createUserQueues();
  let identity = options.botInfo;
  let polling: Promise<void> | undefined;

  /** getFile through telegraf, then the file from the Bot API's file URL (20 MB at most on Telegram's servers). */
  async function downloadFile(fileId: string): Promise<Buffer> {
    const link = await bot.telegram.getFileLink(fileId);
    const response = await fetch(link);
    if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  async function process(inbound: TelegramInbound): Promise<void> {
    const replies = await conversation.handle(inbound.message);
    for (const reply of replies) await sender.send(inbound.chatId, reply, inbound.replyToMessageId);
  }

  /** Queues an update behind earlier ones of the same user; different users run in parallel. */
  function accept(update: Update): void {
    if (!identity) return;
    const inbound = translateTelegramUpdate(update, identity, actions.decode, downloadFile);
    if (inbound?.callbackQueryId) {
      sender.call('answerCallbackQuery', { callback_query_id: inbound.callbackQueryId }).catch((error) => logger.warn('[telegram] 应答按钮回调失败', error));
    }
    if (!inbound) return;
    queues.enqueue(
      inbound.message.userId,
      () => process(inbound),
      (error) => logger.error(`[telegram] 更新 ${update.update_id}（会话 ${inbound.chatId}）的回复未能全部送达`, error),
    );
  }

  // The middleware only enqueues, so telegraf's batch (awaited as a whole) never waits on a slow chat.
  bot.use((ctx) => accept(ctx.update));
  bot.catch((error) => logger.error('[telegram] 处理更新失败', error));

  const call = (method: string, payload: Record<string, unknown>) => withRetry(method, () => bot.telegram.callApi(method as 'getMe', payload as never), classifyTelegramFailure, { ...options.retry, attempts: 3 });

  return {
    async start() {
      if (!identity) {
        try {
          const me = (await call('getMe', {})) as { id: number; username: string; is_bot: true; first_name: string };
          identity = { id: me.id, username: me.username };
          bot.botInfo = me as never;
        } catch (error) {
          const cause = (error as { cause?: unknown }).cause;
          if (cause instanceof TelegramError && cause.code === 401) throw new ChannelCredentialsError('Telegram 拒绝了 TELEGRAM_BOT_TOKEN（401 Unauthorized），请到 BotFather 核对令牌。', { cause: error });
          throw error;
        }
      } else {
        bot.botInfo = { id: identity.id, username: identity.username, is_bot: true, first_name: identity.username } as never;
      }
      await call('setMyCommands', { commands: TELEGRAM_COMMANDS }).catch((error) => logger.warn('[telegram] 注册指令菜单失败，菜单可能不是最新的', error));
      const allowed = ['message', 'callback_query'];
      if (settings.webhook) {
        await call('setWebhook', { url: settings.webhook.url, secret_token: settings.webhook.secret, allowed_updates: allowed });
        logger.info(`[telegram] @${identity.username} 已启动，通过 Webhook 接收消息（${settings.webhook.path}）`);
        return;
      }
      // launch() removes any webhook (keeping pending updates) before it starts polling.
      polling = bot.launch({ allowedUpdates: allowed as never }).catch((error) => logger.error('[telegram] 长轮询因错误停止', error));
      logger.info(`[telegram] @${identity.username} 已启动，通过长轮询接收消息`);
    },

    async stop() {
      if (polling) {
        try {
          bot.stop('shutdown');
        } catch {
          // launch() had not reached polling yet; nothing to stop.
        }
        await polling;
        polling = undefined;
      }
      await this.whenIdle();
    },

    handleHttp(request, response) {
      const webhook = settings.webhook;
      const path = (request.url ?? '').split('?')[0];
      if (!webhook || path !== webhook.path) return false;
      if (!identity) {
        // Not started yet (e.g. right after a restart): Telegram retries later, nothing is lost.
        response.writeHead(503, { 'retry-after': '5' }).end();
        return true;
      }
      if (request.method !== 'POST') {
        response.writeHead(405, { allow: 'POST' }).end();
        return true;
      }
      const token = request.headers['x-telegram-bot-api-secret-token'];
      if (typeof token !== 'string') {
        response.writeHead(401).end();
        return true;
      }
      if (!sameSecret(token, webhook.secret)) {
        logger.warn('[telegram] 已拒绝密钥不符的 Webhook 请求');
        response.writeHead(403).end();
        return true;
      }
      void readBody(request).then(
        (body) => {
          let update: Update;
          try {
            update = JSON.parse(body) as Update;
          } catch (error) {
            logger.warn('[telegram] Webhook 请求体不是合法的 JSON，已返回 400', error);
            response.writeHead(400).end();
            return;
          }
          response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
          void bot.handleUpdate(update);
        },
        (error) => {
          logger.warn('[telegram] Webhook 请求体读取失败或过大，已返回 413', error);
          response.writeHead(413).end();
        },
      );
      return true;
    },

    whenIdle: () => queues.whenIdle(),

    // A private chat's id is the user's id.
    notifier: {
      channel: 'telegram',
      async send(userId, replies) {
        for (const reply of replies) await sender.send(Number(userId), reply);
      },
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
