import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeDocx } from '../../src/bench/fixtures/make-docx.ts';
import { main } from '../../src/cli/main.ts';
import { REPO_KNOWLEDGE } from '../knowledge/corpus-fixture.ts';

let root: string;
let knowledge: string;
let incoming: string;
let out: string[];
let err: string[];

async function cli(...argv: string[]) {
  out = [];
  err = [];
  const code = await main([...argv, '--knowledge', knowledge, '--data', join(root, 'data')]);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gengbao-library-'));
  knowledge = join(root, 'knowledge');
  incoming = join(root, 'incoming');
  mkdirSync(join(knowledge, 'docs'), { recursive: true });
  mkdirSync(incoming);
  copyFileSync(join(REPO_KNOWLEDGE, 'docs', '000_72c50ba053a96a9e.txt'), join(knowledge, 'docs', 'national.txt'));
  vi.spyOn(console, 'log').mockImplementation((...parts) => void out.push(parts.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...parts) => void err.push(parts.join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

describe('gengbao add / docs / remove', () => {
  it('adds a Word plan and a workbook, says what it found and a question each answers; refuses what it cannot read', async () => {
    writeFileSync(join(incoming, '法库县实施方案.docx'), await makeDocx(readFileSync(join(REPO_KNOWLEDGE, 'docs', '002_79c350805b434cf5.txt'), 'utf8')));
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('任务');
    sheet.addRow(['乡镇', '还田面积（亩）', '补助标准（元/亩）']);
    sheet.addRow(['东河镇', 3200, 35]);
    sheet.addRow(['西岭乡', 2100, 35]);
    writeFileSync(join(incoming, '还田任务.xlsx'), Buffer.from(await book.xlsx.writeBuffer()));
    writeFileSync(join(incoming, '坏文件.pdf'), '%PDF-1.4 broken');
    const added = await cli('add', join(incoming, '法库县实施方案.docx'), join(incoming, '还田任务.xlsx'), join(incoming, '坏文件.pdf'), join(incoming, 'missing.pdf'));
    expect(added.code).toBe(1);
    expect(added.out).toContain('已添加并索引：法库县实施方案.docx');
    expect(added.out).toContain('文号 法农农发〔2022〕16号');
    expect(added.out).toMatch(/地区 法库县；年份 2022/);
    expect(added.out).toMatch(/表格 \d+ 行/);
    expect(added.out).toMatch(/可以这样问：「[^」]+」/);
    expect(added.out).toContain('已添加并索引：还田任务.xlsx');
    expect(added.out).toMatch(/未添加：坏文件\.pdf（PDF/);
    expect(added.out).toContain('未添加：' + join(incoming, 'missing.pdf') + '（找不到这个文件）');
    expect(existsSync(join(knowledge, 'docs', '坏文件.pdf'))).toBe(false);
    expect(existsSync(join(knowledge, 'docs', '还田任务.xlsx'))).toBe(true);

    const again = await cli('add', join(incoming, '还田任务.xlsx'));
    expect(again.out).toContain('已在资料库中（内容相同）：还田任务.xlsx');

    const listed = await cli('docs', '--json');
    const { documents } = JSON.parse(listed.out) as { documents: Array<{ doc: string; docNumber?: string; tableRows: number; status: string }> };
    expect(documents.map((document) => document.doc)).toEqual(['national.txt', '法库县实施方案.docx', '还田任务.xlsx']);
    expect(documents[1]).toMatchObject({ docNumber: '法农农发〔2022〕16号', status: 'indexed' });
    expect(documents[2].tableRows).toBe(2);
    expect((await cli('docs')).out).toContain('[在用]');

    expect((await cli('ask', '东河镇还田面积多少亩？')).out).toContain('3200');
    const removed = await cli('remove', '还田任务.xlsx');
    expect(removed).toMatchObject({ code: 0, out: '已删除：还田任务.xlsx，并已从索引中移除' });
    expect((await cli('remove', '还田任务')).err).toContain('资料库中没有文件「还田任务」');
    expect((await cli('ask', '东河镇还田面积多少亩？')).out).not.toContain('3200');
  }, 120_000);
});
