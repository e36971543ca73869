import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvalFile } from '../../src/bench/eval-runner.ts';
import { REPO_ROOT } from '../../src/bench/eval-sets.ts';
import { asJudged, comparable } from './eval-set-documents.ts';

/**
 * eval/placement.jsonl: farmers' and township staff's questions carrying their own figure, asked over
 * documents with no rule set. Every must string is in its document (read as the engine reads it), or a
 * verdict (符合/不符合), or a total: the question's area times a rate that is itself a must string.
 * Ids: npa… county-docs odd (fit), npb… county-docs even (validation), npx… corpus-extra 01–08 (fit),
 * npy… corpus-extra 09–16 (validation). eval/placement-2.jsonl (written before its first run, held out):
 * np2b… county-docs even, np2y… corpus-extra 09–16. eval/placement-3.jsonl (stop 14, written before its first
 * run): p3x… corpus-extra 01–08 (fit), p3y… corpus-extra 09–16 (validation); a line whose area is not written in
 * digits (三百亩, 20公顷) carries it in 亩 as `given`, and a total may be that area times a quoted share (2万亩×30%).
 */
const FOLDERS: Record<string, string> = { npa: 'county-docs', npb: 'county-docs', npx: 'corpus-extra', npy: 'corpus-extra', np2b: 'county-docs', np2y: 'corpus-extra', p3x: 'corpus-extra', p3y: 'corpus-extra' };
const prefixOf = (id: string) => /^(?:np2?|p3)[abxy]/.exec(id)![0];
const FILES = ['placement.jsonl', 'placement-2.jsonl', 'placement-3.jsonl'];

/** `given` of each line (the stated area in 亩 when the question does not write it in digits). */
function givenAreas(file: string): Map<string, number> {
  const lines = readFileSync(join(REPO_ROOT, 'eval', file), 'utf8').split('\n').filter((line) => line.trim());
  return new Map(lines.map((line) => JSON.parse(line) as { id: string; given?: number }).filter((row) => row.given !== undefined).map((row) => [row.id, row.given!]));
}

function documentText(prefix: string, name: string): string {
  return asJudged(readFileSync(join(REPO_ROOT, 'eval', FOLDERS[prefix], 'docs', name), 'utf8'));
}

describe.each(FILES)('eval/%s', (file) => {
  const { cases, errors } = readEvalFile(join(REPO_ROOT, 'eval', file));
  const given = givenAreas(file);

  it('reads every line; the half follows the document number', () => {
    expect(errors).toEqual([]);
    for (const testCase of cases) {
      const half = prefixOf(testCase.id).slice(-1);
      const number = Number(testCase.doc!.slice(0, 2));
      const fit = half === 'a' ? number % 2 === 1 : half === 'b' ? number % 2 === 0 : half === 'x' ? number <= 8 : number > 8;
      if (testCase.id.startsWith('p3')) expect(testCase.id.slice(3, 5), testCase.id).toBe(testCase.doc!.slice(0, 2));
      expect(fit, testCase.id).toBe(true);
    }
  });

  it('holds every must string in its document, or as a verdict, or as area × quoted rate', () => {
    const missing: string[] = [];
    for (const testCase of cases) {
      const text = documentText(prefixOf(testCase.id), testCase.doc!);
      const area = given.get(testCase.id) ?? Number(/(\d+(?:\.\d+)?)(?:亩|畝|吨|公斤)/.exec(testCase.q)?.[1]);
      const rates = (testCase.must ?? []).map((must) => /^(\d+(?:\.\d+)?)元$/.exec(must)?.[1]).filter(Boolean).map(Number);
      const shares = (testCase.must ?? []).map((must) => /^(\d+(?:\.\d+)?)%$/.exec(must)?.[1]).filter(Boolean).map((share) => Number(share) / 100);
      // a total may carry the bound of its rate (至少1600元, 最多3200元); an area may be a quoted share of the stated one
      const isTotal = (must: string) => {
        const total = Number(/^(?:至少|最多)?(\d+(?:\.\d+)?)元$/.exec(must)?.[1]);
        const part = Number(/^(\d+(?:\.\d+)?)亩$/.exec(must)?.[1]);
        return rates.some((rate) => Math.abs(rate * area - total) < 0.005 && rate !== total) || shares.some((share) => Math.abs(share * area - part) < 0.005);
      };
      // 「按60%」: the figure the user's 「六成以上」 is taken as, itself in the document
      const holds = (must: string) =>
        must.split('|').some((alternative) => text.includes(comparable(alternative.replace(/^按(?=\d)/, ''))) || /^不?符合$/.test(alternative) || isTotal(alternative));
      for (const must of testCase.must ?? []) if (!holds(must)) missing.push(`${testCase.id}: ${must}`);
      if (testCase.must_any?.length && !testCase.must_any.some(holds)) missing.push(`${testCase.id}: any of ${testCase.must_any.join(', ')}`);
    }
    expect(missing).toEqual([]);
  });
});
