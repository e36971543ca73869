import { beijingParts } from '../calendar/beijing-time.ts';

/** Hours (Beijing) when the bot sends nothing by itself: from `start` o'clock to `end` o'clock. */
export interface QuietHours {
  start: number;
  end: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: 21, end: 8 };

/** 「21-8」 → 21:00–08:00; undefined for text that is not two hours 0–23. */
export function parseQuietHours(text: string | undefined): QuietHours | undefined {
  const match = /^\s*(\d{1,2})\s*[-–~至]\s*(\d{1,2})\s*$/.exec(text ?? '');
  if (!match) return undefined;
  const [start, end] = [Number(match[1]), Number(match[2])];
  return start <= 23 && end <= 23 ? { start, end } : undefined;
}

export function isQuiet(at: Date, quiet: QuietHours): boolean {
  const { hour } = beijingParts(at);
  if (quiet.start === quiet.end) return false;
  return quiet.start < quiet.end ? hour >= quiet.start && hour < quiet.end : hour >= quiet.start || hour < quiet.end;
}

export function describeQuietHours(quiet: QuietHours): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(quiet.start)}:00–${pad(quiet.end)}:00`;
}
