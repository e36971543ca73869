import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvalFile, runEval } from '../../../src/bench/eval-runner.ts';
import { convertFolder, type PrintFormat } from '../../../src/bench/fixtures/convert-corpus.ts';
import { createKnowledgeBase } from '../../../src/knowledge/knowledge-base.ts';
import type { KnowledgeBase } from '../../../src/knowledge/types.ts';
import { openMemoryDatabase } from '../../../src/database/database.ts';
import { REPO_KNOWLEDGE } from '../corpus-fixture.ts';

const REPO = join(REPO_KNOWLEDGE, '..');
const SETS = ['dev-qa', 'held-out-2'];
const FORMATS: PrintFormat[] = ['txt', 'pdf', 'docx'];

let root: string;
const bases = new Map<PrintFormat, KnowledgeBase>();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'gengbao-printed-'));
  for (const format of FORMATS) {
    await convertFolder(join(REPO_KNOWLEDGE, 'docs'), join(root, format, 'docs'), format);
    const knowledge = createKnowledgeBase({ knowledgeDir: join(root, format), db: openMemoryDatabase() });
    const report = knowledge.ensureIndexed();
    expect(report.failed).toEqual([]);
    expect(report.indexed).toHaveLength(5);
    bases.set(format, knowledge);
  }
}, 600_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the starting documents printed as PDF and DOCX answer like their text copies', () => {
  for (const set of SETS) {
    it(`${set}: within 5 points of the text copies and at least 85%`, () => {
      const { cases } = readEvalFile(join(REPO, 'eval', `${set}.jsonl`));
      const rate = (format: PrintFormat) => {
        const { summary } = runEval(cases, (question) => bases.get(format)!.answer(question));
        return (summary.mustPassed + summary.declined) / (summary.mustTotal + summary.declineTotal);
      };
      const text = rate('txt');
      for (const format of ['pdf', 'docx'] as const) {
        const printed = rate(format);
        expect.soft(printed, format).toBeGreaterThanOrEqual(0.85);
        expect.soft(printed, format).toBeGreaterThanOrEqual(text - 0.05);
      }
    });
  }
});
