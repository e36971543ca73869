import { describe, expect, it } from 'vitest';
import { impossibleValue, placementLine, placeValues, preferPlaced, userValues } from '../../src/knowledge/user-values.ts';

const TIERS = '第一档：覆盖率在30%以内，每亩不高于38元。';
const SECOND = '第二档：秸秆覆盖率在30%—60%之间的，每亩不高于58元。';
const THIRD = '第三档：秸秆覆盖率60%及以上的，每亩不高于90元。';

describe('the user\'s figure in the documents\' ranges', () => {
  it('reads the user\'s own figures, not limits or bare numbers', () => {
    expect(userValues('秸秆覆盖率45%，种了100亩，每亩最多补多少').map((value) => value.kind).sort()).toEqual(['area', 'share']);
    expect(userValues('不到100亩的能补吗')).toEqual([]);
    expect(userValues('1+1+2技术指导方式是什么意思')).toEqual([]);
  });

  it('places a value in a range or under a limit, by what the limit is about', () => {
    const share = userValues('秸秆覆盖率45%');
    expect(placeValues(share, SECOND)).toBe('holds');
    expect(placeValues(share, THIRD)).toBe('contradicts');
    expect(placeValues(userValues('秸秆还田利用率做到了62%'), '综合利用率要稳定在95%以上，秸秆还田利用率要稳定在65%以上。')).toBe('contradicts');
    expect(placeValues(userValues('秸秆还田利用率做到了70%'), '综合利用率要稳定在95%以上，秸秆还田利用率要稳定在65%以上。')).toBe('holds');
    // a limit on something else (a base's size) says nothing about the user's farm
    expect(placeValues(userValues('我种了100亩'), '基地单个面积不少于1000亩')).toBe('none');
    expect(placeValues(userValues('我这块地pH 5.8'), '选择酸性耕地（pH < 5.5）开展治理')).toBe('contradicts');
  });

  it('puts the clause whose range holds the value first among near-equal sentences', () => {
    const sentences = [THIRD, TIERS, SECOND].map((text, i) => ({ text, score: 1 - i * 0.01 }));
    expect(preferPlaced(userValues('秸秆覆盖率45%'), sentences)[0].text).toBe(SECOND);
    expect(preferPlaced([], sentences)[0].text).toBe(THIRD);
  });

  it('says where the value falls and labels the arithmetic, with numbers only from the user and the quote', () => {
    const line = placementLine(userValues('秸秆覆盖率45%，种了100亩'), SECOND, '法库县2022年黑土地保护性耕作项目实施方案');
    expect(line).toContain('《法库县2022年黑土地保护性耕作项目实施方案》');
    expect(line).toContain('45%符合「第二档：秸秆覆盖率在30%—60%之间的」');
    expect(line).toContain('最多5800元（计算）');
    const numbers = line.match(/\d+(\.\d+)?/g)!.filter((n) => !'2022'.includes(n));
    for (const n of numbers) expect(['45', '100', '30', '60', '58', '5800']).toContain(n);
    expect(placementLine(userValues('秸秆覆盖率70%'), SECOND, '方案')).toContain('不符合');
    expect(placementLine(userValues('秸秆覆盖率45%'), '保护性耕作是指…', '方案')).toBe('');
  });

  it('answers a yes/no question from the threshold clause of a document with no rule set', () => {
    const base = '第六条项目区应当集中连片，平原区单个项目区连片面积不少于1000亩，丘陵区不少于300亩。';
    // the qualifier the question names (平原区 / 丘陵区) picks the clause, not the longest shared words
    expect(placementLine(userValues('平原区项目区连片只有800亩，符合要求吗'), base, '办法', '平原区项目区连片只有800亩，符合要求吗')).toContain('800亩不符合「平原区单个项目区连片面积不少于1000亩」');
    expect(placementLine(userValues('丘陵区的项目区连片400亩，够不够'), base, '办法', '丘陵区的项目区连片400亩，够不够')).toContain('400亩符合「丘陵区不少于300亩」');
    // inside a range the clause refuses: not eligible
    const acid = 'pH值低于5.5的耕地纳入酸化耕地治理范围，按酸化程度分为三档：pH值小于4.5为重度酸化；pH值4.5（含）至5.0为中度酸化；pH值5.0（含）至5.5为轻度酸化。pH值5.5（含）以上的耕地不纳入本次治理，由县级开展定点监测。';
    const q1 = '我这块地pH 5.8，能纳入酸化耕地治理项目吗';
    expect(placementLine(userValues(q1), acid, '方案', q1)).toContain('pH 5.8不符合「pH值5.5（含）以上的耕地不纳入本次治理」');
    const q2 = '我家水田pH 5.2，能纳入酸化耕地治理吗';
    const yes = placementLine(userValues(q2), acid, '方案', q2);
    expect(yes).toContain('pH 5.2符合「pH值低于5.5的耕地纳入酸化耕地治理范围」「pH值5.0（含）至5.5为轻度酸化」');
    expect(yes).not.toContain('不符合');
    // 「不足5亩的，不予补助」: the refusal stands in the next clause
    expect(placementLine(userValues('集中连片复耕了4亩'), '连片面积不足5亩的，不予补助。', '通知', '集中连片复耕了4亩')).toContain('不符合');
    // a change is no level: 12亩 is not placed in 「较上年增加10亩以上」
    expect(placementLine(userValues('确权12亩，地力补贴能拿多少'), '对申报面积较上年增加10亩以上的农户，村级须说明增加原因。', '通知', '确权12亩，地力补贴能拿多少')).toBe('');
  });

  it('computes the total from whichever quoted clause pays the rate for the user\'s tier', () => {
    const q = '我家种粮800亩，种粮大户补助一共能拿多少';
    const quotes = ['对集中连片种植双季稻50亩以上的种粮大户，市级每亩再奖励100元；', '种粮大户在享受普惠性补贴的基础上，100亩至500亩的每亩补助30元，500亩以上的每亩补助40元。'];
    expect(placementLine(userValues(q), quotes, '问答', q)).toContain('800亩×40元/亩，32000元（计算）');
    const q2 = '确权面积12亩，今年地力补贴一共能拿多少钱';
    expect(placementLine(userValues(q2), ['实际耕种面积小于确权面积的，按实际耕种面积核定。', '2025年全县耕地地力保护补贴标准为每亩105.6元。'], '通知', q2)).toContain('12亩×105.6元/亩，1267.2元（计算）');
    // the sum of the parts, not the first part
    const q3 = '深松了800亩，一共能拿多少';
    expect(placementLine(userValues(q3), '中央财政补助标准为每亩25元，市级财政每亩补助5元，合计每亩30元；丘陵山区县级财政可每亩增加不超过10元。', '通知', q3)).toContain('800亩×30元/亩，24000元（计算）');
    // the rate of the programme the question names
    const q4 = '盐碱化耕地农艺治理做了100亩，一共补多少';
    expect(placementLine(userValues(q4), '酸化耕地治理按每亩150元的标准补助；盐碱化耕地农艺治理按每亩300元的标准补助。', '方案', q4)).toContain('100亩×300元/亩，30000元（计算）');
  });

  it('reads 「一亩只安排了8元」 as a rate the user states, held against a minimum rate only', () => {
    const q = '管护经费我们乡一亩只安排了8元，够标准吗';
    expect(userValues(q).map((value) => `${value.text}/${value.per}`)).toEqual(['8元/亩']);
    expect(placementLine(userValues(q), '县财政每年按照每亩不低于10元的标准安排高标准农田管护经费。', '办法', q)).toContain('8元不符合');
    expect(placementLine(userValues('听说管护经费每亩能给12元'), '管护经费每亩不超过10元。', '办法', '听说管护经费每亩能给12元')).toBe('');
    // with an area, the rate is what the area is multiplied by
    expect(userValues('100亩按每亩58元算能拿多少').map((value) => value.kind)).toEqual(['area']);
  });

  it('tells a measure from another that shares its last word (深松深度 / 动土深度, 还田利用率 / 综合利用率)', () => {
    const q = '深松深度只有20厘米算不算合格';
    expect(placementLine(userValues(q), '原则上动土深度不超过 10cm。', '方案', q)).toBe('');
    expect(placementLine(userValues(q), '二、作业质量标准深松作业深度一般不少于25厘米，打破犁底层', '通知', q)).toContain('20厘米不符合');
    const soil = '俺家少耕播种动土深度有12公分，超了没有';
    expect(placementLine(userValues(soil), '少耕播种是指…动土面积低于 50%，原则上动土深度不超过 10cm。', '方案', soil)).toContain('12公分不符合「原则上动土深度不超过 10cm」');
    const straw = '秸秆还田利用率做到了62%';
    expect(placementLine(userValues(straw), '综合利用率要稳定在95%以上。', '方案', straw)).toBe('');
    // the same first word, a different measure written onto it (深松深度 / 深松间距)
    expect(placementLine(userValues(q), '深松作业深度合格率不低于85%，深松间距不大于70厘米。', '通知', q)).not.toContain('符合「深松间距');
    const spacing = '深松间距有80厘米，行不行';
    expect(placementLine(userValues(spacing), '深松间距不大于70厘米。', '通知', spacing)).toContain('80厘米不符合');
    const depth = '秸秆翻埋还田以后耕层只有25厘米，够不够';
    expect(placementLine(userValues(depth), '秸秆翻埋还田或深松地块耕层厚度达到30厘米以上。', '规划', depth)).toContain('不符合');
  });

  it('places power (马力, 千瓦) and slope (度) figures, and states the value an approximate or converted figure is taken as', () => {
    const q = '我家拖拉机60马力，能承担深松作业补助任务吗';
    const clause = '作业主体须拥有或租用与深松机配套的70马力以上拖拉机。';
    expect(placementLine(userValues(q), clause, '通知', q)).toContain('60马力不符合「作业主体须拥有或租用与深松机配套的70马力以上拖拉机」');
    const kw = '我们的拖拉机是50千瓦的，能承担深松作业吗';
    expect(placementLine(userValues(kw), clause, '通知', kw)).toContain('50千瓦（按68马力算）不符合');
    const slope = '坡耕地坡度10度，能享受横坡改垄补助吗';
    // 「说明」 is the column's name, not a qualifier of 坡度
    const row = '横坡改垄 · 补助标准 每亩80元 · 补助对象 实施主体 · 说明 坡度3度至8度';
    expect(placementLine(userValues(slope), row, '方案', slope)).toContain('10度不符合');
    const about = '我家秸秆覆盖免耕150亩，覆盖率七成左右，一共能补多少';
    const line = placementLine(userValues(about), '秸秆覆盖免耕（条带耕作） · 补助标准 每亩40元 · 补助对象 作业主体 · 说明 覆盖率不低于60%', '方案', about);
    expect(line).toContain('七成左右（按70%算）符合');
    expect(line).toContain('150亩×40元/亩，6000元（计算）');
  });

  it('gives the words between two figures of a clause to the second (「农家肥3吨以上或商品有机肥1吨以上」)', () => {
    const q = '有机肥深混还田每亩施了1.2吨商品有机肥，能补吗';
    const line = placementLine(userValues(q), '每亩施用腐熟农家肥3吨以上（或商品有机肥1吨以上），结合秋整地深混入耕层。', '方案', q);
    expect(line).toContain('1.2吨符合');
    expect(line).not.toContain('不符合');
  });

  it('multiplies a rate paid per 吨 or 公斤 by the weight the user states, and reads a bound written before the basis', () => {
    const q = '我家油菜籽按订单卖了3000公斤，订单奖励一共多少钱';
    expect(placementLine(userValues(q), '油菜籽收获后按订单收购的，另按每公斤0.2元给予订单奖励。', '问答', q)).toContain('3000公斤×0.2元/公斤，600元（计算）');
    const tons = '秸秆打捆离田了120吨，一共补多少';
    expect(placementLine(userValues(tons), '秸秆打捆离田按每吨50元补助。', '方案', tons)).toContain('120吨×50元/吨，6000元（计算）');
    const fee = '村里统一流转的地，租金一亩一年给250元，行吗';
    expect(placementLine(userValues(fee), '村集体统一流转的，租金不低于每亩每年300元。', '通知', fee)).toContain('不符合「租金不低于每亩每年300元」');
  });

  it('holds a rate the user states against a prohibited excess (每亩不得超过40元), not against what a tier pays', () => {
    const q = '深松作业主体向农户收作业费每亩45元，可以吗';
    expect(placementLine(userValues(q), '作业主体向农户收取作业费的，每亩不得超过40元。', '通知', q)).toContain('不符合「每亩不得超过40元」');
    const paid = '一亩补了30元对吗';
    expect(placementLine(userValues(paid), '第二档不高于 58 元/亩。', '方案', paid)).toBe('');
  });

  it('says nothing of a figure beyond every quoted tier, and reads a refusal before the figure (禁止在…25度以上…)', () => {
    const q = '买了一台120马力的拖拉机，补贴多少';
    expect(placementLine(userValues(q), '50马力以下的拖拉机每台补1万元；50马力（含）至100马力的拖拉机每台补2万元。', '方案', q)).toBe('');
    const slope = '坡度15度的地能开垦为耕地吗';
    expect(placementLine(userValues(slope), '禁止在25度以上陡坡开垦耕地。', '办法', slope)).toContain('15度符合');
    const steep = '坡度30度的地能开垦为耕地吗';
    expect(placementLine(userValues(steep), '禁止在25度以上陡坡开垦耕地。', '办法', steep)).toContain('30度不符合');
  });

  it("takes the asker's own lower bound at its edge, stated, but not a class the question quotes (「50亩以上的农户」)", () => {
    const q = '秸秆覆盖免耕，覆盖率六成以上，我有200亩，能拿多少补助';
    const line = placementLine(userValues(q), '秸秆覆盖免耕每亩补助40元，覆盖率不低于60%。', '方案', q);
    expect(line).toContain('您说的六成以上（按60%算）符合');
    expect(line).toContain('200亩×40元/亩，8000元（计算）');
    expect(userValues('申报面积50亩以上的农户要实地核查吗')).toEqual([]);
    expect(userValues('不到100亩的也能补吗')).toEqual([]);
    // a bounded area is no amount to multiply
    const area = '我种了100亩以上，每亩补多少';
    expect(placementLine(userValues(area), '每亩补助30元。', '方案', area)).not.toContain('计算');
  });

  it('multiplies a rate by the area only when the asker asks what they get', () => {
    const checked = '我报了65亩，会不会有人来地里核实';
    expect(placementLine(userValues(checked), '地力补贴标准为每亩105.6元。', '通知', checked)).not.toContain('计算');
    const asked = '我报了65亩，能补多少';
    expect(placementLine(userValues(asked), '地力补贴标准为每亩105.6元。', '通知', asked)).toContain('6864元（计算）');
  });

  it('labels a total 至少 or 最多 when the bound word stands a short verb before the rate (每亩至少补助20元)', () => {
    const q = '我免耕播种了80亩，补助能拿多少';
    expect(placementLine(userValues(q), '对免耕播种作业每亩至少补助20元。', '通知', q)).toContain('80亩×20元/亩，至少1600元（计算）');
    expect(placementLine(userValues(q), '对免耕播种作业每亩最多补助20元。', '通知', q)).toContain('最多1600元（计算）');
    expect(placementLine(userValues(q), '对免耕播种作业每亩补助20元。', '通知', q)).toContain('，1600元（计算）');
  });

  it("places the asker's own upper bound only where every value under it gets the same verdict (不到30厘米, 不足两成)", () => {
    const depth = '耕层厚度不到30厘米，达标吗';
    expect(placementLine(userValues(depth), '秸秆翻埋还田或深松地块耕层厚度达到30厘米以上。', '规划', depth)).toContain('您说的不到30厘米不符合');
    const cover = '覆盖量不到秸秆全量的10%，行吗';
    expect(placementLine(userValues(cover), '残茬与残留秸秆覆盖量之和不低于秸秆全量的10%。', '方案', cover)).toContain('您说的不到10%不符合');
    // 不足两成 may be 5% or 15%: no verdict against 不低于10%
    const either = '覆盖量不足两成，行吗';
    expect(placementLine(userValues(either), '残茬与残留秸秆覆盖量之和不低于秸秆全量的10%。', '方案', either)).toBe('');
    // every value under 5亩 is in the 5亩以下 band
    const small = '我家耕地连片面积不到5亩，能补吗';
    expect(placementLine(userValues(small), '连片面积5亩以下的，按每亩10元补助。', '办法', small)).toContain('您说的不到5亩符合');
    expect(placementLine(userValues(small), '连片面积15亩以上的耕地纳入复耕任务。', '办法', small)).toContain('您说的不到5亩不符合');
    expect(placementLine(userValues(small), '连片面积3亩至8亩的，按每亩10元补助。', '办法', small)).toBe('');
  });

  it('computes a quoted share of a base the asker states, when asked in the base\'s unit (2万亩×30%)', () => {
    const q = '大豆茬一共2万亩，按要求至少要报多少亩';
    expect(placementLine(userValues(q), '要求各地按照大豆茬面积的30%以上申报。', '通知', q)).toContain('2万亩×30%，至少6000亩（计算）');
    // a share of something the asker did not state
    expect(placementLine(userValues(q), '全省秸秆还田率达到30%以上。', '通知', q)).toBe('');
    // nothing asked in 亩
    const money = '大豆茬一共2万亩，能补多少钱';
    expect(placementLine(userValues(money), '要求各地按照大豆茬面积的30%以上申报。', '通知', money)).toBe('');
  });

  it("does not hold a figure against a limit on the measure another of the asker's figures names (深松深度35厘米，耕层厚度28厘米)", () => {
    const q = '深松深度35厘米，耕层厚度28厘米，耕层厚度达标吗';
    const line = placementLine(userValues(q), '秸秆翻埋还田或深松地块耕层厚度达到30厘米以上。', '规划', q);
    expect(line).toContain('您说的28厘米不符合');
    expect(line).not.toContain('35厘米');
  });

  it('names the tier a range is written for and takes the rate written for that tier in another paragraph', () => {
    const q = '家庭农场种了三百亩，免耕播种，秸秆覆盖率百分之四十，作业补助最多多少？';
    const tiers = '第一档为秸秆少量覆盖，覆盖率在30%以内。第二档为秸秆部分覆盖，地表播种前秸秆覆盖率在30%—60%之间。';
    const rates = '第一档标准对应作业补助不高于 38 元/亩，第二档不高于 58 元/亩，第三档不高于 90 元/亩。';
    const line = placementLine(userValues(q), [tiers], '方案', q, [rates]);
    expect(line).toContain('符合「地表播种前秸秆覆盖率在30%—60%之间」，属于第二档：「第二档不高于 58 元/亩」');
    expect(line).toContain('三百亩×58元/亩，最多17400元（计算）');
    // without the rate paragraph: the tier only, no figure from elsewhere
    expect(placementLine(userValues(q), [tiers], '方案', q)).not.toContain('58');
    // a figure outside the range is given no tier
    const low = '秸秆覆盖率20%，300亩，最多补多少';
    expect(placementLine(userValues(low), ['第二档为秸秆部分覆盖，地表播种前秸秆覆盖率在30%—60%之间。'], '方案', low, [rates])).not.toContain('第二档不高于');
  });

  it('places the figure in the tiers anywhere in the document, over a quoted condition of another scope (基地…60%以上)', () => {
    const q = '秸秆覆盖度40%，免耕，300亩，补多少';
    const document = [
      '第一档为秸秆少量覆盖，覆盖率在30%以内。第二档为秸秆部分覆盖，地表播种前秸秆覆盖率在30%—60%之间。第三档为秸秆大量覆盖，地表播种前秸秆覆盖率在60%及以上。',
      '第一档标准对应作业补助不高于 38 元/亩，第二档不高于 58 元/亩，第三档不高于 90 元/亩。',
      '原则上县、乡、村三级基地单个面积分别不少于 1000 亩、200 亩、50 亩，基地秸秆覆盖率应达到 60%以上。',
    ];
    const line = placementLine(userValues(q), ['基地秸秆覆盖率应达到 60%以上。'], '方案', q, document);
    expect(line).toContain('属于第二档');
    expect(line).toContain('300亩×58元/亩，最多17400元（计算）');
    expect(line).not.toContain('不符合');
    // the quoted tier rates alone: the first tier's rate is no rate for a figure not yet placed
    const rates = placementLine(userValues('秸秆盖了一半多点，免耕，100亩，补贴多少'), [document[1]], '方案', '秸秆盖了一半多点，免耕，100亩，补贴多少');
    expect(rates).not.toContain('38元/亩');
  });

  it('answers 不符合 from a condition of the document the question names (酸化) for a figure inside a band of a classification', () => {
    const document = [
      '宁化县、长汀县选择酸性耕地（pH < 5.5）开展酸化耕地治理40万亩。',
      '一是耕地土壤 pH < 5.0的治理区。二是耕地土壤 pH 5.0-5.5的治理区。三是耕地土壤 pH 5.5-6.5的治理区。',
      '（二）物化补助。对项目区开展酸化耕地治理所需的农用石灰质物质进行补助，每亩补助不高于125元。',
    ];
    const q = '旱地 pH 5.6 能纳入酸化治理吗';
    const no = placementLine(userValues(q), ['三是耕地土壤 pH 5.5-6.5的治理区。'], '方案', q, document);
    expect(no).toContain('不符合「宁化县、长汀县选择酸性耕地（pH < 5.5）开展酸化耕地治理40万亩」');
    // a question naming nothing the condition names beyond the band's words: the band stands
    const plain = '旱地 pH 5.6 属于哪个治理区';
    expect(placementLine(userValues(plain), ['三是耕地土壤 pH 5.5-6.5的治理区。'], '方案', plain, document)).toContain('符合「三是耕地土壤 pH 5.5-6.5的治理区」');
    // outside the quoted band: the chained band of the document holds it, and the rate nearest that clause is multiplied
    const paid = '旱地pH 5.3，种的是茶园，40亩，能补多少？';
    const line = placementLine(userValues(paid), ['三是耕地土壤 pH 5.5-6.5的治理区。'], '方案', paid, document);
    expect(line).toContain('符合「二是耕地土壤 pH 5.0-5.5的治理区」');
    expect(line).toContain('40亩×125元/亩，最多5000元（计算）');
    // a range of another rule that merely touches the quoted one (「8度以上的实行退耕还林还草」) is no entry of its list
    const slope = '坡耕地坡度10度，能享受横坡改垄补助吗';
    const rules = ['坡度3度至8度的坡耕地改顺坡垄为横坡垄。坡度8度以上的实行退耕还林还草。'];
    expect(placementLine(userValues(slope), ['坡度3度至8度的坡耕地改顺坡垄为横坡垄。'], '方案', slope, rules)).toContain('10度不符合');
  });

  it('reads one bound over a 分别 list, each figure for the item in its place (县、乡、村三级基地…分别不少于1000亩、200亩、50亩)', () => {
    const text = '原则上县、乡、村三级基地单个面积分别不少于 1000 亩、200 亩、50 亩，基地秸秆覆盖率应达到 60%以上。';
    const county = '县级应用基地只有800亩，符合要求吗？';
    expect(placementLine(userValues(county), [text], '方案', county)).toContain('您说的800亩不符合');
    const township = '乡级基地300亩，符合条件吗？';
    const line = placementLine(userValues(township), [text], '方案', township);
    expect(line).toContain('您说的300亩符合');
    expect(line).not.toContain('不符合');
    const village = '村级基地40亩行不行';
    expect(placementLine(userValues(village), [text], '方案', village)).toContain('您说的40亩不符合');
  });

  it('finds impossible values', () => {
    expect(impossibleValue(userValues('覆盖率150%能补多少'))?.text).toBe('150%');
    expect(impossibleValue(userValues('覆盖率45%能补多少'))).toBeUndefined();
  });
});
