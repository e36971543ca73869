/** A column of the exported report, taken from a form field (or a computed field). */
export interface ExportField {
  key: string;
  /** Chinese column label (the form's field label). */
  label: string;
  /** Unit of the stored value, shown in the header: 累计治理面积（亩）. */
  unit?: string;
  /**
   * number → summed per unit and in the totals row; text → joined values, blank total;
   * percent → a share stored as a fraction (0.5 = 50%), shown as a percentage, never summed.
   */
  kind?: 'number' | 'text' | 'percent';
  /** Shown as a ratio in the totals row (recomputed from the totals, never summed): numerator / denominator × scale. */
  ratio?: { numerator: string; denominator: string; scale: number };
  /** Labels of choice values (stored value → label). */
  options?: Record<string, string>;
  digits?: number;
}

/** The minimum the export needs of a form; the forms module's definitions are adapted to it. */
export interface ExportableForm {
  id: string;
  title: string;
  fields: ExportField[];
  /** Data key holding the unit (left out of the columns: the 单位 column shows it). */
  unitField?: string;
  /** Data key holding the period (left out of the columns: the title shows it). */
  periodField?: string;
  /** Numeric field compared with the unit's target, e.g. cumulativeArea. */
  targetField?: string;
  /** Program id in knowledge/units whose targets the targetField is measured against. */
  program?: string;
  /** Units that must get a row even without a record (e.g. the form's counties). */
  units?: string[];
  /** How a stored period is shown (2026-05/06 → 2026年5-6月（第3期）). */
  describePeriod?(period: string): string;
}

export type CellValue = string | number | null;

export interface ReportColumn {
  label: string;
  kind: 'index' | 'text' | 'number' | 'percent' | 'datetime';
  digits?: number;
  width: number;
}

/** The layout a county sends upward: title, header, one row per unit, totals, footnotes. */
export interface ReportTable {
  title: string;
  /** 填报单位：法库县　期间：2026年5-6月　导出日期：2026-05-20 */
  subtitle: string;
  columns: ReportColumn[];
  rows: CellValue[][];
  totals: CellValue[];
  notes: string[];
  /** Units with a row but no record for the period. */
  missing: string[];
  /** Suggested file name without extension. */
  baseName: string;
}
