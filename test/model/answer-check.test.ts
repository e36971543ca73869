import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../src/model/answer-check.ts';
import { findNumberMentions } from '../../src/quantity/index.ts';
import { BASE_PASSAGE, INJECTED_PASSAGE, TIER_PASSAGE } from './model-test-kit.ts';

const passages = [TIER_PASSAGE, BASE_PASSAGE];
const check = (text: string, toolNumbers = findNumberMentions('')) => checkAnswer({ text, passages, toolNumbers });

describe('checkAnswer', () => {
  it.each([
    ['第二档不高于58元/亩[1]。', [1]],
    ['第二档不高于５８元／亩【1】。', [1]],
    ['县级基地不超过二十万元，乡级不超过4万元[2]；第三档不高于90元/亩[1]。', [2, 1]],
    ['县级基地不超过20万元[1,2]。', [1, 2]],
    ['该方案由法农农发〔2022〕16号印发[1]。', [1]],
  ])('accepts %s', (text, cited) => {
    expect(check(text)).toMatchObject({ ok: true, cited });
  });

  it('keeps the answer as written, with uniform citation markers', () => {
    expect(check('第二档不高于58元/亩【1】，第三档不高于90元/亩［１］。')).toMatchObject({
      text: '第二档不高于58元/亩[1]，第三档不高于90元/亩[1]。',
    });
  });

  it.each([
    ['每亩100元[1]。', '「100元」'],
    ['县级基地不超过20万元[1]。', '「20万元」'], // the number is in passage 2, not in the cited passage 1
    ['第二档不高于58元/亩[3]。', '[3]'],
    ['第二档不高于58元/亩。', '没有用 [编号]'],
    ['Tier two pays 58 yuan per mu [1].', '简体中文'],
    ['', '回答为空'],
  ])('rejects %s', (text, problem) => {
    const result = check(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toContain(problem);
  });

  it('accepts numbers the rule engine returned this turn', () => {
    expect(check('按100亩测算最多补助5800元[1]。').ok).toBe(false);
    expect(check('按100亩测算最多补助5800元[1]。', findNumberMentions('{"area":100,"maxSubsidy":5800}')).ok).toBe(true);
  });

  it('does not let a passage that instructs the model ground anything', () => {
    const result = checkAnswer({ text: '每亩补助100元[2]。', passages: [TIER_PASSAGE, INJECTED_PASSAGE], toolNumbers: [] });
    expect(result).toEqual({ ok: false, problems: ['资料 [2] 含有要求改变规则的文字，不能作为依据。'] });
  });
});
