import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { beforeAll, expect, it } from 'vitest';
import { readEvalFile, type EvalCase } from '../../src/bench/eval-runner.ts';
import { REPO_ROOT } from '../../src/bench/eval-sets.ts';
import { READERS } from '../../src/knowledge/readers/formats.ts';
import { withoutHtmlComments } from '../../src/knowledge/read-for-index.ts';

/**
 * What the eval-set tests share: a document read as the judge reads it (the product's readers for Word/PDF/HTML with
 * no LibreOffice or OCR, traditional → simplified, pinyin annotations removed, NFKC, no white space), and the
 * near-copy check of a new set's questions against the older sets. The pinyin pattern is the test's own, not the
 * product's, so a set's check does not lean on the code it measures.
 */
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' }) as (text: string) => string;
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü';
const PINYIN = new RegExp(`(?<=[\\u3400-\\u9fff])[(（][a-z${TONED}]{1,6}[)）]`, 'g');

export const comparable = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');
export const asJudged = (text: string) => comparable(toSimplified(text.replace(PINYIN, '')));

/** A document's text as the product's readers return it (text files as written, without HTML comments). */
export async function readWithProductReaders(path: string): Promise<string> {
  const bytes = readFileSync(path);
  const reader = READERS[extname(path).toLowerCase()];
  if (!reader) return withoutHtmlComments(bytes.toString('utf8'));
  const outcome = await reader(new Uint8Array(bytes), { fileName: path, tools: { chiSim: false }, timeoutMs: 60_000 });
  if (!outcome.ok) throw new Error(`${path}: ${outcome.reason}`);
  return outcome.text;
}

/** Character pairs of a question without punctuation. */
function pairs(question: string): Set<string> {
  const text = comparable(question).replace(/[？?，,。.！!、]/g, '');
  return new Set(Array.from({ length: Math.max(0, text.length - 1) }, (_, index) => text.slice(index, index + 2)));
}
const likeness = (a: Set<string>, b: Set<string>) => [...a].filter((pair) => b.has(pair)).length / new Set([...a, ...b]).size;

/** `id ~ older id` for every question of `cases` this alike to a question of the older sets (eval/<name>.jsonl). */
export function nearCopies(cases: EvalCase[], olderSets: string[], threshold: number): string[] {
  const older = olderSets
    .flatMap((name) => readEvalFile(join(REPO_ROOT, 'eval', `${name}.jsonl`)).cases)
    .map((testCase) => ({ id: testCase.id, pairs: pairs(testCase.q) }));
  const copies: string[] = [];
  for (const testCase of cases) {
    const mine = pairs(testCase.q);
    for (const other of older) if (likeness(mine, other.pairs) >= threshold) copies.push(`${testCase.id} ~ ${other.id}`);
  }
  return copies;
}

export type FittingFolders = Record<string, { folder: string; fitting: (number: number) => boolean }>;

/**
 * The checks of a set written only on fitting-half documents, ids `<prefix><document number>…`: every line read, each
 * id once, each on a fitting document of its prefix's folder; every must string's first spelling in its document as
 * the judge reads it, a further spelling (`a|b`) as written (for the peer); no near-copy of an older set's question.
 * Call inside a describe; returns the set's cases for the set's own checks.
 */
export function fittingSetChecks(file: string, folders: FittingFolders, olderSets: string[]): EvalCase[] {
  const { cases, errors } = readEvalFile(join(REPO_ROOT, 'eval', file));
  const texts = new Map<string, { raw: string; judged: string }>();
  const prefixLength = Object.keys(folders)[0].length;
  const where = (id: string) => folders[id.slice(0, prefixLength)];
  beforeAll(async () => {
    for (const testCase of cases) {
      const place = where(testCase.id);
      if (!place || !testCase.doc || texts.has(testCase.doc)) continue;
      const text = await readWithProductReaders(join(REPO_ROOT, place.folder, testCase.doc));
      texts.set(testCase.doc, { raw: comparable(text), judged: asJudged(text) });
    }
  }, 60_000);

  it('reads every line, each id once, each on a fitting-half document of its folder', () => {
    expect(errors).toEqual([]);
    expect(new Set(cases.map((testCase) => testCase.id)).size).toBe(cases.length);
    for (const testCase of cases) {
      const place = where(testCase.id);
      expect(place, testCase.id).toBeDefined();
      expect(readdirSync(join(REPO_ROOT, place.folder)), testCase.id).toContain(testCase.doc);
      const number = Number(testCase.doc!.slice(0, 2));
      expect(place.fitting(number), `${testCase.id} is on a validation document`).toBe(true);
      expect(testCase.id.slice(prefixLength, prefixLength + 2), testCase.id).toBe(testCase.doc!.slice(0, 2));
    }
  });

  it('holds every must string in its document as the judge reads it', () => {
    const missing: string[] = [];
    for (const testCase of cases) {
      const { raw, judged } = texts.get(testCase.doc!)!;
      for (const must of testCase.must ?? []) {
        const [first, ...others] = must.split('|');
        if (!judged.includes(comparable(first))) missing.push(`${testCase.id}: ${first}`);
        for (const other of others) if (!raw.includes(comparable(other))) missing.push(`${testCase.id}: ${other} (as written)`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('copies no question of the older sets on these documents', () => {
    expect(nearCopies(cases, olderSets, 0.55)).toEqual([]);
  });
  return cases;
}
