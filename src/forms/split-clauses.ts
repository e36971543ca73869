import { findQuantities } from '../quantity/find-quantities.ts';

/** Words that carry no fact (「好的」「谢谢」): never reported as unused. */
const FILLER = /^(嗯+|哦+|啊+|好|好的|行|对|是的|谢谢|谢了|麻烦了|就这些|就这样|差不多就这些|没了|其他没有)$/;

/**
 * One message → the clauses people separate facts with: ，。；,; and line breaks, and 、 only between
 * two amounts (「本期1000亩、累计1500亩」; 「石灰、有机肥」 stays one list).
 */
export function splitClauses(text: string): string[] {
  // A space between two characters (「用了九百吨 面积一万八千亩」) separates as a comma does; 「1.2 万亩」 stays whole.
  const parts = text
    .split(/[，。；;！!？?\n]+|(?<!\d),|,(?!\d{3}(?!\d))/)
    // 「有终端 5月12号」: a date after a space starts a clause too.
    .flatMap((part) => part.split(/(?<=\p{Script=Han})\s+(?=\p{Script=Han}|\d{1,2}月\d{1,2}[日号])/u))
    .map((part) => part.trim());
  return parts
    .flatMap((part) => {
      const pieces = part.split('、');
      return pieces.length > 1 && pieces.every((piece) => findQuantities(piece).length > 0) ? pieces : [part];
    })
    .map((part) => part.trim())
    .filter((part) => part.length > 0 && !FILLER.test(part));
}
