import { describe, expect, it } from 'vitest';
import { createRuleRegistry, parseRuleSet } from '../../src/rules/index.ts';

const ruleSet = parseRuleSet(
  {
    id: 'progress',
    title: '进度',
    program: '示例',
    region: '某县',
    year: 2026,
    source: { doc: 'x.txt', title: '示例' },
    clauses: { c: { section: '一、', quote: '示例条款' } },
    fields: [
      { key: 'township', label: '乡镇', type: 'string' },
      { key: 'period', label: '期次', type: 'string' },
      { key: 'doneArea', label: '累计完成面积', type: 'number', unit: '亩' },
      { key: 'area', label: '面积', type: 'number', unit: '亩' },
      { key: 'samples', label: '土样数', type: 'integer', unit: '个' },
      { key: 'sowing', label: '播种方式', type: 'enum', values: ['免耕', '少耕'] },
    ],
    rules: [
      { id: 'cumulative', kind: 'not_decreasing', title: '累计数不减少', clause: 'c', fields: ['doneArea'] },
      { id: 'unique', kind: 'no_duplicate', title: '不重复', clause: 'c', keyFields: ['township', 'period'] },
      { id: 'task', kind: 'within_remaining', title: '不超任务', clause: 'c', level: 'warn', field: 'area', totalKey: 'townshipArea', target: { keyField: 'township', table: { 吉祥街道: 12200 } } },
      { id: 'samples', kind: 'ratio', title: '每1000亩1个土样', clause: 'c', level: 'warn', field: 'samples', expected: { ceil: { div: [{ ref: 'area' }, 1000] } }, tolerance: { absolute: 0 } },
      { id: 'only-reduced', kind: 'condition', title: '仅少耕', clause: 'c', when: { field: 'sowing', equals: '少耕' }, test: { field: 'area', min: { value: 1, inclusive: true } } },
    ],
  },
  'progress.json',
);
const registry = createRuleRegistry([ruleSet]);
const levelOf = (record: Record<string, unknown>, rule: string, context = {}) =>
  registry.check('progress', record, context).verdicts.filter((v) => v.rule === rule).map((v) => v.level);

describe('context rules', () => {
  it.each([
    [100, 90, 'pass'],
    [100, 100, 'pass'],
    [80, 90, 'fail'],
  ])('not_decreasing: now %s vs previous %s → %s', (now, before, level) => {
    expect(levelOf({ doneArea: now }, 'cumulative', { previous: { doneArea: before } })).toEqual([level]);
  });

  it('not_decreasing without previous passes', () => {
    expect(levelOf({ doneArea: 1 }, 'cumulative')).toEqual(['pass']);
  });

  it('no_duplicate by key fields', () => {
    const existing = [{ township: '吉祥街道', period: '2026-1' }];
    expect(levelOf({ township: '吉祥街道', period: '2026-1' }, 'unique', { existing })).toEqual(['fail']);
    expect(levelOf({ township: '吉祥街道', period: '2026-2' }, 'unique', { existing })).toEqual(['pass']);
  });

  it.each([
    [2200, 10000, 'pass'],
    [2201, 10000, 'warn'],
  ])('within_remaining: %s + already %s vs 12200 → %s', (area, already, level) => {
    expect(levelOf({ township: '吉祥街道', area }, 'task', { totals: { townshipArea: already } })).toEqual([level]);
  });

  it('within_remaining with no table row warns instead of crashing', () => {
    expect(levelOf({ township: '不存在镇', area: 1 }, 'task')).toEqual(['warn']);
  });

  it.each([
    [80000, 80, 'pass'],
    [80001, 81, 'pass'],
    [80000, 60, 'warn'],
  ])('ratio: %s 亩 with %s samples → %s', (area, samples, level) => {
    expect(levelOf({ area, samples }, 'samples')).toEqual([level]);
  });

  it('when: rule applies only if the condition holds', () => {
    expect(levelOf({ sowing: '免耕', area: 0 }, 'only-reduced')).toEqual([]);
    expect(levelOf({ sowing: '少耕', area: 0 }, 'only-reduced')).toEqual(['fail']);
  });

  it('missing inputs name the field', () => {
    const verdicts = registry.check('progress', {}).verdicts;
    expect(verdicts.find((v) => v.rule === 'samples')!.message).toContain('土样数');
    expect(verdicts.every((v) => v.source.includes('示例条款'))).toBe(true);
  });
});
