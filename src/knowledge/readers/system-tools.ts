import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Optional programs the readers use when installed: OCR, page rasterising, old Office formats. */
export interface SystemTools {
  tesseract?: string;
  /** Whether tesseract has the simplified Chinese model (chi_sim). */
  chiSim: boolean;
  pdftoppm?: string;
  soffice?: string;
}

/** Full path of an executable on the given PATH, or undefined. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

const TESSDATA_DIRS = ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata', '/usr/share/tessdata', '/usr/local/share/tessdata', '/opt/homebrew/share/tessdata'];

function hasChiSim(env: NodeJS.ProcessEnv): boolean {
  const dirs = env.TESSDATA_PREFIX ? [env.TESSDATA_PREFIX, join(env.TESSDATA_PREFIX, 'tessdata'), ...TESSDATA_DIRS] : TESSDATA_DIRS;
  return dirs.some((dir) => {
    try {
      return statSync(join(dir, 'chi_sim.traineddata')).isFile();
    } catch {
      return false;
    }
  });
}

/** Looks the tools up on PATH (nothing is run). */
export function detectTools(env: NodeJS.ProcessEnv = process.env): SystemTools {
  const path = env.PATH ?? '';
  const tesseract = findExecutable('tesseract', path);
  return {
    tesseract,
    chiSim: Boolean(tesseract) && hasChiSim(env),
    pdftoppm: findExecutable('pdftoppm', path),
    soffice: findExecutable('soffice', path) ?? findExecutable('libreoffice', path),
  };
}

/** Why OCR cannot run here and how to enable it (Chinese), or undefined when it can. */
export function ocrUnavailable(tools: SystemTools, needsRaster: boolean): string | undefined {
  const missing: string[] = [];
  if (!tools.tesseract) missing.push('tesseract-ocr tesseract-ocr-chi-sim');
  else if (!tools.chiSim) missing.push('tesseract-ocr-chi-sim');
  if (needsRaster && !tools.pdftoppm) missing.push('poppler-utils');
  if (!missing.length) return undefined;
  return `这是扫描件（没有文字层），需要文字识别（OCR）才能读取，本机未安装。请安装后重新索引：apt-get install ${missing.join(' ')}`;
}

export function officeUnavailable(extension: string): string {
  return `${extension} 是旧版办公文件，需要 LibreOffice 转换，本机未安装。请安装（apt-get install libreoffice-writer-nogui libreoffice-calc-nogui）后重新索引，或用 WPS/Office 另存为 ${extension === '.et' ? '.xlsx' : '.docx'}`;
}
