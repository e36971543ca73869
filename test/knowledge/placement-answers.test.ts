import { describe, expect, it } from 'vitest';
import { createKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { normalizeForEval } from '../../src/bench/eval-runner.ts';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { documentsFolderPerTest, REPO_KNOWLEDGE } from './corpus-fixture.ts';

// the starting corpus's documents without its rule sets: in the 保护性耕作 plan (法库县) the tiers are named in one
// paragraph (「第二档为秸秆部分覆盖，地表播种前秸秆覆盖率在30%—60%之间」) and paid in another (「第二档不高于58元/亩」)
const plan = documentsFolderPerTest('gengbao-placement-', readdirSync(join(REPO_KNOWLEDGE, 'docs')));
const shownFirst = (answer: string) => normalizeForEval(answer).slice(0, 300);

describe('the asker\'s figure placed in a plan with no rule set, answered in one message', () => {
  it('names the tier the figure falls in and quotes the rate written for that tier elsewhere, with the total', () => {
    const knowledge = createKnowledgeBase({ knowledgeDir: plan.folder, db: plan.db });
    knowledge.ensureIndexed();
    const answer = knowledge.answer('免耕播种，秸秆大概三成，100亩，能补多少？');
    expect(answer.status).toBe('answered');
    const shown = shownFirst(answer.answer);
    expect(shown).toContain(normalizeForEval('属于第二档'));
    expect(shown).toContain(normalizeForEval('「第二档不高于58元/亩」'));
    expect(shown).toContain(normalizeForEval('100亩×58元/亩，最多5800元（计算）'));
  });

  it('answers a question the sentence model alone would decline when a quoted range speaks of the figure', () => {
    const knowledge = createKnowledgeBase({ knowledgeDir: plan.folder, db: plan.db });
    knowledge.ensureIndexed();
    const question = '免耕播种，秸秆大概三成，100亩，能补多少？';
    const tried = knowledge.attempt(question);
    expect(tried.placed).toBe(true);
    expect(knowledge.answer(question).status).toBe('answered');
  });

  it('still declines a question whose figure no quoted range or rate speaks of', () => {
    const knowledge = createKnowledgeBase({ knowledgeDir: plan.folder, db: plan.db });
    knowledge.ensureIndexed();
    const tried = knowledge.attempt('我家养了30头牛，粪污处理能补多少');
    expect(tried.placed).toBeUndefined();
  });
});
