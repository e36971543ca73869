export type UnitLevel = 'province' | 'city' | 'county' | 'township';

/** Where a fact in knowledge/units comes from. */
export interface UnitSource {
  /** File name under knowledge/docs. */
  doc: string;
  title?: string;
  docNumber?: string;
  clause: string;
}

/** A work program with per-unit targets, e.g. 2022年黑土地保护性耕作 in 万亩. */
export interface Program {
  id: string;
  title: string;
  /** What the target measures, e.g. 保护性耕作任务面积. */
  measure: string;
  /** Unit of measure of the targets, e.g. 万亩 or 亩. */
  unit: string;
  year?: number;
  source: UnitSource;
}

/** An administrative unit (province, city, county, township/street). */
export interface Unit {
  name: string;
  level: UnitLevel;
  parent?: string;
  aliases: string[];
  /** Target per program id, in the program's unit of measure. */
  targets: Record<string, number>;
  note?: string;
  /** The knowledge/units file and document the unit was read from. */
  source: UnitSource;
}

export type UnitLookup = { ok: true; unit: Unit } | { ok: false; candidates: Unit[] };

/** Counties, townships and their targets, loaded from knowledge/units. */
export interface UnitDirectory {
  /** Every unit, in file order (ancestors before descendants). */
  all(): Unit[];
  /** Exact name, alias, short name (三面船 → 三面船镇, 法库 → 法库县) or a path (法库县三面船镇); undefined if unknown or ambiguous. */
  find(name: string): Unit | undefined;
  /** Like find, but says which units an ambiguous name could mean. */
  lookup(name: string): UnitLookup;
  parent(name: string): Unit | undefined;
  children(name: string): Unit[];
  /** Every unit below this one (not the unit itself). */
  descendants(name: string): Unit[];
  /** Parent, grandparent, … up to the root. */
  ancestors(name: string): Unit[];
  /** True if unit is ancestor itself or lies below it. */
  isWithin(unit: string, ancestor: string): boolean;
  target(unit: string, programId: string): number | undefined;
  program(id: string): Program | undefined;
  programs(): Program[];
}
