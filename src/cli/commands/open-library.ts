import { createKnowledgeBase } from '../../knowledge/knowledge-base.ts';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { openDatabase, type SqliteDatabase } from '../../database/database.ts';
import type { ParsedArgs } from '../args.ts';
import { configFromArgs } from '../config-from-args.ts';

/** The knowledge base without indexing yet: `add` and `remove` index once, after changing the folder. */
export function openLibrary(args: ParsedArgs): { knowledge: KnowledgeBase; db: SqliteDatabase; knowledgeDir: string } {
  const config = configFromArgs(args);
  const db = openDatabase(config.dataDir);
  return { knowledge: createKnowledgeBase({ knowledgeDir: config.knowledgeDir, db }), db, knowledgeDir: config.knowledgeDir };
}
