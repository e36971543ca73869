import { describe, expect, it } from 'vitest';
import { answerSlot, slotFit } from '../../src/knowledge/answer-slot.ts';

describe('answerSlot', () => {
  it('reads the measure word and the counted noun of a quantity question', () => {
    expect(answerSlot('黑土地保护利用试点有几个项目县')).toEqual({ unit: '个', focus: '项目县' });
    expect(answerSlot('每亩补几块钱')).toEqual({ unit: '元', focus: '' });
    expect(answerSlot('耕地质量能提几个等级啊')).toEqual({ unit: '个', focus: '等级' });
    expect(answerSlot('综合示范区要建几个')).toEqual({ unit: '个', focus: '合示范区' });
    expect(answerSlot('这是什么意思')).toBeUndefined();
  });

  it('prefers the number followed by the counted noun, and a year counts nothing', () => {
    const slot = answerSlot('试点有几个项目县')!;
    expect(slotFit(slot, '重点抓好4个省（区）32个项目县任务落实').fit).toBeGreaterThan(slotFit(slot, '深入梳理5年来试点技术').fit);
    expect(slotFit(slot, '2020年全面推进试点').onlyYears).toBe(true);
    expect(slotFit(answerSlot('多少亩')!, '实施面积不少于 1000 亩').fit).toBeGreaterThan(0);
  });
});

describe('slotFit with a magnitude', () => {
  it('counts 44万亩 as an answer to 多少亩', () => {
    const slot = answerSlot('全县一共要做多少亩')!;
    expect(slotFit(slot, '全县计划实施作业面积44万亩').fit).toBeGreaterThan(0);
  });
});
