import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvalFile } from '../../src/bench/eval-runner.ts';
import { REPO_ROOT } from '../../src/bench/eval-sets.ts';
import { asJudged, comparable } from './eval-set-documents.ts';

/**
 * The county-docs eval set (eval/county-docs.jsonl over eval/county-docs/docs): every must string is
 * in its document as the judge compares (NFKC, no white space), after the document is read as the
 * engine must read it (traditional → simplified, pinyin annotations removed). Ids: za… on the odd
 * documents (fitting half), zb… on the even ones (validation half).
 */
const folder = join(REPO_ROOT, 'eval', 'county-docs', 'docs');

function documentText(name: string): string {
  return asJudged(readFileSync(join(folder, name), 'utf8'));
}

describe('eval/county-docs.jsonl', () => {
  const { cases, errors } = readEvalFile(join(REPO_ROOT, 'eval', 'county-docs.jsonl'));
  const names = readdirSync(folder).filter((name) => name.endsWith('.md')).sort();

  it('reads every line and names a document of the folder on each', () => {
    expect(errors).toEqual([]);
    for (const testCase of cases) expect(names, testCase.id).toContain(testCase.doc);
  });

  it('puts odd documents in the za half and even ones in the zb half', () => {
    for (const testCase of cases) {
      const number = Number(testCase.doc!.slice(0, 2));
      expect(testCase.id.slice(0, 2), testCase.id).toBe(number % 2 ? 'za' : 'zb');
    }
  });

  it('holds every must string in its document', () => {
    const missing: string[] = [];
    for (const testCase of cases) {
      const text = documentText(testCase.doc!);
      const holds = (must: string) => must.split('|').some((alternative) => text.includes(comparable(alternative)));
      for (const must of testCase.must ?? []) if (!holds(must)) missing.push(`${testCase.id}: ${must}`);
      if (testCase.must_any?.length && !testCase.must_any.some(holds)) missing.push(`${testCase.id}: any of ${testCase.must_any.join(', ')}`);
    }
    expect(missing).toEqual([]);
  });

  it('asks answerable and no-answer questions on every document, each 2–8k characters', () => {
    for (const name of names) {
      const mine = cases.filter((testCase) => testCase.doc === name);
      expect(mine.filter((testCase) => testCase.expect !== 'no_answer').length, name).toBeGreaterThanOrEqual(10);
      expect(mine.filter((testCase) => testCase.expect === 'no_answer').length, name).toBeGreaterThanOrEqual(1);
      const length = readFileSync(join(folder, name), 'utf8').length;
      expect(length, name).toBeGreaterThanOrEqual(2000);
      expect(length, name).toBeLessThanOrEqual(8000);
    }
  });
});
