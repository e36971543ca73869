/** Why a call to the model endpoint failed (never contains the API key). */
export type ModelFailureKind =
  | 'timeout'
  | 'rate_limited'
  | 'server_error'
  | 'client_error'
  | 'malformed_response'
  | 'network'
  | 'aborted'
  | 'circuit_open';

/** A call to the OpenAI-compatible endpoint failed; `retryAfterMs` is the server's hint on 429/503. */
export class ModelCallError extends Error {
  readonly kind: ModelFailureKind;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(kind: ModelFailureKind, message: string, options: { cause?: unknown; status?: number; retryAfterMs?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ModelCallError';
    this.kind = kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  get retryable(): boolean {
    return this.kind !== 'client_error' && this.kind !== 'aborted' && this.kind !== 'circuit_open';
  }
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const getter = (headers as { get?: (key: string) => string | null }).get;
  if (typeof getter === 'function') return getter.call(headers, name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** retry-after-ms or retry-after (seconds or an HTTP date) → milliseconds. */
export function retryAfterMsOf(headers: unknown, now = Date.now()): number | undefined {
  const milliseconds = Number(headerValue(headers, 'retry-after-ms'));
  if (Number.isFinite(milliseconds) && milliseconds >= 0 && headerValue(headers, 'retry-after-ms') !== undefined) return milliseconds;
  const raw = headerValue(headers, 'retry-after');
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Classifies whatever the openai SDK / LangChain threw into a ModelCallError. */
export function toModelCallError(error: unknown, call: string): ModelCallError {
  if (error instanceof ModelCallError) return error;
  const details = (error ?? {}) as { name?: string; message?: string; status?: unknown; headers?: unknown; code?: unknown };
  const status = typeof details.status === 'number' ? details.status : undefined;
  const text = `${details.name ?? ''} ${details.message ?? ''}`;
  const describe = (what: string) => `Call to '${call}' failed (${what})`;
  if (status === 429) {
    return new ModelCallError('rate_limited', describe('429'), { cause: error, status, retryAfterMs: retryAfterMsOf(details.headers) });
  }
  if (status !== undefined && status >= 500) {
    return new ModelCallError('server_error', describe(String(status)), { cause: error, status, retryAfterMs: retryAfterMsOf(details.headers) });
  }
  if (status === 408) return new ModelCallError('timeout', describe('408'), { cause: error, status });
  if (status !== undefined && status >= 400) return new ModelCallError('client_error', describe(String(status)), { cause: error, status });
  if (/timed? ?out|timeout/i.test(text)) return new ModelCallError('timeout', describe('timeout'), { cause: error });
  if (/abort/i.test(text)) return new ModelCallError('aborted', describe('aborted'), { cause: error });
  if (error instanceof SyntaxError || /JSON|Unexpected (end|token)|not valid/i.test(text)) {
    return new ModelCallError('malformed_response', describe('malformed response'), { cause: error });
  }
  return new ModelCallError('network', describe(details.message ?? 'unknown error'), { cause: error });
}
