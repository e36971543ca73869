import { activeUnitsOfMeasure, askedUnit, formatQuantity, unitFactor, type FoundQuantity } from '../quantity/index.ts';
import { quantitiesOf } from './quantities-of.ts';
import { TUNING } from './tuning.ts';
import { questionPattern } from './question-words.ts';
import { characterPairs } from '../text/character-pairs.ts';
import { keptValues } from '../memo/kept-values.ts';

/**
 * The user's own figures placed in the documents' ranges (`覆盖率45%` in 「30%—60%之间」): which
 * clause's range holds the value, which contradicts it, and one line saying so before the quote.
 * Every number in that line is the user's or the quote's; arithmetic is labelled 计算.
 */

/**
 * A figure the user states about their own case (not a limit such as 「不到100亩」, not a bare number); a rate
 * (「一亩只安排了8元」) only when no area is stated — with an area, a rate is what to multiply by.
 */
export function userValues(question: string): FoundQuantity[] {
  const found = quantitiesOf(question).filter((quantity) => quantity.kind !== 'number' && (!quantity.bound || ownLowerBound(quantity, question) || ownUpperBound(quantity, question)) && !quantity.range && !quantity.perUnit && (!quantity.per || quantity.kind === 'money'));
  return found.some((quantity) => quantity.kind === 'area') ? found.filter((quantity) => !quantity.per) : found;
}

/**
 * 「覆盖率六成以上」 said of the asker's own case: a lower bound is taken at its edge (stated as 按60%算). One followed by
 * 的 describes a class the documents speak of (「50亩以上的农户要核查吗」), not the asker's figure.
 */
function ownLowerBound(quantity: FoundQuantity, question: string): boolean {
  return quantity.bound === 'atLeast' && !question.slice(quantity.index + quantity.length).startsWith('的');
}

/**
 * 「我家地不到5亩」「覆盖量不足一成」 said of the asker's own case: an upper bound, placed only where every value
 * under it gets the same verdict (不到5亩 is in 「5亩以下」 and outside 「15亩以上」, and says nothing of 「3亩至8亩」).
 * A rate (「每亩不超过40元」) and a bound followed by 的 (「不到5亩的农户」, a class) are not the asker's figure.
 */
function ownUpperBound(quantity: FoundQuantity, question: string): boolean {
  return (quantity.bound === 'below' || quantity.bound === 'atMost') && !quantity.per && !question.slice(quantity.index + quantity.length).startsWith('的');
}

/** A value no document range can hold: a share above 100%, a pH outside 0–14. */
export function impossibleValue(values: FoundQuantity[]): FoundQuantity | undefined {
  return values.find((value) => (value.kind === 'share' && value.value > 1) || (value.kind === 'ph' && (value.value < 0 || value.value > 14)));
}

export function impossibleValueReply(value: FoundQuantity): string {
  const what = value.kind === 'share' ? '比例不会超过100%' : 'pH 值在 0 到 14 之间';
  return `您说的「${value.text}」看起来不对：${what}。请核对后再问一次，例如「秸秆覆盖率45%每亩补多少？」`;
}

/** A range or limit a clause states, with the clause it stands in and what the clause does with it. */
interface Limit {
  quantity: FoundQuantity;
  holds(value: number): boolean;
  /** The clause as written, quoted back to the user. */
  clause: string;
  /** Words around it in its clause; a short lead (丘陵区不少于300亩) borrows the rest of the previous one of its kind. */
  label: string;
  /** 「…以上的耕地不纳入」: inside the range means excluded. */
  refuses: boolean;
  /** 「较上年增加10亩以上」: a range for a change, not for a level. */
  change: boolean;
  /** Where the quantity starts in the text. */
  at: number;
  /** The tier its sentence names before it (「第二档为…覆盖率在30%—60%之间」 → 第二档), if any. */
  tier?: string;
}

const ORDINALS = '一二三四五六七八九十0-9';
/** 第二档, 二类 …: an ordinal and a tier word of the vocabulary (rangeClauseWords.tiers). */
function tierNames(text: string): string[] {
  const tiers = words().tiers;
  if (!tiers.length) return [];
  return text.match(new RegExp(`第?[${ORDINALS}]+(?:${tiers.join('|')})`, 'g')) ?? [];
}
/** The same tier however its ordinal is prefixed (第二档 = 二档). */
const sameTier = (a: string, b: string) => a.replace(/^第/, '') === b.replace(/^第/, '');

const CLAUSE_END = /[，,；;。！!？?\n]/;
const SENTENCE_END = /[；;。！!？?\n]/;

function clauseBounds(text: string, from: number, to: number): [number, number] {
  let start = from;
  while (start > 0 && !CLAUSE_END.test(text[start - 1]!)) start--;
  let end = to;
  while (end < text.length && !CLAUSE_END.test(text[end]!)) end++;
  return [start, end];
}

const words = () => activeUnitsOfMeasure().rangeClauseWords;
const isChange = (words_: string) => words().change.some((word) => words_.includes(word));

