import type { Config } from '../config.ts';
import type { Answerer } from '../core/conversation.ts';
import type { Answer, UserProfile } from '../core/types.ts';
import type { KnowledgeBase, SearchHit } from '../knowledge/types.ts';
import type { SqliteDatabase } from '../database/database.ts';
import { checkAnswer } from './answer-check.ts';
import { buildCitations } from './build-citations.ts';
import { callWithRetry } from './call-with-retry.ts';
import { noUsage, type ChatMessage, type ChatResult } from './chat-client.ts';
import { groundedMessages } from './grounded-messages.ts';
import { createHybridRetriever } from './hybrid-retriever.ts';
import { ModelCallError } from './model-call-error.ts';
import { createModelRuntime, type ModelRuntime } from './model-runtime.ts';
import type { NumberMention } from '../quantity/index.ts';
import { createLexicalRetriever, type PassageRetriever } from './passage-retriever.ts';
import { fillPrompt, loadPrompt } from './prompt-library.ts';
import { RULE_TOOLS, runRuleTool, type RuleEngine } from './rule-tools.ts';
import { addUsage, type ModelTurnLog } from './turn-log.ts';

export interface ModelAnswererOptions {
  config: Config;
  knowledge: KnowledgeBase;
  /** The rule engine, offered to the model as tools; without it the model gets no tools. */
  rules?: RuleEngine;
  /** The offline answerer, used whenever the model path does not produce a checked answer. */
  fallback: Answerer;
  /** With OPENAI_EMBEDDING_MODEL set, chunk embeddings are stored here and retrieval is hybrid. */
  db?: SqliteDatabase;
  /** Every chunk, for a full vector search; without it vectors re-rank the full-text candidates only. */
  chunks?: () => SearchHit[];
  retriever?: PassageRetriever;
  runtime?: ModelRuntime;
}

export const PASSAGE_LIMIT = 6;
const MAX_TOOL_ROUNDS = 3;
const MAX_ANSWER_ATTEMPTS = 2;
const NO_ANSWER = '资料中未找到';

type Outcome = { kind: 'answer'; answer: Answer } | { kind: 'fallback'; reason: NonNullable<ModelTurnLog['reason']> };

/**
 * Answers with the configured model, grounded in retrieved passages and checked before sending;
 * anything else (no model reply in time, a failing endpoint, an answer that fails the check twice)
 * ends in the offline answer, so the user always gets one within the deadline.
 */
