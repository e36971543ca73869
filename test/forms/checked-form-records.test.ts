import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../src/forms/form-checks.ts';
import { loadForms } from '../../src/forms/load-forms.ts';
import { createSqliteRecordStore } from '../../src/records/record-store.ts';
import { loadRuleSets } from '../../src/rules/load-rule-sets.ts';
import { openMemoryDatabase } from '../../src/database/database.ts';
import { loadUnits } from '../../src/units/load-units.ts';
import { KNOWLEDGE } from './form-harness.ts';

describe('a form checked without a record store (records: null)', () => {
  const form = loadForms(KNOWLEDGE).get('fujian-2026-acid-bimonthly')!;
  const rules = loadRuleSets(KNOWLEDGE);
  const units = loadUnits(KNOWLEDGE);
  const values = { county: '宁化县', period: '2026-05/06', periodArea: 2000, cumulativeArea: 5000, samplesBefore: 10, samplesAfter: 0, fieldTrials: 1, demoFields: 1, demoFieldsLarge: 0 };

  it('reads no earlier reports: the same verdicts as over an empty store, for a form whose rules compare with the previous period', async () => {
    expect(form.rules.some((link) => link.previous)).toBe(true);
    const request = { form, values, today: '2026-06-20' };
    const empty = await checkDraft(request, { rules, units, records: createSqliteRecordStore(openMemoryDatabase()) });
    const none = await checkDraft(request, { rules, units, records: null });
    expect(none).toEqual(empty);
    expect(none.verdicts.length).toBeGreaterThan(0);
  });
});
