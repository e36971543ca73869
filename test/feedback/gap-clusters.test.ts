import { describe, expect, it } from 'vitest';
import { clusterGaps } from '../../src/feedback/gap-clusters.ts';
import { questionFeatures } from '../../src/feedback/question-features.ts';
import type { UnansweredEntry } from '../../src/feedback/types.ts';
import { KNOWLEDGE } from './feedback-harness.ts';

const features = questionFeatures(KNOWLEDGE);
const declined = (question: string, minute: number): UnansweredEntry => ({ question, reason: 'declined', channel: 'web', at: new Date(Date.UTC(2026, 10, 1, 0, minute)), sources: [] });
const grouped = (questions: string[]) => clusterGaps(questions.map(declined), features).map((cluster) => [cluster.question, ...cluster.variants].sort());

describe('grouping unanswered questions by similarity', () => {
  it('groups wordings of one question (synonyms 补/补贴/补助 and 钱 merged, question marks ignored)', () => {
    expect(grouped(['秸秆还田补贴标准是多少', '秸秆还田每亩补多少钱？', '秸秆还田每亩补多少钱'])).toEqual([['秸秆还田每亩补多少钱', '秸秆还田补贴标准是多少']]);
  });

  it('keeps apart questions on another subject, another place or another year', () => {
    const groups = grouped(['河南2023年耕地地力保护补贴每亩发多少钱', '黑龙江2023年耕地地力保护补贴每亩发多少钱', '河南2021年耕地地力保护补贴每亩发多少钱', '耕地占用税怎么交']);
    expect(groups).toHaveLength(4);
  });

  it('puts the most frequent group first and counts each kind', () => {
    const entries = [declined('深松作业补贴标准是多少', 1), declined('深松作业每亩补多少钱', 2), { ...declined('深松作业补贴标准是多少', 3), reason: 'voted_down' as const, sources: ['a.pdf'] }, declined('耕地占用税怎么交', 4)];
    const [first, second] = clusterGaps(entries, features);
    expect(first).toMatchObject({ question: '深松作业补贴标准是多少', count: 3, declined: 2, votedDown: 1, variants: ['深松作业每亩补多少钱'], sources: ['a.pdf'] });
    expect(first.lastAt).toEqual(new Date(Date.UTC(2026, 10, 1, 0, 3)));
    expect(second).toMatchObject({ question: '耕地占用税怎么交', count: 1 });
  });
});
