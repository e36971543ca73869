import { describe, expect, it } from 'vitest';
import { loadForms } from '../../src/forms/load-forms.ts';
import { formDefinitionSchema } from '../../src/forms/form-schema.ts';
import { createFormCatalog } from '../../src/forms/load-forms.ts';
import { loadUnits } from '../../src/units/load-units.ts';
import { formatBeijing } from '../../src/calendar/beijing-time.ts';
import { currentPeriod, deadlineOf, isFuturePeriod } from '../../src/reporting/deadlines.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWLEDGE } from '../forms/form-harness.ts';

const units = loadUnits(KNOWLEDGE);
const forms = loadForms(KNOWLEDGE);
const bimonthly = forms.get('fujian-2026-acid-bimonthly')!;

describe('deadlines as data', () => {
  it('every form with a deadline cites a clause whose quote is in the document', () => {
    for (const form of forms.list()) {
      if (!form.deadline) continue;
      const text = readFileSync(join(KNOWLEDGE, 'docs', form.deadline.source.doc), 'utf8').replace(/\s+/g, '');
      expect(text).toContain(form.deadline.source.quote!.replace(/\s+/g, ''));
    }
    expect(bimonthly.deadline).toBeDefined();
  });

  it('a bimonthly period is due on the 25th of its second month, Beijing time, the whole day included', () => {
    const due = deadlineOf(bimonthly, '2026-05/06', '宁化县', units)!;
    expect(formatBeijing(due.dueDay)).toBe('2026-06-25 00:00');
    expect(formatBeijing(due.dueEnd)).toBe('2026-06-26 00:00');
    expect(due.basis).toContain('没有写报送日');
  });

  it('a county override in the data replaces the day for that county and its townships only', () => {
    const raw = JSON.parse(readFileSync(join(KNOWLEDGE, 'forms', 'fujian-2026-acid-bimonthly.json'), 'utf8'));
    raw.deadline.overrides = [{ unit: '宁化', month: 'next', day: 5, source: { doc: 'ninghua-notice.txt', title: '宁化县调度通知', section: '二' } }];
    const form = createFormCatalog([formDefinitionSchema.parse(raw)]).get(raw.id)!;
    const ninghua = deadlineOf(form, '2026-05/06', '宁化县', units)!;
    expect(formatBeijing(ninghua.dueDay)).toBe('2026-07-05 00:00');
    expect(ninghua.overriddenBy).toBe('宁化');
    expect(ninghua.source.title).toBe('宁化县调度通知');
    expect(formatBeijing(deadlineOf(form, '2026-05/06', '长汀县', units)!.dueDay)).toBe('2026-06-25 00:00');
  });

  it('knows the current and the future periods from the (injected) clock', () => {
    expect(currentPeriod(bimonthly, new Date('2026-06-20T02:00:00Z'), units)).toBe('2026-05/06');
    // After the 25th of June the 5-6 period is past due; 7-8 has not begun until July 1st Beijing time.
    expect(currentPeriod(bimonthly, new Date('2026-06-27T02:00:00Z'), units)).toBe('2026-05/06');
    expect(currentPeriod(bimonthly, new Date('2026-06-30T16:30:00Z'), units)).toBe('2026-07/08');
    expect(isFuturePeriod('2026-09/10', new Date('2026-06-20T02:00:00Z'))).toBe(true);
    expect(isFuturePeriod('2026-05/06', new Date('2026-06-20T02:00:00Z'))).toBe(false);
  });
});
