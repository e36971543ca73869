import type { QuantityKind } from './types.ts';

/** How each kind is named to the user and what to type instead. */
export const KIND_WORDS: Readonly<Record<QuantityKind, { name: string; examples: string }>> = {
  area: { name: '面积', examples: '120亩 或 2.3万亩' },
  share: { name: '比例', examples: '45% 或 一半' },
  money: { name: '金额', examples: '3500元 或 80万元' },
  ph: { name: 'pH值', examples: '5.2 或 pH 4.8' },
  count: { name: '数量', examples: '45个 或 12户' },
  length: { name: '长度', examples: '25厘米 或 0.3米' },
  weight: { name: '重量', examples: '500公斤 或 2吨' },
  power: { name: '功率', examples: '70马力 或 50千瓦' },
  angle: { name: '角度', examples: '坡度15度' },
  number: { name: '数值', examples: '45 或 2.3万' },
};
