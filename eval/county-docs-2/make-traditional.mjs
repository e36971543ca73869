// Writes a constructed document in traditional characters (opencc-js cn → tw), optionally hard-wrapped at a fixed width
// as fixed-width reprints are. Usage: node eval/county-docs-2/make-traditional.mjs <simplified source> <target> <width|0> <first line>
import { readFileSync, writeFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
const [src, dst, width, header] = process.argv.slice(2);
const tw = OpenCC.Converter({ from: 'cn', to: 'tw' });
const w = Number(width);
let text = tw(readFileSync(src, 'utf8'));
if (w) text = text.split('\n').map((line) => {
  if (line.includes('\t') || line.length <= w) return line;
  const parts = []; for (let i = 0; i < line.length; i += w) parts.push(line.slice(i, i + w)); return parts.join('\n');
}).join('\n');
writeFileSync(dst, `${header}\n${text}`);
