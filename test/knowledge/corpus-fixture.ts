import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import type { IngestReport, KnowledgeBase } from '../../src/knowledge/types.ts';
import { openDatabase, type SqliteDatabase } from '../../src/store/database.ts';

/** The starting corpus shipped in the repo (knowledge/docs) indexed into a temporary data folder. */
export const REPO_KNOWLEDGE = resolve(import.meta.dirname, '../../knowledge');

export function indexCorpus(): { knowledge: KnowledgeBase; report: IngestReport; db: SqliteDatabase } {
  const db = openDatabase(mkdtempSync(join(tmpdir(), 'gengbao-kb-')));
  const knowledge = createKnowledgeBase({ knowledgeDir: REPO_KNOWLEDGE, db });
  const report = knowledge.ensureIndexed();
  return { knowledge, report, db };
}
