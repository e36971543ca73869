import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadEligibilityScript } from '../../src/eligibility/index.ts';
import { extractFacts } from '../../src/eligibility/extract-facts.ts';
import { loadRuleSets } from '../../src/rules/index.ts';

const script = loadEligibilityScript('knowledge');
const fields = loadRuleSets('knowledge').get(script.ruleSet)!.fields;
const extract = (text: string, askingField?: string) =>
  extractFacts(script, fields, text, script.questions.find((question) => question.field === askingField));

describe('extractFacts', () => {
  it.each([
    ['我是家庭农场，流转了100亩地，免耕播种', { operatorType: '家庭农场', landBasis: '流转', area: 100, sowing: '免耕' }],
    ['农机大户，帮别人代耕两百亩', { operatorType: '农机户', landBasis: '代耕', area: 200 }],
    ['少耕，动土面积30%，深度8厘米，秸秆覆盖45%', { sowing: '少耕', disturbedShare: 30, tillageDepth: 8, strawCover: 45 }],
    ['免耕，播种前深松过', { sowing: '免耕', operations: ['深松'] }],
    ['免耕，没旋耕', { sowing: '免耕' }],
    ['沈阳市法库县的合作社', { county: '法库县', operatorType: '农机合作社' }],
    ['吉林省四平市梨树县', { county: '梨树县' }],
  ])('%s', (text, facts) => {
    expect(extract(text).facts).toEqual(facts);
  });

  it.each([
    ['大概四五十亩', 'area', 'range', [40, 50]],
    ['100亩，还有200亩', 'area', 'conflict', [100, 200]],
    ['免耕和少耕', 'sowing', 'conflict', ['免耕', '少耕']],
  ])('%s → %s held back (%s)', (text, field, reason, options) => {
    const [tentative] = extract(text).tentative;
    expect(tentative).toMatchObject({ field, reason, options });
  });

  it.each([
    ['秸秆大概盖了一半', 'strawCover', 50],
    ['动土面积一半左右', 'disturbedShare', 50],
    ['秸秆六成以上', 'strawCover', 60],
    ['2公顷', 'area', 30],
    ['免耕播种，秸秆全覆盖，50亩', 'strawCover', 100],
    ['秸秆都盖了', 'strawCover', 100],
  ])('%s: an approximate value is used as stated and reported as an assumption', (text, field, value) => {
    const extraction = extract(text);
    expect(extraction.facts[field]).toBe(value);
    expect(extraction.tentative).toEqual([]);
    expect(extraction.assumed).toEqual([expect.objectContaining({ field, value })]);
  });

  it.each([
    ['一亩补多少', true],
    ['一亩地能补多少钱', true],
    ['种了1亩地，免耕', false],
    ['一百亩能补多少', false],
  ])('%s: 一亩 before a question about what it gets is a rate basis, not an area', (text, perUnit) => {
    const extraction = extract(text);
    expect(extraction.asksPerUnit).toBe(perUnit);
    expect(extraction.facts.area === 1).toBe(!perUnit && text.includes('1亩'));
  });

  it.each([
    ['45', 'strawCover', 45],
    ['0.45', 'strawCover', 45],
    ['三成', 'disturbedShare', 30],
    ['120', 'area', 120],
    ['10', 'tillageDepth', 10],
  ])('a bare answer %s to the %s question', (text, field, value) => {
    expect(extract(text, field).facts[field]).toBe(value);
  });

  it('share goes to the field its words name', () => {
    expect(extract('动土面积40%，秸秆盖了六成').facts).toMatchObject({ disturbedShare: 40, strawCover: 60 });
  });

  it('an unreadable numeric answer yields the parser message', () => {
    const extraction = extract('很多', 'area');
    expect(extraction.facts).toEqual({});
    expect(extraction.problems[0]).toMatch(/面积|亩/);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.constantFrom(undefined, 'area', 'strawCover', 'sowing'), (text, field) => {
        const extraction = extract(text, field);
        expect(Array.isArray(extraction.problems)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
