import type { SqliteDatabase } from '../database/database.ts';
import type { Chunk, DocumentMeta } from './types.ts';

export interface StoredDocument {
  doc: string;
  hash: string;
  meta: DocumentMeta;
  signature: number[];
  quality: number;
  duplicateOf: string | null;
}

export interface StoredChunk {
  id: number;
  doc: string;
  section: string;
  text: string;
  kind: Chunk['kind'];
}

/** SQLite tables of the knowledge index: documents (hash, metadata), chunks, and an FTS5 index over segmented text. */
export interface IndexStore {
  documents(): StoredDocument[];
  replaceDocument(document: Omit<StoredDocument, 'duplicateOf'>, chunks: Chunk[], segment: (text: string) => string): void;
  removeDocument(doc: string): void;
  setDuplicates(duplicates: Array<{ doc: string; duplicateOf: string }>): void;
  /** Candidate chunks for an FTS5 MATCH expression, best bm25 first (lower rank is better). */
  match(expression: string, limit: number): Array<StoredChunk & { rank: number }>;
  /** The same candidates as match(), each chunk the one object kept for its id until the index changes. */
  matchChunks(expression: string, limit: number): Array<{ chunk: StoredChunk; rank: number }>;
  /** Number of chunks containing one indexed token (from the FTS5 vocabulary, read once into memory). */
  tokenFrequency(token: string): number;
  /** Reads the vocabulary now rather than on the first question. */
  warmUp(): void;
  /** Every indexed token of this many characters (from the same vocabulary). */
  tokensOfLength?(length: number): string[];
  chunkCount(): number;
  /** Every chunk text of one document in order, read once until the index changes (the placement line reads a tier's rate anywhere in it). */
  documentTexts?(doc: string): readonly string[];
  getState(key: string): string | undefined;
  setState(key: string, value: string): void;
  transaction<T>(work: () => T): T;
}

