import * as OpenCC from 'opencc-js';

type Convert = (text: string) => string;
let convert: Convert | undefined;

/**
 * Traditional → simplified with OpenCC's standard traditional set ('t'): unlike the Taiwan set ('tw')
 * it leaves simplified text untouched (the 'tw' set turns 显著 into 显着); 'hk' gives the same result here.
 */
export function toSimplified(text: string): string {
  const run = (convert ??= OpenCC.Converter({ from: 't', to: 'cn' }) as Convert);
  return run(text);
}
