import { describe, expect, it } from 'vitest';
import { RecordStoreError } from '../../src/records/record-store.ts';
import { describeEachEngine } from '../support/store-engines.ts';
import type { SaveRequest } from '../../src/records/types.ts';

function clock(start = '2026-05-20T02:00:00Z') {
  let time = new Date(start).getTime();
  return () => new Date((time += 1000));
}

function request(overrides: Partial<SaveRequest> = {}): SaveRequest {
  return {
    formId: 'tillage-progress',
    unit: '三面船镇',
    period: '2026-05/06',
    data: { area: 1.5 },
    verdicts: [{ rule: 'area-max', status: 'pass' }],
    confirmedWarnings: [],
    author: { userKey: 'telegram:1', channel: 'telegram', displayName: '张三' },
    submissionKey: 'k1',
    ...overrides,
  };
}

describeEachEngine('record store', (engine) => {
  it('gives a new record an id and version 1 with who, when and channel', async () => {
    const store = (await engine.open({ now: clock() })).records;
    const result = await store.save(request());
    expect(result).toMatchObject({ ok: true, duplicate: false });
    if (!result.ok) throw new Error('expected ok');
    expect(result.record).toMatchObject({
      recordId: expect.stringMatching(/^R[2-9A-HJKMNP-Z]{8}$/),
      version: 1,
      unit: '三面船镇',
      period: '2026-05/06',
      data: { area: 1.5 },
      verdicts: [{ rule: 'area-max', status: 'pass' }],
      author: { userKey: 'telegram:1', channel: 'telegram', displayName: '张三' },
      createdAt: '2026-05-20T02:00:01.000Z',
    });
    const second = await store.save(request({ submissionKey: 'k2', unit: '吉祥街道' }));
    expect(second.ok && second.record.recordId).toMatch(/^R[2-9A-HJKMNP-Z]{8}$/);
    expect(second.ok && second.record.recordId).not.toBe(result.record.recordId);
  });

  it('ids reveal no date or sequence: 200 records on one day share no common stem', async () => {
    const store = (await engine.open({ now: clock() })).records;
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const saved = await store.save(request({ submissionKey: `k${i}` }));
      if (saved.ok) ids.push(saved.record.recordId);
    }
    expect(new Set(ids).size).toBe(200);
    expect(ids.some((id) => id.includes('20260520'))).toBe(false);
    expect(new Set(ids.map((id) => id.slice(0, 3))).size).toBeGreaterThan(100);
  });

  it('a record saved under the old dated id stays readable and correctable', async () => {
    const opened = await engine.open({ now: clock() });
    const store = opened.records;
    await opened.exec(
      `INSERT INTO record_versions (record_id, version, form_id, unit, period, data, verdicts, confirmed_warnings,
         author_key, author_channel, author_name, submission_key, created_at)
       VALUES ('R20250101-0003', 1, 'tillage-progress', '三面船镇', '2026-05/06', '{"area":1.2}', '[]', '[]', 'telegram:1', 'telegram', NULL, 'old', '2025-01-01T00:00:00.000Z')`,
    );
    expect(await store.get('R20250101-0003')).toMatchObject({ version: 1, data: { area: 1.2 } });
    const corrected = await store.save(request({ recordId: 'R20250101-0003', baseVersion: 1, data: { area: 1.4 }, submissionKey: 'new' }));
    expect(corrected).toMatchObject({ ok: true, record: { recordId: 'R20250101-0003', version: 2 } });
  });

  it('appends a correction as a new version and keeps the old one', async () => {
    const store = (await engine.open({ now: clock() })).records;
    const first = await store.save(request());
    if (!first.ok) throw new Error('expected ok');
    const correction = await store.save(
      request({
        recordId: first.record.recordId,
        baseVersion: 1,
        data: { area: 1.8 },
        confirmedWarnings: ['area-high'],
        author: { userKey: 'feishu:ou_2', channel: 'feishu' },
        submissionKey: 'k2',
      }),
    );
    expect(correction).toMatchObject({ ok: true, duplicate: false, record: { version: 2, data: { area: 1.8 } } });
    const history = await store.history(first.record.recordId);
    expect(history.map((v) => [v.version, v.data.area, v.author.channel])).toEqual([
      [2, 1.8, 'feishu'],
      [1, 1.5, 'telegram'],
    ]);
    expect((await store.get(first.record.recordId))?.version).toBe(2);
    expect(await store.latest('tillage-progress')).toHaveLength(1);
    expect(await store.allVersions('tillage-progress')).toHaveLength(2);
  });

  it('saves once when the same confirmation is pressed twice', async () => {
    const store = (await engine.open({ now: clock() })).records;
    const first = await store.save(request({ submissionKey: 'confirm-abc' }));
    const again = await store.save(request({ submissionKey: 'confirm-abc' }));
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(again).toMatchObject({ ok: true, duplicate: true });
    if (!first.ok || !again.ok) throw new Error('expected ok');
    expect(again.record).toEqual(first.record);
    expect(await store.allVersions('tillage-progress')).toHaveLength(1);
  });

  it('a repeated correction is a duplicate, not a conflict', async () => {
    const store = (await engine.open({ now: clock() })).records;
    const first = await store.save(request());
    if (!first.ok) throw new Error('expected ok');
    const correct = request({ recordId: first.record.recordId, baseVersion: 1, submissionKey: 'fix' });
    expect(await store.save(correct)).toMatchObject({ ok: true, duplicate: false, record: { version: 2 } });
    expect(await store.save(correct)).toMatchObject({ ok: true, duplicate: true, record: { version: 2 } });
  });

  it('refuses a correction based on a version someone else already replaced', async () => {
    const store = (await engine.open({ now: clock() })).records;
    const first = await store.save(request());
    if (!first.ok) throw new Error('expected ok');
    const recordId = first.record.recordId;
    await store.save(request({ recordId, baseVersion: 1, data: { area: 2 }, submissionKey: 'a' }));
    const late = await store.save(
      request({ recordId, baseVersion: 1, data: { area: 3 }, submissionKey: 'b', author: { userKey: 'web:x', channel: 'web' } }),
    );
    expect(late).toMatchObject({ ok: false, reason: 'conflict', latest: { version: 2, data: { area: 2 } } });
    expect(await store.history(recordId)).toHaveLength(2);
  });

  it('baseVersion 0 refuses a second new record for the same form, unit and period', async () => {
    const store = (await engine.open({ now: clock() })).records;
    await store.save(request({ baseVersion: 0, submissionKey: 'a' }));
    expect(await store.save(request({ baseVersion: 0, submissionKey: 'b' }))).toMatchObject({ ok: false, reason: 'conflict' });
    expect(await store.save(request({ baseVersion: 0, submissionKey: 'c', period: '2026-07/08' }))).toMatchObject({ ok: true });
    expect(await store.save(request({ submissionKey: 'd' }))).toMatchObject({ ok: true }); // no baseVersion: allowed
  });

  it('filters latest versions by unit, units and period, newest first', async () => {
    const store = (await engine.open({ now: clock() })).records;
    await store.save(request({ unit: '三面船镇', submissionKey: '1' }));
    await store.save(request({ unit: '吉祥街道', submissionKey: '2' }));
    await store.save(request({ unit: '叶茂台镇', period: '2026-07/08', submissionKey: '3' }));
    await store.save(request({ formId: 'other', submissionKey: '4' }));
    expect((await store.latest('tillage-progress')).map((r) => r.unit)).toEqual(['叶茂台镇', '吉祥街道', '三面船镇']);
    expect((await store.latest('tillage-progress', { unit: '吉祥街道' })).map((r) => r.unit)).toEqual(['吉祥街道']);
    expect((await store.latest('tillage-progress', { units: ['三面船镇', '叶茂台镇'] })).map((r) => r.unit)).toEqual(['叶茂台镇', '三面船镇']);
    expect(await store.latest('tillage-progress', { units: [] })).toEqual([]);
    expect(await store.latest('tillage-progress', { period: '2026-05/06' })).toHaveLength(2);
    expect(await store.formIds()).toEqual(['other', 'tillage-progress']);
  });

  it('never updates or deletes a saved version', async () => {
    const opened = await engine.open({ now: clock() });
    await opened.records.save(request());
    await expect(opened.exec("UPDATE record_versions SET unit = 'x'")).rejects.toThrow(/append-only/);
    await expect(opened.exec('DELETE FROM record_versions')).rejects.toThrow(/append-only/);
    expect(await opened.records.allVersions('tillage-progress')).toHaveLength(1);
  });

  it('rejects a correction of an unknown record or of another form', async () => {
    const store = (await engine.open({ now: clock() })).records;
    await expect(store.save(request({ recordId: 'R20000101-0001' }))).rejects.toThrow(RecordStoreError);
    const first = await store.save(request());
    if (!first.ok) throw new Error('expected ok');
    await expect(store.save(request({ recordId: first.record.recordId, formId: 'other', submissionKey: 'z' }))).rejects.toThrow(
      RecordStoreError,
    );
  });
});

