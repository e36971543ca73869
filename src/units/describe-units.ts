import type { UnitDirectory } from './types.ts';

/** Chinese list of known units grouped by parent, for error messages (e.g. an invite for an unknown unit). */
export function describeKnownUnits(units: UnitDirectory): string {
  const all = units.all();
  if (all.length === 0) return '（尚未配置任何单位，请在 knowledge/units/ 下添加单位数据。）';
  const lines: string[] = [];
  for (const unit of all) {
    const children = units.children(unit.name);
    const leaves = children.filter((child) => units.children(child.name).length === 0);
    if (leaves.length === 0) continue;
    const path = [...units.ancestors(unit.name).reverse(), unit].map((u) => u.name).join('');
    lines.push(`${path}：${leaves.map((child) => child.name).join('、')}`);
  }
  return lines.join('\n');
}
