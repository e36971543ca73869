import { describe, expect, it } from 'vitest';
import { categoryAlias } from '../../src/knowledge/category-alias.ts';

describe('categoryAlias', () => {
  it('asks again by the rank a document gives the named thing', () => {
    const sentences = ['根据秸秆覆盖地表程度划分为3档。', '第一档为秸秆少量覆盖，覆盖率在30%以内。'];
    expect(categoryAlias('秸秆少量覆盖的每亩补几块钱', sentences)).toEqual({ question: '第一档的每亩补几块钱', source: 1 });
  });

  it('leaves a question alone that names no ranked thing or already names the rank', () => {
    expect(categoryAlias('第一档每亩补多少', ['第一档为秸秆少量覆盖，覆盖率在30%以内。'])).toBeUndefined();
    expect(categoryAlias('免耕播种是什么', ['第一档为秸秆少量覆盖。'])).toBeUndefined();
  });
});
