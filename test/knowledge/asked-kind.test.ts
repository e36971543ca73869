import { describe, expect, it } from 'vitest';
import { askedKinds, askedKindSignals } from '../../src/knowledge/asked-kind.ts';

const kinds = (question: string) => askedKinds(question).map(({ kind }) => kind);

describe('the kind of value a question asks for (knowledge/dictionary/asked-kinds.json)', () => {
  it('reads a category noun before or after its question word', () => {
    expect(kinds('伊春黑土地保护规划的文号是多少')).toEqual(['docNumber']);
    expect(kinds('地力补贴的举报电话是多少')).toEqual(['phone']);
    expect(kinds('到哪个部门申请作业补助')).toEqual(['body']);
    expect(kinds('秸秆覆盖率最少要到多少')).toEqual(['share']);
    expect(kinds('领导小组的组长是谁')).toEqual(['person']);
  });

  it('reads phrases: a date, a total in 万元, a rate per machine', () => {
    expect(kinds('种粮大户补助什么时候发')).toEqual(['date']);
    expect(kinds('管护经费每年总共安排多少万元')).toEqual(['moneyTotal']);
    expect(kinds('深松机购置补贴一台补多少')).toEqual(['perUnit']);
  });

  it('does not read a noun whose question word asks something else', () => {
    expect(kinds('县级财政部门什么时候前完成资金兑付')).toEqual(['date']);
    expect(kinds('一卡通换了银行卡要到哪里改')).toEqual([]);
    expect(kinds('深松作业补助怎么申请')).toEqual([]);
  });
});

describe('asked-kind signals of the answer shown', () => {
  it('a value of the asked kind, not any figure', () => {
    const number = askedKindSignals('这个通知的文号是多少', '各地要在《实施方案》（黑农厅联发〔2020〕274号）下达的任务基础上追加申报。', '', '');
    expect(number).toEqual({ askedKindAbsent: 0, askedFigureAbsent: 0, askedNameAbsent: 0, askedKindNear: 0 });
    const figure = askedKindSignals('这个通知的文号是多少', '追加申报面积300万亩，2021年3月底前报送。', '', '');
    expect(figure.askedKindAbsent).toBe(1);
    expect([figure.askedNameAbsent, figure.askedFigureAbsent]).toEqual([1, 0]);
  });

  it('near: the value stands in the part of the clause that names the asked noun', () => {
    const near = askedKindSignals('秸秆覆盖率要达到多少', '免耕播种作业秸秆覆盖率30%以上，每亩补助40元。', '', '');
    expect(near).toMatchObject({ askedKindAbsent: 0, askedKindNear: 1 });
    const apart = askedKindSignals('秸秆覆盖率要达到多少', '秸秆覆盖率由县级核定，按程序公示，补助资金的20%年底预留。', '', '');
    expect(apart).toMatchObject({ askedKindAbsent: 0, askedKindNear: 0 });
  });

  it('reads table headers as the unit of the figures below them', () => {
    expect(askedKindSignals('青溪镇高标准农田财政投入多少万元', '青溪镇 · 新建面积（亩） 5000 · 财政投入（万元） 1950', '', '').askedKindAbsent).toBe(0);
  });

  it('gives no signal when the user states a figure of their own (the answer may be a calculation)', () => {
    expect(askedKindSignals('大豆茬一共2万亩，按要求至少要报多少亩', '按照大豆茬面积的30%以上申报。', '', '', true).askedKindAbsent).toBe(0);
    expect(askedKindSignals('大豆茬至少要报多少亩', '按照大豆茬面积的30%以上申报。', '', '')).toMatchObject({ askedKindAbsent: 1, askedFigureAbsent: 1, askedNameAbsent: 0 });
  });
});
