import { describe, expect, it } from 'vitest';
import { loadRuleSets, type CheckResult } from '../../src/rules/index.ts';

const registry = loadRuleSets('knowledge');
const verdicts = (result: CheckResult, rule: string) => result.verdicts.filter((v) => v.rule === rule);
const levelOf = (result: CheckResult, rule: string) => verdicts(result, rule).map((v) => v.level);

describe('福建2026 酸化耕地治理（附件7）', () => {
  const acid = (record: Record<string, unknown>) => registry.check('fujian-2026-acid-treatment', { landType: '水田', area: 1000, ...record });

  it.each([
    [4.2, 'pass'],
    [5.49, 'pass'],
    [5.5, 'fail'],
    [6.0, 'fail'],
  ])('治理对象 pH<5.5：pH %s → %s', (ph, level) => {
    expect(levelOf(acid({ ph }), 'eligible.ph')).toEqual([level]);
  });

  it.each([
    ['水田', 4.9, 'paddy-below-5.0', '石灰质物质（土壤调理剂等）+'],
    ['水田', 5.0, 'paddy-5.0-5.5', '种植绿肥（秸秆还田等）'],
    ['水田', 5.5, 'paddy-5.5-6.5', '测土配方施肥+有机肥'],
    ['水田', 6.5, 'paddy-5.5-6.5', '测土配方施肥+有机肥'],
    ['旱地', 4.9, 'dry-below-5.0', '+碱性肥料'],
    ['旱地', 5.2, 'dry-5.0-5.5', '+有机肥（秸秆还田等）'],
    ['旱地', 6.0, 'dry-5.5-6.5', '氮肥减量+水肥一体化'],
  ])('%s pH %s → %s, citing the band clause', (landType, ph, id, technique) => {
    const result = acid({ landType, ph });
    expect((result.computed.technique as { id: string }).id).toBe(id);
    const verdict = verdicts(result, 'technique')[0];
    expect(verdict.message).toContain(technique);
    expect(verdict.citation!.section).toContain(landType === '水田' ? '（一）水田' : '（二）旱地');
    expect(verdict.citation!.quote).toContain(technique);
  });

  it('pH 6.8 没有主推技术 → 提醒；缺耕地类型 → 说明缺哪个字段', () => {
    expect(levelOf(acid({ ph: 6.8 }), 'technique')).toEqual(['warn']);
    expect(verdicts(registry.check('fujian-2026-acid-treatment', { ph: 5 }), 'technique')[0].message).toContain('耕地类型');
  });

  it('pH 15 → 字段不合格，不崩溃', () => {
    expect(levelOf(acid({ ph: 15 }), 'field:ph')).toEqual(['fail']);
  });

  it.each([
    [125, 'pass'],
    [126, 'fail'],
  ])('物化补助 %s 元/亩 → %s', (materialSubsidyPerMu, level) => {
    expect(levelOf(acid({ ph: 5, materialSubsidyPerMu }), 'subsidy.cap')).toEqual([level]);
  });

  it('物化补助上限 = 面积 × 125', () => {
    expect(acid({ ph: 5, area: 80000 }).computed.maxMaterialSubsidy).toBe(10000000);
  });

  it.each([
    ['土壤调理剂', 'pass'],
    ['商品有机肥', 'pass'],
    ['农机具购置', 'fail'],
    ['购买撒肥机械', 'fail'],
    ['试验研究', 'fail'],
    ['宣传培训', 'fail'],
    ['办公用品', 'warn'],
  ])('中央资金用于「%s」→ %s', (use, level) => {
    expect(levelOf(acid({ ph: 5, uses: [use] }), 'fund.uses')).toEqual([level]);
  });

  it('单一措施、已获补贴的措施不予补助', () => {
    const result = acid({ ph: 5, measures: ['施石灰'], otherSubsidy: true });
    expect(levelOf(result, 'measures.combined')).toEqual(['fail']);
    expect(levelOf(result, 'measures.not-subsidised')).toEqual(['fail']);
    expect(levelOf(acid({ ph: 5, measures: ['施石灰', '种绿肥'], otherSubsidy: false }), 'measures.combined')).toEqual(['pass']);
  });

  it('集中采购物资要四级确认', () => {
    expect(levelOf(acid({ ph: 5, centralPurchase: true, materials: ['farmerSignature', 'villageRegister', 'townshipReview'] }), 'materials.four-level')).toEqual(['fail']);
    expect(verdicts(acid({ ph: 5, centralPurchase: true, materials: ['farmerSignature'] }), 'materials.four-level')[0].message).toContain('县级农业农村部门确认');
    expect(levelOf(acid({ ph: 5, centralPurchase: false }), 'materials.four-level')).toEqual([]);
  });

  it.each([
    [80000, 80, 'pass'],
    [80000, 60, 'warn'],
    [1500, 2, 'pass'],
  ])('每1000亩1个土样：%s 亩 %s 个 → %s', (area, samples, level) => {
    expect(levelOf(acid({ ph: 5, area, samples }), 'samples.per-1000-mu')).toEqual([level]);
  });

  it('重点县各自的报送日期', () => {
    const dates = (county: string) => (acid({ ph: 5, county }).computed.deadlines as Array<{ date: string }>).map((d) => d.date);
    expect(dates('宁化县')).toEqual(['2026-06-15', '2026-11-30']);
    expect(dates('建宁县')).toEqual(['2026-07-10', '2026-11-30']);
    expect(levelOf(acid({ ph: 5, county: '福清市' }), 'scope.county')).toEqual(['warn']);
  });
});

