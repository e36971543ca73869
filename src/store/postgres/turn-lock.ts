import type { TurnLock } from '../../core/turn-lock.ts';
import { LOCK_CLASS } from './advisory-keys.ts';
import type { PostgresPool } from './pool.ts';

export interface PostgresTurnLockOptions {
  log?: (line: string) => void;
}

/** After this long waiting for another instance, a turn goes ahead anyway (the lock pool's lock_timeout). */
export const TURN_WAIT_LIMIT_MS = 60_000;

/**
 * A session-level advisory lock on (turn class, hashtext(user key)) held on its own connection for
 * the whole turn. PostgreSQL queues waiters on one lock in arrival order, so two instances take the
 * user's messages one after the other in the order their lock requests reached the database; a dead
 * instance's lock goes with its connection. The pool is separate from the stores' pool: a turn holds
 * its lock connection while its queries take others, so the two can never starve each other. The
 * pool's lock_timeout (TURN_WAIT_LIMIT_MS) bounds the wait behind a hung peer.
 */
export function createPostgresTurnLock(lockPool: PostgresPool, options: PostgresTurnLockOptions = {}): TurnLock {
  const log = options.log ?? ((line) => console.error(line));
  return {
    async run(userKey, work) {
      const client = await lockPool.connect();
      let broken: Error | undefined;
      let locked = false;
      // The connection sits idle while the turn runs; losing it (a database restart) must not crash the
      // process. The lock went with it, and the connection is not reused.
      const lost = (error: Error) => {
        broken = error;
        log(`[postgres] 用户 ${userKey} 的处理锁连接断开：${error.message}`);
      };
      client.on('error', lost);
      try {
        await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_CLASS.userTurn, userKey]);
        locked = true;
      } catch (error) {
        broken = error as Error;
        log(`[postgres] 未能取得用户 ${userKey} 的处理锁（${broken.message}），本条消息不等待其他实例，直接处理`);
      }
      try {
        return await work();
      } finally {
        if (locked) {
          await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS.userTurn, userKey]).catch((error: Error) => {
            broken = error;
          });
        }
        // A connection whose lock state is unknown is closed rather than reused.
        client.removeListener('error', lost);
        client.release(broken ?? false);
      }
    },
  };
}
