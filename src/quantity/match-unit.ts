import { activeUnitsOfMeasure, type UnitOfMeasure, type UnitsOfMeasure } from './units-of-measure.ts';

export interface UnitMatch {
  unit: UnitOfMeasure;
  /** Index just after the unit text. */
  end: number;
}

const tables = new WeakMap<UnitsOfMeasure, Map<string, UnitOfMeasure[]>>();

/** Units by first character, each list longest first, so a position costs one map look-up. */
function unitsByFirstChar(): Map<string, UnitOfMeasure[]> {
  const vocabulary = activeUnitsOfMeasure();
  let table = tables.get(vocabulary);
  if (table) return table;
  table = new Map();
  for (const unit of vocabulary.units) {
    const list = table.get(unit.text[0]!) ?? [];
    list.push(unit);
    table.set(unit.text[0]!, list);
  }
  tables.set(vocabulary, table);
  return table;
}

/** The longest unit word at i (after at most two spaces); ASCII units must not run into more letters (5m, not 5mu). */
export function matchUnit(s: string, i: number): UnitMatch | undefined {
  let j = i;
  while (j < s.length && j - i < 2 && s[j] === ' ') j++;
  for (const unit of unitsByFirstChar().get(s[j] ?? '') ?? []) {
    if (!s.startsWith(unit.text, j)) continue;
    const end = j + unit.text.length;
    if (/[A-Za-z]$/.test(unit.text) && /[A-Za-z]/.test(s[end] ?? '')) continue;
    return { unit, end };
  }
  return undefined;
}

/** Whether the word after 块 makes it a count of plots (3块地) rather than money (3块钱). */
export function isCountedPlot(unit: UnitOfMeasure, s: string, end: number): boolean {
  return (unit.countWhenFollowedBy ?? []).some((word) => s.startsWith(word, end));
}
