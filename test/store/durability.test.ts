import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { durably, openDatabase } from '../../src/database/database.ts';
import { createSqliteRecordStore } from '../../src/records/record-store.ts';

const level = (db: ReturnType<typeof openDatabase>) => db.pragma('synchronous', { simple: true });

describe('durability of the product database (real SQLite file)', () => {
  it('chat traffic commits without an fsync each (NORMAL); durably() commits with FULL and puts NORMAL back', () => {
    const db = openDatabase(mkdtempSync(join(tmpdir(), 'gengbao-durable-')));
    try {
      expect(level(db)).toBe(1);
      expect(durably(db, () => level(db))).toBe(2);
      expect(level(db)).toBe(1);
      expect(() => durably(db, () => { throw new Error('failed save'); })).toThrow('failed save');
      expect(level(db)).toBe(1);
    } finally {
      db.close();
    }
  });

  it('a record is saved under FULL', async () => {
    const db = openDatabase(mkdtempSync(join(tmpdir(), 'gengbao-durable-')));
    try {
      const records = createSqliteRecordStore(db);
      const pragmas = vi.spyOn(db, 'pragma');
      await records.save({
        formId: 'f', unit: '三面船镇', data: {}, verdicts: [], confirmedWarnings: [],
        author: { userKey: 'test:a', channel: 'test' }, submissionKey: 'k1',
      });
      expect(pragmas.mock.calls.map((call) => call[0])).toEqual(['synchronous', 'synchronous = FULL', 'synchronous = 1']);
      expect(level(db)).toBe(1);
    } finally {
      db.close();
    }
  });
});
