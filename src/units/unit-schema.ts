import { z } from 'zod';

const source = z.object({
  doc: z.string().min(1),
  title: z.string().optional(),
  docNumber: z.string().optional(),
  clause: z.string().min(1),
});

/** The shape of one knowledge/units/*.json file. */
export const unitFileSchema = z.object({
  region: z.string().min(1),
  source,
  programs: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/, '程序编号只能用小写字母、数字和连字符'),
        title: z.string().min(1),
        measure: z.string().min(1),
        unit: z.string().min(1),
        year: z.number().int().optional(),
        source,
      }),
    )
    .default([]),
  units: z
    .array(
      z.object({
        name: z.string().min(1),
        level: z.enum(['province', 'city', 'county', 'township']),
        parent: z.string().min(1).optional(),
        aliases: z.array(z.string().min(1)).default([]),
        targets: z.record(z.string(), z.number().nonnegative()).default({}),
        note: z.string().optional(),
      }),
    )
    .min(1),
});

export type UnitFile = z.infer<typeof unitFileSchema>;
