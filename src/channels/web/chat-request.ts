import { z } from 'zod';
import type { IncomingMessage } from '../../core/types.ts';

const chatRequestSchema = z
  .object({
    userId: z.string().trim().min(1).max(128),
    text: z.string().max(20_000).optional(),
    action: z.string().max(256).optional(),
    displayName: z.string().max(64).optional(),
  })
  .refine((body) => body.text !== undefined || body.action !== undefined);

export type ChatRequestParse = { ok: true; message: IncomingMessage } | { ok: false; error: string };

/** Validates `{"userId","text"}` or `{"userId","action"}` and turns it into an IncomingMessage. */
export function parseChatRequest(body: string): ChatRequestParse {
  let json: unknown;
  try {
    // Some Windows tools (PowerShell, Notepad) start UTF-8 with a byte-order mark, which JSON.parse refuses.
    json = JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, error: '请求体不是合法的 JSON，应为 {"userId":"…","text":"…"}。' };
  }
  const parsed = chatRequestSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, error: '请求需要 userId（字符串），以及 text（消息）或 action（按钮）之一，例如 {"userId":"u1","text":"你好"}。' };
  }
  const { userId, text, action, displayName } = parsed.data;
  return { ok: true, message: { channel: 'web', userId, chatId: userId, text, action, displayName } };
}
