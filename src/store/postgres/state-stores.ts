import { ConfigError } from '../../config.ts';
import type { StateStoreOptions, StateStores } from '../state-stores.ts';
import { createPostgresDeliveryLog } from './delivery-log.ts';
import { createPostgresFeedbackStore } from './feedback-store.ts';
import { createPostgresDisplayNameStore } from './display-name-store.ts';
import { migratePostgres, postgresMigrationStatus } from './migrate.ts';
import { openPostgresPool } from './pool.ts';
import { createPostgresRecordStore } from './record-store.ts';
import { createPostgresReminderStore } from './reminder-store.ts';
import { createPostgresReturnStore } from './return-store.ts';
import { createPostgresRecentFormStore } from './recent-form-store.ts';
import { createPostgresSessionStore } from './session-store.ts';
import { createPostgresTurnLock, TURN_WAIT_LIMIT_MS } from './turn-lock.ts';
import { createPostgresUserStore } from './user-store.ts';

export interface PostgresStateOptions extends StateStoreOptions {
  /** Connections for queries (default 10) and for turns holding or waiting on a user lock (default the same). */
  poolSize?: number;
  turnPoolSize?: number;
  /** false: do not apply pending migrations (`gengbao migrate --status`). */
  migrate?: boolean;
}

/** Opens the pools for DATABASE_URL, applies pending migrations, and returns the stores over them. */
export async function postgresStateStores(url: string, options: PostgresStateOptions): Promise<StateStores> {
  const pool = openPostgresPool(url, { max: options.poolSize ?? 10 });
  const turnPool = openPostgresPool(url, { max: options.turnPoolSize ?? options.poolSize ?? 10, applicationName: 'gengbao-turns', lockTimeoutMs: TURN_WAIT_LIMIT_MS });
  try {
    if (options.migrate !== false) await migratePostgres(pool);
  } catch (error) {
    await Promise.all([pool.end(), turnPool.end()]);
    throw unreachable(url, error) ?? error;
  }
  const now = options.now;
  return {
    engine: 'postgres',
    sessions: createPostgresSessionStore(pool),
    deliveries: createPostgresDeliveryLog(pool, undefined, now),
    users: createPostgresUserStore(pool, options.units, { now, generateCode: options.generateCode }),
    names: createPostgresDisplayNameStore(pool, now),
    records: createPostgresRecordStore(pool, { now }),
    reminders: createPostgresReminderStore(pool),
    returns: createPostgresReturnStore(pool),
    recentForms: createPostgresRecentFormStore(pool),
    feedback: createPostgresFeedbackStore(pool),
    turns: createPostgresTurnLock(turnPool),
    migrationStatus: () => postgresMigrationStatus(pool),
    close: async () => void (await Promise.all([pool.end(), turnPool.end()])),
  };
}

/** A start that cannot reach the database says so in Chinese, naming the address without its password. */
function unreachable(url: string, error: unknown): ConfigError | undefined {
  const code = (error as { code?: string }).code ?? '';
  const connecting = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|28P01|28000|3D000)$/.test(code) || /timeout|terminated/i.test((error as Error).message ?? '');
  if (!connecting) return undefined;
  let where = 'DATABASE_URL';
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}（用户 ${decodeURIComponent(parsed.username) || '未写'}）`;
  } catch {
    // keep the variable's name
  }
  const reason =
    code === '28P01' || code === '28000' ? '用户名或密码不对' : code === '3D000' ? '数据库不存在（先 CREATE DATABASE）' : `连不上（${code || (error as Error).message}）`;
  return new ConfigError(`无法使用 DATABASE_URL 指定的 PostgreSQL ${where}：${reason}。请检查数据库是否已启动、地址端口、用户名密码和库名；不设 DATABASE_URL 则使用本机 SQLite。`);
}
