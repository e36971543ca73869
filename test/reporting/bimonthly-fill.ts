import type { Harness } from '../forms/form-harness.ts';

/** Answers after 「填报双月调度」 and the period, up to the summary (a 宁化县-style county reporter). */
export const BIMONTHLY_REST = ['本期治理2.3万亩，取土45个', '累计治理5万亩', '0', '6个', '3个', '1', '石灰、有机肥', '1200吨', '2万亩', '250万元', '1000万元', '320万', '50万元', '3200户', '跳过'];

/** Files one 双月调度 by chat up to the summary; overrides replace answers by index. */
export async function fillBimonthly(h: Harness, user: string, period: string, overrides: Record<number, string> = {}): Promise<string> {
  await h.say(user, '填报双月调度');
  let last = await h.say(user, period);
  for (const [index, line] of BIMONTHLY_REST.entries()) last = await h.say(user, overrides[index] ?? line);
  return last;
}

/** Files and confirms. */
export async function fileBimonthly(h: Harness, user: string, period: string, overrides: Record<number, string> = {}): Promise<string> {
  await fillBimonthly(h, user, period, overrides);
  return h.say(user, '确认提交');
}
