import { maskPersonalIds } from '../privacy/mask.ts';
import type { TokenUsage } from './chat-client.ts';

/** One structured line per model turn: what was used, how long it took, what it cost, how it ended. */
export interface ModelTurnLog {
  event: 'model_turn';
  task: 'answer' | 'extract';
  model: string;
  prompt: string;
  promptVersion: number;
  /** model: the checked model answer was sent; otherwise why the offline path answered. */
  outcome: 'model' | 'fallback';
  reason?: 'no_passages' | 'circuit_open' | 'model_error' | 'deadline' | 'check_failed' | 'model_no_answer' | 'invalid_output';
  latencyMs: number;
  /** HTTP calls made (retries included). */
  calls: number;
  answerAttempts?: number;
  toolCalls?: string[];
  tokens: TokenUsage;
  problems?: string[];
  errors?: string[];
}

export type TurnLogger = (line: ModelTurnLog) => void;

/** Default: a JSON line on stderr (stdout belongs to the console channel). */
export const stderrTurnLogger: TurnLogger = (line) => {
  process.stderr.write(`${maskPersonalIds(JSON.stringify(line))}\n`);
};

export function addUsage(total: TokenUsage, more: TokenUsage): TokenUsage {
  return { input: total.input + more.input, output: total.output + more.output, total: total.total + more.total };
}
