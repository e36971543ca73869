import type { DeliveryLog } from '../../core/delivery-log.ts';
import type { PostgresPool } from './pool.ts';

/**
 * The delivery ids of every instance in one table: the primary key makes exactly one instance's
 * INSERT succeed when Telegram or Feishu delivers the same update to two of them.
 */
export function createPostgresDeliveryLog(pool: PostgresPool, keep = 50_000, now: () => Date = () => new Date()): DeliveryLog {
  let inserted = 0;
  return {
    async firstTime(key) {
      const result = await pool.query('INSERT INTO deliveries (key, seen_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, now().toISOString()]);
      const isNew = result.rowCount === 1;
      if (isNew && ++inserted % 1000 === 0) {
        await pool.query(
          'DELETE FROM deliveries WHERE seen_at < (SELECT seen_at FROM deliveries ORDER BY seen_at DESC OFFSET $1 LIMIT 1)',
          [keep],
        );
      }
      return isNew;
    },
    async purgeBefore(cutoff) {
      return (await pool.query('DELETE FROM deliveries WHERE seen_at < $1', [cutoff.toISOString()])).rowCount ?? 0;
    },
  };
}
