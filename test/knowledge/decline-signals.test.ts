import { describe, expect, it } from 'vitest';
import { askedNames, countOnly, namesSeveral } from '../../src/knowledge/answer-type-signals.ts';
import { answers, FEATURE_NAMES, type Calibration, type Features } from '../../src/knowledge/confidence.ts';
import { fitVeto, type Sample } from '../../src/bench/fit-calibration.ts';

describe('countOnly: places or bodies asked, the answer only says how many', () => {
  it('reads the asked noun after or before the question word', () => {
    expect(askedNames('秸秆还田示范是在哪几个乡镇搞的')).toBe('乡镇');
    expect(askedNames('牵头的是哪两个部门')).toBe('部门');
    expect(askedNames('今年的示范县是哪3个？')).toBe('县');
    expect(askedNames('深松一亩补多少')).toBeUndefined();
  });

  it('fires when the answer counts the asked things without naming them', () => {
    expect(countOnly('轮作试点安排在哪三个县', '今年在山区3个县开展轮作试点，每亩补助150元。')).toBe(1);
    expect(countOnly('绿肥示范片在哪些乡镇', '全县建设绿肥示范乡镇五个，示范面积2万亩。')).toBe(1);
    expect(countOnly('示范县是哪两个', '确定示范县2个、示范乡6个。')).toBe(1);
  });

  it('stays quiet when the answer names them, or does not count them', () => {
    expect(countOnly('轮作试点安排在哪三个县', '在东山县、南岭县、北川县3个县开展轮作试点。')).toBe(0);
    expect(countOnly('牵头的是哪两个部门', '由县农业农村局、县财政局2个部门共同牵头。')).toBe(0);
    expect(countOnly('绿肥示范片在哪些乡镇', '示范片安排在青石、白沙、红旗3个乡镇。')).toBe(0);
    expect(countOnly('轮作试点安排在哪些县', '2024年全县轮作试点面积5万亩。')).toBe(0);
    expect(countOnly('深松一亩补多少', '深松作业补助每亩30元，共5个县。')).toBe(0);
  });

  it('reads names joined by 、 with figures after them', () => {
    expect(namesSeveral('东山县3万亩，南岭县2万亩，北川县1万亩。', '县')).toBe(true);
    expect(namesSeveral('全市共5个县参加。', '县')).toBe(false);
  });
});

const features = (values: Partial<Features>): Features => ({ ...(Object.fromEntries(FEATURE_NAMES.map((name) => [name, 0])) as Features), ...values });

describe('vetoes of the decline model', () => {
  const model: Calibration = { fittedOn: [], weights: { coverage: 4 }, bias: -2, threshold: 0.3, vetoes: [{ signal: 'countOnly', threshold: 0.9 }] };

  it('asks a higher probability only when the veto’s signal fires', () => {
    expect(answers(model, features({ coverage: 1 }))).toBe(true); // p ≈ 0.88
    expect(answers(model, features({ coverage: 1, countOnly: 1 }))).toBe(false);
    expect(answers(model, features({ coverage: 1.5, countOnly: 1 }))).toBe(true); // p ≈ 0.98
    expect(answers(model, features({ coverage: 0.2 }))).toBe(false); // below the model's own threshold
  });

  it('fits the middle of the best run of thresholds on the questions the signal fires on', () => {
    const base: Calibration = { fittedOn: [], weights: { coverage: 4 }, bias: -2, threshold: 0.3 };
    const sample = (coverage: number, kind: 'decline' | 'right', signal = 1): Sample => ({ set: 's', id: `${coverage}`, group: 'g', features: features({ coverage, countOnly: signal }), right: kind === 'right', decline: kind === 'decline' });
    // declines at p ≈ 0.5 and 0.69, a right answer at p ≈ 0.95 and one without the signal at p ≈ 0.5
    const samples = [sample(0.5, 'decline'), sample(0.7, 'decline'), sample(1.25, 'right'), sample(0.5, 'right', 0)];
    const threshold = fitVeto(samples, base, 'countOnly')!;
    expect(threshold).toBeGreaterThan(0.69);
    expect(threshold).toBeLessThan(0.95);
    expect(fitVeto([sample(1.25, 'right'), sample(0.5, 'right')], base, 'countOnly')).toBeUndefined();
  });
});
