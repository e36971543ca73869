import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRuleSets } from '../../src/rules/index.ts';

const registry = loadRuleSets('knowledge');

describe('checking arbitrary records', () => {
  it.each(registry.list().map((info) => [info.id, info] as const))('%s: never throws; every verdict has a message and a source', (id, info) => {
    const keys = info.fields.map((field) => field.key);
    const value = fc.oneof(fc.anything(), fc.double(), fc.integer({ min: -1e10, max: 1e10 }), fc.string({ maxLength: 8 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), value), (record) => {
        const result = registry.check(id, record, { today: '2026-01-01', previous: {}, existing: [record], totals: {} });
        expect(result.ok).toBe(result.verdicts.every((verdict) => verdict.level !== 'fail'));
        for (const verdict of result.verdicts) {
          expect(verdict.message).toMatch(/[\u4e00-\u9fa5]/);
          expect(verdict.source.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });
});
