import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../../../src/knowledge/readers/read-docx.ts';
import { readHtml } from '../../../src/knowledge/readers/read-html.ts';
import { readCsv, readXlsx } from '../../../src/knowledge/readers/read-sheet.ts';
import { detectTools } from '../../../src/knowledge/readers/system-tools.ts';
import type { ReaderContext } from '../../../src/knowledge/readers/types.ts';
import { splitSections } from '../../../src/knowledge/split-sections.ts';
import { toBlocks } from '../../../src/knowledge/text-blocks.ts';
import { makeDocx } from '../../../src/bench/fixtures/make-docx.ts';

const context: ReaderContext = { fileName: 'x', tools: detectTools(), timeoutMs: 30_000 };

function chunksOf(text: string) {
  return splitSections(toBlocks(text), '测试文件');
}

describe('DOCX reader', () => {
  it('keeps headings by level, paragraphs and tables with their header', async () => {
    const docx = await makeDocx(
      [
        '# 青禾县2025年耕地保护实施方案',
        '## 一、工作目标',
        '全县完成保护性耕作面积30万亩，秸秆覆盖率在30%-60%之间的，每亩补助不超过58元。',
        '## 二、任务分配',
        '乡镇\t任务面积（万亩）\t负责人',
        '东河镇\t2.91\t张三',
        '西岭乡\t1.50\t李四',
      ].join('\n'),
    );
    const read = await readDocx(docx, context);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.text).toContain('# 青禾县2025年耕地保护实施方案');
    expect(read.text).toContain('## 一、工作目标');
    const chunks = chunksOf(read.text);
    expect(chunks).toContainEqual(expect.objectContaining({ kind: 'row', text: '东河镇 · 任务面积（万亩） 2.91 · 负责人 张三' }));
    expect(chunks.find((chunk) => chunk.text.includes('30%-60%'))?.section).toContain('一、工作目标');
  });

  it('names a corrupt zip, an encrypted or old-format file and an empty one', async () => {
    const corrupt = await readDocx(Buffer.from('PK\u0003\u0004 not really a zip'), context);
    expect(corrupt).toMatchObject({ ok: false, reason: expect.stringContaining('已损坏') });
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    expect(await readDocx(ole, context)).toMatchObject({ ok: false, reason: expect.stringContaining('加密') });
    expect(await readDocx(Buffer.alloc(0), context)).toMatchObject({ ok: false });
  });
});

describe('HTML reader', () => {
  const page = (body: string, charset = 'utf-8') => `<!doctype html><html><head><meta charset="${charset}"><title>关于下达2025年耕地保护资金的通知_青禾省农业农村厅</title>
    <script>var share = "分享到微信";</script><style>.x{}</style></head><body>
    <div class="header"><a href="/">首页</a> <a>机构设置</a></div>
    <nav><ul><li>政务公开</li><li>办事服务</li></ul></nav>
    <div class="position">当前位置：首页 &gt; 通知公告</div>
    <div class="article"><h1>关于下达2025年耕地保护资金的通知</h1>
    <div class="TRS_Editor">${body}</div>
    <div class="bdshare">分享到：微信 微博</div></div>
    <div class="footer">版权所有 青禾省农业农村厅 ICP备案</div></body></html>`;

  it('reads the article without navigation, scripts, share buttons and footer', async () => {
    const html = page(`<p>各市县农业农村局：</p><p style="text-indent:2em">现将2025年耕地保护资金下达给你们，请按要求使用。</p>
      <table><tr><th>市</th><th>县</th><th>金额（万元）</th></tr>
      <tr><td rowspan="2">东岭市</td><td>东河县</td><td>120</td></tr><tr><td>西岭县</td><td>80</td></tr></table>`);
    const read = await readHtml(Buffer.from(html), context);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    for (const furniture of ['首页', '政务公开', '当前位置', '分享到', '版权所有', 'var share']) expect(read.text).not.toContain(furniture);
    expect(read.text).toContain('# 关于下达2025年耕地保护资金的通知');
    const rows = chunksOf(read.text).filter((chunk) => chunk.kind === 'row').map((chunk) => chunk.text);
    expect(rows).toEqual(['东岭市 · 县 东河县 · 金额（万元） 120', '西岭县 · 金额（万元） 80 · 市 东岭市']);
  });

  it('takes the page title without the site name after _, |, ｜, " - " or "--" when the article has no heading', async () => {
    for (const separator of ['_', '|', '｜', ' - ', '--']) {
      const html = `<html><head><title>关于做好冬种绿肥工作的通知${separator}沅北县人民政府网</title></head><body><div class="TRS_Editor"><p>各乡镇：今年冬种绿肥每亩补助60元。</p></div></body></html>`;
      const read = await readHtml(Buffer.from(html), context);
      expect(read.ok && read.text).toContain('# 关于做好冬种绿肥工作的通知\n');
      expect(read.ok && read.text).not.toContain('人民政府网');
    }
  });

  it('decodes a GBK page by its declared charset', async () => {
    const html = page('<p>耕地保护资金每亩补助58元，专款专用，不得挪作他用。</p>', 'gb2312');
    const encoded = encodeGbk(html);
    const read = await readHtml(encoded, context);
    expect(read.ok && read.text).toContain('每亩补助58元');
  });
});

