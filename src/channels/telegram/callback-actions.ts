import { randomBytes } from 'node:crypto';

/** Telegram's limit for inline-button callback_data, in bytes. */
export const CALLBACK_DATA_LIMIT = 64;
const MAPPED_PREFIX = '~';
/** What a pressed button becomes when its mapping has expired; the core answers it as a stale button. */
export const EXPIRED_ACTION = 'expired:';

/** Maps button actions to callback_data that fits in 64 bytes; long actions go through a table with a TTL. */
export interface CallbackActions {
  encode(action: string): string;
  decode(callbackData: string): string;
}

export function createCallbackActions(options: { ttlMs?: number; now?: () => number; onMapped?: (action: string) => void } = {}): CallbackActions {
  const ttl = options.ttlMs ?? 7 * 24 * 3600_000;
  const now = options.now ?? Date.now;
  const table = new Map<string, { action: string; expiresAt: number }>();

  function sweep(): void {
    const time = now();
    for (const [key, entry] of table) if (entry.expiresAt <= time) table.delete(key);
  }

  return {
    encode(action) {
      if (Buffer.byteLength(action, 'utf8') <= CALLBACK_DATA_LIMIT && !action.startsWith(MAPPED_PREFIX)) return action;
      sweep();
      const key = MAPPED_PREFIX + randomBytes(12).toString('base64url');
      table.set(key, { action, expiresAt: now() + ttl });
      options.onMapped?.(action);
      return key;
    },
    decode(callbackData) {
      if (!callbackData.startsWith(MAPPED_PREFIX)) return callbackData;
      const entry = table.get(callbackData);
      if (!entry || entry.expiresAt <= now()) return EXPIRED_ACTION;
      return entry.action;
    },
  };
}
