import { provinceOfCity } from './gazetteer.ts';
import { provincesIn } from './provinces.ts';
import type { RegionPath } from './region-path.ts';

export type { RegionPath } from './region-path.ts';

const NATIONAL = /中办|国办|中共中央|国务院|农业农村部|自然资源部|财政部|全国|国家/;
/** `通辽市` `伊春市` `大连市` `庐山市`, `锡林郭勒盟`, `恩施州` — not 自治区 or a district of a ministry. */
const CITY = /([\u4e00-\u9fa5]{2,4}?(?:市|盟|自治州|州))(?=[\u4e00-\u9fa5\d]|$)/;
/** `法库县`, `科左中旗`, `仓山区` (not 自治区, not 项目区/示范区/实施区 …). */
const COUNTY = /([\u4e00-\u9fa5]{2,4}?(?:县|旗|(?<!自治|项目|示范|实施|园|城|社|辖|地|景|保护|核心|功能|试验|试点|适宜|重点|产)区))(?=[\u4e00-\u9fa5\d]|$)/;
const NOT_PLACE = /^(各|全|本|我|该|省|市|县|区|有关|相关|城|地|州)/;
/** A title's verbs before the place (`关于印发大连市…的通知`) are no part of its name. */
const TITLE_VERBS = /关于|印发|转发|下达|批转/g;

function placeIn(pattern: RegExp, text: string): string | undefined {
  const match = text.match(pattern)?.[1];
  if (!match) return undefined;
  const cut = provincesIn(match)[0];
  // `辽宁省大连市` → 大连市
  const name = cut && cut.at === 0 ? match.replace(/^[\u4e00-\u9fa5]+?(省|自治区)/, '') : match;
  return name.length >= 2 && !NOT_PLACE.test(name) ? name : undefined;
}

/**
 * The region of a document from its title and issuer (the most specific place they name) and, when that
 * is a city or county, the province its own text names most often.
 */
export function documentRegion(subject: string, body: string, givenRegion?: string): RegionPath {
  const text = `${givenRegion ?? ''} ${subject}`.replace(TITLE_VERBS, ' ');
  const namedProvince = provincesIn(text)[0]?.name;
  const county = placeIn(COUNTY, text);
  const city = placeIn(CITY, text);
  if (!namedProvince && !city && !county) return NATIONAL.test(subject) ? { national: true } : {};
  let province = namedProvince ?? (city ? provinceOfCity(city) : undefined);
  if (!province) {
    const counts = new Map<string, number>();
    for (const { name } of provincesIn(body)) counts.set(name, (counts.get(name) ?? 0) + 1);
    province = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  }
  return { ...(province ? { province } : {}), ...(city ? { city } : {}), ...(county ? { county } : {}) };
}

/** The name to show for a region (most specific first). */
export function regionName(region: RegionPath): string | undefined {
  if (region.national) return '全国';
  return region.county ?? region.city ?? region.province;
}

/** Relation of a document's region to the asker's: same place, inside it/above it, national, or elsewhere. */
export function regionRelation(doc: RegionPath, asker: RegionPath): 'same' | 'above' | 'below' | 'national' | 'other' | 'unknown' {
  if (doc.national) return 'national';
  if (!doc.province && !doc.city && !doc.county) return 'unknown';
  if (!asker.province && !asker.city && !asker.county) return 'unknown';
  if (doc.province && asker.province && doc.province !== asker.province) return 'other';
  if (doc.city && asker.city && doc.city !== asker.city) return 'other';
  if (doc.county && asker.county && doc.county !== asker.county) return 'other';
  if (doc.city && !asker.city && asker.county) return 'unknown';
  const docDepth = doc.county ? 3 : doc.city ? 2 : 1;
  const askerDepth = asker.county ? 3 : asker.city ? 2 : 1;
  if (docDepth > askerDepth) return 'below'; // a city's plan inside the province asked about
  return docDepth === askerDepth ? 'same' : 'above';
}
