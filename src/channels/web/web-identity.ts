import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage as HttpRequest } from 'node:http';
import { join } from 'node:path';

export const SESSION_COOKIE = 'gengbao_sid';

/** Who is speaking on the web chat: decided by the server, never by the request body (unless the API token is shown). */
export interface WebIdentity {
  /** The signed cookie's user id, or a freshly issued one (then `setCookie` must be sent back). */
  fromCookie(request: HttpRequest): { userId: string; setCookie?: string };
  /** A new id and its cookie (after a successful binding: the pre-binding cookie no longer carries the binding). */
  issue(): { userId: string; setCookie: string };
  /** True when the request carries `Authorization: Bearer <GENGBAO_API_TOKEN>` (constant-time compare). */
  isIntegration(request: HttpRequest): boolean;
}

export interface WebIdentityOptions {
  /** HMAC key for the cookie; at least 32 bytes. */
  secret: Buffer;
  /** GENGBAO_API_TOKEN; undefined = no integration may name a userId. */
  apiToken?: string;
  /** Add `Secure` (the service is reached over HTTPS, e.g. behind nginx/Caddy). */
  secureCookie?: boolean;
  maxAgeDays?: number;
}

function sign(secret: Buffer, id: string): string {
  return createHmac('sha256', secret).update(id).digest('base64url');
}

function sameBytes(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieValue(request: HttpRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export function createWebIdentity(options: WebIdentityOptions): WebIdentity {
  if (options.secret.length < 32) throw new Error('web session secret must be at least 32 bytes');
  const maxAge = Math.round((options.maxAgeDays ?? 180) * 86_400);
  const token = options.apiToken?.trim() || undefined;
  const attributes = `Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${options.secureCookie ? '; Secure' : ''}`;

  function issue() {
    const userId = randomBytes(18).toString('base64url');
    return { userId, setCookie: `${SESSION_COOKIE}=${userId}.${sign(options.secret, userId)}; ${attributes}` };
  }

  return {
    issue,
    fromCookie(request) {
      const value = cookieValue(request, SESSION_COOKIE);
      const dot = value?.lastIndexOf('.') ?? -1;
      if (value && dot > 0) {
        const userId = value.slice(0, dot);
        if (/^[A-Za-z0-9_-]{16,64}$/.test(userId) && sameBytes(value.slice(dot + 1), sign(options.secret, userId))) return { userId };
      }
      return issue();
    },
    isIntegration(request) {
      const header = request.headers.authorization;
      if (!token || !header?.startsWith('Bearer ')) return false;
      return sameBytes(header.slice('Bearer '.length).trim(), token);
    },
  };
}

/**
 * GENGBAO_SESSION_SECRET (every instance behind one address needs the same one), or a random secret
 * kept in <dataDir>/session-secret (mode 600) so cookies survive a restart.
 */
export function loadSessionSecret(dataDir: string, configured: string | undefined): Buffer {
  if (configured?.trim()) {
    if (configured.trim().length < 32) throw new Error('GENGBAO_SESSION_SECRET 至少需要 32 个字符（可用 openssl rand -hex 32 生成）。');
    return Buffer.from(configured.trim());
  }
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim());
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return Buffer.from(secret);
}
