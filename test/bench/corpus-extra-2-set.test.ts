import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvalFile } from '../../src/bench/eval-runner.ts';
import { REPO_ROOT } from '../../src/bench/eval-sets.ts';
import { asJudged as judgedText, comparable, nearCopies } from './eval-set-documents.ts';

/**
 * The corpus-extra-2 eval set (eval/corpus-extra-2.jsonl): new questions on the 16 real documents of
 * eval/corpus-extra/docs, written from the texts before any engine run. Every must string's first
 * spelling is in its document as the judge compares (traditional → simplified, pinyin annotations
 * removed, NFKC, no white space); a further spelling (`a|b`) is the same span as the reprint writes it.
 * Ids: ex… on documents 01–08 (fitting half, as x…), ey… on 09–16 (validation half, as y…).
 */
const folder = join(REPO_ROOT, 'eval', 'corpus-extra', 'docs');
const raw = (name: string) => readFileSync(join(folder, name), 'utf8');
const asJudged = (name: string) => judgedText(raw(name));

describe('eval/corpus-extra-2.jsonl', () => {
  const { cases, errors } = readEvalFile(join(REPO_ROOT, 'eval', 'corpus-extra-2.jsonl'));
  const names = readdirSync(folder).filter((name) => name.endsWith('.md')).sort();

  it('reads every line, each id once, each naming a document of the folder', () => {
    expect(errors).toEqual([]);
    expect(new Set(cases.map((testCase) => testCase.id)).size).toBe(cases.length);
    for (const testCase of cases) expect(names, testCase.id).toContain(testCase.doc);
  });

  it('puts documents 01–08 in the ex half and 09–16 in the ey half (the x/y split of corpus-extra-qa)', () => {
    for (const testCase of cases) {
      const number = Number(testCase.doc!.slice(0, 2));
      expect(testCase.id.slice(0, 2), testCase.id).toBe(number <= 8 ? 'ex' : 'ey');
      expect(testCase.id.slice(2, 4), testCase.id).toBe(testCase.doc!.slice(0, 2));
    }
  });

  it('holds every must string in its document as the judge reads it', () => {
    const missing: string[] = [];
    for (const testCase of cases) {
      const judged = asJudged(testCase.doc!);
      const written = comparable(raw(testCase.doc!));
      for (const must of testCase.must ?? []) {
        const [first, ...others] = must.split('|');
        if (!judged.includes(comparable(first))) missing.push(`${testCase.id}: ${first}`);
        for (const other of others) if (!written.includes(comparable(other))) missing.push(`${testCase.id}: ${other} (as written)`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('asks at least 5 answerable and 2 no-answer questions on every document', () => {
    for (const name of names) {
      const mine = cases.filter((testCase) => testCase.doc === name);
      expect(mine.filter((testCase) => testCase.expect !== 'no_answer' && testCase.must?.length).length, name).toBeGreaterThanOrEqual(5);
      expect(mine.filter((testCase) => testCase.expect === 'no_answer').length, name).toBeGreaterThanOrEqual(2);
    }
  });

  it('copies no question of the older sets on these documents', () => {
    expect(nearCopies(cases, ['corpus-extra-qa', 'own-corpus-extra', 'placement', 'placement-2'], 0.65)).toEqual([]);
  });
});