describeEachEngine('record store under concurrent saving', (engine) => {
  it('twenty first filings of one unit and period at once: one saved, nineteen told of the conflict', async () => {
    const store = (await engine.open({ now: clock() })).records;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) => store.save(request({ baseVersion: 0, submissionKey: `first-${n}`, author: { userKey: `web:${n}`, channel: 'web' } }))),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.reason === 'conflict')).toHaveLength(19);
    expect(await store.allVersions('tillage-progress')).toHaveLength(1);
  });

  it('twenty units filing at once get twenty distinct record ids; the same confirmation twice at once saves once', async () => {
    const store = (await engine.open({ now: clock() })).records;
    const results = await Promise.all([
      ...Array.from({ length: 20 }, (_, n) => store.save(request({ unit: `单位${n}`, baseVersion: 0, submissionKey: `unit-${n}` }))),
      store.save(request({ unit: '单位0', baseVersion: 0, submissionKey: 'unit-0' })),
    ]);
    expect(results.every((result) => result.ok)).toBe(true);
    const ids = new Set(results.map((result) => result.ok && result.record.recordId));
    expect(ids.size).toBe(20);
    expect(results.filter((result) => result.ok && result.duplicate)).toHaveLength(1);
    expect(await store.latest('tillage-progress')).toHaveLength(20);
  });
});
