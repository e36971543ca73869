import pg from 'pg';

export type PostgresPool = pg.Pool;
export type PostgresClient = pg.PoolClient;

export interface PostgresOptions {
  /** Connections of this instance; turns waiting for a user lock use a separate, smaller pool. */
  max?: number;
  applicationName?: string;
  /** Longest wait for a lock on these connections (the turn pool: a hung peer must not silence a user). */
  lockTimeoutMs?: number;
}

/** A connection pool for DATABASE_URL (postgres://user:password@host:5432/db). */
export function openPostgresPool(url: string, options: PostgresOptions = {}): PostgresPool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'gengbao',
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    ...(options.lockTimeoutMs ? { lock_timeout: options.lockTimeoutMs } : {}),
  });
  // An idle connection dropped by the server (restart, failover) is replaced on the next query.
  pool.on('error', (error) => console.error(`[postgres] 空闲连接断开：${error.message}`));
  return pool;
}

/** Runs work in one transaction on one connection: COMMIT when it returns, ROLLBACK when it throws. */
export async function inTransaction<T>(pool: PostgresPool, work: (client: PostgresClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  // Between queries the connection is idle; a drop then must fail this transaction, not crash the process.
  const onError = (error: Error) => void (lost = error);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(lost ?? false);
  }
}

export function iso(value: Date | string | null): string {
  if (value === null) throw new Error('expected a timestamp');
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
