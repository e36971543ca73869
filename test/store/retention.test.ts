import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { startReportingApp, type ReportingApp } from '../reporting/reporting-app.ts';
import { KNOWLEDGE } from '../forms/form-harness.ts';

const DAY = 24 * 3600_000;

function rowsIn(dataDir: string) {
  const db = new Database(join(dataDir, 'gengbao.db'), { readonly: true });
  try {
    const sessions = db.prepare('SELECT user_key FROM sessions ORDER BY user_key').all().map((row) => (row as { user_key: string }).user_key);
    const deliveries = db.prepare('SELECT key FROM deliveries ORDER BY key').all().map((row) => (row as { key: string }).key);
    const questions = (db.prepare('SELECT COUNT(*) AS n FROM asked_questions').get() as { n: number }).n;
    return { sessions, deliveries, questions };
  } finally {
    db.close();
  }
}

describe('expiry of sessions and delivery ids (real SQLite file)', () => {
  let h: ReportingApp | undefined;
  afterEach(() => h?.close());

  it('deletes sessions untouched for 30 days and delivery ids older than 7, keeps the rest', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gengbao-retention-'));
    h = await startReportingApp('2026-06-01T10:00:00+08:00', dataDir);
    await h.bind('li', 'reporter', '三面船镇');
    await h.say('li', '填报双月调度');
    await h.app.conversation.handle({ channel: 'test', userId: 'farmer', text: '保护性耕作补助标准是多少？', dedupKey: 'test:update:1' });
    await h.app.feedback.flush?.(); // the server writes the question log in batches
    expect(rowsIn(dataDir)).toEqual({ sessions: ['test:farmer', 'test:li'], deliveries: ['test:update:1'], questions: 1 });

    h.clock.advance(8 * DAY);
    await h.app.conversation.handle({ channel: 'test', userId: 'late', text: '你好', dedupKey: 'test:update:2' });
    expect(await h.app.retention.purgeNow()).toEqual({ sessions: 0, deliveries: 1, questions: 0 });
    expect(rowsIn(dataDir).deliveries).toEqual(['test:update:2']);

    h.clock.advance(23 * DAY);
    expect(await h.app.retention.purgeNow()).toEqual({ sessions: 2, deliveries: 1, questions: 0 });
    expect(rowsIn(dataDir)).toEqual({ sessions: ['test:late'], deliveries: [], questions: 1 });

    // A forgotten conversation starts afresh; the binding (not a session) is kept.
    expect(await h.text('li', '查看记录')).toContain('三面船镇还没有已保存的填报记录');

    // The question log is kept longer (180 days by default), then goes too.
    h.clock.advance(150 * DAY);
    expect((await h.app.retention.purgeNow()).questions).toBe(1);
    expect(rowsIn(dataDir).questions).toBe(0);
  });

  it('start() purges at once, with the retention days taken from the environment', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gengbao-retention-'));
    h = await startReportingApp('2026-06-01T10:00:00+08:00', dataDir);
    await h.say('a', '你好');
    h.app.close();
    const config = loadConfig({ knowledge: KNOWLEDGE, data: dataDir }, { GENGBAO_SESSION_RETENTION_DAYS: '2', GENGBAO_DELIVERY_RETENTION_DAYS: '1', GENGBAO_QUESTION_RETENTION_DAYS: '90' });
    const { createApp } = await import('../../src/app.ts');
    const later = await createApp(config, { now: () => new Date('2026-06-04T10:00:00+08:00') });
    try {
      expect(later.retention.settings).toEqual({ sessionDays: 2, deliveryDays: 1, questionDays: 90 });
      later.retention.start();
      await later.retention.stop();
      expect(rowsIn(dataDir).sessions).toEqual([]);
    } finally {
      later.close();
      h = undefined;
    }
  });

  it('a retention that is not a whole number of days is refused with the variable named', () => {
    expect(() => loadConfig({}, { GENGBAO_SESSION_RETENTION_DAYS: '三十' })).toThrow(ConfigError);
    expect(() => loadConfig({}, { GENGBAO_DELIVERY_RETENTION_DAYS: '0' })).toThrow(/GENGBAO_DELIVERY_RETENTION_DAYS/);
  });
});
