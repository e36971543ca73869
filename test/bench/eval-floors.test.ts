import { describe, expect, it } from 'vitest';
import { loadEvalSets, setCases } from '../../src/bench/eval-sets.ts';
import { runEvalSets, type SetOutcome } from '../../src/bench/run-eval-sets.ts';

/**
 * Every eval set of eval/sets.json, asked through the conversation core as fresh users: a set may
 * not fall below its recorded floor, and a set whose no-answer questions were all declined must
 * keep declining all of them. Raise a floor when the engine gets better.
 */
describe('eval floors (eval/sets.json)', () => {
  const sets = loadEvalSets();
  let outcomes: SetOutcome[] | undefined;
  const outcome = async (name: string) => {
    outcomes ??= await runEvalSets({ sets });
    return outcomes.find((candidate) => candidate.set.name === name)!;
  };

  it('lists sets whose questions exist and floors within their size', () => {
    expect(sets.length).toBeGreaterThan(0);
    for (const set of sets) {
      const cases = setCases(set);
      const must = cases.filter((testCase) => testCase.expect !== 'no_answer').length;
      const declines = cases.length - must;
      expect(set.floor.answered, set.name).toBeLessThanOrEqual(must);
      expect(set.floor.declined, set.name).toBeLessThanOrEqual(declines);
    }
  });

  for (const set of sets) {
    it(`${set.name}: at least ${set.floor.answered} answered, ${set.floor.declined} declined`, { timeout: 240_000 }, async () => {
      const { summary } = await outcome(set.name);
      const failed = `failures: ${summary.failures.join(', ')}`;
      expect(summary.mustPassed, failed).toBeGreaterThanOrEqual(set.floor.answered);
      expect(summary.declined, failed).toBeGreaterThanOrEqual(set.floor.declined);
    });
  }
});
