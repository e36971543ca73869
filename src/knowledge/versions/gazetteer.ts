import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { bundledDictionaryFile } from '../bundled-dictionary.ts';
import type { RegionPath } from './region-path.ts';

/** China's cities and counties (knowledge/dictionary/places.json, from GB/T 2260): where a place no document names lies. */
const FILE = bundledDictionaryFile('places.json');

const schema = z.object({ cities: z.record(z.string(), z.string()), counties: z.record(z.string(), z.array(z.string()).min(1).max(2)) });

interface Entry {
  name: string;
  place: RegionPath;
  /** A city name without its 市: not when 省 follows (`吉林省` is the province, not 吉林市). */
  short?: boolean;
}

let entries: Entry[] | undefined;

/** Names to look for: full city and county names, and a city without 市/盟/地区 when two characters or more remain (`大连`). */
function load(): Entry[] {
  if (entries) return entries;
  const { cities, counties } = schema.parse(JSON.parse(readFileSync(FILE, 'utf8')));
  entries = [];
  for (const [city, province] of Object.entries(cities)) {
    const place = { province, city };
    entries.push({ name: city, place });
    const short = city.replace(/(市|盟|地区)$/, '');
    if (short !== city && short.length >= 2) entries.push({ name: short, place, short: true });
  }
  for (const [county, [province, city]] of Object.entries(counties)) entries.push({ name: county, place: { province, ...(city ? { city } : {}), county } });
  entries.sort((a, b) => b.name.length - a.name.length);
  return entries;
}

/** Positions in load()'s order of the names starting with each character: a text is read once, not once per name. */
let byFirst: Map<string, number[]> | undefined;
function firstCharacters(): Map<string, number[]> {
  if (byFirst) return byFirst;
  byFirst = new Map();
  load().forEach((entry, position) => {
    const list = byFirst!.get(entry.name[0]);
    if (list) list.push(position);
    else byFirst!.set(entry.name[0], [position]);
  });
  return byFirst;
}

/** The most specific place the text names, by its longest name (`辽宁大连` → 辽宁省 › 大连市), or undefined. */
export function placeByGazetteer(text: string): RegionPath | undefined {
  // the first entry (longest name first) the text names, as load().find(names) would pick it
  const first = firstCharacters();
  let best = Infinity;
  for (let at = 0; at < text.length; at++) {
    for (const position of first.get(text[at]) ?? []) {
      if (position >= best) break;
      const entry = entries![position];
      if (text.startsWith(entry.name, at) && (!entry.short || text[at + entry.name.length] !== '省')) best = position;
    }
  }
  return best < Infinity ? entries![best].place : undefined;
}

/** The province of a city (`通辽市` → 内蒙古自治区), when the name is a prefecture-level city. */
export function provinceOfCity(city: string): string | undefined {
  return load().find((entry) => entry.name === city && !entry.place.county)?.place.province;
}
