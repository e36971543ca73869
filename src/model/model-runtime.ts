import type { Config } from '../config.ts';
import { realSleep, type RetryPolicy, type Sleep } from './call-with-retry.ts';
import { createLangChainChatClient, type ChatClient } from './chat-client.ts';
import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker.ts';
import { createLangChainEmbeddingClient, type EmbeddingClient } from './embedding-client.ts';
import { modelSettingsFrom, type ModelSettings } from './model-settings.ts';
import { stderrTurnLogger, type TurnLogger } from './turn-log.ts';

/** Everything the model features share: one client, one circuit breaker, one clock, one log. */
export interface ModelRuntime {
  settings: ModelSettings;
  chat: ChatClient;
  embeddings?: EmbeddingClient;
  breaker: CircuitBreaker;
  retryPolicy?: RetryPolicy;
  now: () => number;
  sleep: Sleep;
  log: TurnLogger;
}

export class ModelConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelConfigError';
  }
}

export interface ModelRuntimeOverrides {
  chat?: ChatClient;
  embeddings?: EmbeddingClient;
  breaker?: CircuitBreaker;
  retryPolicy?: RetryPolicy;
  now?: () => number;
  sleep?: Sleep;
  log?: TurnLogger;
}

export function createModelRuntime(config: Config, overrides: ModelRuntimeOverrides = {}): ModelRuntime {
  const settings = modelSettingsFrom(config);
  if (!settings) throw new ModelConfigError('模型模式需要同时设置 OPENAI_BASE_URL 和 OPENAI_MODEL。');
  const now = overrides.now ?? Date.now;
  return {
    settings,
    chat: overrides.chat ?? createLangChainChatClient(settings),
    embeddings: overrides.embeddings ?? (settings.embeddingModel ? createLangChainEmbeddingClient(settings) : undefined),
    breaker: overrides.breaker ?? createCircuitBreaker({ now }),
    retryPolicy: overrides.retryPolicy,
    now,
    sleep: overrides.sleep ?? realSleep,
    log: overrides.log ?? stderrTurnLogger,
  };
}
