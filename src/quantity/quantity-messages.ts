import { unknownUnitMessage } from './unknown-unit.ts';
import { KIND_WORDS } from './kind-words.ts';
import type { QuantityKind } from './types.ts';

/** Chinese error messages of parseQuantity; each says what was wrong and what to type. */
export function quantityMessages(kind: QuantityKind, label?: string) {
  const name = label ?? KIND_WORDS[kind].name;
  const retry = `请重新输入，例如：${KIND_WORDS[kind].examples}`;
  return {
    empty: () => `请输入${name}，例如：${KIND_WORDS[kind].examples}`,
    tooLong: () => `输入太长了，请只输入${name}，例如：${KIND_WORDS[kind].examples}`,
    noNumber: () => `没有看到${name}的数字，请用数字输入，例如：${KIND_WORDS[kind].examples}`,
    wrongKind: (typed: string, typedKind: QuantityKind) =>
      `这里需要填写${name}，您输入的「${typed}」是${KIND_WORDS[typedKind].name}。${retry}`,
    several: (typed: string[]) => `一次只能填一个${name}，您输入了${typed.map((t) => `「${t}」`).join('、')}。请只输入一个，例如：${KIND_WORDS[kind].examples}`,
    negative: () => `${name}不能是负数，${retry}`,
    notPositive: () => `${name}必须大于0，${retry}`,
    belowMin: (min: string) => `${name}不能小于${min}，${retry}`,
    aboveMax: (typed: string, max: string) => kind === 'share' && max === '100%'
      ? `${name}不能超过100%，${retry}`
      : `${name}「${typed}」超出了合理范围（最多${max}），请检查后${retry.slice(1)}`,
    phRange: (typed: string) => `${name}应在 0 到 14 之间，您输入的「${typed}」不对，${retry}`,
    notInteger: (typed: string) => `${name}应该是整数，您输入的「${typed}」不是整数，${retry}`,
    failed: () => `没能识别您输入的${name}，${retry}`,
    unknownUnit: (word: string) => unknownUnitMessage(kind, word),
  };
}
