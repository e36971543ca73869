import type { FormDefinition } from '../forms/form-schema.ts';
import { beijingInstant } from '../calendar/beijing-time.ts';

/** A reporting period as stored in records (2026-05/06, 2022-05, 2022) with its months. */
export interface PeriodSpan {
  value: string;
  year: number;
  firstMonth: number;
  lastMonth: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function periodSpan(value: string): PeriodSpan | undefined {
  let m = /^(\d{4})-(\d{2})\/(\d{2})$/.exec(value);
  if (m) return { value, year: Number(m[1]), firstMonth: Number(m[2]), lastMonth: Number(m[3]) };
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) return { value, year: Number(m[1]), firstMonth: Number(m[2]), lastMonth: Number(m[2]) };
  m = /^(\d{4})$/.exec(value);
  if (m) return { value, year: Number(m[1]), firstMonth: 1, lastMonth: 12 };
  return undefined;
}

/** Beijing midnight that starts the period. */
export function periodStart(span: PeriodSpan): Date {
  return beijingInstant(span.year, span.firstMonth, 1);
}

/** Every period of the form's plan year, in order (bimonthly: 6, month: 12, year: 1). */
export function periodsOfForm(form: FormDefinition, year = form.period?.year ?? form.year): PeriodSpan[] {
  switch (form.period?.kind) {
    case 'bimonthly':
      return [1, 3, 5, 7, 9, 11].map((first) => ({ value: `${year}-${pad(first)}/${pad(first + 1)}`, year, firstMonth: first, lastMonth: first + 1 }));
    case 'month':
      return Array.from({ length: 12 }, (_, i) => ({ value: `${year}-${pad(i + 1)}`, year, firstMonth: i + 1, lastMonth: i + 1 }));
    case 'year':
      return [{ value: String(year), year, firstMonth: 1, lastMonth: 12 }];
    default:
      return [];
  }
}
