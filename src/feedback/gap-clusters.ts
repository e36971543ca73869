import type { UnansweredEntry } from './types.ts';

/** How questions are read for grouping: content words of the normalised question (stop words dropped, synonyms merged). */
export type QuestionFeatures = (question: string) => string[];

export interface GapCluster {
  /** The wording asked most often (the latest among equals). */
  question: string;
  count: number;
  declined: number;
  votedDown: number;
  lastAt: Date;
  /** Other wordings of the group, most frequent first (at most 3). */
  variants: string[];
  /** Units and channels, most frequent first. */
  units: string[];
  channels: string[];
  /** Documents the 没用 answers cited, most frequent first. */
  sources: string[];
}

/** Features naming a place or a year start with these; two questions naming different ones are different gaps. */
export const PLACE = 'place:';
export const YEAR = 'year:';

function disagree(a: Set<string>, b: Set<string>, prefix: string): boolean {
  const mine = [...a].filter((feature) => feature.startsWith(prefix));
  const theirs = [...b].filter((feature) => feature.startsWith(prefix));
  return mine.length > 0 && theirs.length > 0 && !mine.some((feature) => b.has(feature));
}

/** Dice coefficient of two feature sets; 0 when both name a place (or a year) and share none. */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  if (disagree(a, b, PLACE) || disagree(a, b, YEAR)) return 0;
  let shared = 0;
  for (const feature of a) if (b.has(feature)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/** A wording as counted: the same question with or without a question mark is one wording. */
const wording = (question: string) => question.replace(/[\s?？。.!！~～]+$/u, '').trim() || question;

/** Two questions at least this similar are the same gap. */
export const SAME_GAP = 0.6;

const byCount = (values: string[]) => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value);
};

/**
 * Groups unanswered questions by similarity (leader clustering: a question joins the first group whose first
 * question is similar enough, else starts one), most frequent group first, then the most recent.
 */
export function clusterGaps(entries: UnansweredEntry[], features: QuestionFeatures, threshold = SAME_GAP): GapCluster[] {
  const groups: Array<{ leader: Set<string>; members: UnansweredEntry[] }> = [];
  const cache = new Map<string, Set<string>>();
  const featuresOf = (question: string) => {
    let set = cache.get(question);
    if (!set) cache.set(question, (set = new Set(features(question))));
    return set;
  };
  for (const entry of [...entries].sort((a, b) => b.at.getTime() - a.at.getTime())) {
    const mine = featuresOf(entry.question);
    const group = groups.find((candidate) => similarity(candidate.leader, mine) >= threshold);
    if (group) group.members.push(entry);
    else groups.push({ leader: mine, members: [entry] });
  }
  return groups
    .map(({ members }): GapCluster => {
      const wordings = byCount(members.map((member) => wording(member.question)));
      return {
        question: wordings[0],
        count: members.length,
        declined: members.filter((member) => member.reason === 'declined').length,
        votedDown: members.filter((member) => member.reason === 'voted_down').length,
        lastAt: new Date(Math.max(...members.map((member) => member.at.getTime()))),
        variants: wordings.slice(1, 4),
        units: byCount(members.flatMap((member) => (member.unit ? [member.unit] : []))),
        channels: byCount(members.map((member) => member.channel)),
        sources: byCount(members.flatMap((member) => (member.reason === 'voted_down' ? member.sources : []))),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAt.getTime() - a.lastAt.getTime());
}
