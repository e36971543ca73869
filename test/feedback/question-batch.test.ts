import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteFeedbackStore } from '../../src/feedback/feedback-store.ts';
import { openDatabase, type SqliteDatabase } from '../../src/database/database.ts';
import { sqliteStateStores } from '../../src/store/sqlite-state-stores.ts';
import type { UnitDirectory } from '../../src/units/types.ts';

let dataDir: string;
let db: SqliteDatabase;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'gengbao-question-batch-'));
  db = openDatabase(dataDir);
});
afterEach(() => {
  if (db.open) db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const asked = (question: string) => ({ question, status: 'no_answer' as const, channel: 'web', askedAt: new Date('2026-11-30T08:00:00Z'), sources: [] });
const rowsOnDisk = () => {
  const reader = openDatabase(dataDir);
  try {
    return (reader.prepare('SELECT question FROM asked_questions ORDER BY question').all() as Array<{ question: string }>).map((row) => row.question);
  } finally {
    reader.close();
  }
};

describe('the question log written in batches (the server)', () => {
  it('writes the questions of a few ms in one go; reads and votes see every question asked before them', async () => {
    const store = createSqliteFeedbackStore(db, { batchMs: 60_000 });
    const first = await store.logQuestion({ ...asked('甲'), status: 'answered', sources: ['a.txt'] });
    await store.logQuestion(asked('乙'));
    expect(rowsOnDisk()).toEqual([]);
    expect(await store.vote({ questionId: first, voter: 'web:x', vote: 'down', channel: 'web', at: new Date('2026-11-30T09:00:00Z') })).toMatchObject({ kind: 'recorded' });
    expect(rowsOnDisk()).toEqual(['乙', '甲']);
    await store.logQuestion(asked('丙'));
    expect((await store.unanswered(new Date(0))).map((entry) => entry.question)).toEqual(['乙', '丙', '甲']);
  });

  it('writes by itself after batchMs, and loses nothing when the stores are closed cleanly', async () => {
    const store = createSqliteFeedbackStore(db, { batchMs: 20 });
    await store.logQuestion(asked('甲'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rowsOnDisk()).toEqual(['甲']);

    const stores = sqliteStateStores(db, { units: { units: [] } as unknown as UnitDirectory, questionBatchMs: 60_000 });
    for (const question of ['乙', '丙', '丁']) await stores.feedback.logQuestion(asked(question));
    expect(rowsOnDisk()).toEqual(['甲']);
    await stores.close();
    db.close();
    expect(rowsOnDisk()).toEqual(['丁', '丙', '乙', '甲']);
  });

  it('gives every question its own 12-character id', async () => {
    const store = createSqliteFeedbackStore(db);
    const ids = new Set<string>();
    for (let i = 0; i < 600; i++) ids.add(await store.logQuestion(asked(`问题${i}`)));
    expect(ids.size).toBe(600);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });
});
