import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeRecords, readFilingFile, runFilingEval } from '../../src/bench/filing-eval.ts';
import type { RecordVersion } from '../../src/records/types.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const floors = JSON.parse(readFileSync(join(ROOT, 'eval', 'filing', 'floor.json'), 'utf8')) as { sets: { name: string; file: string; floor: { passed: number } }[] };

function saved(data: Record<string, unknown>, overrides: Partial<RecordVersion> = {}): RecordVersion {
  return {
    recordId: 'RTEST0001', version: 1, formId: 'f', unit: '三面船镇', period: '2022-05', data,
    verdicts: [], confirmedWarnings: [], author: { userKey: 'web:a', channel: 'web' }, createdAt: '2022-06-03T02:00:00Z', ...overrides,
  };
}

describe('filing eval judge', () => {
  const want = { form: 'f', unit: '三面船镇', period: '2022-05', data: { area: 1200, note: null, kinds: ['a', 'b'] } };

  it('passes the record it expects and fails a wrong value, a missing record and an extra one', () => {
    expect(judgeRecords([want], [saved({ area: 1200, kinds: ['b', 'a'] })])).toEqual([]);
    expect(judgeRecords([want], [saved({ area: 1300, kinds: ['a', 'b'] })])[0]).toContain('area 应为 1200，实际 1300');
    expect(judgeRecords([want], [saved({ area: 1200, kinds: ['a', 'b'], note: '没有' })])[0]).toContain('note 应为 null');
    expect(judgeRecords([want], [])[0]).toContain('没有保存');
    expect(judgeRecords([], [saved({ area: 1 })])[0]).toContain('多保存了一条记录');
    expect(judgeRecords([want], [saved({ area: 1200, kinds: ['a', 'b'] }, { period: '2022-06' })])[0]).toContain('期次应为 2022-05');
  });

  it('reads every conversation of every set', () => {
    for (const set of floors.sets) {
      const { conversations, errors } = readFilingFile(join(ROOT, 'eval', 'filing', set.file));
      expect(conversations.length, set.name).toBeGreaterThanOrEqual(30);
      expect(errors, set.name).toEqual([]);
    }
  });
});

describe('filing eval floors (eval/filing/floor.json)', () => {
  for (const set of floors.sets) {
    it(`${set.name}: at least ${set.floor.passed} conversations leave the expected records`, { timeout: 600_000 }, async () => {
      const { conversations } = readFilingFile(join(ROOT, 'eval', 'filing', set.file));
      expect(set.floor.passed).toBeLessThanOrEqual(conversations.length);
      const { results, summary } = await runFilingEval(conversations, { knowledgeDir: join(ROOT, 'knowledge') });
      const failed = results.filter((result) => !result.pass).map((result) => `${result.id}: ${result.problems.join('；')}`);
      expect(summary.passed, failed.join('\n')).toBeGreaterThanOrEqual(set.floor.passed);
    });
  }
});