/**
 * The words after a figure that still speak of it: up to the clause's end, and when another figure follows in the
 * clause only up to a joining word (「农家肥3吨以上或商品有机肥1吨以上」: 商品有机肥 leads the second figure).
 */
function wordsAfter(rest: string, another: boolean): string {
  const join = another ? rest.search(/[或和及与、（(]/) : -1;
  return join < 0 ? rest : rest.slice(0, join);
}

/**
 * 「县、乡、村三级基地单个面积分别不少于1000亩、200亩、50亩」: one bound over a list of figures joined by 、/和, each
 * figure for the item in its place before 分别 (县 → 1000亩), labelled with that item and the words the items share
 * (a count of the items, 三级, dropped: 县级基地单个面积). Items of unequal width are left alone.
 */
function respectiveLists(text: string, found: readonly FoundQuantity[]): Map<number, { quantity: FoundQuantity; label: string }> {
  const out = new Map<number, { quantity: FoundQuantity; label: string }>();
  for (let i = 0; i < found.length; i++) {
    const first = found[i];
    if (!first.bound || first.range) continue;
    const [start] = clauseBounds(text, first.index, first.index);
    const own = text.slice(start, first.index).replace(/\s+/g, '');
    const at = own.lastIndexOf('分别');
    if (at < 0) continue;
    const members = [i];
    for (let j = i + 1; j < found.length && found[j].kind === first.kind && !found[j].bound && !found[j].range; j++) {
      if (!/^\s*[、和及与]\s*$/.test(text.slice(found[j - 1].index + found[j - 1].length, found[j].index))) break;
      members.push(j);
    }
    const items = /[^、，,；;。：:]+(?:、[^、，,；;。：:]+)+$/.exec(own.slice(0, at))?.[0].split('、');
    if (members.length < 2 || !items || items.length !== members.length) continue;
    const middle = items.slice(1, -1);
    const width = middle.length ? middle[0].length : 1;
    if (middle.some((item) => item.length !== width)) continue;
    const names = items.map((item, k) => (k === 0 ? item.slice(-width) : k === items.length - 1 ? item.slice(0, width) : item));
    const shared = items.at(-1)!.slice(width).replace(/^[一二三四五六七八九十两\d]+(?=[级类个])/, '');
    members.forEach((member, k) => out.set(member, { quantity: { ...found[member], bound: first.bound }, label: names[k] + shared }));
    i = members.at(-1)!;
  }
  return out;
}

/** A text's limits, read once per text (a whole document is read for every question that states a figure). Shared: never change them. */
function limitsOf(text: string): Limit[] {
  const units = activeUnitsOfMeasure();
  if (units !== limitsFor) {
    keptLimits.clear();
    limitsFor = units;
  }
  return keptLimits.get(text, () => readLimits(text));
}
const keptLimits = keptValues<string, Limit[]>(20_000);
let limitsFor: ReturnType<typeof activeUnitsOfMeasure> | undefined;

function readLimits(text: string): Limit[] {
  const limits: Limit[] = [];
  const lastLabel = new Map<string, string>();
  let previousEnd = 0;
  const found = quantitiesOf(text);
  const lists = respectiveLists(text, found);
  for (const [i, written] of found.entries()) {
    const listed = lists.get(i);
    const quantity = listed?.quantity ?? written;
    const after = previousEnd;
    previousEnd = quantity.index + quantity.length;
    const { range, bound, value } = quantity;
    let holds: ((v: number) => boolean) | undefined;
    if (range) holds = (v) => v >= range.min && v <= range.max;
    else if (bound === 'atLeast') holds = (v) => v >= value;
    else if (bound === 'above') holds = (v) => v > value;
    else if (bound === 'atMost') holds = (v) => v <= value;
    else if (bound === 'below') holds = (v) => v < value;
    if (!holds) continue;
    const [start, end] = clauseBounds(text, quantity.index, quantity.index + quantity.length);
    let tail = text.slice(quantity.index + quantity.length, end);
    // 「连片面积不足5亩的，不予补助」: a clause ending in 的 is finished by the next one
    if (tail.endsWith('的')) tail += text.slice(end + 1, clauseBounds(text, end + 1, end + 1)[1]);
    const own = text.slice(Math.max(start, after), quantity.index).replace(/\s+/g, '');
    const key = `${quantity.kind}|${quantity.per ?? ''}`;
    const previous = lastLabel.get(key) ?? '';
    const label = listed ? listed.label : own.length < previous.length ? own + previous.slice(own.length) : own;
    if (!listed && own.length >= previous.length) lastLabel.set(key, own);
    let sentenceStart = quantity.index;
    while (sentenceStart > 0 && !SENTENCE_END.test(text[sentenceStart - 1]!)) sentenceStart--;
    limits.push({
      quantity, holds, clause: text.slice(start, end).trim(), label: label + wordsAfter(text.slice(quantity.index + quantity.length, end), found[i + 1] !== undefined && found[i + 1].index < end), at: quantity.index,
      tier: tierNames(text.slice(Math.max(sentenceStart, after), quantity.index)).at(-1),
      refuses: words().refusal.some((word) => tail.includes(word) || own.includes(word)), change: isChange(own),
    });
  }
  return limits;
}

const bigrams = (text: string) => characterPairs(text.replace(/[\s\p{P}\p{S}\d]/gu, ''));

const countIn = (grams: Set<string>, question: Set<string>) => [...grams].filter((gram) => question.has(gram)).length;

/**
 * Of several labelled items (limits or rates), those that speak of what the question names: the words that
 * set one label apart from the others (平原区 / 丘陵区, 酸化 / 盐碱化) decide when the question has any of
 * them; else the most words shared with the question. None when no label shares a word with it.
 */
function mostAbout<T extends { label: string }>(items: T[], question: string, near = ''): T[] {
  if (!items.length) return [];
  const grams = items.map((item) => bigrams(item.label));
  const common = grams.length > 1 ? [...grams[0]].filter((gram) => grams.every((other) => other.has(gram))) : [];
  const questionGrams = bigrams(question);
  const shared = grams.map((own) => countIn(own, questionGrams));
  // the words right around the user's figure (「2吨农家肥」) first, then the whole question
  for (const words_ of [near, question]) {
    const asked = bigrams(words_);
    const distinct = grams.map((own) => countIn(new Set([...own].filter((gram) => !common.includes(gram))), asked));
    const best = Math.max(...distinct);
    const chosen = items.filter((_, i) => distinct[i] === best && shared[i] >= TUNING.minLabelOverlap - 1);
    if (best > 0 && chosen.length < items.length) return chosen;
  }
  const most = Math.max(TUNING.minLabelOverlap - 1, ...shared);
  return items.filter((_, i) => shared[i] >= most);
}

/** A limit written as a prohibition (不得超过, 不能高于): it binds any figure the user states, a rate too. */
const PROHIBITED = /^不[得能应宜可]/;

/** A limit of the same kind and basis as the user's figure (a share against a share, 元/亩 against 元/亩). */
function sameMeasure(limit: Limit, value: FoundQuantity): boolean {
  return limit.quantity.kind === value.kind && (limit.quantity.per ?? '') === (value.per ?? '');
}

/** The limits that speak of what the user's figure measures: same kind and basis, level or change alike, then by label. */
function limitsAbout(limits: Limit[], value: FoundQuantity, question: string, others: FoundQuantity[] = []): Limit[] {
  const change = isChange(value.label ?? '');
  // a rate the user states is held only against a minimum rate (亩均投入不低于3000元) or a prohibited excess (每亩不得超过40元),
  // not against what a tier pays (第二档不高于58元/亩)
  const sameKind = limits.filter((limit) => sameMeasure(limit, value) && limit.change === change
    && (!value.per || limit.quantity.bound === 'atLeast' || limit.quantity.bound === 'above' || PROHIBITED.test(limit.quantity.text)));
  if (value.kind === 'ph') return sameKind;
  const near = `${value.label ?? ''}${value.after ?? ''}`;
  const otherLabels = others.filter((other) => other !== value && other.kind === value.kind).map((other) => other.label ?? '');
  return mostAbout(sameKind, question || near, near).filter((limit) => !otherQualifier(value.label ?? '', limit, question || near) && !otherMeasure(value.label ?? '', limit, question || near, otherLabels));
}

/**
 * 「深松深度只有20厘米」 against 「深松间距不大于70厘米」: each label names a measure (rangeClauseWords.measures) and
 * they differ, the limit's clause never names the asker's and the question never names the limit's — or names it
 * only as the label of another of the asker's figures (「深松深度35厘米，耕层厚度28厘米」: 厚度 is the 28's).
 */
function otherMeasure(label: string, limit: Limit, question: string, otherLabels: string[] = []): boolean {
  const measures = words().measures;
  const named = (text: string) => measures.filter((measure) => text.includes(measure));
  const mine = named(label);
  const theirs = named(limit.label);
  if (!mine.length || !theirs.length || mine.some((measure) => theirs.includes(measure))) return false;
  const saidOfAnother = theirs.some((measure) => otherLabels.some((other) => other.includes(measure)));
  return !mine.some((measure) => limit.clause.includes(measure)) && (saidOfAnother || !theirs.some((measure) => question.includes(measure)));
}

const TALK = questionPattern('askerTalk');

/**
 * 「深松深度只有20厘米」 against 「动土深度不超过10cm」, 「还田利用率62%」 against 「综合利用率95%以上」: the short
 * word both labels share (深度, 利用率) is qualified by different words just before it, and neither side
 * names the other's — a different measure.
 */
function otherQualifier(label: string, limit: Limit, question: string): boolean {
  const own = limit.label;
  // the shared word that ends nearest the user's figure (深松深度只 → 深度), the longest of those
  let head = '';
  let headEnd = -1;
  for (let i = 0; i < label.length; i++) {
    for (let j = i + 2; j <= label.length && own.includes(label.slice(i, j)); j++) {
      if (j > headEnd || (j === headEnd && j - i > head.length)) [head, headEnd] = [label.slice(i, j), j];
    }
  }
  // a shared word of four characters or more (动土深度) names the measure itself
  if (head.length < 2 || head.length > 3) return false;
  const mine = label.slice(Math.max(0, headEnd - head.length - 2), headEnd - head.length);
  const theirs = own.slice(Math.max(0, own.indexOf(head) - 2), own.indexOf(head));
  if (mine.length < 2 || theirs.length < 2 || mine === theirs || TALK.test(mine) || TALK.test(theirs)) return false;
  if (/[^\u4e00-\u9fff]/.test(mine + theirs)) return false;
  // a column name before a table cell (「说明 坡度3度至8度」) is no qualifier: only words written onto the shared one are
  if (!limit.clause.includes(theirs + head)) return false;
  return !limit.clause.includes(mine) && !question.includes(theirs);
}

interface Verdict {
  value: FoundQuantity;
  /** Inside a range that admits it, or outside every range of its kind, or inside one that refuses it. */
  fits: boolean;
  clauses: string[];
  /** The tiers the admitting ranges are named (第二档). */
  tiers: string[];
}

/** Where each of the user's figures stands against a text's limits: one verdict per figure the text speaks of. */
function verdicts(values: FoundQuantity[], texts: string[], question: string, document: readonly string[] = []): Verdict[] {
  const found = quotedVerdicts(values, texts, question);
  if (!document.length) return found;
  const limits = document.flatMap((text) => limitsOf(text));
  const out: Verdict[] = [];
  for (const value of values) {
    const verdict = found.find((one) => one.value === value);
    const tier = documentTier(limits, value, question);
    const link = !tier && verdict && !verdict.fits ? chainedRange(limits, value, verdict.clauses[0]) : undefined;
    const placed = tier && (!verdict || !verdict.fits || !verdict.tiers.length) ? { value, fits: true, clauses: [tier.clause], tiers: [tier.tier!] }
      : link ? { value, fits: true, clauses: [link.clause], tiers: link.tier ? [link.tier] : [] } : verdict;
    // a figure in a band of a classification, or one the quotes do not place: a condition of the document it misses decides
    const inBand = placed?.fits && limits.some((limit) => limit.quantity.range && placed.clauses.includes(limit.clause));
    const unmet = (inBand || !placed) ? documentCondition(limits, value, question, placed?.clauses ?? texts) : undefined;
    if (unmet) out.push({ value, fits: false, clauses: [unmet.clause], tiers: [] });
    else if (placed) out.push(placed);
  }
  return out;
}

/**
 * 「秸秆覆盖度40%」 in a document that names its ranges as tiers (「第二档为…覆盖率在30%—60%之间」): the one tier,
 * anywhere in the document, whose range holds the figure and whose words share some with the words around the figure
 * (秸秆覆盖 — not 「动土面积低于50%」). It wins over a quoted condition of another scope (「基地秸秆覆盖率应达到60%以上」).
 */
function documentTier(limits: Limit[], value: FoundQuantity, question: string): Limit | undefined {
  const near = bigrams(`${value.label ?? ''}${value.after ?? ''}`);
  const tiers = limits.filter((limit) => limit.tier && !limit.refuses && !limit.change && sameMeasure(limit, value)
    && countIn(bigrams(limit.label), near) > 0 && !otherMeasure(value.label ?? '', limit, question) && admits(limit, value) === true);
  const names = new Set(tiers.map((limit) => limit.tier!.replace(/^第/, '')));
  return names.size === 1 ? tiers[0] : undefined;
}

/**
 * 「pH 5.3」 outside the quoted 「三是耕地土壤pH 5.5-6.5的治理区」: the ranges of the document that follow it end to start
 * and end alike (「二是…pH 5.0-5.5的治理区」, 「一是…pH < 5.0的治理区」) are the rest of its classification; the one
 * holding the figure places it.
 */
function chainedRange(limits: Limit[], value: FoundQuantity, clause: string): Limit | undefined {
  // entries of one list end alike after their figure (「…的治理区」); 「坡度8度以上的实行退耕还林还草」 is another measure's rule
  const tail = (limit: Limit) => limit.clause.slice(limit.clause.indexOf(limit.quantity.text) + limit.quantity.text.length);
  const start = limits.find((limit) => limit.clause === clause && limit.quantity.range && limit.quantity.kind === value.kind);
  if (!start) return undefined;
  const sameKind = limits.filter((limit) => !limit.refuses && !limit.change && sameMeasure(limit, value) && tail(limit) === tail(start));
  const chain = [start];
  for (let grown = true; grown; ) {
    grown = false;
    for (const limit of sameKind) {
      if (chain.includes(limit)) continue;
      const [low, high] = interval(limit);
      if (chain.some((link) => { const [a, b] = interval(link); return (b === low || a === high) && !(a === low && b === high); })) { chain.push(limit); grown = true; }
    }
  }
  // a band of the classification before a one-sided limit that merely touches it (「酸性耕地（pH < 5.5）」)
  const holding = chain.filter((limit) => admits(limit, value) === true);
  const bands = holding.filter((limit) => limit.quantity.range);
  const one = (found: Limit[]) => (new Set(found.map((limit) => limit.clause)).size === 1 ? found[0] : undefined);
  return bands.length ? one(bands) : one(holding);
}

/** Two Chinese characters: a word of a scope, not 「pH」 or 「H的」 around a figure. */
const HAN_PAIR = /^[\u4e00-\u9fff]{2}$/u;

/**
 * 「pH 5.6能纳入酸化治理吗」 over a document whose project takes only 「酸性耕地（pH < 5.5）开展酸化耕地治理」: a
 * one-sided condition of the document that the figure misses, whose words name something the question names and the
 * quoted clauses and the figure's own words do not (酸化). A figure in a band of a classification (5.5–6.5的治理区) is
 * then 不符合.
 */
function documentCondition(limits: Limit[], value: FoundQuantity, question: string, admitting: string[]): Limit | undefined {
  const near = bigrams(`${value.label ?? ''}${value.after ?? ''}`);
  const asked = bigrams(question);
  // the words of the figure itself (秸秆覆盖率) name the measure, not the scope
  const mine = new Set([...bigrams(admitting.join('')), ...bigrams(value.label ?? '')]);
  return limits.find((limit) => !limit.quantity.range && !limit.tier && !limit.refuses && !limit.change && sameMeasure(limit, value)
    && admits(limit, value) === false && (value.kind === 'ph' || countIn(bigrams(limit.label), near) > 0) && !otherMeasure(value.label ?? '', limit, question)
    && [...bigrams(limit.clause)].some((gram) => HAN_PAIR.test(gram) && asked.has(gram) && !mine.has(gram)));
}

/** Where each of the user's figures stands against the quotes' limits. */
function quotedVerdicts(values: FoundQuantity[], texts: string[], question: string): Verdict[] {
  const limits = texts.flatMap((text) => limitsOf(text));
  const out: Verdict[] = [];
  for (const value of values) {
    const about = limitsAbout(limits, value, question, values).filter((limit) => admits(limit, value) !== undefined);
    if (!about.length) continue;
    const refused = about.filter((limit) => limit.refuses && admits(limit, value));
    const admitted = about.filter((limit) => !limit.refuses && admits(limit, value));
    const outside = about.filter((limit) => !limit.refuses && !admits(limit, value));
    // 「禁止在…25度以上陡坡…」 and the figure is not in it: not excluded
    const spared = about.filter((limit) => limit.refuses && !admits(limit, value));
    if (refused.length) out.push({ value, fits: false, clauses: [refused[0].clause], tiers: [] });
    else if (admitted.length) out.push({ value, fits: true, clauses: [...new Set(admitted.map((limit) => limit.clause))].slice(0, 2), tiers: [...new Set(admitted.flatMap((limit) => (limit.tier ? [limit.tier] : [])))] });
    else if (outside.length) {
      if (!beyondTiers(outside[0], limits.filter((limit) => limit.quantity.kind === value.kind && limit.quantity.per === value.per && !limit.change), value)) out.push({ value, fits: false, clauses: [outside[0].clause], tiers: [] });
    } else if (spared.length) out.push({ value, fits: true, clauses: [spared[0].clause], tiers: [] });
  }
  return out;
}

/** A limit as the interval of values it admits. */
function interval(limit: Limit): [number, number] {
  const { range, bound, value } = limit.quantity;
  if (range) return [range.min, range.max];
  return bound === 'atLeast' || bound === 'above' ? [value, Infinity] : [-Infinity, value];
}

/**
 * Whether a limit admits the user's figure: an exact figure (or a lower bound taken at its edge, 按60%算) by the
 * limit; an upper bound (不到5亩: 0 up to 5) only when its lowest and highest values agree and no edge of the limit
 * lies between them — undefined when the figure could fall either way.
 */
function admits(limit: Limit, value: FoundQuantity): boolean | undefined {
  if (value.bound !== 'below' && value.bound !== 'atMost') return limit.holds(value.value);
  const top = value.bound === 'below' ? value.value * (1 - 1e-9) : value.value;
  const atTop = limit.holds(top);
  if (atTop !== limit.holds(0)) return undefined;
  const [low, high] = interval(limit);
  return (low > 0 && low < top) || (high > 0 && high < top) ? undefined : atTop;
}

/**
 * Ranges that follow one another end to start (「100马力以下…；100马力（含）至200马力…」) are tiers, not a
 * condition: a figure outside every quoted tier sits in one the quotes do not show, and is no 不符合.
 */
function beyondTiers(limit: Limit, sameKind: Limit[], value: FoundQuantity): boolean {
  const chain = [interval(limit)];
  const spans = sameKind.filter((other) => !other.refuses).map(interval);
  for (let grown = true; grown; ) {
    grown = false;
    for (const span of spans) {
      if (chain.some((link) => link[0] === span[0] && link[1] === span[1])) continue;
      if (chain.some((link) => link[1] === span[0] || link[0] === span[1])) { chain.push(span); grown = true; }
    }
  }
  return chain.length >= 2 && chain.every(([low, high]) => value.value < low || value.value > high);
}

export type Placement = 'holds' | 'contradicts' | 'none';

/** Length of the longest run of characters two labels share (`还田利用率` in both). */
function sharedRun(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) for (let j = i + best + 1; j <= a.length && b.includes(a.slice(i, j)); j++) best = j - i;
  return best;
}

