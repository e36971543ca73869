import { z } from 'zod';

/** The clause a deadline is read from (or the county's own notice that overrides it). */
const deadlineSourceSchema = z.object({
  doc: z.string().min(1),
  title: z.string().min(1),
  docNumber: z.string().optional(),
  section: z.string().min(1),
  quote: z.string().optional(),
});

/**
 * When a period is due: day `day` of the period's last month (`month: "last"`) or of the month after it
 * (`month: "next"`), the whole day included (「××日前」 includes that day).
 */
const dueRuleSchema = z.object({
  month: z.enum(['last', 'next']),
  day: z.number().int().min(1).max(31),
});

export const deadlineSchema = dueRuleSchema.extend({
  /** Reporters of units that have not filed are reminded this many days before the due day (and on it). */
  remindDaysBefore: z.array(z.number().int().min(1).max(30)).default([3]),
  /** Admins get the list of units still missing this many days after the due day (0 = the day after). */
  summaryDaysAfter: z.number().int().min(0).max(30).default(0),
  source: deadlineSourceSchema,
  /** How the day was read from the source, when the source does not name one. */
  basis: z.string().optional(),
  /** A county (and its townships) may fix another day in its own notice. */
  overrides: z
    .array(dueRuleSchema.extend({ unit: z.string().min(1), source: deadlineSourceSchema }))
    .default([]),
});

export type DeadlineDefinition = z.infer<typeof deadlineSchema>;
export type DueRule = z.infer<typeof dueRuleSchema>;
