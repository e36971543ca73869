/** Years a document applies to, read from its title (`2024—2026年…`, `…（2021—2030年）`) or else its date. */
export function documentYears(title: string, date?: string): { year?: number; yearTo?: number } {
  const plain = title.replace(/《[^》]*》/g, '');
  const range = plain.match(/((?:19|20)\d{2})\s*[—–\-~～至到]\s*((?:19|20)\d{2})\s*年/);
  const single = plain.match(/(?<![\d—–\-~～至到])((?:19|20)\d{2})\s*年(?!\s*[—–\-~～])/);
  // a year before a bracketed plan period (`做好2022年…行动计划（2020—2025年）实施工作`) is the document's own
  if (single && (!range || single.index! < range.index!)) return { year: Number(single[1]) };
  if (range) return { year: Number(range[1]), yearTo: Number(range[2]) };
  const fromDate = date?.match(/^(19|20)\d{2}/);
  return fromDate ? { year: Number(fromDate[0]) } : {};
}

/**
 * The year a question asks about (`2022年的标准`, `辽宁省2024年…`); not a target year (`到2025年`,
 * `2025年底前`) and not a plan period (`2020—2025年`).
 */
export function askedYear(question: string): number | undefined {
  const years = new Set<number>();
  for (const match of question.matchAll(/(?<![\d—–\-~～])((?:19|20)\d{2})\s*年?(?![\d—–\-~～])/g)) {
    const before = question.slice(Math.max(0, match.index! - 2), match.index);
    const after = question.slice(match.index! + match[0].length, match.index! + match[0].length + 2);
    if (/[到至—–\-~～]$|力争$/.test(before) || /^(底|末|前|以前|之前)/.test(after) || /^[—–\-~～]/.test(after)) continue;
    if (!/年/.test(match[0]) && !/^(的|度)/.test(after)) continue;
    years.add(Number(match[1]));
  }
  // several years (`2020年…82%，2021年做到86%`) compare figures; none of them picks the document
  return years.size === 1 ? [...years][0] : undefined;
}

export function coversYear(years: { year?: number; yearTo?: number }, year: number): boolean {
  if (years.year === undefined) return true;
  return year >= years.year && year <= (years.yearTo ?? years.year);
}
