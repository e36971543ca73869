import { describe, expect, it } from 'vitest';
import { readBlocks } from '../../src/knowledge/text-blocks.ts';
import { splitSections } from '../../src/knowledge/split-sections.ts';

const paras = (text: string) => readBlocks(text).blocks.flatMap((block) => (block.kind === 'para' ? [block.text] : []));

// 01 通辽: the whole page arrived as one line, its line breaks turned into spaces
const FLATTENED =
  '附件:通辽市2021年东北黑土地保护性耕作推进行动实施方案 通辽市农牧局通辽市财政局 2021年4月 6日 通辽市2021年东北黑土地保护性耕作 推进行动实施方案 为扎实推进东北黑土地保护性耕作行动,推动农业绿色高质量发展,结合我市实际制定本实施方案。 一、总体要求 认真贯彻落实党中央和国务院关于实施东北黑土地保护的决策部署,推动我市农业绿色高质量发展。 二、目标任务及实施区域 (一)实施任务 2021年,全市实施保护性耕作面积46万亩,其中科左中旗30万亩,库伦旗1万亩。';

describe('run-together web pages', () => {
  it('puts back the line breaks of a flattened page', () => {
    expect(paras(FLATTENED)).toEqual([
      '附件：通辽市2021年东北黑土地保护性耕作推进行动实施方案通辽市农牧局通辽市财政局',
      '2021年4月6日',
      '通辽市2021年东北黑土地保护性耕作推进行动实施方案',
      '为扎实推进东北黑土地保护性耕作行动，推动农业绿色高质量发展，结合我市实际制定本实施方案。',
      '一、总体要求',
      '认真贯彻落实党中央和国务院关于实施东北黑土地保护的决策部署，推动我市农业绿色高质量发展。',
      '二、目标任务及实施区域',
      '（一）实施任务',
      '2021年，全市实施保护性耕作面积46万亩，其中科左中旗30万亩，库伦旗1万亩。',
    ]);
  });

  it('starts a new article where a sentence ends with `.` before 第X条', () => {
    const chunks = splitSections(readBlocks('第四条 县农业农村局负责相关工作.第五条地方财政部门负责资金拨付.').blocks, '某县管理办法');
    expect(chunks.map((chunk) => [chunk.section, chunk.text])).toEqual([
      ['某县管理办法 › 第四条', '第四条县农业农村局负责相关工作。'],
      ['某县管理办法 › 第五条', '第五条地方财政部门负责资金拨付。'],
    ]);
  });

  it('keeps the head lines of a reprint apart (title, 文号, salutation, lead)', () => {
    const text = '福建省農業農村廳 福建省財政廳\n關于印發《2024—2026年福建省農機購置與應用補貼實施方案》的通知\n閩農規〔2024〕9號\n各市、縣(區)農業農村局、財政局:\n為實施好新一輪農機購置與應用補貼政策,現予印發,請認真執行。';
    expect(paras(text)).toEqual([
      '福建省农业农村厅福建省财政厅关于印发《2024—2026年福建省农机购置与应用补贴实施方案》的通知',
      '闽农规〔2024〕9号',
      '各市、县（区）农业农村局、财政局：',
      '为实施好新一轮农机购置与应用补贴政策，现予印发，请认真执行。',
    ]);
    expect(paras('吉林省大力推进保护性耕作,秸秆覆盖还田平均每亩可补助40元\n\n?導(dǎo)讀:2021 年全省计划实施保护性耕作面积 2800 万亩。')).toEqual([
      '吉林省大力推进保护性耕作，秸秆覆盖还田平均每亩可补助40元',
      '导读：2021年全省计划实施保护性耕作面积2800万亩。',
    ]);
  });
});
