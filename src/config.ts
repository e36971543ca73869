import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

/** Raised at start when configuration is wrong; the message names every offending variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() ? value.trim() : undefined));

/** An optional whole number given as text; empty means unset. */
function optionalNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  return optionalText.pipe(z.union([z.undefined(), z.string().regex(/^\d+$/, '应为整数').transform(Number).pipe(z.number().min(min).max(max))]));
}

const environmentSchema = z.object({
  GENGBAO_KNOWLEDGE_DIR: optionalText,
  GENGBAO_DATA_DIR: optionalText,
  PORT: optionalNumber(0, 65535),
  HOST: optionalText,
  GENGBAO_ADMIN: optionalText,
  /** Hours (Beijing) without reminders, e.g. 21-8; default 21-8. */
  GENGBAO_QUIET_HOURS: optionalText.pipe(z.union([z.undefined(), z.string().regex(/^\d{1,2}-\d{1,2}$/, '应写成起止小时，如 21-8（晚上9点到早上8点不发提醒）')])),
  /** postgres://user:password@host:5432/db keeps all state in PostgreSQL (several instances); unset = the SQLite file in the data folder. */
  DATABASE_URL: optionalText.pipe(
    z.union([z.undefined(), z.string().regex(/^postgres(?:ql)?:\/\//i, '应以 postgres:// 开头，例如 postgres://gengbao:密码@127.0.0.1:5432/gengbao（不设置则使用数据目录里的 SQLite 文件）')]),
  ),
  /** Connections per instance for the stores (default 10), and as many more for turns holding a user's lock. */
  DATABASE_POOL_SIZE: optionalNumber(1, 500),
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_WEBHOOK_URL: optionalText.pipe(z.url().optional()),
  TELEGRAM_WEBHOOK_SECRET: optionalText,
  TELEGRAM_API_ROOT: optionalText.pipe(z.url().optional()),
  FEISHU_APP_ID: optionalText,
  FEISHU_APP_SECRET: optionalText,
  FEISHU_ENCRYPT_KEY: optionalText,
  FEISHU_VERIFICATION_TOKEN: optionalText,
  FEISHU_DOMAIN: optionalText,
  FEISHU_MODE: optionalText.pipe(z.enum(['ws', 'http']).optional()),
  OPENAI_BASE_URL: optionalText.pipe(z.url().optional()),
  OPENAI_API_KEY: optionalText,
  OPENAI_MODEL: optionalText,
  OPENAI_EMBEDDING_MODEL: optionalText,
  OPENAI_TIMEOUT_MS: optionalNumber(1),
  GENGBAO_ANSWER_DEADLINE_MS: optionalNumber(1),
  /** Lets an integration name `userId` in POST /api/chat with `Authorization: Bearer <token>`; never defaulted. */
  GENGBAO_API_TOKEN: optionalText.pipe(z.union([z.undefined(), z.string().min(24, '至少 24 个字符（可用 openssl rand -hex 32 生成）')])),
  /** HMAC key of the web chat's session cookie; the same on every instance behind one address. Default: <data>/session-secret. */
  GENGBAO_SESSION_SECRET: optionalText,
  /** 1 = the session cookie is marked Secure (the site is served over HTTPS by nginx/Caddy). */
  GENGBAO_COOKIE_SECURE: optionalText,
  /** Days a conversation (with an unfinished draft) is kept after its last message; default 30. */
  GENGBAO_SESSION_RETENTION_DAYS: optionalNumber(1, 3650),
  /** Days Telegram/Feishu delivery ids are kept to drop redeliveries; default 7. */
  GENGBAO_DELIVERY_RETENTION_DAYS: optionalNumber(1, 3650),
  /** Days logged questions (masked) and their votes are kept for 「最近没答上的问题」; default 180. */
  GENGBAO_QUESTION_RETENTION_DAYS: optionalNumber(1, 3650),
  /** Offline answers kept per (question, region) until the next index run; 0 = none (default 1000). */
  GENGBAO_ANSWER_CACHE: optionalNumber(0, 1_000_000),
  /** Worker threads working out offline answers (other cores); 0 = in the main thread (default). */
  GENGBAO_ANSWER_THREADS: optionalNumber(0, 64),
  /** 1 = take the client address from X-Forwarded-For (only behind a reverse proxy that sets it). */
  GENGBAO_TRUST_PROXY: optionalText,
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  knowledgeDir: string;
  dataDir: string;
  port: number;
  host: string;
  env: Environment;
}

export interface CliFlags {
  knowledge?: string;
  data?: string;
  port?: string;
}

let dotenvLoaded = false;

/** Reads `.env` once (if present) without overriding variables already set. */
function loadDotenv(): void {
  if (dotenvLoaded) return;
  dotenvLoaded = true;
  if (existsSync('.env')) process.loadEnvFile('.env');
}

/** The only reader of process.env: parses it once with zod and reports every problem at once. */
export function loadConfig(flags: CliFlags = {}, source: NodeJS.ProcessEnv = process.env): Config {
  if (source === process.env) loadDotenv();
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`配置有误，请检查以下环境变量：\n${problems.join('\n')}`);
  }
  const env = parsed.data;
  const port = flags.port !== undefined ? Number(flags.port) : (env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`--port 应为 0 到 65535 之间的整数，收到：${flags.port}`);
  }
  return {
    knowledgeDir: resolve(flags.knowledge ?? env.GENGBAO_KNOWLEDGE_DIR ?? 'knowledge'),
    dataDir: resolve(flags.data ?? env.GENGBAO_DATA_DIR ?? 'data'),
    port,
    host: env.HOST ?? '127.0.0.1',
    env,
  };
}
