import { describe, expect, it } from 'vitest';
import { loadRuleSets, type CheckResult } from '../../src/rules/index.ts';

const registry = loadRuleSets('knowledge');
const ID = 'faku-2022-conservation-tillage';
const base = { operatorType: '家庭农场', landBasis: '流转', area: 100, sowing: '免耕', strawCover: 50 };
const check = (patch: Record<string, unknown> = {}, context = {}) => registry.check(ID, { ...base, ...patch }, context);
const verdict = (result: CheckResult, rule: string) => result.verdicts.find((v) => v.rule === rule);

describe('法库县2022 覆盖率分档（四、（三）1. 划分依据 / 2. 补助标准）', () => {
  it.each([
    [0.1, '1', 38],
    [29.9, '1', 38],
    [30, '2', 58],
    [45, '2', 58],
    [59.9, '2', 58],
    [60, '3', 90],
    [100, '3', 90],
  ])('覆盖率 %s%% → 第%s档，不高于 %s 元/亩', (cover, tier, cap) => {
    const result = check({ strawCover: cover });
    expect((result.computed.tier as { id: string }).id).toBe(tier);
    expect(result.computed.capPerMu).toBe(cap);
    expect(result.computed.maxSubsidy).toBe(cap * 100);
    expect(verdict(result, 'tier')!.source).toContain('30%—60%之间');
  });

  it('恰为30%给出分界提醒但不算不合格', () => {
    const result = check({ strawCover: 30 });
    expect(result.ok).toBe(true);
    expect(verdict(result, 'tier.boundary-30')!.level).toBe('warn');
    expect(verdict(check({ strawCover: 31 }), 'tier.boundary-30')).toBeUndefined();
  });

  it('0.3 × 100 的浮点误差不影响分档', () => {
    expect((check({ strawCover: 0.3 * 100 }).computed.tier as { id: string }).id).toBe('2');
    expect((check({ strawCover: 0.6 * 100 }).computed.tier as { id: string }).id).toBe('3');
  });

  it.each([
    [58, 'pass'],
    [58.5, 'fail'],
  ])('第二档申请 %s 元/亩 → %s', (rate, level) => {
    expect(verdict(check({ ratePerMu: rate }), 'rate.cap')!.level).toBe(level);
  });
});

describe('法库县2022 保护性耕作定义（三、（二）技术质量要求）', () => {
  it('没有秸秆覆盖 → 不合格', () => {
    const result = check({ strawCover: 0 });
    expect(result.ok).toBe(false);
    expect(verdict(result, 'definition.cover')!.message).toContain('不属于保护性耕作');
  });

  it('常规整地播种 → 不合格', () => {
    const result = check({ sowing: '常规' });
    expect(result.ok).toBe(false);
    expect(verdict(result, 'definition.sowing')!.level).toBe('fail');
  });

  it.each([
    [49.9, 'pass'],
    [50, 'fail'],
    [70, 'fail'],
  ])('少耕动土面积 %s%% → %s（「低于50%」不含50%）', (share, level) => {
    const result = check({ sowing: '少耕', disturbedShare: share, tillageDepth: 8 });
    expect(verdict(result, 'reduced-till.share')!.level).toBe(level);
    expect(result.ok).toBe(level === 'pass');
  });

  it.each([
    [10, 'pass', true],
    [12, 'warn', true],
  ])('少耕动土深度 %scm → %s（「原则上」只提醒）', (depth, level, ok) => {
    const result = check({ sowing: '少耕', disturbedShare: 30, tillageDepth: depth });
    expect(verdict(result, 'reduced-till.depth')!.level).toBe(level);
    expect(result.ok).toBe(ok);
  });

  it('少耕缺动土面积 → 提醒补充，不崩溃', () => {
    const result = check({ sowing: '少耕' });
    const share = verdict(result, 'reduced-till.share')!;
    expect(share.level).toBe('warn');
    expect(share.message).toContain('动土面积占比');
  });

  it.each([
    [['深松'], 'pass'],
    [['旋耕'], 'fail'],
    [['深松', '旋耕'], 'fail'],
  ])('免耕加 %j → %s（深松除外）', (operations, level) => {
    const levels = check({ operations }).verdicts.filter((v) => v.rule === 'no-till.operations').map((v) => v.level);
    expect(levels).toContain(level);
  });

  it('少耕规则不适用于免耕', () => {
    expect(verdict(check(), 'reduced-till.share')).toBeUndefined();
  });
});

