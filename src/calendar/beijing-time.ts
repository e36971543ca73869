/** China has one time zone, UTC+8, without daylight saving: every time shown to users is Beijing time. */
const OFFSET_MS = 8 * 3600_000;

export interface BeijingParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  weekday: number;
}

export function beijingParts(date: Date): BeijingParts {
  const shifted = new Date(date.getTime() + OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: shifted.getUTCDay(),
  };
}

/** The instant of a Beijing wall-clock time (month 1–12; day may overflow, e.g. 0 = last day of the previous month). */
export function beijingInstant(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - OFFSET_MS);
}

/** 2026-06-25 18:12 (Beijing). */
export function formatBeijing(date: Date | string): string {
  const instant = typeof date === 'string' ? new Date(date) : date;
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 6月25日（周四）. */
export function formatBeijingDay(date: Date): string {
  const parts = beijingParts(date);
  return `${parts.month}月${parts.day}日（周${WEEKDAYS[parts.weekday]}）`;
}

/** Midnight (Beijing) that starts the day containing this instant. */
export function startOfBeijingDay(date: Date): Date {
  const parts = beijingParts(date);
  return beijingInstant(parts.year, parts.month, parts.day);
}

export const DAY_MS = 24 * 3600_000;
