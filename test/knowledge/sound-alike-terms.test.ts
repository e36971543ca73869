import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IndexStore } from '../../src/knowledge/index-store.ts';
import { loadLexicon } from '../../src/knowledge/lexicon.ts';
import { queryTerms } from '../../src/knowledge/query-terms.ts';
import { termMatch, weighTerms } from '../../src/knowledge/retrieval.ts';
import { createTokenizer } from '../../src/knowledge/tokenizer.ts';

/** An index vocabulary of a few tokens with their passage counts (what weighTerms reads of the store). */
function vocabulary(frequencies: Record<string, number>): IndexStore {
  const tokens = Object.keys(frequencies);
  return {
    chunkCount: () => 100,
    tokenFrequency: (token: string) => frequencies[token] ?? 0,
    tokensOfLength: (length: number) => tokens.filter((token) => token.length === length),
  } as unknown as IndexStore;
}

describe('a subject word typed with a same-sounding character', () => {
  const lexicon = loadLexicon(join(process.cwd(), 'knowledge'));
  const tokenizer = createTokenizer(lexicon.dictionaryText);
  const weigh = (question: string, store: IndexStore) => weighTerms(queryTerms(question, tokenizer, lexicon), store, tokenizer, new Map());

  it('reads 保户 as the indexed 保护 and 秸杆 as 秸秆: found, weighed as the documents use them', () => {
    const store = vocabulary({ 保护: 40, 秸秆: 30, 补贴: 60, 地力: 20, 覆盖: 25 });
    const terms = weigh('地力保户补贴给谁', store);
    const guard = terms.find((term) => term.text === '保户')!;
    expect(guard.variants).toContain('保护');
    expect(guard.df).toBe(40);
    expect(termMatch(guard, '耕地地力保护补贴')).toBe(1);
    expect(weigh('就是盖秸杆那些吗', store).find((term) => term.text === '秸杆')?.variants).toContain('秸秆');
  });

  it('leaves a word the documents use, a word that only sounds alike with no character in place, and words of the asking', () => {
    const store = vocabulary({ 保护: 40, 宝湖: 3, 地力: 20, 现有: 9 });
    expect(weigh('宝户补贴给谁', store).find((term) => term.text === '宝户')?.variants ?? []).not.toContain('保护');
    const asking = weigh('会不会有人来地里核实', store).find((term) => term.text === '地里');
    expect(asking?.variants ?? []).not.toContain('地力');
  });
});

describe('a vocabulary phrase the index holds only as single characters', () => {
  const lexicon = loadLexicon(join(process.cwd(), 'knowledge'));
  const tokenizer = createTokenizer(lexicon.dictionaryText);

  it('weighs 年年 by its synonyms (连年, 每年), not by the character 年 that nearly every passage holds', () => {
    const store = vocabulary({ 年: 90, 连年: 2, 每年: 10, 石灰: 5, 酸化: 20 });
    const yearly = weighTerms(queryTerms('治酸化的石灰能不能年年撒', tokenizer, lexicon), store, tokenizer, new Map()).find((term) => term.text === '年年')!;
    expect(yearly.phrase).toBe(true);
    expect(yearly.df).toBe(10);
  });
});
