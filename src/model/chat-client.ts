import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { ChatOpenAICompletions } from '@langchain/openai';
import type { z } from 'zod';
import { toModelCallError } from './model-call-error.ts';
import type { ModelSettings } from './model-settings.ts';

export interface ToolCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
  /** Set when the model sent arguments that are not valid JSON. */
  invalid?: string;
}

export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

/** A function the model may call, described by JSON schema. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface TokenUsage {
  input: number;
  output: number;
  total: number;
}

export interface ChatResult {
  text: string;
  toolCalls: ToolCall[];
  usage: TokenUsage;
}

/** The chat model as this project uses it: one non-streaming completion, optionally with tools. */
export interface ChatClient {
  readonly model: string;
  complete(messages: ChatMessage[], options?: { tools?: ToolSpec[]; signal?: AbortSignal }): Promise<ChatResult>;
  /** Structured output through a forced function call; value null when the arguments do not fit the schema. */
  extract<T>(schema: z.ZodType<T>, name: string, messages: ChatMessage[], options?: { signal?: AbortSignal }): Promise<{ value: T | null; usage: TokenUsage }>;
}

export const noUsage: TokenUsage = { input: 0, output: 0, total: 0 };

function toLangChain(message: ChatMessage): BaseMessage {
  switch (message.role) {
    case 'system':
      return new SystemMessage(message.content);
    case 'user':
      return new HumanMessage(message.content);
    case 'tool':
      return new ToolMessage({ tool_call_id: message.toolCallId, content: message.content });
    case 'assistant':
      return new AIMessage({
        content: message.content,
        tool_calls: (message.toolCalls ?? []).map((call) => ({ id: call.id, name: call.name, args: call.args, type: 'tool_call' as const })),
      });
  }
}

function usageOf(message: AIMessage): TokenUsage {
  const usage = message.usage_metadata;
  return usage ? { input: usage.input_tokens, output: usage.output_tokens, total: usage.total_tokens } : noUsage;
}

/** The reply text without the <think>…</think> block reasoning models (DeepSeek-R1, Qwen3) put in front. */
function textOf(message: AIMessage): string {
  const text =
    typeof message.content === 'string'
      ? message.content
      : message.content.map((part) => ('text' in part && typeof part.text === 'string' ? part.text : '')).join('');
  return text.replace(/<think>[\s\S]*?(<\/think>|$)/g, '').trim();
}

/**
 * The default ChatClient: LangChain's ChatOpenAICompletions over the openai SDK. The completions
 * class (not ChatOpenAI) so that every OpenAI-compatible server (vLLM, Ollama, Qwen, DeepSeek, GLM)
 * gets /chat/completions and never the Responses API; maxRetries 0 because callWithRetry owns retries.
 */
export function createLangChainChatClient(settings: ModelSettings): ChatClient {
  const chat = new ChatOpenAICompletions({
    model: settings.chatModel,
    apiKey: settings.apiKey,
    temperature: 0,
    maxRetries: 0,
    timeout: settings.requestTimeoutMs,
    configuration: { baseURL: settings.baseURL },
  });
  const call = `${settings.chatModel} chat.completions`;

  return {
    model: settings.chatModel,
    async complete(messages, options = {}) {
      const runnable = options.tools?.length
        ? chat.bindTools(options.tools.map((tool) => ({ type: 'function' as const, function: tool })))
        : chat;
      let reply: AIMessage;
      try {
        reply = await runnable.invoke(messages.map(toLangChain), { signal: options.signal });
      } catch (error) {
        throw toModelCallError(error, call);
      }
      const toolCalls: ToolCall[] = [
        ...(reply.tool_calls ?? []).map((tool) => ({ id: tool.id ?? tool.name, name: tool.name, args: tool.args })),
        ...(reply.invalid_tool_calls ?? []).map((tool) => ({
          id: tool.id ?? String(tool.name),
          name: tool.name ?? '',
          args: {},
          invalid: tool.args ?? '',
        })),
      ];
      return { text: textOf(reply), toolCalls, usage: usageOf(reply) };
    },
    async extract(schema, name, messages, options = {}) {
      // functionCalling rather than json_schema: forced tool calls are what local servers support best.
      const structured = chat.withStructuredOutput(schema, { name, method: 'functionCalling', includeRaw: true });
      try {
        const result = await structured.invoke(messages.map(toLangChain), { signal: options.signal });
        return { value: (result.parsed ?? null) as never, usage: usageOf(result.raw as AIMessage) };
      } catch (error) {
        throw toModelCallError(error, call);
      }
    },
  };
}
