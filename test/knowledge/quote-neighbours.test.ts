import { describe, expect, it } from 'vitest';
import { withNeighbours } from '../../src/knowledge/quote-neighbours.ts';

describe('withNeighbours', () => {
  const passage = '项目实施范围为全省。补助对象为实施深松作业的农户，补助标准为每亩30元，由县级农业农村部门统一兑付。资金于年底前拨付到位。';

  it('adds the clauses after the quote and the sentence before it while they fit', () => {
    expect(withNeighbours(passage, '补助对象为实施深松作业的农户，', 200)).toBe(passage);
  });

  it('adds only whole clauses that fit and keeps the quote as it is when there is no room', () => {
    const quote = '补助对象为实施深松作业的农户，';
    expect(withNeighbours(passage, quote, quote.length + 12)).toBe('补助对象为实施深松作业的农户，补助标准为每亩30元，');
    expect(withNeighbours(passage, quote, quote.length)).toBe(quote);
    expect(withNeighbours(passage, '不在文中的话', 200)).toBe('不在文中的话');
  });

  it('stops at the next question of a 政策问答 page', () => {
    const faq = '问13:沟渠坏了找谁？答：可以向村委会报告。问14:冬闲田种油菜有补贴吗？答：有，每亩补助50元。';
    expect(withNeighbours(faq, '答：可以向村委会报告。', 200)).toBe('问13:沟渠坏了找谁？答：可以向村委会报告。');
  });
});
