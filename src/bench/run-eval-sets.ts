import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { openConversationAnswerer } from './conversation-answerer.ts';
import { runEvalAsync, type EvalResult, type EvalSummary } from './eval-runner.ts';
import { knowledgeKey, loadEvalSets, prepareKnowledge, setCases, type EvalSet } from './eval-sets.ts';

export interface SetOutcome {
  set: EvalSet;
  knowledgeDir: string;
  results: EvalResult[];
  summary: EvalSummary;
}

/**
 * Runs every eval set through the conversation core, one fresh user per question. Sets over the
 * same documents share one index; the environment is not read (offline answers, no model).
 */
export async function runEvalSets(options: { sets?: EvalSet[]; onSet?: (outcome: SetOutcome) => void | Promise<void> } = {}): Promise<SetOutcome[]> {
  const sets = options.sets ?? loadEvalSets();
  const work = mkdtempSync(join(tmpdir(), 'gengbao-eval-sets-'));
  const outcomes: SetOutcome[] = [];
  try {
    const groups = new Map<string, EvalSet[]>();
    for (const set of sets) groups.set(knowledgeKey(set), [...(groups.get(knowledgeKey(set)) ?? []), set]);
    let group = 0;
    for (const members of groups.values()) {
      const folder = join(work, `k${++group}`);
      const knowledgeDir = prepareKnowledge(members[0], join(folder, 'knowledge'));
      const answerer = await openConversationAnswerer(loadConfig({ knowledge: knowledgeDir, data: join(folder, 'data') }, {}));
      try {
        for (const set of members) {
          const { results, summary } = await runEvalAsync(setCases(set), (question) => answerer.answer(question));
          const outcome = { set, knowledgeDir, results, summary };
          outcomes.push(outcome);
          await options.onSet?.(outcome); // while the set's knowledge folder still exists
        }
      } finally {
        answerer.close();
      }
    }
    return outcomes;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
