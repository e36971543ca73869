import { createHash } from 'node:crypto';
import type { SqliteDatabase } from '../database/database.ts';
import type { EmbeddingClient } from './embedding-client.ts';

export interface EmbeddableChunk {
  chunkId: number;
  /** Exactly the text that is embedded; its hash decides whether a stored vector is still valid. */
  text: string;
}

/** Chunk vectors kept in SQLite, keyed by chunk id + content hash + model: each chunk is embedded once. */
export interface EmbeddingStore {
  /** Vectors for the chunks, embedding (in batches) only those not stored yet. */
  vectorsFor(chunks: EmbeddableChunk[]): Promise<Map<number, Float32Array>>;
}

const BATCH = 64;

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

export function createEmbeddingStore(db: SqliteDatabase, embeddings: EmbeddingClient): EmbeddingStore {
  db.exec(`CREATE TABLE IF NOT EXISTS model_chunk_embeddings (
    chunk_id INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    model TEXT NOT NULL,
    dims INTEGER NOT NULL,
    vector BLOB NOT NULL,
    created_at TEXT NOT NULL DEFAULT (datetime('now')),
    PRIMARY KEY (chunk_id, content_hash, model)
  )`);
  const select = db.prepare('SELECT vector FROM model_chunk_embeddings WHERE chunk_id = ? AND content_hash = ? AND model = ?');
  const removeStale = db.prepare('DELETE FROM model_chunk_embeddings WHERE chunk_id = ? AND model = ? AND content_hash <> ?');
  const insert = db.prepare(
    'INSERT OR REPLACE INTO model_chunk_embeddings (chunk_id, content_hash, model, dims, vector) VALUES (?, ?, ?, ?, ?)',
  );
  const save = db.transaction((rows: Array<{ chunkId: number; hash: string; vector: Float32Array }>) => {
    for (const row of rows) {
      removeStale.run(row.chunkId, embeddings.model, row.hash);
      insert.run(row.chunkId, row.hash, embeddings.model, row.vector.length, Buffer.from(row.vector.buffer, row.vector.byteOffset, row.vector.byteLength));
    }
  });
  const cache = new Map<string, Float32Array>();

  return {
    async vectorsFor(chunks) {
      const result = new Map<number, Float32Array>();
      const missing: Array<EmbeddableChunk & { hash: string }> = [];
      for (const chunk of chunks) {
        const hash = contentHash(chunk.text);
        const key = `${chunk.chunkId}:${hash}`;
        let vector = cache.get(key);
        if (!vector) {
          const row = select.get(chunk.chunkId, hash, embeddings.model) as { vector: Buffer } | undefined;
          if (row) vector = new Float32Array(row.vector.buffer.slice(row.vector.byteOffset, row.vector.byteOffset + row.vector.byteLength));
        }
        if (vector) {
          cache.set(key, vector);
          result.set(chunk.chunkId, vector);
        } else {
          missing.push({ ...chunk, hash });
        }
      }
      for (let start = 0; start < missing.length; start += BATCH) {
        const batch = missing.slice(start, start + BATCH);
        const vectors = await embeddings.embed(batch.map((chunk) => chunk.text));
        const rows = batch.map((chunk, index) => ({ chunkId: chunk.chunkId, hash: chunk.hash, vector: Float32Array.from(vectors[index]) }));
        save(rows);
        for (const row of rows) {
          cache.set(`${row.chunkId}:${row.hash}`, row.vector);
          result.set(row.chunkId, row.vector);
        }
      }
      return result;
    },
  };
}
