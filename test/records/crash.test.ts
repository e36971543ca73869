import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/database/database.ts';
import { createSqliteRecordStore } from '../../src/records/record-store.ts';
import { crashSaveRequest } from './fixtures/crash-save-request.ts';

const WORKER = join(import.meta.dirname, 'fixtures', 'save-worker.ts');

/** Runs the worker, waits until it has printed `lines` saved keys, then kills it with SIGKILL. */
async function runAndKill(args: string[], lines: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const saved: string[] = [];
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const reader = createInterface({ input: child.stdout });
  for await (const line of reader) {
    saved.push(line.split(' ')[1]);
    if (saved.length >= lines) {
      child.kill('SIGKILL');
      break;
    }
  }
  expect(await exited).toBe('SIGKILL');
  return saved;
}

function retry(dataDir: string, key: string) {
  return createSqliteRecordStore(openDatabase(dataDir)).save(crashSaveRequest(key));
}

describe('crash safety (kill -9)', () => {
  it('a save acknowledged before SIGKILL survives, and retrying it after restart does not save twice', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gengbao-crash-'));
    const saved = await runAndKill([dataDir, 'confirm-1'], 1);
    expect(saved).toEqual(['confirm-1']);

    const store = createSqliteRecordStore(openDatabase(dataDir));
    expect(await store.latest('tillage-progress')).toHaveLength(1);
    expect(await retry(dataDir, 'confirm-1')).toMatchObject({ ok: true, duplicate: true });
    expect(await store.allVersions('tillage-progress')).toHaveLength(1);
  }, 30_000);

  it('killed in the middle of continuous saving: no torn rows, every acknowledged save present exactly once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gengbao-crash-'));
    const acknowledged = await runAndKill([dataDir, 'k', 'loop'], 25);

    const db = openDatabase(dataDir);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const store = createSqliteRecordStore(db);
    const keys = (await store.allVersions('tillage-progress')).map((v) => v.data.key as string);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of acknowledged) expect(keys).toContain(key);

    // After restart the bot retries every confirmation it may not have answered: each is saved at most once.
    const before = keys.length;
    const retried = Array.from({ length: before + 3 }, (_, n) => retry(dataDir, `k-${n}`));
    expect((await Promise.all(retried)).filter((r) => r.ok && !r.duplicate)).toHaveLength(3);
    expect(await store.allVersions('tillage-progress')).toHaveLength(before + 3);
  }, 30_000);

  it('two processes editing the same record: the second one based on the old version gets a conflict', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gengbao-two-'));
    const first = createSqliteRecordStore(openDatabase(dataDir));
    const second = createSqliteRecordStore(openDatabase(dataDir));
    const created = await first.save({
      formId: 'f', unit: '三面船镇', data: { area: 1 }, verdicts: [], confirmedWarnings: [],
      author: { userKey: 'telegram:1', channel: 'telegram' }, submissionKey: 'new',
    });
    if (!created.ok) throw new Error('expected ok');
    const base = { formId: 'f', unit: '三面船镇', verdicts: [], confirmedWarnings: [], recordId: created.record.recordId, baseVersion: 1 };
    expect(await first.save({ ...base, data: { area: 2 }, author: { userKey: 'telegram:1', channel: 'telegram' }, submissionKey: 'a' })).toMatchObject({ ok: true });
    expect(await second.save({ ...base, data: { area: 3 }, author: { userKey: 'feishu:2', channel: 'feishu' }, submissionKey: 'b' })).toMatchObject({
      ok: false,
      reason: 'conflict',
      latest: { version: 2, data: { area: 2 }, author: { channel: 'telegram' } },
    });
  });
});