/**
 * Whether a sentence's limits of the user's kinds hold the user's values, for ranking sentences: only the
 * limits whose own label is most like the words just before the user's figure (还田利用率62% → 「还田利用率…65%以上」),
 * so that a range in another programme's sentence does not pull that sentence forward.
 */
export function placeValues(values: FoundQuantity[], text: string): Placement {
  let verdict: Placement = 'none';
  const limits = limitsOf(text).filter((limit) => !limit.quantity.per);
  for (const value of values) {
    const sameKind = limits.filter((limit) => limit.quantity.kind === value.kind);
    const similarity = sameKind.map((limit) => sharedRun(value.label ?? '', limit.quantity.label ?? ''));
    const most = Math.max(TUNING.minLabelOverlap, ...similarity);
    const about = value.kind === 'ph' ? sameKind : sameKind.filter((_, i) => similarity[i] >= most);
    for (const limit of about) {
      const admitted = admits(limit, value);
      if (admitted === false) return 'contradicts';
      if (admitted) verdict = 'holds';
    }
  }
  return verdict;
}

/**
 * Among sentences nearly as good as the best, the first whose range holds the user's values comes
 * first; sentences whose ranges contradict them go after the others.
 */
export function preferPlaced<T extends { text: string; score: number }>(all: FoundQuantity[], sentences: T[]): T[] {
  const values = all.filter((value) => !value.per);
  if (!values.length || sentences.length < 2) return sentences;
  const [best] = sentences;
  const near = sentences.slice(0, TUNING.rangeCandidates).filter((sentence) => sentence.score >= best.score - TUNING.rangeScoreSlack);
  const placement = new Map(near.map((sentence) => [sentence, placeValues(values, sentence.text)]));
  if (![...placement.values()].includes('holds')) return sentences;
  const rank = (sentence: T) => ({ holds: 0, none: 1, contradicts: 2 })[placement.get(sentence) ?? 'none'];
  return [...near].sort((a, b) => rank(a) - rank(b)).concat(sentences.filter((sentence) => !placement.has(sentence)));
}

