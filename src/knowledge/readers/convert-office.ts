import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tooManyBrokenCharacters } from '../read-document.ts';
import { shortError } from './read-docx.ts';
import { officeUnavailable } from './system-tools.ts';
import type { Reader } from './types.ts';

/** Text that is mostly replacement characters, control characters or symbols rather than words and numbers. */
function garbled(text: string): boolean {
  const visible = text.replace(/\s/g, '');
  if (!visible) return true;
  const words = visible.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return tooManyBrokenCharacters(visible) || words < visible.length * 0.3;
}

/** Old Office and WPS formats: converted by LibreOffice (`soffice --headless --convert-to`), then read as DOCX/XLSX. */
export function viaLibreOffice(extension: string, target: 'docx' | 'xlsx', next: Reader): Reader {
  return async (bytes, context) => {
    if (!context.tools.soffice) return { ok: false, reason: officeUnavailable(extension) };
    const dir = await mkdtemp(join(tmpdir(), 'gengbao-office-'));
    try {
      const source = join(dir, `source${extension}`);
      await writeFile(source, bytes);
      // a private profile: a second LibreOffice (or a user's open one) would otherwise lock the default one
      const profile = `file://${join(dir, 'profile')}`;
      await new Promise<void>((resolve, reject) =>
        execFile(context.tools.soffice!, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', target, '--outdir', dir, source], { timeout: context.timeoutMs, killSignal: 'SIGKILL' }, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
      const converted = (await readdir(dir)).find((name) => name.endsWith(`.${target}`));
      if (!converted) return { ok: false, reason: `LibreOffice 未能转换此文件（可能已损坏或加密）` };
      const read = await next(await readFile(join(dir, converted)), context);
      // LibreOffice opens a file it cannot parse as plain text: binary garbage must not be indexed
      if (read.ok && garbled(read.text)) return { ok: false, reason: '文件已损坏或不是有效的办公文档（LibreOffice 只读出乱码），请用 WPS/Office 打开检查后另存为 .docx 再添加' };
      return read;
    } catch (error) {
      const killed = (error as { killed?: boolean }).killed;
      return { ok: false, reason: killed ? 'LibreOffice 转换超时，已停止' : `LibreOffice 转换失败（${shortError(error)}）` };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
