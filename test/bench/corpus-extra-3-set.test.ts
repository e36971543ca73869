import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEvalFile } from '../../src/bench/eval-runner.ts';
import { REPO_ROOT } from '../../src/bench/eval-sets.ts';
import { READERS } from '../../src/knowledge/readers/formats.ts';
import { withoutHtmlComments } from '../../src/knowledge/read-for-index.ts';

/**
 * The corpus-extra-3 eval set (eval/corpus-extra-3.jsonl): new fitting questions asking facts no older set asks
 * (deadlines, who does what, materials, percentages inside long paragraphs, table rows, a clause next to a
 * similar clause), written before any engine run and only on FITTING-half documents: rfe… on corpus-extra
 * 01–08, rfa… on the odd county-docs documents, rfc… on the odd county-docs-2 documents. Every must string's first spelling is in its document as the judge reads
 * it (product readers for Word/PDF/HTML, traditional → simplified, pinyin annotations removed, NFKC, no white
 * space); a further spelling (`a|b`) is the same span as a text reprint writes it (for the peer).
 */
const FOLDERS: Record<string, { folder: string; fitting: (number: number) => boolean }> = {
  rfe: { folder: 'eval/corpus-extra/docs', fitting: (number) => number >= 1 && number <= 8 },
  rfa: { folder: 'eval/county-docs/docs', fitting: (number) => number % 2 === 1 && number < 90 },
  rfc: { folder: 'eval/county-docs-2/docs', fitting: (number) => number % 2 === 1 },
};
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' }) as (text: string) => string;
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü';
const PINYIN = new RegExp(`(?<=[\\u3400-\\u9fff])[(（][a-z${TONED}]{1,6}[)）]`, 'g');
const comparable = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

async function readDocument(folder: string, name: string): Promise<{ raw: string; judged: string }> {
  const bytes = readFileSync(join(REPO_ROOT, folder, name));
  const reader = READERS[extname(name).toLowerCase()];
  let raw: string;
  if (!reader) raw = withoutHtmlComments(bytes.toString('utf8'));
  else {
    const outcome = await reader(new Uint8Array(bytes), { fileName: name, tools: { chiSim: false }, timeoutMs: 60_000 });
    if (!outcome.ok) throw new Error(`${name}: ${outcome.reason}`);
    raw = outcome.text;
  }
  return { raw: comparable(raw), judged: comparable(toSimplified(raw.replace(PINYIN, ''))) };
}

/** Character pairs of a question without punctuation, to find near-copies of older questions. */
function pairs(question: string): Set<string> {
  const text = comparable(question).replace(/[？?，,。.！!、]/g, '');
  return new Set(Array.from({ length: Math.max(0, text.length - 1) }, (_, index) => text.slice(index, index + 2)));
}
const likeness = (a: Set<string>, b: Set<string>) => [...a].filter((pair) => b.has(pair)).length / new Set([...a, ...b]).size;

describe('eval/corpus-extra-3.jsonl', () => {
  const { cases, errors } = readEvalFile(join(REPO_ROOT, 'eval', 'corpus-extra-3.jsonl'));
  const texts = new Map<string, { raw: string; judged: string }>();
  const where = (id: string) => FOLDERS[id.slice(0, 3)];
  beforeAll(async () => {
    for (const testCase of cases) {
      const place = where(testCase.id);
      if (!place || !testCase.doc || texts.has(testCase.doc)) continue;
      texts.set(testCase.doc, await readDocument(place.folder, testCase.doc));
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
      expect(testCase.id.slice(3, 5), testCase.id).toBe(testCase.doc!.slice(0, 2));
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

  it('has answerable questions and no-answer near misses on the county folders', () => {
    for (const prefix of ['rfa', 'rfc']) {
      const mine = cases.filter((testCase) => testCase.id.startsWith(prefix));
      expect(mine.filter((testCase) => testCase.must?.length).length, prefix).toBeGreaterThanOrEqual(30);
      expect(mine.filter((testCase) => testCase.expect === 'no_answer').length, prefix).toBeGreaterThanOrEqual(5);
    }
    expect(cases.filter((testCase) => testCase.expect === 'no_answer').length).toBeGreaterThanOrEqual(12);
  });

  it('copies no question of the older sets on these documents', () => {
    // The sets on these folders written before this one (a later set checks itself against this one).
    const older = ['corpus-extra-qa', 'own-corpus-extra', 'corpus-extra-2', 'multi-region', 'county-docs', 'county-docs-2', 'placement', 'placement-2', 'placement-3', 'colloquial-x']
      .map((name) => `${name}.jsonl`)
      .flatMap((file) => readEvalFile(join(REPO_ROOT, 'eval', file)).cases)
      .map((testCase) => ({ id: testCase.id, pairs: pairs(testCase.q) }));
    const copies: string[] = [];
    for (const testCase of cases) {
      const mine = pairs(testCase.q);
      for (const other of older) if (likeness(mine, other.pairs) >= 0.55) copies.push(`${testCase.id} ~ ${other.id}`);
    }
    expect(copies).toEqual([]);
  });
});
