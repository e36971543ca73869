import * as lark from '@larksuiteoapi/node-sdk';
import type { Conversation } from '../../core/conversation.ts';
import type { Reply } from '../../core/types.ts';
import { consoleChannelLogger, type ChannelLogger } from '../channel-logger.ts';
import type { PlatformChannel } from '../platform-channel.ts';
import { ChannelCredentialsError } from '../channel-credentials-error.ts';
import type { RetryOptions } from '../send-retry.ts';
import { createUserQueues } from '../../core/user-queues.ts';
import { translateFeishuCardAction, translateFeishuMessage, type CardActionEvent, type FeishuInbound, type FetchResource, type MessageReceiveEvent } from './feishu-event.ts';
import { readLimited } from '../../core/file-download.ts';
import { formCardOf } from './feishu-form-card.ts';
import { createFeishuHttpHandler } from './feishu-http-handler.ts';
import { createFeishuSender } from './feishu-sender.ts';
import type { FeishuSettings } from './feishu-settings.ts';

export interface FeishuChannelOptions {
  settings: FeishuSettings;
  conversation: Conversation;
  logger?: ChannelLogger;
  retry?: RetryOptions;
  /** Milliseconds since epoch; injected to test the timestamp window. */
  now?: () => number;
}

/** HTTP mode: /feishu/events and /feishu/cards; in ws mode handleHttp always returns false. */
export type FeishuChannel = PlatformChannel;

export function larkDomainOf(domain: string): lark.Domain | string {
  if (domain === 'feishu') return lark.Domain.Feishu;
  if (domain === 'lark') return lark.Domain.Lark;
  return domain;
}

/** Adapts our logger to the SDK's; its info/debug chatter is dropped. */
function sdkLoggerOf(logger: ChannelLogger) {
  const text = (parts: unknown[]) => parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  return {
    error: (...parts: unknown[]) => logger.error(`[feishu sdk] ${text(parts)}`),
    warn: (...parts: unknown[]) => logger.warn(`[feishu sdk] ${text(parts)}`),
    info: () => undefined,
    debug: () => undefined,
    trace: () => undefined,
  };
}

/** Creates the Feishu / Lark adapter: long connection (ws, default) or HTTP event subscription. */
export function createFeishuChannel(options: FeishuChannelOptions): FeishuChannel {
  const { settings, conversation } = options;
  const logger = options.logger ?? consoleChannelLogger;
  const sdkLogger = sdkLoggerOf(logger);
  const domain = larkDomainOf(settings.domain);
  const client = new lark.Client({ appId: settings.appId, appSecret: settings.appSecret, domain, logger: sdkLogger, loggerLevel: lark.LoggerLevel.warn, cache: new lark.DefaultCache() });
  const sender = createFeishuSender(client, options.retry);
  const queues = createUserQueues();
  let botOpenId: string | undefined;
  let wsClient: lark.WSClient | undefined;

  /** A message's file through the SDK's messageResource.get (a stream), read no further than `maxBytes`. */
  const fetchResource: FetchResource = async ({ messageId, key, type }, maxBytes) => {
    const resource = await client.im.messageResource.get({ path: { message_id: messageId, file_key: key }, params: { type } });
    const stream = resource.getReadableStream();
    try {
      return await readLimited(stream, maxBytes);
    } finally {
      // Ends the HTTP download when the limit stopped the reading.
      stream.destroy();
    }
  };

  async function deliver(inbound: FeishuInbound, reply: Reply): Promise<void> {
    if (reply.form?.stage === 'done') {
      const messageId = inbound.target.cardMessageId;
      // Best effort: the result message that follows is what counts.
      if (messageId) await sender.updateCard(messageId, formCardOf({ ...reply, form: reply.form })).catch((error) => logger.warn('[feishu] 更新已提交的卡片失败', error));
    } else if (reply.form) await sender.sendCard(inbound.target, formCardOf({ ...reply, form: reply.form }));
    else await sender.send(inbound.target, reply);
  }

  function accept(inbound: FeishuInbound | null): void {
    if (!inbound) return;
    queues.enqueue(
      inbound.message.userId,
      async () => {
        const replies = await conversation.handle(inbound.message);
        for (const reply of replies) await deliver(inbound, reply);
      },
      (error) => logger.error(`[feishu] 事件 ${inbound.message.dedupKey ?? '?'}（会话 ${inbound.target.chatId}）的回复未能全部送达`, error),
    );
  }

  const dispatcher = new lark.EventDispatcher({
    encryptKey: settings.encryptKey,
    verificationToken: settings.verificationToken,
    logger: sdkLogger,
    loggerLevel: lark.LoggerLevel.warn,
  }).register({
    'im.message.receive_v1': (event: MessageReceiveEvent) => void accept(translateFeishuMessage(event, botOpenId, fetchResource)),
    'card.action.trigger': (event: CardActionEvent) => {
      accept(translateFeishuCardAction(event));
      return { toast: { type: 'info', content: '已收到，正在处理' } };
    },
  } as never);

  const httpHandler = createFeishuHttpHandler({
    secrets: { encryptKey: settings.encryptKey ?? '', verificationToken: settings.verificationToken ?? '' },
    dispatcher,
    logger,
    now: options.now,
  });

  async function learnBotIdentity(): Promise<void> {
    try {
      const info = (await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as { code?: number; bot?: { open_id?: string; app_name?: string } };
      botOpenId = info.bot?.open_id;
      logger.info(`[feishu] 机器人「${info.bot?.app_name ?? ''}」已就绪`);
    } catch (error) {
      const detail = JSON.stringify((error as { response?: { data?: unknown } }).response?.data ?? (error as Error).message ?? '');
      if (/app secret|app_secret|app id|app_id|10003|10014|invalid/i.test(detail)) {
        throw new ChannelCredentialsError('飞书拒绝了应用凭证，请核对 FEISHU_APP_ID 与 FEISHU_APP_SECRET（开发者后台 › 凭证与基础信息）。', { cause: error });
      }
      logger.warn('[feishu] 读取机器人信息失败；群聊中凡是 @ 了人的消息都会回应', error);
    }
  }

  return {
    async start() {
      await learnBotIdentity();
      if (settings.mode === 'http') {
        logger.info('[feishu] 通过 HTTP 接收事件（/feishu/events）和卡片回调（/feishu/cards）');
        return;
      }
      wsClient = new lark.WSClient({
        appId: settings.appId,
        appSecret: settings.appSecret,
        domain,
        logger: sdkLogger,
        loggerLevel: lark.LoggerLevel.warn,
        onReady: () => logger.info('[feishu] 长连接已建立'),
        onError: (error) => logger.error('[feishu] 长连接失败', error),
      });
      await wsClient.start({ eventDispatcher: dispatcher });
      logger.info('[feishu] 正在建立长连接…');
    },

    async stop() {
      wsClient?.close({ force: true });
      wsClient = undefined;
      await queues.whenIdle();
    },

    handleHttp(request, response) {
      return settings.mode === 'http' ? httpHandler(request, response) : false;
    },

    whenIdle: () => queues.whenIdle(),

    // Proactive messages go to the user's open_id (a private chat with the bot).
    notifier: {
      channel: 'feishu',
      async send(userId, replies) {
        for (const reply of replies) await sender.send({ chatId: userId, receiveIdType: 'open_id' }, reply);
      },
    },
  };
}
