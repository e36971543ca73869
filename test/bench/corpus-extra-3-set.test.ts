import { describe, expect, it } from 'vitest';
import { fittingSetChecks } from './eval-set-documents.ts';

/**
 * The corpus-extra-3 eval set (eval/corpus-extra-3.jsonl): new fitting questions asking facts no older set asks
 * (deadlines, who does what, materials, percentages inside long paragraphs, table rows, a clause next to a
 * similar clause), written before any engine run and only on FITTING-half documents: rfe… on corpus-extra
 * 01–08, rfa… on the odd county-docs documents, rfc… on the odd county-docs-2 documents.
 */
const FOLDERS = {
  rfe: { folder: 'eval/corpus-extra/docs', fitting: (number: number) => number >= 1 && number <= 8 },
  rfa: { folder: 'eval/county-docs/docs', fitting: (number: number) => number % 2 === 1 && number < 90 },
  rfc: { folder: 'eval/county-docs-2/docs', fitting: (number: number) => number % 2 === 1 },
};
// The sets on these folders written before this one (a later set checks itself against this one).
const OLDER = ['corpus-extra-qa', 'own-corpus-extra', 'corpus-extra-2', 'multi-region', 'county-docs', 'county-docs-2', 'placement', 'placement-2', 'placement-3', 'colloquial-x'];

describe('eval/corpus-extra-3.jsonl', () => {
  const cases = fittingSetChecks('corpus-extra-3.jsonl', FOLDERS, OLDER);

  it('has answerable questions and no-answer near misses on the county folders', () => {
    for (const prefix of ['rfa', 'rfc']) {
      const mine = cases.filter((testCase) => testCase.id.startsWith(prefix));
      expect(mine.filter((testCase) => testCase.must?.length).length, prefix).toBeGreaterThanOrEqual(30);
      expect(mine.filter((testCase) => testCase.expect === 'no_answer').length, prefix).toBeGreaterThanOrEqual(5);
    }
    expect(cases.filter((testCase) => testCase.expect === 'no_answer').length).toBeGreaterThanOrEqual(12);
  });
});
