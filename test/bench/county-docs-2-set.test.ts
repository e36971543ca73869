import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEvalFile } from '../../src/bench/eval-runner.ts';
import { REPO_ROOT } from '../../src/bench/eval-sets.ts';
import { asJudged, comparable, readWithProductReaders } from './eval-set-documents.ts';

/**
 * The county-docs-2 eval set (eval/county-docs-2.jsonl over eval/county-docs-2/docs: Word, PDF, web pages
 * and text files as counties send them). Every must string is in its document as the judge compares
 * (NFKC, no white space), after the document is read by the product's own readers with no LibreOffice or
 * OCR on the machine (mammoth for .docx, unpdf for .pdf, the HTML reader for .html) and traditional
 * characters are converted. Ids: zc… on the odd documents (fitting half), zd… on the even ones (validation).
 */
const folder = join(REPO_ROOT, 'eval', 'county-docs-2', 'docs');

describe('eval/county-docs-2.jsonl', () => {
  const { cases, errors } = readEvalFile(join(REPO_ROOT, 'eval', 'county-docs-2.jsonl'));
  const names = readdirSync(folder).sort();
  const texts = new Map<string, string>();
  beforeAll(async () => {
    for (const name of names) texts.set(name, await readWithProductReaders(join(folder, name)));
  }, 60_000);

  it('comes in the formats counties send: at least 2 each of .docx, .pdf and .html, the rest text', () => {
    const count = (extension: string) => names.filter((name) => extname(name) === extension).length;
    expect(count('.docx')).toBeGreaterThanOrEqual(2);
    expect(count('.pdf')).toBeGreaterThanOrEqual(2);
    expect(count('.html')).toBeGreaterThanOrEqual(2);
    expect(names.every((name) => ['.docx', '.pdf', '.html', '.txt', '.md'].includes(extname(name))), names.join(', ')).toBe(true);
  });

  it('reads every line and names a document of the folder on each', () => {
    expect(errors).toEqual([]);
    for (const testCase of cases) expect(names, testCase.id).toContain(testCase.doc);
  });

  it('puts odd documents in the zc half and even ones in the zd half', () => {
    for (const testCase of cases) {
      const number = Number(testCase.doc!.slice(0, 2));
      expect(testCase.id.slice(0, 2), testCase.id).toBe(number % 2 ? 'zc' : 'zd');
    }
  });

  it('holds every must string in its document as the readers return it', () => {
    const missing: string[] = [];
    for (const testCase of cases) {
      const text = asJudged(texts.get(testCase.doc!)!);
      const holds = (must: string) => must.split('|').some((alternative) => text.includes(comparable(alternative)));
      for (const must of testCase.must ?? []) if (!holds(must)) missing.push(`${testCase.id}: ${must}`);
      if (testCase.must_any?.length && !testCase.must_any.some(holds)) missing.push(`${testCase.id}: any of ${testCase.must_any.join(', ')}`);
    }
    expect(missing).toEqual([]);
  });

  it('asks answerable and no-answer questions on every document, each 2–8k characters of text', () => {
    for (const name of names) {
      const mine = cases.filter((testCase) => testCase.doc === name);
      expect(mine.filter((testCase) => testCase.expect !== 'no_answer').length, name).toBeGreaterThanOrEqual(10);
      expect(mine.filter((testCase) => testCase.expect === 'no_answer').length, name).toBeGreaterThanOrEqual(2);
      const length = texts.get(name)!.length;
      expect(length, name).toBeGreaterThanOrEqual(2000);
      expect(length, name).toBeLessThanOrEqual(8000);
    }
  });
});
