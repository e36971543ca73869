import { OpenAIEmbeddings } from '@langchain/openai';
import { toModelCallError } from './model-call-error.ts';
import type { ModelSettings } from './model-settings.ts';

/** Text → vectors, from an OpenAI-compatible /embeddings endpoint. */
export interface EmbeddingClient {
  readonly model: string;
  embed(texts: string[]): Promise<number[][]>;
}

/**
 * LangChain's OpenAIEmbeddings with encodingFormat 'float': the openai SDK asks for base64 by
 * default, and servers that answer with plain float arrays then yield garbage silently.
 */
export function createLangChainEmbeddingClient(settings: ModelSettings & { embeddingModel?: string }): EmbeddingClient {
  const model = settings.embeddingModel ?? '';
  const embeddings = new OpenAIEmbeddings({
    model,
    apiKey: settings.apiKey,
    encodingFormat: 'float',
    batchSize: 64,
    maxRetries: 0, // a failed embedding falls back to full-text at once; the next question tries again
    timeout: settings.requestTimeoutMs,
    configuration: { baseURL: settings.baseURL },
  });
  return {
    model,
    async embed(texts) {
      try {
        return await embeddings.embedDocuments(texts);
      } catch (error) {
        throw toModelCallError(error, `${model} embeddings`);
      }
    },
  };
}