export function createIndexStore(db: SqliteDatabase): IndexStore {
  db.exec(`
    CREATE TABLE IF NOT EXISTS kb_documents (
      doc TEXT PRIMARY KEY,
      hash TEXT NOT NULL,
      meta TEXT NOT NULL,
      signature TEXT NOT NULL,
      quality REAL NOT NULL,
      duplicate_of TEXT,
      indexed_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS kb_chunks (
      id INTEGER PRIMARY KEY,
      doc TEXT NOT NULL REFERENCES kb_documents(doc) ON DELETE CASCADE,
      ord INTEGER NOT NULL,
      section TEXT NOT NULL,
      text TEXT NOT NULL,
      kind TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS kb_chunks_doc ON kb_chunks(doc);
    CREATE VIRTUAL TABLE IF NOT EXISTS kb_fts USING fts5(section, body, tokenize = 'unicode61 remove_diacritics 0');
    CREATE VIRTUAL TABLE IF NOT EXISTS kb_vocab USING fts5vocab(kb_fts, 'row');
    CREATE TABLE IF NOT EXISTS kb_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `);
  const statements = {
    documents: db.prepare('SELECT doc, hash, meta, signature, quality, duplicate_of AS duplicateOf FROM kb_documents ORDER BY doc'),
    upsertDocument: db.prepare(
      `INSERT INTO kb_documents (doc, hash, meta, signature, quality, duplicate_of, indexed_at) VALUES (@doc, @hash, @meta, @signature, @quality, NULL, @indexedAt)
       ON CONFLICT(doc) DO UPDATE SET hash = excluded.hash, meta = excluded.meta, signature = excluded.signature, quality = excluded.quality, indexed_at = excluded.indexed_at`,
    ),
    chunkIds: db.prepare('SELECT id FROM kb_chunks WHERE doc = ?'),
    documentTexts: db.prepare('SELECT text FROM kb_chunks WHERE doc = ? ORDER BY ord'),
    deleteFts: db.prepare('DELETE FROM kb_fts WHERE rowid = ?'),
    deleteChunks: db.prepare('DELETE FROM kb_chunks WHERE doc = ?'),
    deleteDocument: db.prepare('DELETE FROM kb_documents WHERE doc = ?'),
    insertChunk: db.prepare('INSERT INTO kb_chunks (doc, ord, section, text, kind) VALUES (?, ?, ?, ?, ?)'),
    insertFts: db.prepare('INSERT INTO kb_fts (rowid, section, body) VALUES (?, ?, ?)'),
    clearDuplicates: db.prepare('UPDATE kb_documents SET duplicate_of = NULL'),
    setDuplicate: db.prepare('UPDATE kb_documents SET duplicate_of = ? WHERE doc = ?'),
    match: db.prepare('SELECT rowid AS id, bm25(kb_fts, 0.5, 1.0) AS rank FROM kb_fts WHERE kb_fts MATCH ? ORDER BY rank LIMIT ?'),
    chunk: db.prepare('SELECT id, doc, section, text, kind FROM kb_chunks WHERE id = ?'),
    vocabulary: db.prepare('SELECT term, doc FROM kb_vocab'),
    chunkCount: db.prepare('SELECT count(*) AS n FROM kb_chunks'),
    getState: db.prepare('SELECT value FROM kb_state WHERE key = ?'),
    setState: db.prepare('INSERT INTO kb_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
  };

  const frequencies = new Map<string, number>();
  const byLength = new Map<number, string[]>();
  let chunkTotal: number | undefined;
  /**
   * Passages read once, by id, until the index changes: a question's candidates are mostly passages earlier
   * questions read, and one object per passage lets its sentence splits be worked out once (extract-sentences).
   */
  const chunks = new Map<number, StoredChunk>();
  const documentTexts = new Map<string, readonly string[]>();
  const CHUNKS_KEPT = 20_000;
  function chunkById(id: number): StoredChunk | undefined {
    let chunk = chunks.get(id);
    if (!chunk) {
      chunk = statements.chunk.get(id) as StoredChunk | undefined;
      if (!chunk) return undefined;
      if (chunks.size >= CHUNKS_KEPT) chunks.clear();
      chunks.set(id, chunk);
    }
    return chunk;
  }
  function matchChunks(expression: string, limit: number): Array<{ chunk: StoredChunk; rank: number }> {
    const found: Array<{ chunk: StoredChunk; rank: number }> = [];
    for (const { id, rank } of statements.match.all(expression, limit) as Array<{ id: number; rank: number }>) {
      const chunk = chunkById(id);
      if (chunk) found.push({ chunk, rank });
    }
    return found;
  }

  /** The whole vocabulary is read once after a change (≈0.2 s for 40,000 passages); lookups are then free. */
  function loadVocabulary(): void {
    frequencies.clear();
    byLength.clear();
    chunks.clear();
    documentTexts.clear();
    for (const row of statements.vocabulary.iterate() as Iterable<{ term: string; doc: number }>) frequencies.set(row.term, row.doc);
  }

  function removeChunks(doc: string): void {
    frequencies.clear();
    byLength.clear();
    chunks.clear();
    documentTexts.clear();
    chunkTotal = undefined;
    for (const row of statements.chunkIds.all(doc) as Array<{ id: number }>) statements.deleteFts.run(row.id);
    statements.deleteChunks.run(doc);
  }

  return {
    documents: () =>
      (statements.documents.all() as Array<{ doc: string; hash: string; meta: string; signature: string; quality: number; duplicateOf: string | null }>).map((row) => ({
        ...row,
        meta: JSON.parse(row.meta) as DocumentMeta,
        signature: JSON.parse(row.signature) as number[],
      })),
    replaceDocument(document, chunks, segment) {
      removeChunks(document.doc);
      statements.upsertDocument.run({
        doc: document.doc,
        hash: document.hash,
        meta: JSON.stringify(document.meta),
        signature: JSON.stringify(document.signature),
        quality: document.quality,
        indexedAt: new Date().toISOString(),
      });
      chunks.forEach((chunk, ord) => {
        const { lastInsertRowid } = statements.insertChunk.run(document.doc, ord, chunk.section, chunk.text, chunk.kind);
        statements.insertFts.run(lastInsertRowid, segment(chunk.section), segment(chunk.text));
      });
    },
    removeDocument(doc) {
      removeChunks(doc);
      statements.deleteDocument.run(doc);
    },
    setDuplicates(duplicates) {
      statements.clearDuplicates.run();
      for (const { doc, duplicateOf } of duplicates) statements.setDuplicate.run(duplicateOf, doc);
    },
    match: (expression, limit) => matchChunks(expression, limit).map(({ chunk, rank }) => ({ ...chunk, rank })),
    matchChunks,
    documentTexts(doc) {
      let texts = documentTexts.get(doc);
      if (!texts) documentTexts.set(doc, (texts = (statements.documentTexts.all(doc) as Array<{ text: string }>).map((row) => row.text)));
      return texts;
    },
    tokenFrequency(token) {
      if (!frequencies.size) loadVocabulary();
      return frequencies.get(token) ?? 0;
    },
    warmUp: () => loadVocabulary(),
    tokensOfLength(length) {
      if (!frequencies.size) loadVocabulary();
      let found = byLength.get(length);
      if (!found) byLength.set(length, (found = [...frequencies.keys()].filter((token) => token.length === length)));
      return found;
    },
    chunkCount: () => (chunkTotal ??= (statements.chunkCount.get() as { n: number }).n),
    getState: (key) => (statements.getState.get(key) as { value: string } | undefined)?.value,
    setState: (key, value) => void statements.setState.run(key, value),
    transaction: (work) => db.transaction(work)(),
  };
}
