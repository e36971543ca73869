import type { KnowledgeBase, SearchHit } from '../knowledge/types.ts';
import type { SqliteDatabase } from '../database/database.ts';
import type { EmbeddingClient } from './embedding-client.ts';
import { createEmbeddingStore } from './embedding-store.ts';
import type { PassageRetriever } from './passage-retriever.ts';

export interface HybridRetrieverOptions {
  knowledge: Pick<KnowledgeBase, 'search'>;
  db: SqliteDatabase;
  embeddings: EmbeddingClient;
  /**
   * Every chunk of the knowledge base. Without it the vector ranking covers the full-text
   * candidates only (a semantic re-ranking rather than a full hybrid search).
   */
  chunks?: () => SearchHit[];
  /** How many full-text hits take part in the fusion. */
  candidateLimit?: number;
  /** Embedding failures end in full-text results; this hears about them. */
  onError?: (error: unknown) => void;
}

/** Reciprocal rank fusion constant (Cormack et al.): damps the weight of the very top ranks. */
const RRF_K = 60;

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  return normA && normB ? dot / Math.sqrt(normA * normB) : 0;
}

/** The text embedded for a chunk: where it stands in its document, then the chunk itself. */
export function embeddingText(hit: SearchHit): string {
  return `${hit.title} ${hit.section}\n${hit.text}`;
}

export function reciprocalRankFusion(rankings: SearchHit[][], limit: number): SearchHit[] {
  const fused = new Map<number, { hit: SearchHit; score: number }>();
  for (const ranking of rankings) {
    ranking.forEach((hit, rank) => {
      const entry = fused.get(hit.chunkId) ?? { hit, score: 0 };
      entry.score += 1 / (RRF_K + rank + 1);
      fused.set(hit.chunkId, entry);
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ hit, score }) => ({ ...hit, score }));
}

/** Full-text ranking fused with cosine similarity over stored chunk embeddings; full-text only on any failure. */
export function createHybridRetriever(options: HybridRetrieverOptions): PassageRetriever {
  const store = createEmbeddingStore(options.db, options.embeddings);
  const candidateLimit = options.candidateLimit ?? 30;
  return {
    async retrieve(question, limit) {
      const lexical = options.knowledge.search(question, { limit: candidateLimit });
      try {
        const pool = options.chunks ? options.chunks() : lexical;
        if (!pool.length) return lexical.slice(0, limit);
        const [vectors, [query]] = await Promise.all([
          store.vectorsFor(pool.map((hit) => ({ chunkId: hit.chunkId, text: embeddingText(hit) }))),
          options.embeddings.embed([question]),
        ]);
        const queryVector = Float32Array.from(query);
        const semantic = pool
          .map((hit) => ({ hit, similarity: cosine(queryVector, vectors.get(hit.chunkId) ?? new Float32Array()) }))
          .sort((a, b) => b.similarity - a.similarity)
          .slice(0, candidateLimit)
          .map(({ hit }) => hit);
        return reciprocalRankFusion([lexical, semantic], limit);
      } catch (error) {
        options.onError?.(error);
        return lexical.slice(0, limit);
      }
    },
  };
}
