import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/knowledge/lexicon.ts';
import { queryTerms, tenthsAsPercent } from '../../src/knowledge/query-terms.ts';
import { createTokenizer } from '../../src/knowledge/tokenizer.ts';

describe('tenthsAsPercent', () => {
  it('writes tenths as the documents do', () => {
    expect(tenthsAsPercent('秸秆盖了三到六成算第几档')).toBe('秸秆盖了30%到60%算第几档');
    expect(tenthsAsPercent('盖了六成')).toBe('盖了60%');
    expect(tenthsAsPercent('一半免耕')).toBe('50%免耕');
    expect(tenthsAsPercent('完成任务形成制度')).toBe('完成任务形成制度');
  });
});

describe('queryTerms on colloquial questions', () => {
  const lexicon = loadLexicon(join(process.cwd(), 'knowledge'));
  const tokenizer = createTokenizer(lexicon.dictionaryText);
  const terms = (question: string) => queryTerms(question, tokenizer, lexicon);

  it('reads 一亩 as the documents write a rate (每亩, /亩)', () => {
    const acre = terms('第三档一亩地能给多少钱').find((term) => term.text === '一亩');
    expect(acre?.variants).toEqual(expect.arrayContaining(['每亩', '/亩']));
  });

  it('reads a place with a locative (县里) as the place', () => {
    expect(terms('县里的基地补多少').find((term) => term.text === '县里')?.variants).toContain('县');
  });

  it('drops 几 with any measure word and guessed words glued to a modal verb', () => {
    const words = terms('基地同一块地要连着干几年').map((term) => term.text);
    expect(words).not.toContain('几年');
    expect(words).not.toContain('地要');
  });

  it('keeps a guessed place name (柏家沟镇)', () => {
    expect(terms('柏家沟镇任务多少万亩').map((term) => term.text).join(' ')).toMatch(/柏家/);
  });
});

describe('queryTerms keeps guessed place names', () => {
  it('does not split a town name ending in 乡 (中山龙乡 → 龙乡)', () => {
    const lexicon = loadLexicon(join(process.cwd(), 'knowledge'));
    const tokenizer = createTokenizer(lexicon.dictionaryText);
    const words = queryTerms('任务分配表中山龙乡的任务面积是多少', tokenizer, lexicon).map((term) => term.text);
    expect(words.some((word) => word.includes('龙'))).toBe(true);
  });
});

describe('queryTerms reads vocabulary words on the question characters', () => {
  const lexicon = loadLexicon(join(process.cwd(), 'knowledge'));
  const tokenizer = createTokenizer(lexicon.dictionaryText);
  const terms = (question: string) => queryTerms(question, tokenizer, lexicon);

  it('finds a vocabulary word the segmenter cut apart (烧秸秆 → 烧 秸秆) as a subject term with its group', () => {
    const burning = terms('在公路边上烧秸秆要罚多少钱').find((term) => term.text === '烧秸秆');
    expect(burning).toMatchObject({ phrase: true, subject: true, guessed: false });
    expect(burning?.synonyms).toContain('焚烧秸秆');
  });

  it('marks the word a found phrase cuts through as a segmentation guess (打药用 → 打药, not 药用)', () => {
    const found = terms('打药用的无人机能补吗');
    expect(found.find((term) => term.text === '打药')?.synonyms).toContain('施药');
    expect(found.find((term) => term.text === '药用')?.guessed).toBe(true);
  });

  it('lends a group to a word the segmenter only guessed as a name (盖房 in 盖房子)', () => {
    expect(terms('高标准农田里头能不能盖房子').find((term) => term.text === '盖房子')?.synonyms).toContain('建房');
  });

  it('adds nothing for a phrase across a vocabulary word or made of terms already there', () => {
    expect(terms('黑土耕地质量等级要提升到多少等').map((term) => term.text)).not.toContain('黑土耕地');
    expect(terms('监测终端要装在哪').map((term) => term.text)).toEqual(['监测', '终端']);
    expect(terms('高标准保护性耕作应用基地建一个补多少钱').find((term) => term.text === '高标准')?.synonyms).toEqual([]);
  });
});

describe('queryTerms keeps a place the documents are about apart from the words after it', () => {
  const lexicon = loadLexicon(join(process.cwd(), 'knowledge'));
  const tokenizer = createTokenizer(lexicon.dictionaryText);

  it('reads 岚溪水田土样 as 岚溪 水田 土样, not 岚 溪水 田土 样', () => {
    const words = queryTerms('岚溪水田土样啥时候采', tokenizer, lexicon, ['岚溪县', '岚溪']).map((term) => term.text);
    expect(words).toContain('水田');
    expect(words).not.toContain('溪水');
    expect(words).not.toContain('田土');
  });

  it('leaves another unit of the same short name to the segmenter (清文镇 is not 清文县)', () => {
    const words = queryTerms('清文镇任务多少亩', tokenizer, lexicon, ['清文县', '清文']).map((term) => term.text);
    expect(words.some((word) => word.includes('清文镇') || word.includes('文镇'))).toBe(true);
  });
});