const trim = (value: number) => String(Math.round(value * 100) / 100);

interface Rate {
  quantity: FoundQuantity;
  label: string;
  /** The user's figures inside (in) or outside (out) the tier the rate is paid for, or no tier (neutral). */
  tier: 'in' | 'out' | 'neutral';
  total: boolean;
}

/**
 * The user's amount a rate per one `per` (亩, 吨) multiplies, in that unit: 「800吨」 for 「每吨30元」; 「一亩」 of
 * 「一亩补多少」 is the basis of the rate asked for, no amount.
 */
function amountPer(values: FoundQuantity[], per: string): { value: FoundQuantity; count: number } | undefined {
  const basis = unitFactor(per);
  if (!basis) return undefined;
  const value = values.find((one) => one.kind === basis.kind && !one.per && !one.bound && !(one.value === basis.factor && new RegExp(`^[一1]${per}`).test(one.text)));
  return value && { value, count: value.value / basis.factor };
}

/**
 * The per-亩 (per-吨 …) amounts the quotes pay, each with the tier it is paid for: the limits written between the
 * previous amount of its sentence and it (「100亩至500亩的每亩补助30元，500亩以上的每亩补助40元」), or after
 * it when it is the sentence's last (a table row's 说明 column).
 */
function ratesOf(values: FoundQuantity[], text: string): Rate[] {
  const found = quantitiesOf(text);
  const limits = limitsOf(text).filter((limit) => !limit.change && values.some((value) => value.kind === limit.quantity.kind && !limit.quantity.per));
  const rates: Rate[] = [];
  const paid = found.filter((quantity) => quantity.kind === 'money' && quantity.per !== undefined && amountPer(values, quantity.per) && quantity.bound !== 'atLeast' && quantity.bound !== 'above');
  paid.forEach((quantity, i) => {
    const [start] = clauseBounds(text, quantity.index, quantity.index);
    const label = text.slice(start, quantity.index);
    if (isChange(label)) return;
    let sentenceStart = quantity.index;
    while (sentenceStart > 0 && !SENTENCE_END.test(text[sentenceStart - 1]!)) sentenceStart--;
    let sentenceEnd = quantity.index;
    while (sentenceEnd < text.length && !SENTENCE_END.test(text[sentenceEnd]!)) sentenceEnd++;
    const before = paid[i - 1] && paid[i - 1].index >= sentenceStart ? paid[i - 1].index : sentenceStart;
    const next = paid[i + 1] && paid[i + 1].index < sentenceEnd ? paid[i + 1].index : undefined;
    const tier = limits.filter((limit) => (limit.at >= before && limit.at < quantity.index) || (next === undefined && limit.at > quantity.index && limit.at < sentenceEnd));
    const inTier = (limit: Limit) => values.filter((value) => value.kind === limit.quantity.kind).every((value) => limit.holds(value.value) !== limit.refuses);
    // 「第一档标准对应作业补助不高于38元/亩」: a rate paid for a named tier is that tier's (tierRate), no rate for any figure
    const named = tierNames(label).length > 0;
    rates.push({
      quantity, label,
      tier: named ? 'out' : !tier.length ? 'neutral' : tier.every(inTier) ? 'in' : 'out',
      total: words().total.some((word) => label.includes(word)),
    });
  });
  return rates;
}

