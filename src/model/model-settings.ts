import type { Config } from '../config.ts';

/** The model slice of the configuration; absent when no model is configured (offline mode). */
export interface ModelSettings {
  baseURL: string;
  /** Local servers (Ollama, vLLM) accept any key; the SDK insists on one. */
  apiKey: string;
  chatModel: string;
  embeddingModel?: string;
  /** Per HTTP request. */
  requestTimeoutMs: number;
  /** The user has an answer within this time, from the model or offline. */
  answerDeadlineMs: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
export const DEFAULT_ANSWER_DEADLINE_MS = 20_000;

/** undefined unless both OPENAI_BASE_URL and OPENAI_MODEL are set. */
export function modelSettingsFrom(config: Config): ModelSettings | undefined {
  const env = config.env;
  if (!env.OPENAI_BASE_URL || !env.OPENAI_MODEL) return undefined;
  return {
    baseURL: env.OPENAI_BASE_URL,
    apiKey: env.OPENAI_API_KEY ?? 'not-needed',
    chatModel: env.OPENAI_MODEL,
    embeddingModel: env.OPENAI_EMBEDDING_MODEL,
    requestTimeoutMs: env.OPENAI_TIMEOUT_MS ?? DEFAULT_REQUEST_TIMEOUT_MS,
    answerDeadlineMs: env.GENGBAO_ANSWER_DEADLINE_MS ?? DEFAULT_ANSWER_DEADLINE_MS,
  };
}
