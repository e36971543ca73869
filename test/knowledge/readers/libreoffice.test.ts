import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDocx } from '../../../src/bench/fixtures/make-docx.ts';
import { READERS } from '../../../src/knowledge/readers/formats.ts';
import { detectTools } from '../../../src/knowledge/readers/system-tools.ts';
import type { ReaderContext } from '../../../src/knowledge/readers/types.ts';

const tools = detectTools();
const work = mkdtempSync(join(tmpdir(), 'gengbao-office-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const PLAN = ['# 青禾县2025年耕地保护实施方案', '## 一、工作目标', '全县完成保护性耕作面积30万亩，秸秆覆盖率在30%-60%之间的，每亩补助不超过58元。', '乡镇\t任务面积（万亩）', '东河镇\t2.91'].join('\n');

/** An old-format Word file made the way a county gets one: a document saved as .doc by LibreOffice. */
async function oldWordFile(): Promise<Buffer> {
  const docx = join(work, 'plan.docx');
  writeFileSync(docx, await makeDocx(PLAN));
  await promisify(execFile)(tools.soffice!, [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--norestore', '--convert-to', 'doc', '--outdir', work, docx], { timeout: 120_000 });
  return readFileSync(join(work, 'plan.doc'));
}

describe('old Office and WPS formats', () => {
  it('without LibreOffice: a .doc/.wps/.et is refused with how to install it or save as .docx', async () => {
    const context: ReaderContext = { fileName: 'old.doc', tools: detectTools({ PATH: '/nonexistent' }), timeoutMs: 10_000 };
    const doc = await READERS['.doc'](Buffer.from('not read at all'), context);
    expect(doc).toMatchObject({ ok: false, reason: expect.stringContaining('apt-get install libreoffice-writer-nogui') });
    const et = await READERS['.et'](Buffer.from('x'), { ...context, fileName: 'table.et' });
    expect(et).toMatchObject({ ok: false, reason: expect.stringContaining('.xlsx') });
  });

  it.skipIf(!tools.soffice)('with LibreOffice: a .doc is converted and read with its headings, numbers and table rows', async () => {
    const read = await READERS['.doc'](await oldWordFile(), { fileName: 'plan.doc', tools, timeoutMs: 120_000 });
    expect(read.ok, read.ok ? '' : read.reason).toBe(true);
    if (!read.ok) return;
    expect(read.text).toContain('青禾县2025年耕地保护实施方案');
    expect(read.text).toContain('每亩补助不超过58元');
    expect(read.text).toMatch(/东河镇.*2\.91/);
  }, 180_000);

  it.skipIf(!tools.soffice)('with LibreOffice: a corrupt .doc is refused by reason, not indexed', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048, 7)]);
    const read = await READERS['.doc'](ole, { fileName: 'broken.doc', tools, timeoutMs: 120_000 });
    expect(read).toMatchObject({ ok: false, reason: expect.stringContaining('LibreOffice') });
  }, 180_000);
});