export function createModelAnswerer(options: ModelAnswererOptions): Answerer {
  const runtime = options.runtime ?? createModelRuntime(options.config);
  const { settings, chat, breaker } = runtime;
  const prompt = loadPrompt('grounded-answer');
  const retryPrompt = loadPrompt('answer-retry');
  const retriever =
    options.retriever ??
    (runtime.embeddings && options.db
      ? createHybridRetriever({ knowledge: options.knowledge, db: options.db, embeddings: runtime.embeddings, chunks: options.chunks })
      : createLexicalRetriever(options.knowledge));
  const tools = options.rules ? RULE_TOOLS : [];
  let toolsRejected = false;

  return {
    async answer(question: string, user: UserProfile): Promise<Answer> {
      const started = runtime.now();
      const turn: ModelTurnLog = {
        event: 'model_turn', task: 'answer', model: chat.model, prompt: prompt.name, promptVersion: prompt.version,
        outcome: 'fallback', latencyMs: 0, calls: 0, answerAttempts: 0, toolCalls: [], tokens: noUsage, errors: [],
      };
      const finish = async (outcome: Outcome): Promise<Answer> => {
        turn.latencyMs = runtime.now() - started;
        if (outcome.kind === 'answer') {
          turn.outcome = 'model';
          runtime.log(turn);
          return outcome.answer;
        }
        turn.reason = outcome.reason;
        runtime.log(turn);
        return options.fallback.answer(question, user);
      };

      const remainingMs = () => settings.answerDeadlineMs - (runtime.now() - started);
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'deadline'>((resolve) => {
        timer = setTimeout(() => resolve('deadline'), settings.answerDeadlineMs);
      });

      async function complete(messages: ChatMessage[]): Promise<ChatResult> {
        const offered = toolsRejected ? [] : tools;
        const call = () =>
          callWithRetry(
            `${chat.model} chat.completions`,
            () => {
              turn.calls += 1;
              return chat.complete(messages, { tools: offered, signal: controller.signal });
            },
            {
              policy: runtime.retryPolicy, sleep: runtime.sleep, signal: controller.signal, remainingMs,
              onFailure: (error) => turn.errors!.push(error.status ? `${error.kind}:${error.status}` : error.kind),
            },
          );
        let result: ChatResult;
        try {
          result = await call();
        } catch (error) {
          // Servers started without tool support (vLLM without --enable-auto-tool-choice, some Ollama
          // models) answer 400 to `tools`: ask again without them, and keep it so if that works.
          if (!(error instanceof ModelCallError) || error.status !== 400 || !offered.length) throw error;
          toolsRejected = true;
          try {
            return await complete(messages);
          } catch (retryError) {
            toolsRejected = false;
            throw retryError;
          }
        }
        turn.tokens = addUsage(turn.tokens, result.usage);
        return result;
      }

      /** One answer, after as many rule-engine calls as the model asks for (bounded). */
      async function answerWithTools(messages: ChatMessage[], grounded: NumberMention[]): Promise<string> {
        for (let round = 1; round <= MAX_TOOL_ROUNDS; round += 1) {
          const result = await complete(messages);
          if (!result.toolCalls.length || !options.rules) return result.text;
          messages.push({ role: 'assistant', content: result.text, toolCalls: result.toolCalls });
          for (const call of result.toolCalls) {
            turn.toolCalls!.push(call.name);
            const outcome = runRuleTool(options.rules, call, question);
            grounded.push(...outcome.groundedNumbers);
            messages.push({ role: 'tool', toolCallId: call.id, content: outcome.content });
          }
        }
        return '';
      }

      async function run(): Promise<Outcome> {
        const hits: SearchHit[] = await retriever.retrieve(question, PASSAGE_LIMIT);
        if (!hits.length) return { kind: 'fallback', reason: 'no_passages' };
        if (!breaker.allow()) return { kind: 'fallback', reason: 'circuit_open' };
        const messages = groundedMessages(prompt, question, user, hits);
        const grounded: NumberMention[] = [];
        for (let attempt = 1; attempt <= MAX_ANSWER_ATTEMPTS; attempt += 1) {
          turn.answerAttempts = attempt;
          const text = await answerWithTools(messages, grounded);
          if (text.trim().startsWith(NO_ANSWER)) return { kind: 'fallback', reason: 'model_no_answer' };
          const check = checkAnswer({ text, passages: hits, toolNumbers: grounded });
          if (check.ok) {
            const reply = buildCitations(check.text, check.cited, hits);
            return { kind: 'answer', answer: { status: 'answered', answer: reply.text, citations: reply.citations } };
          }
          turn.problems = check.problems;
          const problems = check.problems.map((problem) => `- ${problem}`).join('\n');
          messages.push({ role: 'assistant', content: text }, { role: 'user', content: fillPrompt(retryPrompt, { problems }) });
        }
        return { kind: 'fallback', reason: 'check_failed' };
      }

      const running = run();
      running.catch(() => undefined); // after the deadline its rejection (aborted) is nobody's business
      try {
        const winner = await Promise.race([running, deadline]);
        // The breaker only hears about turns that reached the model (not empty retrievals or an open circuit).
        if (winner === 'deadline') {
          controller.abort();
          if (turn.calls > 0) breaker.recordFailure();
          return await finish({ kind: 'fallback', reason: 'deadline' });
        }
        if (turn.calls > 0) breaker.recordSuccess();
        return await finish(winner);
      } catch (error) {
        if (!(error instanceof ModelCallError)) throw error;
        breaker.recordFailure();
        return await finish({ kind: 'fallback', reason: 'model_error' });
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