/** GBK bytes for a string of ASCII and the few Chinese characters used here (Node has a GBK decoder but no encoder). */
function encodeGbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let high = 0xb0; high <= 0xf7; high++) {
    for (let low = 0xa1; low <= 0xfe; low++) table.set(decoder.decode(Uint8Array.from([high, low])), [high, low]);
  }
  for (let high = 0x81; high <= 0xa9; high++) {
    for (let low = 0x40; low <= 0xfe; low++) if (!table.has(decoder.decode(Uint8Array.from([high, low])))) table.set(decoder.decode(Uint8Array.from([high, low])), [high, low]);
  }
  const bytes: number[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else bytes.push(...(table.get(char) ?? [0x3f]));
  }
  return Buffer.from(bytes);
}

describe('XLSX and CSV readers', () => {
  it('reads each sheet as a table, every row with its header, title and unit lines above it', async () => {
    const workbook = new ExcelJS.Workbook();
    const tasks = workbook.addWorksheet('任务分配');
    tasks.addRow(['附件2 青禾县2025年保护性耕作任务分配表']);
    tasks.mergeCells('A1:C1');
    tasks.addRow(['单位：万亩']);
    tasks.addRow(['乡镇', '任务面积', '其中免耕']);
    tasks.addRow(['东河镇', 2.91, 1.2]);
    tasks.addRow(['西岭乡', 1.5, { formula: 'B5*0.4', result: 0.6 }]);
    const money = workbook.addWorksheet('资金');
    money.addRow(['县', '资金（万元）', '用途']);
    money.addRow(['东河县', 120, '秸秆覆盖还田']);
    const hidden = workbook.addWorksheet('草稿', { state: 'hidden' });
    hidden.addRow(['不该出现', '的内容', '草稿']);
    const read = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()), context);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.text).not.toContain('不该出现');
    const chunks = chunksOf(read.text);
    expect(chunks).toContainEqual(expect.objectContaining({ kind: 'row', text: '东河镇 · 任务面积 2.91 · 其中免耕 1.2（单位：万亩）' }));
    expect(chunks).toContainEqual(expect.objectContaining({ kind: 'row', text: '西岭乡 · 任务面积 1.5 · 其中免耕 0.6（单位：万亩）' }));
    expect(chunks).toContainEqual(expect.objectContaining({ kind: 'row', text: '东河县 · 资金（万元） 120 · 用途 秸秆覆盖还田' }));
  });

  it('reads CSV with a BOM, keeping numbers as written', async () => {
    const csv = '\uFEFF乡镇,任务面积（万亩）,完成率\n东河镇,2.90,85%\n西岭乡,1.50,90%\n';
    const read = await readCsv(Buffer.from(csv), context);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(chunksOf(read.text).map((chunk) => chunk.text)).toEqual(['东河镇 · 任务面积（万亩） 2.90 · 完成率 85%', '西岭乡 · 任务面积（万亩） 1.50 · 完成率 90%']);
  });

  it('refuses a corrupt workbook by reason', async () => {
    expect(await readXlsx(Buffer.from('not a workbook at all'), context)).toMatchObject({ ok: false, reason: expect.stringContaining('不是有效的 Excel') });
    expect(await readXlsx(Buffer.from('PK\u0003\u0004broken'), context)).toMatchObject({ ok: false, reason: expect.stringContaining('已损坏') });
  });
});
