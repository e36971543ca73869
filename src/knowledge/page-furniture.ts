/**
 * Page furniture of web reprints and government sites: metadata tables (索引号/发布机构/主题分类/发布日期),
 * author and time lines, share/print/navigation links, site tags. Dropped from the text; what they say
 * about the document (issuer, date, 文号, title) is kept as page metadata.
 */

export interface PageMeta {
  title?: string;
  issuer?: string;
  docNumber?: string;
  /** ISO date (YYYY-MM-DD) or year and month (YYYY-MM). */
  date?: string;
  year?: number;
  /** Where the page was taken from (a URL or a newspaper). */
  source?: string;
  /** A region named by the page (`地区：福建`). */
  region?: string;
  /** The page's own publication date (reprint time), kept apart from the document date. */
  publishedAt?: string;
  /** Who issued it, when, under which 文号, as the page wrote them (`发文机关：…`, `本站发布时间：2022年03月10日`). */
  facts?: string[];
}

const DOC_NUMBER = /[\u4e00-\u9fa5]{1,10}\s*[〔［\[【（(]\s*(?:19|20)\d{2}\s*[〕］\]】)）]\s*\d{1,4}\s*号/;
const ISSUER_LABELS = /^(发文机关|发布机构|发文单位|发布单位|发文机构|来源单位)$/;
const DATE_LABELS = /^(日期|发布日期|成文日期|印发日期|发文日期)$/;
const PUBLISHED_LABELS = /^(发布时间|本站发布时间|时间|更新时间|发表时间)$/;
const SOURCE_LABELS = /^(来源|信息来源|文章来源|稿源)$/;
const NUMBER_LABELS = /^(文号|发文字号|发文文号)$/;
const TITLE_LABELS = /^(名称|标题|文件名称)$/;
/** Labels whose values a reader may ask about (who issued the document, when, its 文号). */
const FACT_LABELS = /^(发文机关|发布机构|发文单位|发布单位|发文机构|作者|日期|发布日期|成文日期|印发日期|发文日期|发布时间|本站发布时间|发表时间|文号|发文字号|发文文号)$/;
const META_LABEL = /^(发文机关|发布机构|发文单位|发布单位|发文机构|来源单位|日期|发布日期|成文日期|印发日期|发文日期|时间|发布时间|本站发布时间|更新时间|发表时间|来源|信息来源|文章来源|稿源|文号|发文字号|发文文号|名称|标题|文件名称|索引号|主题分类|体裁分类|组配分类|服务对象|主题词|有效性|公开方式|公开范围|公开时限|作者|编辑|责任编辑|浏览次数|点击数|阅读次数|访问次数|字号|发布者|地区|信息索引|时效)$/;
/** `label：value` pairs in a furniture line. */
const PAIR = /([\u4e00-\u9fa5]{2,6})[:：]\s*([^：|]*?)(?=\s+[\u4e00-\u9fa5]{2,6}[:：]|\s*\||$)/g;
const NAVIGATION = /分享到|打印本页|【\s*打印\s*】|关闭窗口|【\s*关闭\s*】|字体[:：]?\s*【?\s*大|【\s*字号|扫一扫|上一篇|下一篇|当前位置[:：]|您现在的位置|首页\s*[>›»＞]|返回顶部|收藏本页|加入收藏|网站地图|版权所有|主办单位[:：]|ICP备|技术支持[:：]|微信扫|手机扫/;
const TIMESTAMP_PREFIX = /^((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*/;
const SITE_TAG = /^【[^】]{0,12}(网|讯|频道|动态|资讯)[^】]{0,12}】\s*/;
const BARE_DATE = /^(?:19|20)\d{2}[-年/.]\d{1,2}[-月/.]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;

/** An ISO date (or YYYY-MM) read from `2021-04-06`, `2022年7月20日`, `2022年4月`, or undefined. */
export function readDate(text: string): string | undefined {
  const full = text.match(/((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/);
  if (full) return `${full[1]}-${full[2].padStart(2, '0')}-${full[3].padStart(2, '0')}`;
  const month = text.match(/((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})(?:月|$|\D)/);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return `${month[1]}-${month[2].padStart(2, '0')}`;
  return undefined;
}

function readYear(text: string): number | undefined {
  const year = text.match(/(?:19|20)\d{2}/);
  return year ? Number(year[0]) : undefined;
}

function clean(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Keeps `label：value` unless the same value was already kept (`作者：` repeating `发文机关：`). */
function addFact(meta: PageMeta, fact: string): void {
  meta.facts ??= [];
  const value = fact.slice(fact.indexOf('：') + 1);
  if (!meta.facts.some((kept) => kept.slice(kept.indexOf('：') + 1) === value)) meta.facts.push(fact);
}

/** A page's own publication stamp (`2021-10-29 10:43:40`): its day as the page's date and as a fact, the time of day dropped. */
function takePublished(meta: PageMeta, stamp: string): void {
  meta.publishedAt ??= readDate(stamp);
  addFact(meta, `发布时间：${stamp.trim().replace(/\s+\d{1,2}:\d{2}(?::\d{2})?$/, '')}`);
}

/** Adds one `label：value` to the page metadata; true when the label is a furniture label. */
function takePair(meta: PageMeta, label: string, value: string): boolean {
  const text = clean(value);
  if (!META_LABEL.test(label)) return false;
  if (!text) return true;
  const note = text.match(/^([^（(]*)[（(]([^）)]*)[)）]\s*$/);
  const main = clean(note ? note[1] : text);
  if (FACT_LABELS.test(label) && main) addFact(meta, `${label}：${main}`);
  if (ISSUER_LABELS.test(label)) meta.issuer ??= main.replace(/[、，,]\s*/g, ' ');
  else if (DATE_LABELS.test(label)) {
    const date = readDate(main);
    if (date) meta.date ??= date;
    meta.year ??= readYear(main);
  } else if (PUBLISHED_LABELS.test(label)) meta.publishedAt ??= readDate(main);
  else if (SOURCE_LABELS.test(label)) meta.source ??= main;
  else if (NUMBER_LABELS.test(label)) meta.docNumber ??= main.match(DOC_NUMBER)?.[0].replace(/\s+/g, '');
  else if (TITLE_LABELS.test(label)) meta.title ??= main.replace(/^《(.*)》$/, '$1');
  else if (label === '地区') meta.region ??= main;
  return true;
}

/** The outermost 《…》 of a line and the rest after it. */
function bookTitle(text: string): { title: string; rest: string } | undefined {
  if (!text.startsWith('《')) return undefined;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '《') depth++;
    else if (text[i] === '》' && --depth === 0) return { title: text.slice(1, i), rest: text.slice(i + 1) };
  }
  return undefined;
}

/**
 * A header line of fields separated by `|` (`《标题》（文号；说明） | 发文机关：… | 日期：… | 来源：…`):
 * read into page metadata, or undefined when the line is not one.
 */
function headerLine(text: string, meta: PageMeta): boolean {
  const parts = text.split(/\s*\|\s*/);
  if (parts.length < 2) return false;
  const pairs = parts.slice(1).map((part) => part.match(/^([\u4e00-\u9fa5]{2,6})[:：]\s*(.*)$/));
  if (!pairs.every((pair) => pair && META_LABEL.test(pair[1]))) return false;
  const head = bookTitle(parts[0].trim());
  const headPair = parts[0].match(/^([\u4e00-\u9fa5]{2,6})[:：]\s*(.*)$/);
  if (!head && !(headPair && META_LABEL.test(headPair[1]))) return false;
  if (head) {
    meta.title ??= head.title.trim();
    const docNumber = head.rest.match(DOC_NUMBER)?.[0].replace(/\s+/g, '');
    if (docNumber) {
      meta.docNumber ??= docNumber;
      addFact(meta, `文号：${docNumber}`);
    }
  } else if (headPair) takePair(meta, headPair[1], headPair[2]);
  for (const pair of pairs) takePair(meta, pair![1], pair![2]);
  return true;
}

/** A line made only of furniture `label：value` pairs (`作者：… 本站发布时间：…`, `来源：… 编辑：… 2021-10-29 10:43`). */
function labelLine(text: string, meta: PageMeta): boolean {
  if (text.length > 120) return false;
  const body = text.replace(/^[-•·]\s*/, '');
  const first = body.match(/^([\u4e00-\u9fa5]{2,6})[:：]/);
  if (!first || !META_LABEL.test(first[1])) return false;
  // `时间：` and `日期：` open real schedule lines too: only a bare date or time counts as furniture
  if (/^(时间|日期)$/.test(first[1]) && !BARE_DATE.test(body.slice(first[0].length).trim())) return false;
  const found: Array<[string, string]> = [];
  for (const match of body.matchAll(PAIR)) found.push([match[1], match[2]]);
  if (!found.length || !found.every(([label]) => META_LABEL.test(label))) return false;
  for (const [label, value] of found) {
    const timestamp = value.match(/\s((?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:\s+[\d:]+)?)$/);
    if (timestamp && !PUBLISHED_LABELS.test(label) && !DATE_LABELS.test(label)) {
      takePair(meta, label, value.slice(0, timestamp.index));
      takePublished(meta, timestamp[1]);
    } else takePair(meta, label, value);
  }
  return true;
}

export interface FurnitureVerdict {
  /** The line without furniture (empty when the whole line was furniture). */
  text: string;
  /** Something was removed. */
  removed: boolean;
}

/** Reads one cleaned line: drops or trims page furniture, adding what it says to `meta`. */
export function stripFurniture(line: string, meta: PageMeta): FurnitureVerdict {
  const text = line.trim();
  if (!text) return { text, removed: false };
  if (headerLine(text, meta) || labelLine(text, meta)) return { text: '', removed: true };
  if (text.length <= 60 && NAVIGATION.test(text)) return { text: '', removed: true };
  if (/^目\s*录$/.test(text) || /^[（(]此件.{0,8}[)）]$/.test(text)) return { text: '', removed: true };
  if (BARE_DATE.test(text) && /\d{1,2}:\d{2}/.test(text)) {
    takePublished(meta, text);
    return { text: '', removed: true };
  }
  let rest = text;
  const stamp = rest.match(TIMESTAMP_PREFIX);
  if (stamp && /\d:\d|\s/.test(stamp[0]) && rest.length > stamp[0].length) {
    takePublished(meta, stamp[0]);
    rest = rest.slice(stamp[0].length);
  }
  rest = rest.replace(SITE_TAG, '');
  return { text: rest, removed: rest !== text };
}

/** A table of page metadata (cells 索引号 | … | 发布机构 | …): read into `meta`; true when it was one. */
export function furnitureTable(rows: string[][], meta: PageMeta): boolean {
  const cells = rows.flat().map((cell) => cell.trim()).filter(Boolean);
  const labels = cells.filter((cell) => META_LABEL.test(cell.replace(/[:：]$/, '')) || /^[\u4e00-\u9fa5]{2,6}[:：]/.test(cell) && META_LABEL.test(cell.split(/[:：]/)[0]));
  if (labels.length < 2 || labels.length * 3 < cells.length) return false;
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const cell = row[i].trim();
      const inline = cell.match(/^([\u4e00-\u9fa5]{2,6})[:：]\s*(.+)$/);
      if (inline) takePair(meta, inline[1], inline[2]);
      else if (META_LABEL.test(cell.replace(/[:：]$/, '')) && i + 1 < row.length) takePair(meta, cell.replace(/[:：]$/, ''), row[++i]);
    }
  }
  return true;
}

/** The page's facts as one paragraph a reader can be quoted (`发文机关：…，日期：…。`), or undefined. */
export function factsParagraph(meta: PageMeta): string | undefined {
  return meta.facts?.length ? `${meta.facts.join('，')}。` : undefined;
}
