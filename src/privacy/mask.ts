import { inspect } from 'node:util';

// An 18-character resident ID: 6-digit region, 8-digit birth date, 3-digit sequence, digit or X check.
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{6})(?:1[89]|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(\d{3}[\dXx])(?![0-9A-Za-z])/g;
// A mainland mobile number, optionally +86 / 86 prefixed and split by spaces or hyphens (138 1234 5678).
const MOBILE = /(?<!\d)((?:\+?86[\s-]?)?1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)/g;

/** Replaces ID numbers and mobile numbers in text: 350424********123X, 138****5678. */
export function maskPersonalIds(text: string): string {
  return text
    .replace(ID_NUMBER, (_match, region: string, tail: string) => `${region}********${tail}`)
    .replace(MOBILE, (_match, head: string, tail: string) => `${head}****${tail}`);
}

/** Any value as one masked log string; an Error keeps its name, message and stack. */
export function maskForLog(value: unknown): string {
  if (typeof value === 'string') return maskPersonalIds(value);
  if (value instanceof Error) return maskPersonalIds(value.stack ?? `${value.name}: ${value.message}`);
  return maskPersonalIds(inspect(value, { depth: 4, breakLength: Infinity }));
}
