import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import type { IngestReport, KnowledgeBase } from '../../src/knowledge/types.ts';
import { openDatabase, type SqliteDatabase } from '../../src/database/database.ts';

/** The starting corpus shipped in the repo (knowledge/docs) indexed into a temporary data folder. */
export const REPO_KNOWLEDGE = resolve(import.meta.dirname, '../../knowledge');

export function indexCorpus(): { knowledge: KnowledgeBase; report: IngestReport; db: SqliteDatabase } {
  const db = openDatabase(mkdtempSync(join(tmpdir(), 'gengbao-kb-')));
  const knowledge = createKnowledgeBase({ knowledgeDir: REPO_KNOWLEDGE, db });
  const report = knowledge.ensureIndexed();
  return { knowledge, report, db };
}

/**
 * A fresh knowledge folder per test holding copies of some shipped documents, and a database in it;
 * both removed after each test. Read `folder` and `db` inside the tests (they change per test).
 */
export function documentsFolderPerTest(prefix: string, documents: string[]): { readonly folder: string; readonly db: SqliteDatabase } {
  const current = { folder: '', db: undefined as SqliteDatabase | undefined };
  beforeEach(() => {
    current.folder = mkdtempSync(join(tmpdir(), prefix));
    mkdirSync(join(current.folder, 'docs'));
    for (const name of documents) copyFileSync(join(REPO_KNOWLEDGE, 'docs', name), join(current.folder, 'docs', name));
    current.db = openDatabase(join(current.folder, 'data'));
  });
  afterEach(() => {
    current.db?.close();
    rmSync(current.folder, { recursive: true, force: true });
  });
  return {
    get folder() {
      return current.folder;
    },
    get db() {
      return current.db!;
    },
  };
}
