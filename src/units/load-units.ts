import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unitFileSchema } from './unit-schema.ts';
import { createUnitDirectory } from './unit-directory.ts';
import type { Program, Unit, UnitDirectory } from './types.ts';

/** Raised at start when knowledge/units holds a file that cannot be used; the message names file and problem. */
export class UnitDataError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnitDataError';
  }
}

/**
 * Reads every knowledge/units/*.json (zod-validated). A unit declared in several files (e.g. a province)
 * is merged when level and parent agree; targets are merged too. No units folder → an empty directory.
 */
export function loadUnits(knowledgeDir: string): UnitDirectory {
  const folder = join(knowledgeDir, 'units');
  if (!existsSync(folder)) return createUnitDirectory([], []);
  const units = new Map<string, Unit>();
  const programs = new Map<string, Program>();
  const files = readdirSync(folder).filter((name) => name.endsWith('.json')).sort();

  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(folder, file), 'utf8'));
    } catch (error) {
      throw new UnitDataError(`单位数据文件 units/${file} 不是有效的 JSON`, { cause: error });
    }
    const parsed = unitFileSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new UnitDataError(`单位数据文件 units/${file} 格式有误：\n${problems.join('\n')}`);
    }
    const data = parsed.data;
    for (const program of data.programs) {
      if (programs.has(program.id)) throw new UnitDataError(`units/${file}：项目编号 ${program.id} 重复`);
      programs.set(program.id, program);
    }
    for (const entry of data.units) {
      const existing = units.get(entry.name);
      if (existing) {
        if (existing.level !== entry.level || existing.parent !== entry.parent) {
          throw new UnitDataError(`units/${file}：单位「${entry.name}」与先前文件中的层级或上级不一致`);
        }
        Object.assign(existing.targets, entry.targets);
        existing.aliases.push(...entry.aliases.filter((alias) => !existing.aliases.includes(alias)));
        continue;
      }
      units.set(entry.name, { ...entry, targets: { ...entry.targets }, aliases: [...entry.aliases], source: data.source });
    }
  }

  for (const unit of units.values()) {
    if (unit.parent && !units.has(unit.parent)) {
      throw new UnitDataError(`单位「${unit.name}」的上级「${unit.parent}」未在 knowledge/units 中定义`);
    }
    for (const programId of Object.keys(unit.targets)) {
      if (!programs.has(programId)) throw new UnitDataError(`单位「${unit.name}」的任务指向未定义的项目「${programId}」`);
    }
  }
  return createUnitDirectory(orderedByAncestry([...units.values()]), [...programs.values()]);
}

/** Keeps file order but guarantees parents come before children; reports cycles. */
function orderedByAncestry(units: Unit[]): Unit[] {
  const byName = new Map(units.map((unit) => [unit.name, unit]));
  const placed = new Set<string>();
  const ordered: Unit[] = [];
  const place = (unit: Unit, path: string[]) => {
    if (placed.has(unit.name)) return;
    if (path.includes(unit.name)) throw new UnitDataError(`单位上下级关系成环：${[...path, unit.name].join(' → ')}`);
    if (unit.parent) place(byName.get(unit.parent)!, [...path, unit.name]);
    placed.add(unit.name);
    ordered.push(unit);
  };
  for (const unit of units) place(unit, []);
  return ordered;
}