/** The rate for the user's case: one whose tier holds their figures, else one without a tier; the label the question names most; a 合计 first. */
function rateFor(values: FoundQuantity[], quotes: string[], question: string): Rate | undefined {
  const rates = quotes.flatMap((quote) => ratesOf(values, quote));
  for (const tier of ['in', 'neutral'] as const) {
    const candidates = rates.filter((rate) => rate.tier === tier);
    if (!candidates.length) continue;
    const totals = candidates.filter((rate) => rate.total);
    const pool = totals.length ? totals : candidates;
    const about = pool.length > 1 ? mostAbout(pool, question) : pool;
    return (about.length ? about : pool)[0];
  }
  return undefined;
}

const ASKS_AMOUNT = questionPattern('asksAmount');

/**
 * The rate a text pays for a named tier (「第一档标准对应作业补助不高于38元/亩，第二档不高于58元/亩」 → 58元/亩 for
 * 第二档): a per-unit amount whose clause names that tier last before it. With its clause, to quote.
 */
function tierRate(texts: readonly string[], tier: string): { rate: Rate; clause: string } | undefined {
  for (const text of texts) {
    for (const quantity of quantitiesOf(text)) {
      if (quantity.kind !== 'money' || quantity.per === undefined || quantity.range) continue;
      const [start, end] = clauseBounds(text, quantity.index, quantity.index + quantity.length);
      const label = text.slice(start, quantity.index);
      const named = tierNames(label).at(-1);
      if (named && sameTier(named, tier)) return { rate: { quantity, label, tier: 'in', total: false }, clause: text.slice(start, end).trim() };
    }
  }
  return undefined;
}

