import { ConfigError, type Environment } from '../../config.ts';

/** The slice of configuration the Telegram channel needs. */
export interface TelegramSettings {
  token: string;
  /** Self-hosted Bot API server, e.g. http://127.0.0.1:8081 */
  apiRoot?: string;
  /** Present in webhook mode; absent means long polling. */
  webhook?: { url: string; path: string; secret: string };
}

const TOKEN = /^\d+:[\w-]{30,}$/;
const SECRET = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Reads TELEGRAM_* into settings. Returns null when no token is set (the channel stays off);
 * throws ConfigError naming the variable when the configuration is partial or malformed.
 */
export function telegramSettingsFrom(env: Environment): TelegramSettings | null {
  const token = env.TELEGRAM_BOT_TOKEN;
  if (!token) {
    const stray = (['TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET', 'TELEGRAM_API_ROOT'] as const).filter((name) => env[name]);
    if (stray.length) {
      throw new ConfigError(`已设置 ${stray.join('、')}，但缺少 TELEGRAM_BOT_TOKEN。请填写 BotFather 给出的令牌，或删掉这些变量以关闭 Telegram。`);
    }
    return null;
  }
  const problems: string[] = [];
  if (!TOKEN.test(token)) {
    problems.push('TELEGRAM_BOT_TOKEN 格式不对：应形如 123456789:AAE…（数字、冒号、至少 30 位字母数字），请从 BotFather 重新复制。');
  }
  let webhook: TelegramSettings['webhook'];
  if (env.TELEGRAM_WEBHOOK_URL) {
    const secret = env.TELEGRAM_WEBHOOK_SECRET;
    if (!secret) {
      problems.push('使用 TELEGRAM_WEBHOOK_URL（Webhook 模式）时必须设置 TELEGRAM_WEBHOOK_SECRET，用来校验请求确实来自 Telegram。');
    } else if (!SECRET.test(secret)) {
      problems.push('TELEGRAM_WEBHOOK_SECRET 只能包含字母、数字、下划线和连字符，长度 1–256。');
    } else {
      webhook = { url: env.TELEGRAM_WEBHOOK_URL, path: new URL(env.TELEGRAM_WEBHOOK_URL).pathname, secret };
    }
  } else if (env.TELEGRAM_WEBHOOK_SECRET) {
    problems.push('设置了 TELEGRAM_WEBHOOK_SECRET 却没有 TELEGRAM_WEBHOOK_URL：要用 Webhook 请补上 URL，要用长轮询请删掉密钥。');
  }
  if (problems.length) throw new ConfigError(`Telegram 配置有误：\n${problems.join('\n')}`);
  return { token, apiRoot: env.TELEGRAM_API_ROOT, webhook };
}
