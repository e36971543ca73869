import { describe, expect, it } from 'vitest';
import { normalizeQuestion, normalizeText, unifyPunctuation } from '../../src/knowledge/normalize-text.ts';
import { stripPinyin } from '../../src/knowledge/pinyin-annotations.ts';
import { toSimplified } from '../../src/text/simplified.ts';

// snippets copied from the corpus-extra reprints (04 辽宁, 09 吉林, 12 福建, 03 农机科〔2022〕11号)
describe('normalizeText', () => {
  it('removes pinyin inside a reprint and converts to simplified', () => {
    expect(normalizeText('遼寧省農(nóng)業(yè)農(nóng)村廳 遼寧省財政廳關(guān)于印發(fā)遼寧省2024年黑土地保護性耕作實施方案的通知')).toBe(
      '辽宁省农业农村厅 辽宁省财政厅关于印发辽宁省2024年黑土地保护性耕作实施方案的通知',
    );
    expect(normalizeText('2024—2026年福建省農(nóng)機(jī)購置與應(yīng)用補(bǔ)貼實(shí)施方案')).toBe('2024—2026年福建省农机购置与应用补贴实施方案');
  });

  it('removes pinyin in full-width brackets and with tone numbers, keeps real brackets', () => {
    expect(stripPinyin('農（nóng）機')).toBe('農機');
    expect(stripPinyin('农(nong2)机(ji1)购置')).toBe('农机购置');
    expect(stripPinyin('公顷(ha)、厘米(cm)、水田(一)')).toBe('公顷(ha)、厘米(cm)、水田(一)');
  });

  it('drops the transcoding leftovers `?` and `?xùn)|`', () => {
    expect(normalizeText('?導(dǎo)讀:2021 年全省')).toBe('导读：2021 年全省');
    expect(normalizeText('為推動?xùn)|北黑土地')).toBe('为推动北黑土地');
    expect(normalizeText('?\n  一、總體要求')).toBe('\n  一、总体要求');
  });

  it('leaves simplified text as it is (显著 stays 显著, 着力 stays 着力)', () => {
    const text = '治理效果显著、示范带动作用明显，着力推进《土壤》论著系列编撰。';
    expect(toSimplified(text)).toBe(text);
    expect(normalizeText(text)).toBe(text);
  });

  it('turns western punctuation between characters into Chinese punctuation', () => {
    expect(normalizeText('內蒙古、遼寧、吉林、黑龍江省(自治區)農業農村(農牧)廳、財政廳,北大荒農墾集團有限公司:')).toBe(
      '内蒙古、辽宁、吉林、黑龙江省（自治区）农业农村（农牧）厅、财政厅，北大荒农垦集团有限公司：',
    );
    expect(unifyPunctuation('负责相关工作.第五条地方财政部门;其他')).toBe('负责相关工作。第五条地方财政部门；其他');
    expect(unifyPunctuation('平均为4.70等,1,000亩,时间14:21:53')).toBe('平均为4.70等，1,000亩，时间14:21:53');
    expect(unifyPunctuation('1.推进秸秆变肥料还田')).toBe('1.推进秸秆变肥料还田');
  });

  it('applies NFKC but keeps circled numbers and the ellipsis', () => {
    expect(normalizeText('ｐＨ值５．５，①秸秆覆盖……')).toBe('pH值5.5，①秸秆覆盖……');
  });

  it('normalises a question the same way, on one line', () => {
    expect(normalizeQuestion('  農機購置補貼\n每畝補多少? ')).toBe('农机购置补贴 每亩补多少？');
    expect(normalizeQuestion('保護性耕作每畝補多少錢？')).toBe('保护性耕作每亩补多少钱？');
  });
});
