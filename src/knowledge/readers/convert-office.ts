import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shortError } from './read-docx.ts';
import { officeUnavailable } from './system-tools.ts';
import type { Reader } from './types.ts';

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
      return next(await readFile(join(dir, converted)), context);
    } catch (error) {
      const killed = (error as { killed?: boolean }).killed;
      return { ok: false, reason: killed ? 'LibreOffice 转换超时，已停止' : `LibreOffice 转换失败（${shortError(error)}）` };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
