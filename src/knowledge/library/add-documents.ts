import type { SqliteDatabase } from '../../database/database.ts';
import type { IngestProgress, IngestReport, KnowledgeBase } from '../types.ts';
import { deleteDocumentFile, storeDocument } from './document-files.ts';
import { firstQuestion, summarizeDocuments, type DocumentSummary } from './document-summary.ts';

export type AddedDocument =
  | { ok: true; doc: string; summary: DocumentSummary; question?: string; replaced: boolean; same: boolean; notes: string[] }
  | { ok: false; doc: string; reason: string };

export interface AddDocumentsInput {
  knowledge: KnowledgeBase;
  knowledgeDir: string;
  db: SqliteDatabase;
  files: Array<{ name: string; bytes: Buffer }>;
  onProgress?: (progress: IngestProgress) => void;
  env?: NodeJS.ProcessEnv;
}

/**
 * Stores the files in the documents folder, indexes what changed, and says per file what was found;
 * a file that cannot be read is taken out of the folder again (it is not kept), with the reason.
 */
export async function addDocuments(input: AddDocumentsInput): Promise<{ added: AddedDocument[]; report: IngestReport }> {
  const stored = input.files.map((file) => storeDocument(input.knowledgeDir, file.name, file.bytes, input.env));
  const run = input.knowledge.ensureIndexedAsync?.bind(input.knowledge) ?? (async (options) => input.knowledge.ensureIndexed(options));
  let report = await run({ onProgress: input.onProgress });
  const failed = new Map(report.failed.map((failure) => [failure.doc, failure.reason]));
  const rejected = stored.filter((outcome) => outcome.ok && failed.has(outcome.doc));
  if (rejected.length) {
    for (const outcome of rejected) deleteDocumentFile(input.knowledgeDir, outcome.doc);
    report = input.knowledge.ensureIndexed();
  }
  const summaries = new Map(summarizeDocuments(input.db).map((summary) => [summary.doc, summary]));
  const added = stored.map((outcome): AddedDocument => {
    if (!outcome.ok) return outcome;
    const reason = failed.get(outcome.doc);
    const summary = summaries.get(outcome.doc);
    if (reason || !summary) return { ok: false, doc: outcome.doc, reason: reason ?? '没有被索引' };
    const notes = (report.notes ?? []).filter((note) => note.doc === outcome.doc).map((note) => note.note);
    return { ok: true, doc: outcome.doc, summary, question: firstQuestion(input.db, input.knowledge, outcome.doc), replaced: outcome.replaced, same: outcome.same, notes };
  });
  return { added, report };
}
