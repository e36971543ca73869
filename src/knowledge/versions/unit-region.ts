import type { UnitDirectory } from '../../units/types.ts';
import type { RegionPath } from './region.ts';

/** The region of a bound unit (a township counts as its county), from knowledge/units. */
export function regionOfUnit(units: UnitDirectory, unitName: string | undefined): RegionPath | undefined {
  if (!unitName) return undefined;
  const unit = units.find(unitName);
  if (!unit) return undefined;
  const region: RegionPath = {};
  for (const level of [unit, ...units.ancestors(unit.name)]) {
    if (level.level === 'province') region.province ??= level.name;
    else if (level.level === 'city') region.city ??= level.name;
    else if (level.level === 'county') region.county ??= level.name;
  }
  return region;
}
