import { createKnowledgeBase } from '../../knowledge/knowledge-base.ts';
import type { IngestReport, KnowledgeBase } from '../../knowledge/types.ts';
import { openDatabase, type SqliteDatabase } from '../../database/database.ts';
import type { ParsedArgs } from '../args.ts';
import { configFromArgs } from '../config-from-args.ts';
import { consoleProgress } from '../ingest-progress.ts';

/** Opens the database and knowledge base named by --knowledge/--data (or the environment) and indexes what changed. */
export function openKnowledge(args: ParsedArgs): { knowledge: KnowledgeBase; report: IngestReport; db: SqliteDatabase } {
  const config = configFromArgs(args);
  const db = openDatabase(config.dataDir);
  const knowledge = createKnowledgeBase({ knowledgeDir: config.knowledgeDir, db });
  const report = knowledge.ensureIndexed({ onProgress: args.flags.json ? undefined : consoleProgress() });
  return { knowledge, report, db };
}
