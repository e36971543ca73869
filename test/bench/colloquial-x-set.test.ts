import { describe, expect, it } from 'vitest';
import { fittingSetChecks } from './eval-set-documents.ts';

/**
 * The colloquial-x eval set (eval/colloquial-x.jsonl): questions asked in the asker's own words (种地, 打药,
 * 烧秸秆, 钱啥时候发下来), run-ons, typos and some traditional characters, written before any engine run and
 * only on FITTING-half documents: cxe… on corpus-extra 01–08, cxa… on the odd county-docs documents, cxc… on
 * the odd county-docs-2 documents.
 */
const FOLDERS = {
  cxe: { folder: 'eval/corpus-extra/docs', fitting: (number: number) => number >= 1 && number <= 8 },
  cxa: { folder: 'eval/county-docs/docs', fitting: (number: number) => number % 2 === 1 && number < 90 },
  cxc: { folder: 'eval/county-docs-2/docs', fitting: (number: number) => number % 2 === 1 },
};
// The sets on these folders written before this one (a later set checks itself against this one).
const OLDER = ['corpus-extra-qa', 'own-corpus-extra', 'corpus-extra-2', 'multi-region', 'county-docs', 'county-docs-2', 'placement', 'placement-2'];

describe('eval/colloquial-x.jsonl', () => {
  const cases = fittingSetChecks('colloquial-x.jsonl', FOLDERS, OLDER);

  it('has answerable questions on every folder and about ten no-answer near misses', () => {
    for (const prefix of Object.keys(FOLDERS)) {
      const mine = cases.filter((testCase) => testCase.id.startsWith(prefix));
      expect(mine.filter((testCase) => testCase.must?.length).length, prefix).toBeGreaterThanOrEqual(15);
      expect(mine.filter((testCase) => testCase.expect === 'no_answer').length, prefix).toBeGreaterThanOrEqual(3);
    }
  });
});
