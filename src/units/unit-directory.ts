import type { Program, Unit, UnitDirectory, UnitLookup } from './types.ts';

// Longest suffixes first so 街道 is stripped before 道-less forms, 自治县 before 县.
const SUFFIXES = ['自治县', '街道', '新区', '镇', '乡', '县', '市', '区', '省'];

export function normalizeUnitName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/** 三面船镇 → 三面船, 法库县 → 法库; names of two characters keep their suffix (和平乡 → 和平, 沙县 stays). */
export function shortUnitName(name: string): string {
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) return name.slice(0, -suffix.length);
  }
  return name;
}

/** An in-memory UnitDirectory over already validated units (parents listed before children). */
export function createUnitDirectory(units: Unit[], programs: Program[] = []): UnitDirectory {
  const byName = new Map(units.map((unit) => [unit.name, unit]));
  const childrenOf = new Map<string, Unit[]>();
  for (const unit of units) {
    if (!unit.parent) continue;
    const siblings = childrenOf.get(unit.parent) ?? [];
    siblings.push(unit);
    childrenOf.set(unit.parent, siblings);
  }
  const byAlias = new Map<string, Unit[]>();
  const addKey = (key: string, unit: Unit) => {
    const list = byAlias.get(key) ?? [];
    if (!list.includes(unit)) list.push(unit);
    byAlias.set(key, list);
  };
  for (const unit of units) {
    for (const alias of unit.aliases) addKey(normalizeUnitName(alias), unit);
    addKey(shortUnitName(unit.name), unit);
  }

  const ancestors = (name: string): Unit[] => {
    const chain: Unit[] = [];
    let current = byName.get(name);
    while (current?.parent && chain.length < 10) {
      const parent = byName.get(current.parent);
      if (!parent) break;
      chain.push(parent);
      current = parent;
    }
    return chain;
  };

  const pathNames = (unit: Unit): string[] => [...ancestors(unit.name).reverse(), unit].map((u) => u.name);

  function lookup(raw: string): UnitLookup {
    const name = normalizeUnitName(raw);
    if (!name) return { ok: false, candidates: [] };
    const exact = byName.get(name);
    if (exact) return { ok: true, unit: exact };
    const short = byAlias.get(name) ?? byAlias.get(shortUnitName(name)) ?? [];
    if (short.length === 1) return { ok: true, unit: short[0] };
    if (short.length > 1) return { ok: false, candidates: short };
    // A path such as 法库县三面船镇 or 沈阳市法库县: the input is a tail of the unit's full path.
    const byPath = units.filter((unit) => {
      const full = pathNames(unit).join('');
      return full.endsWith(name) && name.endsWith(unit.name) && name.length > unit.name.length;
    });
    if (byPath.length === 1) return { ok: true, unit: byPath[0] };
    return { ok: false, candidates: byPath };
  }

  const descendants = (name: string): Unit[] =>
    (childrenOf.get(name) ?? []).flatMap((child) => [child, ...descendants(child.name)]);

  return {
    all: () => [...units],
    lookup,
    find(name) {
      const found = lookup(name);
      return found.ok ? found.unit : undefined;
    },
    parent: (name) => {
      const parent = byName.get(name)?.parent;
      return parent ? byName.get(parent) : undefined;
    },
    children: (name) => [...(childrenOf.get(name) ?? [])],
    descendants,
    ancestors,
    isWithin: (unit, ancestor) => unit === ancestor || ancestors(unit).some((u) => u.name === ancestor),
    target: (unit, programId) => byName.get(unit)?.targets[programId],
    program: (id) => programs.find((program) => program.id === id),
    programs: () => [...programs],
  };
}
