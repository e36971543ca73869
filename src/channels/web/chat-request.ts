import { z } from 'zod';
import type { IncomingMessage } from '../../core/types.ts';

const chatRequestSchema = z
  .object({
    userId: z.string().trim().min(1).max(128).optional(),
    text: z.string().max(20_000).optional(),
    action: z.string().max(256).optional(),
    displayName: z.string().max(64).optional(),
  })
  .refine((body) => body.text !== undefined || body.action !== undefined);

export type ChatRequestParse = { ok: true; message: IncomingMessage; namedUserId?: string } | { ok: false; error: string };

/**
 * Validates `{"text"}` or `{"action"}` (plus `userId` from an integration) and turns it into an IncomingMessage
 * spoken by `userId` — the identity the server decided (cookie, or the integration's named user).
 */
export function parseChatRequest(body: string, userId?: string): ChatRequestParse {
  let json: unknown;
  try {
    // Some Windows tools (PowerShell, Notepad) start UTF-8 with a byte-order mark, which JSON.parse refuses.
    json = JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, error: '请求体不是合法的 JSON，应为 {"text":"…"}。' };
  }
  const parsed = chatRequestSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, error: '请求需要 text（消息）或 action（按钮）之一，例如 {"text":"你好"}；集成调用可另带 userId（字符串）。' };
  }
  const { text, action, displayName } = parsed.data;
  const speaker = userId ?? parsed.data.userId ?? '';
  return { ok: true, namedUserId: parsed.data.userId, message: { channel: 'web', userId: speaker, chatId: speaker, text, action, displayName } };
}
