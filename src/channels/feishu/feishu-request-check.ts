import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AESCipher } from '@larksuiteoapi/node-sdk';

/** Requests older (or newer) than this are refused as replays. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export type FeishuRequestCheck =
  | { ok: true; kind: 'challenge'; challenge: string }
  | { ok: true; kind: 'event'; body: Record<string, unknown>; eventType?: string }
  | { ok: false; status: 400 | 401 | 403; reason: string };

export interface FeishuSecrets {
  encryptKey: string;
  verificationToken: string;
}

export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + rawBody).digest('hex');
}

/**
 * Checks what the SDK leaves unchecked in HTTP mode: the signature over the raw body
 * (X-Lark-Signature = sha256(timestamp + nonce + encryptKey + body)), the timestamp window, and the
 * verification token inside the (decrypted) payload. The url_verification challenge is unsigned, so it
 * is accepted only when it decrypts with our key and carries our token.
 */
export function checkFeishuRequest(rawBody: string, headers: IncomingHttpHeaders, secrets: FeishuSecrets, nowSeconds: number): FeishuRequestCheck {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(rawBody) as Record<string, unknown>;
  } catch {
    return { ok: false, status: 400, reason: '请求体不是 JSON' };
  }
  let inner = body;
  if (typeof body.encrypt === 'string') {
    try {
      inner = JSON.parse(new AESCipher(secrets.encryptKey).decrypt(body.encrypt)) as Record<string, unknown>;
    } catch {
      return { ok: false, status: 401, reason: '用 FEISHU_ENCRYPT_KEY 解密失败' };
    }
  }
  const header = (inner.header ?? {}) as Record<string, unknown>;
  const token = typeof header.token === 'string' ? header.token : inner.token;
  const tokenMatches = typeof token === 'string' && sameText(token, secrets.verificationToken);

  if (inner.type === 'url_verification') {
    if (!tokenMatches) return { ok: false, status: 403, reason: 'url_verification 的 Verification Token 不符' };
    return { ok: true, kind: 'challenge', challenge: String(inner.challenge ?? '') };
  }

  const timestamp = headerText(headers, 'x-lark-request-timestamp');
  const nonce = headerText(headers, 'x-lark-request-nonce');
  const signature = headerText(headers, 'x-lark-signature');
  if (!timestamp || !nonce || !signature) return { ok: false, status: 401, reason: '缺少签名请求头' };
  if (!sameText(feishuSignature(timestamp, nonce, secrets.encryptKey, rawBody), signature)) {
    return { ok: false, status: 401, reason: '签名不符' };
  }
  const sent = Number(timestamp);
  if (!Number.isFinite(sent) || Math.abs(nowSeconds - sent) > MAX_CLOCK_SKEW_SECONDS) {
    return { ok: false, status: 401, reason: `时间戳 ${timestamp} 已过期或无效` };
  }
  if (!tokenMatches) return { ok: false, status: 403, reason: 'Verification Token 不符' };
  return { ok: true, kind: 'event', body, eventType: typeof header.event_type === 'string' ? header.event_type : undefined };
}

function headerText(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
