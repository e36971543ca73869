import type { FormDefinition } from './form-schema.ts';

/**
 * 「县里说5月进度验收面积报错了」「刚才那个累计完成填错了」: who asked for the change and the words pointing back at
 * the report are not the change. The words come from the form's data (`correctionLead`); a county adds its own there.
 */
export function withoutCorrectionLead(text: string, form: FormDefinition): string {
  const { toldVerbs, pointingWords } = form.correctionLead;
  return withoutPointing(withoutTeller(text, toldVerbs), pointingWords);
}

/** The longest a teller before its verb may be (「县里」「乡里领导」「县农业局」). */
const TELLER_LENGTH = 6;

/** 「县里说，」「乡里领导讲：」: a short teller (no pause inside) and a verb of saying, with the mark after it. */
function withoutTeller(text: string, verbs: string[]): string {
  const longestFirst = [...verbs].sort((a, b) => b.length - a.length);
  for (let at = 0; at <= TELLER_LENGTH && at < text.length; at++) {
    if (at > 0 && /[，,。]/.test(text[at - 1])) break;
    const verb = longestFirst.find((word) => text.startsWith(word, at));
    if (verb) return text.slice(at + verb.length).replace(/^[，,:：]/, '');
  }
  return text;
}

/** 「我们刚才那个…」: pointing words at the start, as many as are said. */
function withoutPointing(text: string, words: string[]): string {
  const longestFirst = [...words].sort((a, b) => b.length - a.length);
  let rest = text;
  for (let word = longestFirst.find((w) => rest.startsWith(w)); word; word = longestFirst.find((w) => rest.startsWith(w))) rest = rest.slice(word.length);
  return rest;
}
