import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Debian's CJK fonts (fonts-noto-cjk, fonts-wqy-zenhei), used when the npm font package is missing.
const SYSTEM_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
];

/** A font file with Chinese glyphs: a fresh machine has none, and resvg would draw empty boxes. */
export function chineseFontFiles(): string[] {
  try {
    const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
    const bundled = join(dirname(entry), '..', 'fonts', 'NotoSansHans-Regular.otf');
    if (existsSync(bundled)) return [bundled];
  } catch {
    // fall through to system fonts
  }
  return SYSTEM_FONTS.filter((path) => existsSync(path)).slice(0, 1);
}

export const CHART_FONT_FAMILY = 'Noto Sans Hans, Noto Sans CJK SC, WenQuanYi Zen Hei, sans-serif';