/**
 * 「pH才4.2，100亩能补多少」 when the quotes place the figure (「酸性耕地（pH < 5.5）」) but pay nothing: the rate the
 * document pays per the asker's unit in the passage nearest the placing clause (its 补助标准 a few paragraphs on),
 * not one paid for a named tier. None when the placing clause is not found or two rates are equally near.
 */
function nearestRate(values: FoundQuantity[], found: Verdict[], document: readonly string[]): Rate | undefined {
  const clause = found.find((verdict) => verdict.fits)?.clauses[0];
  const at = clause ? document.findIndex((text) => text.includes(clause)) : -1;
  if (at < 0) return undefined;
  let best: { rate: Rate; distance: number } | undefined;
  let tied = false;
  document.forEach((text, i) => {
    for (const rate of ratesOf(values, text)) {
      if (rate.tier === 'out') continue;
      const distance = Math.abs(i - at);
      if (best && distance === best.distance && rate.quantity.value !== best.rate.quantity.value) tied = true;
      if (!best || distance < best.distance) [best, tied] = [{ rate, distance }, false];
    }
  });
  return tied ? undefined : best?.rate;
}

/**
 * 「每亩至少补助20元」: a bound word a short verb away from the rate (至少 补助) bounds it as one written next to it
 * would; the words between are at most three characters with no figure.
 */
