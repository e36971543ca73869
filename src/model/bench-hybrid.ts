import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadConfig, type Config } from '../config.ts';
import type { KnowledgeBase, SearchHit } from '../knowledge/types.ts';
import type { SqliteDatabase } from '../database/database.ts';
import { createHybridRetriever } from './hybrid-retriever.ts';
import { createModelRuntime } from './model-runtime.ts';
import { createLexicalRetriever, type PassageRetriever } from './passage-retriever.ts';

export interface RetrievalCase {
  id: string;
  q: string;
  doc?: string;
  must?: string[];
}

export interface RetrievalScore {
  /** Cases with an expected document / expected strings. */
  docTotal: number;
  docFound: number;
  mustTotal: number;
  mustFound: number;
  totalMs: number;
}

export interface HybridBenchReport {
  limit: number;
  lexical: RetrievalScore;
  hybrid: RetrievalScore;
  /** Case ids where hybrid found the answer text and full-text did not, and the reverse. */
  gained: string[];
  lost: string[];
}

export function readRetrievalCases(file: string): RetrievalCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as RetrievalCase)
    .filter((item) => item.doc || item.must?.length);
}

const mustFound = (hits: SearchHit[], must: string[]) => {
  const text = hits.map((hit) => hit.text).join('\n').normalize('NFKC');
  return must.every((needle) => text.includes(needle.normalize('NFKC')));
};

async function score(retriever: PassageRetriever, cases: RetrievalCase[], limit: number, found: Map<string, boolean>): Promise<RetrievalScore> {
  const result: RetrievalScore = { docTotal: 0, docFound: 0, mustTotal: 0, mustFound: 0, totalMs: 0 };
  for (const item of cases) {
    const started = performance.now();
    const hits = await retriever.retrieve(item.q, limit);
    result.totalMs += performance.now() - started;
    if (item.doc) {
      result.docTotal += 1;
      if (hits.some((hit) => hit.doc === item.doc)) result.docFound += 1;
    }
    if (item.must?.length) {
      result.mustTotal += 1;
      const ok = mustFound(hits, item.must);
      found.set(item.id, ok);
      if (ok) result.mustFound += 1;
    }
  }
  result.totalMs = Math.round(result.totalMs);
  return result;
}

/**
 * Full-text vs hybrid retrieval on an eval file: how often the top passages hold the expected
 * document and the expected answer text. Only meaningful against a real embedding model.
 */
export async function benchHybrid(options: {
  config: Config;
  knowledge: KnowledgeBase;
  db: SqliteDatabase;
  cases: RetrievalCase[];
  chunks?: () => SearchHit[];
  limit?: number;
}): Promise<HybridBenchReport> {
  const runtime = createModelRuntime(options.config);
  if (!runtime.embeddings) throw new Error('OPENAI_EMBEDDING_MODEL is not set: nothing to compare');
  const limit = options.limit ?? 6;
  const errors: unknown[] = [];
  const hybridRetriever = createHybridRetriever({
    knowledge: options.knowledge, db: options.db, embeddings: runtime.embeddings, chunks: options.chunks, onError: (error) => errors.push(error),
  });
  const lexicalFound = new Map<string, boolean>();
  const hybridFound = new Map<string, boolean>();
  const lexical = await score(createLexicalRetriever(options.knowledge), options.cases, limit, lexicalFound);
  const hybrid = await score(hybridRetriever, options.cases, limit, hybridFound);
  if (errors.length) throw new Error(`embeddings failed ${errors.length} time(s); hybrid fell back to full-text`, { cause: errors[0] });
  const ids = [...lexicalFound.keys()];
  return {
    limit,
    lexical,
    hybrid,
    gained: ids.filter((id) => hybridFound.get(id) && !lexicalFound.get(id)),
    lost: ids.filter((id) => lexicalFound.get(id) && !hybridFound.get(id)),
  };
}

/** `npx tsx src/model/bench-hybrid.ts [eval.jsonl]` with OPENAI_* and OPENAI_EMBEDDING_MODEL set. */
async function main(): Promise<number> {
  const { openDatabase } = await import('../database/database.ts');
  const { createKnowledgeBase } = await import('../knowledge/knowledge-base.ts');
  const config = loadConfig();
  const file = process.argv[2] ?? '/work/shared/eval/dev-qa.jsonl';
  const db = openDatabase(config.dataDir);
  try {
    const knowledge = createKnowledgeBase({ knowledgeDir: config.knowledgeDir, db });
    knowledge.ensureIndexed();
    const report = await benchHybrid({ config, knowledge, db, cases: readRetrievalCases(file) });
    console.log(JSON.stringify(report, null, 2));
    return 0;
  } catch (error) {
    console.error(`混合检索评测失败：${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