describe('法库县2022 补助对象（四、（一））', () => {
  it.each([
    ['家庭农场', 'pass'],
    ['农机合作社', 'pass'],
    ['农机户', 'pass'],
    ['种粮大户', 'pass'],
    ['农户', 'pass'],
    ['村委会', 'warn'],
  ])('%s → %s', (operatorType, level) => {
    expect(verdict(check({ operatorType }), 'operator.eligible')!.level).toBe(level);
  });
});

describe('法库县2022 材料（五、（一）任务落实；附件1）', () => {
  it('流转：要耕地凭证；未说明已备材料时只列出', () => {
    const result = check();
    expect(verdict(result, 'materials.own-land')!.level).toBe('warn');
    expect(verdict(result, 'materials.proxy')).toBeUndefined();
    expect(result.computed.requiredMaterials).toHaveLength(1);
  });

  it('代耕：要代耕合同和代耕对象签字验收；缺一项不合格', () => {
    const result = check({ landBasis: '代耕', materials: ['proxyContract'] });
    const proxy = verdict(result, 'materials.proxy')!;
    expect(proxy.level).toBe('fail');
    expect(proxy.message).toContain('验收签字');
    expect(verdict(check({ landBasis: '代耕', materials: ['proxyContract', 'proxyAcceptance'] }), 'materials.proxy')!.level).toBe('pass');
  });
});

describe('法库县2022 时间节点（六、实施进度）', () => {
  it('列出 4-22、7-25、9-30 三个节点', () => {
    const dates = (check().computed.deadlines as Array<{ date: string }>).map((d) => d.date);
    expect(dates).toEqual(['2022-04-22', '2022-07-25', '2022-09-30']);
  });

  it.each([
    ['2022-07-25', 'pass'],
    ['2022-07-26', 'fail'],
  ])('播种完成于 %s → %s（「前」含当日）', (sowingDate, level) => {
    expect(verdict(check({ sowingDate }), 'deadline.sowing')!.level).toBe(level);
  });

  it('代耕合同晚于 4-22 → 不合格', () => {
    expect(verdict(check({ landBasis: '代耕', contractDate: '2022-05-01' }), 'deadline.contract')!.level).toBe('fail');
  });

  it('today 晚于截止日期 → 提醒已过', () => {
    expect(verdict(check({}, { today: '2022-10-01' }), 'deadline.payment')!.level).toBe('warn');
  });
});

describe('法库县2022 数值与缺项', () => {
  it.each([
    [{ area: 0 }, 'area.positive'],
    [{ area: -5 }, 'field:area'],
    [{ area: 1e9 }, 'field:area'],
    [{ strawCover: 150 }, 'field:strawCover'],
    [{ strawCover: '一半' }, 'field:strawCover'],
    [{ sowing: '深翻' }, 'field:sowing'],
  ])('%j → %s 不合格，不崩溃', (patch, rule) => {
    const result = check(patch);
    expect(result.ok).toBe(false);
    expect(verdict(result, rule)!.level).toBe('fail');
  });

  it('面积超过全县44万亩 → 提醒核对单位', () => {
    expect(verdict(check({ area: 500000 }), 'area.county-target')!.level).toBe('warn');
  });

  it('空记录：每条都有结论，缺项说明缺哪个字段', () => {
    const result = registry.check(ID, {});
    expect(result.ok).toBe(false);
    expect(verdict(result, 'definition.sowing')!.message).toContain('播种方式');
    expect(verdict(result, 'tier')!.message).toContain('播种前秸秆覆盖率');
    expect(result.computed.maxSubsidy).toBeUndefined();
  });

  it('非法库县 → 提醒以当地方案为准', () => {
    const message = verdict(check({ county: '梨树县' }), 'scope.region')!.message;
    expect(message).toContain('梨树县');
    expect(message).toContain('您所在县当年的实施方案为准');
  });
});