function boundBefore(label: string): FoundQuantity['bound'] {
  let found: { at: number; bound: FoundQuantity['bound'] } | undefined;
  for (const word of activeUnitsOfMeasure().boundWords) {
    if (word.position !== 'before') continue;
    const at = label.lastIndexOf(word.text);
    if (at < 0) continue;
    const between = label.slice(at + word.text.length);
    if (between.length <= 3 && /^[\u4e00-\u9fff]*$/.test(between) && (!found || at + word.text.length > found.at)) found = { at: at + word.text.length, bound: word.bound };
  }
  return found?.bound;
}

/** The user's figure as typed; one said approximately or in another unit (大概三成, 三百来亩, 50千瓦) with the value it is taken as (按30%算). */
/** How a bound the text reads apart from its figure (「不到秸秆全量的10%」) is said again before it. */
const BOUND_SAID: Record<NonNullable<FoundQuantity['bound']>, string> = { below: '不到', atMost: '不超过', atLeast: '不少于', above: '超过' };

function stated(value: FoundQuantity): string {
  if (value.bound && !activeUnitsOfMeasure().boundWords.some((word) => value.text.includes(word.text))) return stated({ ...value, bound: undefined, text: `${BOUND_SAID[value.bound]}${value.text}` });
  if (!value.approximate && !value.note) return value.text;
  const taken = formatQuantity({ kind: value.kind, value: value.value, per: value.per, unit: value.unit });
  return value.text.replace(/\s+/g, '').includes(taken.replace(/\s+/g, '')) ? value.text : `${value.text}（按${taken}算）`;
}

