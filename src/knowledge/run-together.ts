/**
 * Web reprints flatten a page into one line (line breaks became spaces) and run clauses and articles
 * together (`…相关工作。第五条地方财政部门…`). These put the line breaks back where the structure shows.
 */

const ORDINAL = '[一二三四五六七八九十百零〇\\d]{1,4}';
/** Marks that open a heading, an article or a list item. */
const OPENS_ITEM = new RegExp(`^(第${ORDINAL}[章节条]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|\\d{1,2}[.．、](?!\\d)|[（(]\\d{1,2}[)）]|附件\\s*[\\d一二三四五六七八九十]*\\s*[:：]?)`);
const SENTENCE_END = /[。；！？]$/;
/** A line this long with spaces between its parts was a whole page. */
const FLATTENED = 150;
const SHORT_HEADING = 25;

/** After a sentence end, a new article, chapter or numbered heading starts a new line. */
const ITEM_AFTER_STOP = new RegExp(`(?<=。)[ \\t]*(?=第${ORDINAL}[章条]|[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)`, 'g');

function isHeadingLine(text: string): boolean {
  return OPENS_ITEM.test(text) && text.length <= SHORT_HEADING && !/[。，；：:,]/.test(text.replace(OPENS_ITEM, ''));
}

function breaksBetween(before: string, after: string): boolean {
  if (/^\d{1,2}日/.test(after)) return false; // `2021年4月 6日`
  if (OPENS_ITEM.test(after)) return true;
  if (SENTENCE_END.test(before)) return true;
  if (isHeadingLine(before)) return true;
  // a title (`…实施方案`, `…的通知`) before the text it heads
  if (/(方案|通知|意见|办法|规划|细则|要点|计划)$/.test(before) && !/[。，；]/.test(before) && before.length <= 80) return true;
  // a signature (`…财政局 2021年4月 6日`) stands on its own line
  if (/^(19|20)\d{2}年\d{1,2}月/.test(after) && /[局厅府室会委部]$/.test(before)) return true;
  if (/^(19|20)\d{2}年\d{1,2}月\s*\d{1,2}日$/.test(before)) return true;
  return false;
}

/** One raw line → the lines it was made of. Tab-separated table lines are left alone. */
export function splitRunTogether(line: string): string[] {
  if (line.includes('\t')) return [line];
  const lines = line.length > FLATTENED && / \S/.test(line.trim()) ? unflatten(line) : [line];
  return lines.flatMap((part) => part.replace(ITEM_AFTER_STOP, '\n').split('\n'));
}

function unflatten(line: string): string[] {
  const indent = line.match(/^\s*/)![0];
  const segments = line.trim().split(/ +/);
  const out: string[] = [];
  let current = segments[0];
  for (const segment of segments.slice(1)) {
    if (breaksBetween(current, segment)) {
      out.push(current);
      current = segment;
    } else current += ` ${segment}`;
  }
  out.push(current);
  return out.map((part, i) => (i === 0 ? indent + part : part));
}
