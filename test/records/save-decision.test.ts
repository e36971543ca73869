import { describe, expect, it } from 'vitest';
import { decideSaveAsync, decideSaveSync, RecordStoreError, type SaveLookup } from '../../src/records/save-decision.ts';
import type { RecordVersion, SaveRequest } from '../../src/records/types.ts';

const request = (over: Partial<SaveRequest> = {}): SaveRequest => ({
  formId: 'f', unit: '三面船镇', period: '2026-05/06', data: {}, verdicts: [], confirmedWarnings: [],
  author: { userKey: 'web:a', channel: 'web' }, submissionKey: 'k1', ...over,
});
const version = (over: Partial<RecordVersion> = {}): RecordVersion => ({
  recordId: 'RAAAA0001', version: 2, formId: 'f', unit: '三面船镇', period: '2026-05/06', data: {}, verdicts: [], confirmedWarnings: [],
  author: { userKey: 'web:b', channel: 'web' }, createdAt: '2026-06-01T00:00:00.000Z', ...over,
});

/** Runs the decision with a table of look-ups and says which ones it asked for, in order. */
function decide(req: SaveRequest, found: Partial<Record<SaveLookup, RecordVersion>>) {
  const asked: SaveLookup[] = [];
  const decision = decideSaveSync(req, (lookup) => (asked.push(lookup), found[lookup]));
  return { decision, asked };
}

describe('the save decision both record stores share', () => {
  it('a repeated submission returns the first result and reads nothing else', () => {
    const first = version();
    expect(decide(request(), { submission: first })).toEqual({ decision: { result: { ok: true, record: first, duplicate: true } }, asked: ['submission'] });
  });

  it('a new record: version 1 with an id still to draw; started from nothing, a taken slot is a conflict', () => {
    expect(decide(request(), {})).toEqual({ decision: { append: { version: 1 } }, asked: ['submission'] });
    const holder = version();
    expect(decide(request({ baseVersion: 0 }), { slot: holder })).toEqual({ decision: { result: { ok: false, reason: 'conflict', latest: holder } }, asked: ['submission', 'slot'] });
    expect(decide(request({ baseVersion: 0 }), {}).decision).toEqual({ append: { version: 1 } });
  });

  it('a correction appends the next version, unless someone saved a newer one or it moves onto a held slot', () => {
    const current = version({ version: 2 });
    expect(decide(request({ recordId: 'RAAAA0001', baseVersion: 2 }), { record: current })).toEqual({ decision: { append: { recordId: 'RAAAA0001', version: 3 } }, asked: ['submission', 'record'] });
    expect(decide(request({ recordId: 'RAAAA0001', baseVersion: 1 }), { record: current }).decision).toEqual({ result: { ok: false, reason: 'conflict', latest: current } });
    const moving = request({ recordId: 'RAAAA0001', period: '2026-07/08', onePerSlot: true });
    const other = version({ recordId: 'RBBBB0002', period: '2026-07/08' });
    expect(decide(moving, { record: current, slot: other })).toEqual({ decision: { result: { ok: false, reason: 'slot-taken', latest: other } }, asked: ['submission', 'record', 'slot'] });
    expect(decide(moving, { record: current }).decision).toEqual({ append: { recordId: 'RAAAA0001', version: 3 } });
    // not moving: the slot is never read
    expect(decide(request({ recordId: 'RAAAA0001', onePerSlot: true }), { record: current }).asked).toEqual(['submission', 'record']);
  });

  it('an unknown record or another form is a programming error', () => {
    expect(() => decide(request({ recordId: 'RZZZZ9999' }), {})).toThrow(RecordStoreError);
    expect(() => decide(request({ recordId: 'RAAAA0001' }), { record: version({ formId: 'g' }) })).toThrow(/belongs to form g/);
  });

  it('decides the same with asynchronous look-ups', async () => {
    const current = version();
    expect(await decideSaveAsync(request({ recordId: 'RAAAA0001', baseVersion: 2 }), async (lookup) => (lookup === 'record' ? current : undefined))).toEqual({
      append: { recordId: 'RAAAA0001', version: 3 },
    });
  });
});
