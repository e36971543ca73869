import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../src/core/types.ts';
import { openDatabase } from '../../src/database/database.ts';
import { sqliteMigrationStatus } from '../../src/database/migrations/migrate-sqlite.ts';
import { SQLITE_MIGRATIONS } from '../../src/database/migrations/sqlite-migrations.ts';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations.ts';
import { createSqliteRecordStore } from '../../src/records/record-store.ts';
import { describeEachEngine } from '../support/store-engines.ts';

const slot = { formId: 'tillage-progress', period: '2026-05/06', window: 'due', userKey: 'telegram:1' };

describeEachEngine('state stores', (engine) => {
  it('a session round-trips its activity as written (key order included) and its time', async () => {
    const { sessions } = await engine.open();
    expect(await sessions.load('web:new')).toEqual({ userKey: 'web:new', activity: null, updatedAt: '1970-01-01T00:00:00.000Z' });
    const activity = { skill: 'form', data: { z: 1, a: [1, '二'], m: { y: null, b: true } } } as unknown as Activity;
    await sessions.save({ userKey: 'web:a', activity, updatedAt: '2026-05-20T02:00:01.123Z' });
    const loaded = await sessions.load('web:a');
    expect(loaded).toEqual({ userKey: 'web:a', activity, updatedAt: '2026-05-20T02:00:01.123Z' });
    expect(JSON.stringify(loaded.activity)).toBe(JSON.stringify(activity));
    await sessions.save({ userKey: 'web:a', activity: null, updatedAt: '2026-05-20T02:00:02.000Z' });
    expect((await sessions.load('web:a')).activity).toBeNull();
  });

  it('a delivery id is new once, even when ten callers ask at the same moment', async () => {
    const { deliveries } = await engine.open();
    expect(await deliveries.firstTime('telegram:1')).toBe(true);
    expect(await deliveries.firstTime('telegram:1')).toBe(false);
    const answers = await Promise.all(Array.from({ length: 10 }, () => deliveries.firstTime('feishu:ev-1')));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('sessions and delivery ids older than the cutoff are purged, newer ones kept', async () => {
    let time = new Date('2026-05-01T00:00:00Z').getTime();
    const { sessions, deliveries } = await engine.open({ now: () => new Date(time) });
    await sessions.save({ userKey: 'web:old', activity: null, updatedAt: '2026-05-01T00:00:00.000Z' });
    await sessions.save({ userKey: 'web:new', activity: null, updatedAt: '2026-05-20T00:00:00.000Z' });
    await deliveries.firstTime('telegram:old');
    time = new Date('2026-05-20T00:00:00Z').getTime();
    await deliveries.firstTime('telegram:new');
    const cutoff = new Date('2026-05-10T00:00:00Z');
    expect(await sessions.purgeBefore(cutoff)).toBe(1);
    expect(await deliveries.purgeBefore(cutoff)).toBe(1);
    expect((await sessions.load('web:old')).updatedAt).toBe('1970-01-01T00:00:00.000Z');
    expect((await sessions.load('web:new')).updatedAt).toBe('2026-05-20T00:00:00.000Z');
    expect(await deliveries.firstTime('telegram:new')).toBe(false);
    expect(await deliveries.firstTime('telegram:old')).toBe(true);
  });

  it('display names are set, replaced and listed', async () => {
    const { names } = await engine.open();
    expect(await names.get('web:a')).toBeUndefined();
    await names.set('web:a', '张三');
    await names.set('web:b', '李四');
    await names.set('web:a', '张三丰');
    expect(await names.get('web:a')).toBe('张三丰');
    expect(Object.fromEntries(await names.all())).toEqual({ 'web:a': '张三丰', 'web:b': '李四' });
  });

  it('a reminder slot is claimed once (also by racing claimers), released for a retry; opt-outs are kept', async () => {
    const { reminders } = await engine.open();
    const at = new Date('2026-06-01T01:00:00Z');
    expect(await reminders.has(slot)).toBe(false);
    expect(await reminders.claim(slot, '三面船镇', at)).toBe(true);
    expect(await reminders.claim(slot, '三面船镇', at)).toBe(false);
    expect(await reminders.has(slot)).toBe(true);
    await reminders.release(slot);
    const racing = await Promise.all(Array.from({ length: 8 }, () => reminders.claim(slot, '三面船镇', at)));
    expect(racing.filter(Boolean)).toHaveLength(1);
    expect(await reminders.claim({ ...slot, window: 'before-3' }, '三面船镇', at)).toBe(true);
    expect(await reminders.optedOut('telegram:1')).toBe(false);
    await reminders.setOptOut('telegram:1', true, at);
    expect(await reminders.optedOut('telegram:1')).toBe(true);
    await reminders.setOptOut('telegram:1', false, at);
    expect(await reminders.optedOut('telegram:1')).toBe(false);
  });

  it('reports every migration applied and none pending', async () => {
    const stores = await engine.open();
    const status = await stores.migrationStatus();
    expect(status.engine).toBe(engine.name);
    expect(status.applied.map((m) => m.version)).toEqual((engine.name === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS).map((m) => m.version));
    expect(status.pending).toEqual([]);
    expect(status.applied[0].appliedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe('SQLite migrations', () => {
  it('take over a database file from before migrations: its rows stay, version 1 is recorded, reopening applies nothing', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gengbao-migrate-'));
    const old = new Database(join(dataDir, 'gengbao.db'));
    // What the record store created by itself before migrations existed.
    old.exec(`CREATE TABLE record_versions (
      record_id TEXT NOT NULL, version INTEGER NOT NULL CHECK (version >= 1), form_id TEXT NOT NULL, unit TEXT NOT NULL,
      period TEXT, data TEXT NOT NULL, verdicts TEXT NOT NULL, confirmed_warnings TEXT NOT NULL, author_key TEXT NOT NULL,
      author_channel TEXT NOT NULL, author_name TEXT, submission_key TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
      PRIMARY KEY (record_id, version));
      INSERT INTO record_versions VALUES ('R20260101-0001', 1, 'tillage-progress', '三面船镇', '2026-01/02', '{"area":2}', '[]', '[]',
        'telegram:1', 'telegram', NULL, 'k-old', '2026-01-01T00:00:00.000Z');`);
    old.close();

    const db = openDatabase(dataDir);
    expect(sqliteMigrationStatus(db)).toMatchObject({ applied: [{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }], pending: [] });
    return createSqliteRecordStore(db)
      .latest('tillage-progress')
      .then((records) => {
        expect(records.map((r) => [r.recordId, r.data])).toEqual([['R20260101-0001', { area: 2 }]]);
        db.close();
        const again = openDatabase(dataDir);
        expect(sqliteMigrationStatus(again).applied).toHaveLength(4);
        again.close();
      });
  });
});

describeEachEngine('feedback store', (engine) => {
  const asked = (question: string, status: 'answered' | 'no_answer', minute: number) => ({
    question,
    status,
    channel: 'telegram',
    unit: '三面船镇',
    askedAt: new Date(Date.UTC(2026, 4, 20, 2, minute)),
    sources: status === 'answered' ? ['a.pdf', 'b.docx'] : [],
  });

  it('logs questions, counts one vote per person (the last press), lists declined and 没用 oldest first, purges with votes', async () => {
    const { feedback } = await engine.open();
    const declined = await feedback.logQuestion(asked('秸秆还田补贴多少', 'no_answer', 1));
    const answered = await feedback.logQuestion(asked('轮作补助标准', 'answered', 2));
    expect(answered).toMatch(/^[A-Za-z0-9_-]{12}$/);
    const at = (minute: number) => new Date(Date.UTC(2026, 4, 20, 2, minute));
    expect(await feedback.vote({ questionId: 'nope', voter: 'web:a', vote: 'up', channel: 'web', at: at(3) })).toEqual({ kind: 'unknown' });
    expect(await feedback.vote({ questionId: answered, voter: 'web:a', vote: 'up', channel: 'web', at: at(3) })).toMatchObject({ kind: 'recorded' });
    expect(await feedback.vote({ questionId: answered, voter: 'web:a', vote: 'up', channel: 'web', at: at(4) })).toMatchObject({ kind: 'same' });
    const changed = await feedback.vote({ questionId: answered, voter: 'web:a', vote: 'down', channel: 'web', unit: '吉祥街道', at: at(5) });
    expect(changed).toMatchObject({ kind: 'changed', question: { question: '轮作补助标准', sources: ['a.pdf', 'b.docx'], askedAt: at(2) } });
    const gaps = await feedback.unanswered(at(0));
    expect(gaps).toEqual([
      { question: '秸秆还田补贴多少', reason: 'declined', channel: 'telegram', unit: '三面船镇', at: at(1), sources: [] },
      { question: '轮作补助标准', reason: 'voted_down', channel: 'web', unit: '吉祥街道', at: at(5), sources: ['a.pdf', 'b.docx'] },
    ]);
    expect(await feedback.unanswered(at(2))).toHaveLength(1);
    expect(await feedback.purgeBefore(at(2))).toBe(1);
    expect(await feedback.purgeBefore(at(3))).toBe(1);
    expect(await feedback.unanswered(at(0))).toEqual([]);
    expect(await feedback.vote({ questionId: declined, voter: 'web:a', vote: 'up', channel: 'web', at: at(6) })).toEqual({ kind: 'unknown' });
  });

  it('a return marks one record version (reason, who, when); returning it again replaces the mark; other versions stand unmarked', async () => {
    const { returns } = await engine.open();
    const mark = { recordId: 'RK7M3QXH2', version: 1, reason: '验收面积报多了', by: 'telegram:9', byLabel: '赵六（法库县）', at: '2022-06-03T02:00:00.000Z' };
    expect(await returns.standing([{ recordId: 'RK7M3QXH2', version: 1 }])).toEqual(new Map());
    await returns.markReturned(mark);
    await returns.markReturned({ ...mark, recordId: 'RAAAAAAAA' });
    expect(await returns.standing([{ recordId: 'RK7M3QXH2', version: 1 }, { recordId: 'RBBBBBBBB', version: 1 }])).toEqual(new Map([['RK7M3QXH2', mark]]));
    // A correction saved version 2: the mark was on version 1, so nothing stands.
    expect(await returns.standing([{ recordId: 'RK7M3QXH2', version: 2 }])).toEqual(new Map());
    const again = { ...mark, reason: '完成面积也要核实', at: '2022-06-03T03:00:00.000Z' };
    await returns.markReturned(again);
    expect(await returns.standing([{ recordId: 'RK7M3QXH2', version: 1 }])).toEqual(new Map([['RK7M3QXH2', again]]));
    expect(await returns.standing([])).toEqual(new Map());
  });

  it('the form a user asked about last is kept per user and replaced by the next one', async () => {
    const { recentForms } = await engine.open();
    expect(await recentForms.load('telegram:9')).toBeUndefined();
    await recentForms.save('telegram:9', { formId: 'faku-2022-township-progress', period: '2022-05', at: '2022-06-03T02:00:00.000Z' });
    await recentForms.save('feishu:ou_b', { formId: 'fujian-2026-acid-bimonthly', at: '2022-06-03T02:01:00.000Z' });
    expect(await recentForms.load('telegram:9')).toEqual({ formId: 'faku-2022-township-progress', period: '2022-05', at: '2022-06-03T02:00:00.000Z' });
    expect(await recentForms.load('feishu:ou_b')).toEqual({ formId: 'fujian-2026-acid-bimonthly', at: '2022-06-03T02:01:00.000Z' });
    await recentForms.save('telegram:9', { formId: 'faku-2022-tillage-acceptance', at: '2022-06-03T02:05:00.000Z' });
    expect(await recentForms.load('telegram:9')).toEqual({ formId: 'faku-2022-tillage-acceptance', at: '2022-06-03T02:05:00.000Z' });
  });

  it('five quick presses of one person at once leave one vote', async () => {
    const { feedback } = await engine.open();
    const id = await feedback.logQuestion(asked('休耕补助', 'answered', 1));
    const at = new Date(Date.UTC(2026, 4, 20, 3));
    const kinds = await Promise.all(Array.from({ length: 5 }, () => feedback.vote({ questionId: id, voter: 'web:a', vote: 'down', channel: 'web', at })));
    expect(kinds.filter((result) => result.kind === 'recorded')).toHaveLength(1);
    expect(await feedback.unanswered(new Date(0))).toHaveLength(1);
  });
});
