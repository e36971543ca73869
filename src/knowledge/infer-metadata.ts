import type { DocumentMeta } from './types.ts';
import type { Block } from './text-blocks.ts';
import type { PageMeta } from './page-furniture.ts';
import { documentRegion, regionName } from './versions/region.ts';
import { documentYears } from './versions/years.ts';

/** 文号: issuer abbreviation, year in 〔〕 (or [] ［］ () ), serial number, 号. */
export const DOC_NUMBER = /[\u4e00-\u9fa5]{1,10}\s*[〔［\[【(（]\s*(19|20)\d{2}\s*[〕］\]】)）]\s*\d{1,4}\s*号/;
const DOC_TYPE_END = /(方案|要点|通知|意见|办法|规定|细则|标准|名单|规划|报告|决定|纲要|计划|条例|指南|公告|通告|批复|函|表)(（[^）]{1,8}）)?$/;
const DATE = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?/;
const NATIONAL = /中办|国办|中共中央|国务院|农业农村部|自然资源部|财政部|全国|国家/;
const REGION = /([\u4e00-\u9fa5]{2,7}?(?:省|自治区|市|县|区|旗))(?=[\u4e00-\u9fa5\d]|$)/;
/** A line of issuing bodies only (`青禾县农业农村局 青禾县财政局`). */
const ISSUER_LINE = /^([\u4e00-\u9fa5]{2,24}(局|厅|部|委员会|委|政府|办公室|办公厅|中心|站)[\s　、]*){1,4}$/;

/** A standalone line that reads like a document or attachment title (no sentence punctuation). */
export function isTitleLike(text: string): boolean {
  return text.length >= 6 && text.length <= 70 && !/[。，；！？:：]/.test(text) && DOC_TYPE_END.test(text) && !DOC_NUMBER.test(text);
}

function isoDate(match: RegExpMatchArray): string {
  return `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
}

/** Reads title, issuer, 文号, date, region and programme from the document's own head and signature. */
export function inferMetadata(blocks: Block[], fileName: string, page: PageMeta = {}): DocumentMeta {
  const paras = blocks.flatMap((block) => (block.kind === 'para' ? [block.text] : []));
  const head = paras.slice(0, 12);
  const docNumberLine = head.find((text) => text.length <= 30 && DOC_NUMBER.test(text));
  const docNumber = page.docNumber ?? docNumberLine?.match(DOC_NUMBER)?.[0].replace(/\s+/g, '');
  const noticeTitle = head.find((text) => isTitleLike(text) && /关于/.test(text));
  const anyTitle = head.find((text) => isTitleLike(text) && !/文件/.test(text));
  const title = (page.title ?? noticeTitle ?? anyTitle ?? head.find((text) => text.length >= 6 && text.length <= 70 && !/[。，]/.test(text)) ?? fileName.replace(/\.[^.]+$/, '')).trim();

  const headerLine = head.find((text) => /文件/.test(text) && text.length <= 40 && !/[。，]/.test(text) && !/关于/.test(text));
  let issuer = page.issuer ?? headerLine?.replace(/\s*文件\s*/, ' ').trim();
  if (!issuer) issuer = head.find((text) => text !== title && ISSUER_LINE.test(text))?.replace(/[\s　、]+/g, ' ').trim();
  if (!issuer && /关于/.test(title)) issuer = title.slice(0, title.indexOf('关于')).trim() || undefined;

  const headDate = head.map((text) => text.match(new RegExp(`^[（(]?${DATE.source}[)）]?$`))).find(Boolean);
  const tail = paras.slice(-8).reverse();
  const signedDate = tail.map((text) => (text.length <= 40 ? text.match(DATE) : null)).find(Boolean);
  const dateMatch = headDate ?? signedDate;
  const date = page.date ?? (dateMatch ? isoDate(dateMatch) : undefined);

  const subject = `${issuer ?? ''} ${title}`;
  const body = paras.slice(0, 40).join('\n');
  const place = NATIONAL.test(subject) ? { national: true } : documentRegion(subject, body, page.region);
  const region = regionName(place) ?? subject.match(REGION)?.[1];
  const years = documentYears(title, date);
  const year = years.year ?? page.year;
  const yearTo = years.yearTo;
  const program = title.match(/(?:19|20)\d{2}年度?(.{2,30}?)(?:工作)?(?:实施方案|工作要点|资金的通知|项目实施方案|的通知|方案)/)?.[1];
  const where = { ...(place.province ? { province: place.province } : {}), ...(place.city ? { city: place.city } : {}), ...(place.county ? { county: place.county } : {}) };
  return { title, issuer, docNumber, date, region, ...where, ...(year ? { year } : {}), ...(yearTo ? { yearTo } : {}), program };
}
