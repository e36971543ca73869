import { describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../../src/channels/telegram/telegram-channel.ts';
import { startFakeTelegramApi } from '../../support/fake-telegram-api.ts';
import { createTestConversation } from './telegram-fixtures.ts';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { telegramSettingsFrom } from '../../../src/channels/telegram/telegram-settings.ts';

const TOKEN = `123456789:${'A'.repeat(35)}`;
const settings = (env: Record<string, string>) => telegramSettingsFrom(loadConfig({}, env).env);

describe('telegramSettingsFrom', () => {
  it('stays off without a token', () => {
    expect(settings({})).toBeNull();
  });

  it('uses long polling by default and webhook when a URL and secret are set', () => {
    expect(settings({ TELEGRAM_BOT_TOKEN: TOKEN })).toEqual({ token: TOKEN, apiRoot: undefined, webhook: undefined });
    expect(settings({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://bot.example.cn/telegram/hook', TELEGRAM_WEBHOOK_SECRET: 's3cret_-x' })?.webhook).toEqual({
      url: 'https://bot.example.cn/telegram/hook',
      path: '/telegram/hook',
      secret: 's3cret_-x',
    });
  });

  it.each([
    [{ TELEGRAM_BOT_TOKEN: 'not-a-token' }, 'TELEGRAM_BOT_TOKEN'],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://bot.example.cn/hook' }, 'TELEGRAM_WEBHOOK_SECRET'],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://bot.example.cn/hook', TELEGRAM_WEBHOOK_SECRET: 'has space' }, 'TELEGRAM_WEBHOOK_SECRET'],
    [{ TELEGRAM_WEBHOOK_URL: 'https://bot.example.cn/hook' }, 'TELEGRAM_BOT_TOKEN'],
  ])('rejects %j naming %s', (env, variable) => {
    expect(() => settings(env)).toThrow(ConfigError);
    expect(() => settings(env)).toThrow(variable);
  });

  it('fails at start when Telegram rejects the token, naming the variable', async () => {
    const api = await startFakeTelegramApi();
    const channel = createTelegramChannel({ settings: { token: `1:${'B'.repeat(35)}`, apiRoot: api.apiRoot }, conversation: createTestConversation().conversation });
    await expect(channel.start()).rejects.toThrow(ConfigError);
    await expect(channel.start()).rejects.toThrow(/TELEGRAM_BOT_TOKEN/);
    await api.close();
  });
});
