import { z } from 'zod';
import type { DocumentMeta } from '../types.ts';

const text = z.string().trim().min(1);
const year = z.number().int().min(1949).max(2100);

/** `<file>.meta.json`: every field optional; what it gives replaces what is read from the text. */
export const MetaFileSchema = z
  .object({
    title: text,
    docNumber: text,
    文号: text,
    issuer: text,
    date: z.string().regex(/^(19|20)\d{2}(-\d{2}(-\d{2})?)?$/, '日期应写成 YYYY-MM-DD、YYYY-MM 或 YYYY'),
    region: text,
    province: text,
    city: text,
    county: text,
    year,
    yearTo: year,
    program: text,
  })
  .partial()
  .strict();

/** Reads and checks a metadata file; a problem is returned in Chinese naming the field. */
export function parseMetaJson(json: string): Partial<DocumentMeta> | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { error: '元数据文件不是有效的 JSON' };
  }
  const parsed = MetaFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || '（整个文件）';
    const why = issue.code === 'unrecognized_keys' ? `不认识的字段 ${issue.keys.join('、')}（可用：title、docNumber/文号、issuer、date、region、province、city、county、year、yearTo、program）` : issue.message;
    return { error: `元数据文件的 ${field} 有误：${why}` };
  }
  const { 文号: docNumberAlias, ...rest } = parsed.data;
  const meta: Partial<DocumentMeta> = { ...rest };
  if (!meta.docNumber && docNumberAlias) meta.docNumber = docNumberAlias;
  if (meta.region && !meta.province && !meta.city && !meta.county && meta.region !== '全国') meta.province = meta.region;
  return meta;
}

const PLACE_FIELDS = ['region', 'province', 'city', 'county'] as const;

/** Given metadata wins field by field; a given place replaces the whole inferred place, a given year the inferred years. */
export function mergeMeta(inferred: DocumentMeta, given: Partial<DocumentMeta>): DocumentMeta {
  const merged: DocumentMeta = { ...inferred };
  if (PLACE_FIELDS.some((field) => given[field])) for (const field of PLACE_FIELDS) delete merged[field];
  if (given.year !== undefined) delete merged.yearTo;
  Object.assign(merged, given);
  if (!merged.region) merged.region = merged.county ?? merged.city ?? merged.province;
  return merged;
}
