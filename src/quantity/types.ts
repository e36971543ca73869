/** Shapes of the quantity parser: one parser for numbers, units and shares as people type them. */

export type QuantityKind = 'area' | 'share' | 'money' | 'ph' | 'count' | 'length' | 'weight' | 'power' | 'angle' | 'number';

/** 「不到100亩」「100亩以上」「pH<5.5」: the typed value is a limit, not the value itself. */
export type QuantityBound = 'below' | 'atMost' | 'above' | 'atLeast';

export interface Quantity {
  kind: QuantityKind;
  /** Canonical unit: area 亩 (公顷=15亩, 平方米=0.0015亩, 万亩=10000亩), share fraction 0..1, money 元 (万元=10000), length cm, weight kg (吨=1000), power 马力 (千瓦=1.36), angle 度, others plain. Midpoint for a range. */
  value: number;
  /** 大概/约/左右/差不多/将近/多/来 … : the caller must confirm before using it. */
  approximate: boolean;
  /** 「四五十亩」「40%到50%」: the caller must ask which value, never guess. */
  range?: { min: number; max: number };
  /** Unit as typed (亩, 万亩, 公顷, %, 成, 元, 万元, …). */
  unit?: string;
  /** e.g. 「已按 1 公顷 = 15 亩换算」 when the unit differed from the expected one. */
  note?: string;
  /** The matched text. */
  text: string;
  /** Extension: a rate such as 「38元/亩」「每亩38元」 has per: '亩' (value is per one 亩). */
  per?: string;
  /** Extension: 「不到100亩」 → 'below'; always comes with approximate: true. */
  bound?: QuantityBound;
}

export type QuantityParse = { ok: true; quantity: Quantity } | { ok: false; error: string };

/** Extension of parseQuantity: plausibility limits in canonical units (inclusive) and the field name used in messages. */
export interface ParseQuantityOptions {
  min?: number;
  max?: number;
  /** Name of the asked field in error messages, e.g. 「覆盖率」; defaults to the kind's name (「比例」). */
  label?: string;
}

/** A quantity found in free text, with where it is and the words around it. */
export interface FoundQuantity extends Quantity {
  index: number;
  length: number;
  /** Extension: words just before the quantity in its clause, approximation words and particles removed (「本期治理2.3万亩」 → 「治理」). */
  label?: string;
  /** Extension: words just after the quantity in its clause (「取土45个土样」 → 「土样」). */
  after?: string;
  /** Extension: 「一亩补多少」「每亩能拿多少」: one unit named as the basis of a rate asked for, not an amount. */
  perUnit?: boolean;
}
