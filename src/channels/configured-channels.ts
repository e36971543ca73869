import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config.ts';
import type { Conversation } from '../core/conversation.ts';
import { consoleChannelLogger, type ChannelLogger } from './channel-logger.ts';
import { createFeishuChannel } from './feishu/feishu-channel.ts';
import { feishuSettingsFrom } from './feishu/feishu-settings.ts';
import type { PlatformChannel } from './platform-channel.ts';
import type { Notifier } from '../notify/notifier.ts';
import { createTelegramChannel } from './telegram/telegram-channel.ts';
import { telegramSettingsFrom } from './telegram/telegram-settings.ts';

/** The messaging platforms that have credentials, ready to start next to the web chat. */
export interface ConfiguredChannels {
  /** Names of the channels that are on, e.g. ['telegram', 'feishu']. */
  names: string[];
  /**
   * Routes for the web server (Telegram webhook, Feishu /feishu/events and /feishu/cards); each returns
   * true when it handled the request. Pass them as `routes` to createWebServer.
   */
  routes: Array<(request: IncomingMessage, response: ServerResponse) => boolean>;
  /** How each channel sends first (reminders, notices); register them with the app's outbox. */
  notifiers: Notifier[];
  /** Starts every channel; call once the HTTP server listens. A channel that fails to start throws. */
  start(): Promise<void>;
  /** Stops receiving, then waits for messages in flight to be answered. */
  stop(): Promise<void>;
}

/**
 * Builds the Telegram and Feishu channels from configuration. A platform without credentials stays off
 * (and the log says so); partial or malformed credentials throw ConfigError naming the variable.
 */
export function createConfiguredChannels(options: {
  config: Config;
  conversation: Conversation;
  logger?: ChannelLogger;
}): ConfiguredChannels {
  const logger = options.logger ?? consoleChannelLogger;
  const telegramSettings = telegramSettingsFrom(options.config.env);
  const feishuSettings = feishuSettingsFrom(options.config.env);
  const channels: Array<{ name: string; channel: PlatformChannel }> = [];
  if (telegramSettings) {
    channels.push({ name: 'telegram', channel: createTelegramChannel({ settings: telegramSettings, conversation: options.conversation, logger }) });
  } else logger.info('Telegram 未启用：没有设置 TELEGRAM_BOT_TOKEN。');
  if (feishuSettings) {
    channels.push({ name: 'feishu', channel: createFeishuChannel({ settings: feishuSettings, conversation: options.conversation, logger}) });
  } else logger.info('飞书未启用：没有设置 FEISHU_APP_ID / FEISHU_APP_SECRET。');
  return {
    names: channels.map((entry) => entry.name),
    notifiers: channels.flatMap((entry) => (entry.channel.notifier ? [entry.channel.notifier] : [])),
    routes: channels.map((entry) => (request, response) => entry.channel.handleHttp(request, response)),
    async start() {
      for (const entry of channels) await entry.channel.start();
    },
    async stop() {
      await Promise.all(channels.map((entry) => entry.channel.stop()));
    },
  };
}