describe('福建2026 二轮延包（附件8）', () => {
  const extension = (record: Record<string, unknown>) => registry.check('fujian-2026-land-contract-extension', record);

  it.each([
    ['2025年试点', 2.05, 20500],
    ['2026年试点', 3.07, 30700],
  ])('%s → 每亩 %s 元，1万亩 %s 元', (batch, rate, amount) => {
    const result = extension({ county: '宁化县', batch, area: 10000 });
    expect((result.computed.rate as { ratePerMu: number }).ratePerMu).toBe(rate);
    expect(result.computed.amount).toBe(amount);
    expect(result.ok).toBe(true);
  });

  it.each(['厦门市集美区', '集美区', '厦门市同安区'])('%s 不在补助范围', (county) => {
    expect(levelOf(extension({ county, batch: '2026年试点', area: 100 }), 'scope.xiamen')).toEqual(['fail']);
  });

  it('补助标准高于所属批次 → 不合格；缺批次说明缺什么', () => {
    expect(levelOf(extension({ batch: '2025年试点', ratePerMu: 3.07 }), 'rate.matches')).toEqual(['fail']);
    expect(verdicts(extension({ area: 100 }), 'rate')[0].message).toContain('试点批次');
  });
});

describe('福建2026 科学施肥（附件6）', () => {
  const fertilizer = (record: Record<string, unknown>) => registry.check('fujian-2026-scientific-fertilization', record);

  it.each([
    ['土壤调理剂', undefined, 'fail'],
    ['土壤调理剂', '农肥（2024）准字1234号', 'pass'],
    ['有机肥料', '', 'fail'],
    ['新型肥料', '备案号 123', 'pass'],
  ])('%s 登记证/备案号 %j → %s', (itemType, registrationNumber, level) => {
    expect(levelOf(fertilizer({ itemType, registrationNumber }), 'registration.required')).toEqual([level]);
  });

  it('绿肥种子不要求登记证', () => {
    expect(levelOf(fertilizer({ itemType: '绿肥种子' }), 'registration.required')).toEqual([]);
  });

  it.each([
    [{ itemType: '施肥机械' }, 'item.no-machinery', 'fail'],
    [{ uses: ['购置施肥机'] }, 'fund.uses', 'fail'],
    [{ uses: ['无人机撒施新机具作业服务'] }, 'fund.uses', 'pass'],
    [{ uses: ['农户施肥调查'] }, 'fund.uses', 'pass'],
  ])('%j → %s %s', (record, rule, level) => {
    expect(levelOf(fertilizer(record), rule)).toEqual([level]);
  });
});

describe('法库县2022 高标准应用基地（四、（四）；附件3、4）', () => {
  const base = (record: Record<string, unknown>) => registry.check('faku-2022-demo-base', record);

  it.each([
    ['县级', 999, 'scale.county', 'fail'],
    ['县级', 1000, 'scale.county', 'pass'],
    ['乡级', 199, 'scale.township', 'fail'],
    ['乡级', 200, 'scale.township', 'pass'],
    ['村级', 49, 'scale.village', 'warn'],
    ['村级', 50, 'scale.village', 'pass'],
  ])('%s基地 %s 亩 → %s %s', (level, area, rule, expected) => {
    expect(levelOf(base({ level, area }), rule)).toEqual([expected]);
  });

  it.each([
    [59.9, 'fail'],
    [60, 'pass'],
  ])('覆盖率 %s%% → %s（60%以上含60%）', (strawCover, level) => {
    const result = base({ level: '乡级', area: 200, strawCover });
    expect(levelOf(result, 'cover')).toEqual([level]);
    if (level === 'fail') expect(verdicts(result, 'cover')[0].message).toContain('差异化作业补助');
  });

  it.each([
    [300, 'pass'],
    [299, 'fail'],
  ])('县级1000亩免耕 %s 亩 → %s', (noTillArea, level) => {
    expect(levelOf(base({ level: '县级', area: 1000, noTillArea }), 'no-till.county')).toEqual([level]);
  });

  it.each([
    ['县级', 200000, 50000, 'pass'],
    ['县级', 200001, 50001, 'fail'],
    ['乡级', 40000, 10000, 'pass'],
    ['乡级', 40001, 10001, 'fail'],
  ])('%s基地资金 %s、技术服务费 %s → %s', (level, totalSubsidy, techServiceFee, expected) => {
    const result = base({ level, totalSubsidy, techServiceFee });
    const prefix = level === '县级' ? 'county' : 'township';
    expect(levelOf(result, `funding.${prefix}`)).toEqual([expected]);
    expect(levelOf(result, `tech.${prefix}`)).toEqual([expected]);
  });

  it('每亩超200元只提醒（原则上）；补助上限 = min(面积×200, 20万)', () => {
    expect(levelOf(base({ level: '县级', subsidyPerMu: 210 }), 'funding.per-mu')).toEqual(['warn']);
    expect(base({ level: '县级', area: 800 }).computed.maxBaseSubsidy).toBe(160000);
    expect(base({ level: '县级', area: 1500 }).computed.maxBaseSubsidy).toBe(200000);
  });
});
