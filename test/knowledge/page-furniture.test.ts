import { describe, expect, it } from 'vitest';
import { readBlocks } from '../../src/knowledge/text-blocks.ts';
import { factsParagraph, furnitureTable, stripFurniture, type PageMeta } from '../../src/knowledge/page-furniture.ts';
import { processDocument } from '../../src/knowledge/process-document.ts';

const paras = (text: string) => readBlocks(text).blocks.flatMap((block) => (block.kind === 'para' ? [block.text] : []));

describe('page furniture', () => {
  it('reads a header line of fields into metadata and drops it', () => {
    const { blocks, page } = readBlocks(
      '# 《農業農村部辦公廳關于做好2022年農作物秸稈綜合利用工作的通知》（農辦科〔2022〕12號；转载页，繁体照录，页面节选） | 发文机关：農業農村部辦公廳 | 日期：2022-04（转载时间2022-05-10） | 来源：http://qxfls.com/38.html\n\n二、年度目標\n\n2022年,建設300個秸稈利用重點縣。',
    );
    expect(page).toMatchObject({ title: '农业农村部办公厅关于做好2022年农作物秸秆综合利用工作的通知', docNumber: '农办科〔2022〕12号', issuer: '农业农村部办公厅', date: '2022-04', year: 2022 });
    expect(blocks).toHaveLength(2);
  });

  it('drops author, time, editor and source lines of reprints', () => {
    const text = [
      '今年秸稈綜合利用補貼政策公布',
      '來源:黑龍江日報   編輯:劉艷玲   2021-10-29 10:43:40',
      '',
      '作者:農業機械化管理司 本站發布時間:2022年03月10日',
      '',
      '日期: 2023-04-26 14:21:53',
      '时间:2020-11-08',
      '责任编辑: 筱琴',
      '- 地區(qū):福建',
      '分享到：微信 微博',
      '打印本页 关闭窗口',
      '（此件公开发布）',
      '',
      '《方案》明確,2021年全省秸稈綜合利用率達到91%以上。',
    ].join('\n');
    expect(paras(text)).toEqual(['今年秸秆综合利用补贴政策公布', '《方案》明确，2021年全省秸秆综合利用率达到91%以上。']);
  });

  it('keeps a schedule line that starts with 时间', () => {
    expect(paras('时间：2022年5月31日前完成验收。')).toEqual(['时间：2022年5月31日前完成验收。']);
  });

  it('strips a timestamp and a site tag in front of text', () => {
    const meta: PageMeta = {};
    expect(stripFurniture('2022-05-10 10:07:28农业农村部办公厅关于做好2022年农作物秸秆综合利用工作的通知', meta).text).toBe('农业农村部办公厅关于做好2022年农作物秸秆综合利用工作的通知');
    expect(meta.publishedAt).toBe('2022-05-10');
    expect(stripFurniture('【农机网 地方农机】为深入贯彻落实', meta).text).toBe('为深入贯彻落实');
  });

  it('drops a government site metadata table, reading issuer, 文号 and date', () => {
    const meta: PageMeta = {};
    const rows = [
      ['索引号', '11350000003591037R/2024-00123', '主题分类', '农业、畜牧业、渔业'],
      ['发布机构', '福建省农业农村厅', '发布日期', '2024-12-11'],
      ['文号', '闽农规〔2024〕9号', '名称', '2024—2026年福建省农机购置与应用补贴实施方案'],
    ];
    expect(furnitureTable(rows, meta)).toBe(true);
    expect(meta).toMatchObject({ issuer: '福建省农业农村厅', date: '2024-12-11', docNumber: '闽农规〔2024〕9号', title: '2024—2026年福建省农机购置与应用补贴实施方案' });
    expect(furnitureTable([['乡镇', '任务面积（万亩）'], ['三面船镇', '2.91']], {})).toBe(false);
  });

  it('keeps a page printed twice only once', () => {
    const line = '示范区集成施用石灰质物资,种植绿肥换田,增施有机肥等治理模式,力争2025年示范区酸化耕地质量等级提升0.5等。';
    expect(paras(`${line}\n${line}\n`)).toHaveLength(1);
  });
});

describe('page facts', () => {
  const head = [
    '# 《黑龍江省關于增報2021年保護性耕作實施面積的通知》（转载页） | 发文机关：黑龍江省農業農村廳農業機械化管理處 | 日期：2021-02-05（转载时间） | 来源：http://example.cn/1.html',
    '',
    '黑龍江省關于增報2021年保護性耕作實施面積的通知',
    '',
    '作者:黑龍江省農業農村廳農業機械化管理處 本站發布時間:2021年02月05日',
    '',
    '  各市(地)、縣(市、區)農業農村局:',
    '',
    '  一、自主申報追加面積',
  ].join('\n');

  it('keeps who issued the page and when, as the page wrote them, once each', () => {
    const { page } = readBlocks(head);
    expect(factsParagraph(page)).toBe('发文机关：黑龙江省农业农村厅农业机械化管理处，日期：2021-02-05，本站发布时间：2021年02月05日。');
  });

  it('puts the facts after the title, so 「哪天发的」 has a clause to quote', () => {
    const { chunks } = processDocument(head, '06.md', {}, { words: (text) => text.split(''), domainTerms: [] });
    expect(chunks[0].text.startsWith('发文机关：黑龙江省农业农村厅农业机械化管理处，日期：2021-02-05')).toBe(true);
  });

  it('adds nothing to a document without furniture', () => {
    const { page } = readBlocks('关于做好秸秆综合利用工作的通知\n\n一、目标任务\n\n2022年秸秆综合利用率达到86%以上。');
    expect(factsParagraph(page)).toBeUndefined();
  });
});
