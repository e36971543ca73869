import type { DocumentVersion } from './document-versions.ts';
import { placeByGazetteer } from './gazetteer.ts';
import { provincesIn } from './provinces.ts';
import { regionName, regionRelation, type RegionPath } from './region.ts';
import { askedYear, coversYear } from './years.ts';

/** Who asks and what the question names: the asker's region (bound unit, or a place named), the asked year. */
export interface PreferenceContext {
  /** The place the answer should be about: named in the question, else the user's bound unit. */
  place?: RegionPath;
  /** True when the place was named in the question (then other places' documents do not answer it). */
  placeNamed: boolean;
  year?: number;
}

/** Score shifts: small, so they reorder near-ties and never outweigh what a passage says. */
export const PREFERENCE = { sameRegion: 0.06, aboveRegion: 0.03, national: 0.01, otherRegion: -0.04, yearCovered: 0.05, yearMissed: -0.03, superseded: -0.04 } as const;

/** Places documents are about, to recognise one named in a question (`通辽`, `法库县`, `辽宁`). */
export function knownPlaces(versions: Iterable<DocumentVersion>): RegionPath[] {
  const places: RegionPath[] = [];
  for (const { region } of versions) {
    if (region.county) places.push({ province: region.province, city: region.city, county: region.county });
    if (region.city) places.push({ province: region.province, city: region.city });
  }
  return places;
}

const shortName = (name: string) => (name.length > 2 ? name.replace(/(市|县|旗|区|盟|州)$/, '') : name);
/** A city's or county's name without its unit word (`岚溪县` → 岚溪; two-character names stay whole). */
export const shortPlaceName = shortName;
/** A unit word right after an abbreviation makes it another unit's full name (`清文镇`, `清文市` are not 清文县). */
const UNIT_AFTER = /^(?:市|县|旗|区|盟|州|镇|乡|村|屯|街道|苏木|嘎查)/;

/**
 * A place named in the question: a city or county some document is about, else a province. A full name
 * (`华顺区`) beats an abbreviation (`华顺` of 华顺县), and an abbreviation found inside another place's
 * full name, or straddling it (`分配表中兴兰泉镇` is not 中兴市), is no mention.
 */
export function placeInQuestion(question: string, places: RegionPath[]): RegionPath | undefined {
  const full: Array<{ place: RegionPath; at: number; end: number }> = [];
  for (const place of places) {
    const name = place.county ?? place.city;
    if (!name) continue;
    for (let at = question.indexOf(name); at >= 0; at = question.indexOf(name, at + 1)) full.push({ place, at, end: at + name.length });
  }
  const insideFull = (at: number, end: number) => full.some((match) => at < match.end && end > match.at);
  let best: { place: RegionPath; exact: boolean; length: number } | undefined;
  for (const place of places) {
    const name = place.county ?? place.city;
    if (!name) continue;
    const exact = full.some((match) => match.place === place);
    const short = shortName(name);
    let abbreviated = false;
    if (!exact && short !== name) {
      for (let at = question.indexOf(short); at >= 0 && !abbreviated; at = question.indexOf(short, at + 1)) abbreviated = !insideFull(at, at + short.length) && !UNIT_AFTER.test(question.slice(at + short.length));
    }
    if (!exact && !abbreviated) continue;
    // a full name beats any abbreviation (`表中清文镇` holds 中清 of 中清区 by chance); then a county one more than a city
    const length = short.length + (place.county ? 1 : 0);
    if (!best || (exact && !best.exact) || (exact === best.exact && length > best.length)) best = { place, exact, length };
  }
  if (best) return best.place;
  // a city or county no document is about still says which province's documents apply
  const listed = placeByGazetteer(question);
  if (listed) return listed;
  const province = provincesIn(question)[0];
  return province ? { province: province.name } : undefined;
}

export function preferenceContext(question: string, user: RegionPath | undefined, places: RegionPath[]): PreferenceContext {
  const named = placeInQuestion(question, places);
  const year = askedYear(question);
  return { ...(named ?? user ? { place: named ?? user } : {}), placeNamed: Boolean(named), ...(year ? { year } : {}) };
}

/** Whether the document contradicts what the question names (another place, a year it does not cover). */
export function contradicts(version: DocumentVersion | undefined, context: PreferenceContext, passage: string): boolean {
  if (!version) return false;
  if (context.placeNamed && context.place && regionRelation(version.region, context.place) === 'other') {
    // a passage that itself names the place still answers (`…其中辽宁省1000万亩` in a national notice)
    const name = regionName(context.place);
    if (!name || !passage.includes(name.length > 2 ? name.replace(/(省|市|县|旗|区|自治区)$/, '') : name)) return true;
  }
  if (context.year && !coversYear(version, context.year) && !passage.includes(String(context.year))) return true;
  return false;
}

function shift(version: DocumentVersion | undefined, context: PreferenceContext): number {
  if (!version) return 0;
  let delta = 0;
  if (context.place) {
    const relation = regionRelation(version.region, context.place);
    if (relation === 'same') delta += PREFERENCE.sameRegion;
    else if (relation === 'above') delta += PREFERENCE.aboveRegion;
    else if (relation === 'national') delta += PREFERENCE.national;
    else if (relation === 'other') delta += PREFERENCE.otherRegion;
  }
  if (context.year) delta += coversYear(version, context.year) ? PREFERENCE.yearCovered : PREFERENCE.yearMissed;
  else if (version.supersededBy) delta += PREFERENCE.superseded;
  return delta;
}

/**
 * The ranking hook: drops candidates whose document contradicts a place or year named in the question,
 * shifts the others' scores by region and year (in place), and re-sorts; unchanged input is returned as it is.
 */
export function preferVersions<T extends { chunk: { doc: string }; text: string; score: number }>(items: T[], versions: Map<string, DocumentVersion>, context: PreferenceContext): T[] {
  if (!context.place && !context.year && ![...versions.values()].some((version) => version.supersededBy)) return items;
  const kept = items.filter((item) => !contradicts(versions.get(item.chunk.doc), context, item.text));
  let moved = kept.length !== items.length;
  for (const item of kept) {
    // the items are the ranking's own, made for this question: shifted in place so they keep their methods
    const delta = shift(versions.get(item.chunk.doc), context);
    if (delta) {
      item.score += delta;
      moved = true;
    }
  }
  return moved ? kept.sort((a, b) => b.score - a.score) : items;
}

/** One line saying the answer comes from another region or an older year, or undefined. */
export function versionNotice(version: DocumentVersion | undefined, context: PreferenceContext, versions: Map<string, DocumentVersion>): string | undefined {
  if (!version) return undefined;
  const where = regionName(version.region);
  const when = version.year ? `${version.year}${version.yearTo ? `—${version.yearTo}` : ''}年` : '';
  if (context.place && !version.region.national) {
    const relation = regionRelation(version.region, context.place);
    const asker = regionName(context.place);
    if ((relation === 'other' || relation === 'below') && where && asker) return `注：以下出自${where}${when}的《${version.title}》，不是${asker}的文件，${asker}以本地文件为准。`;
  }
  if (context.year && !coversYear(version, context.year)) return `注：没有找到${context.year}年的文件，以下出自${when}的《${version.title}》。`;
  const newer = version.supersededBy ? versions.get(version.supersededBy) : undefined;
  if (newer && !context.year) return `注：以下是${when}的《${version.title}》；同一项目已有${newer.year}年的《${newer.title}》，请以新文件为准。`;
  return undefined;
}