const boundWord = (bound: FoundQuantity['bound']) => (bound === 'atMost' || bound === 'below' ? '最多' : bound === 'atLeast' || bound === 'above' ? '至少' : '');

/**
 * 「大豆茬一共2万亩，按要求至少要报多少亩」 over 「按照大豆茬面积的30%以上申报」: a quoted share of a base (the words
 * before its 的) that the asker states, asked in the base's unit, is computed — 2万亩×30%，至少6000亩（计算）.
 */
function shareOfBase(values: FoundQuantity[], texts: string[], question: string): string {
  const unit = askedUnit(question);
  if (!unit || !ASKS_AMOUNT.test(question) || values.some((value) => value.kind === 'share')) return '';
  const base = values.find((value) => !value.per && !value.bound && unit.stated.some((word) => unitFactor(word)?.kind === value.kind));
  if (!base) return '';
  const named = bigrams(`${base.label ?? ''}${base.after ?? ''}`);
  const share = texts.flatMap((text) => limitsOf(text)).find((limit) => {
    const { quantity } = limit;
    if (quantity.kind !== 'share' || quantity.range || quantity.per || limit.change || limit.refuses) return false;
    const at = limit.clause.indexOf(quantity.text);
    if (at < 1 || limit.clause[at - 1] !== '的') return false;
    return countIn(bigrams(limit.clause.slice(0, at - 1)), named) > 0;
  });
  if (!share) return '';
  const part = formatQuantity({ kind: base.kind, value: base.value * share.quantity.value, unit: base.unit });
  return `${stated(base)}×${formatQuantity({ kind: 'share', value: share.quantity.value })}，${boundWord(share.quantity.bound)}${part}（计算）`;
}

/**
 * One line before the quotes: whether each of the user's figures fits the quoted limits (符合/不符合, with the
 * clause), and a rate times the user's area as a labelled calculation, the rate taken from whichever quoted
 * clause pays it for the user's tier. Empty when the quotes state no limit or rate for the user's figures.
 */
export function placementLine(values: FoundQuantity[], quotes: string | string[], title: string, question = '', sameDocument: readonly string[] = []): string {
  if (!values.length) return '';
  const texts = typeof quotes === 'string' ? [quotes] : quotes;
  const found = verdicts(values, texts, question, sameDocument);
  const tiers = [...new Set(found.flatMap((verdict) => verdict.tiers))];
  // the tier's rate may be written in another paragraph of the same document (「第二档不高于58元/亩」): quoted in the line
  const named = tiers.length === 1 && found.every((verdict) => verdict.fits) ? tierRate([...texts, ...sameDocument], tiers[0]) : undefined;
  const parts = found.map((verdict) => {
    const tier = verdict.tiers.length === 1 && !verdict.clauses.some((clause) => clause.includes(verdict.tiers[0])) ? `，属于${verdict.tiers[0]}` : '';
    const rateClause = named && tier ? `：「${named.clause}」` : '';
    return `您说的${stated(verdict.value)}${verdict.fits ? '符合' : '不符合'}${verdict.clauses.map((clause) => `「${clause}」`).join('')}${tier}${rateClause}`;
  });
  // a rate times the asker's area only when they ask what they get (「会不会有人来核实」 asks no money)
  const asksAmount = parts.every((part) => !part.includes('不符合')) && (!question || ASKS_AMOUNT.test(question));
  const rate = asksAmount ? (named && amountPer(values, named.rate.quantity.per!) ? named.rate : rateFor(values, texts, question) ?? nearestRate(values, found, sameDocument)) : undefined;
  const amount = rate && amountPer(values, rate.quantity.per!);
  if (rate && amount) {
    const bound = rate.quantity.bound ?? boundBefore(rate.label);
    const most = boundWord(bound);
    parts.push(`${stated(amount.value)}×${formatQuantity({ kind: 'money', value: rate.quantity.value })}/${rate.quantity.per}，${most}${trim(amount.count * rate.quantity.value)}元（计算）`);
  }
  else if (!parts.length) {
    const computed = shareOfBase(values, texts, question);
    if (computed) parts.push(computed);
  }
  if (!parts.length) return '';
  return `按${title.startsWith('《') ? title : `《${title}》`}：${parts.join('；')}。`;
}
