import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../src/knowledge/types.ts';
import { createLangChainEmbeddingClient } from '../../src/model/embedding-client.ts';
import { createHybridRetriever, reciprocalRankFusion } from '../../src/model/hybrid-retriever.ts';
import { modelSettingsFrom } from '../../src/model/model-settings.ts';
import { openMemoryDatabase } from '../../src/database/database.ts';
import { httpError } from '../support/fake-openai-server.ts';
import { useFakeOpenAiServer } from '../support/use-fake-openai-server.ts';
import { BASE_PASSAGE, TIER_DEFINITION_PASSAGE, TIER_PASSAGE, fakeKnowledge, modelConfig } from './model-test-kit.ts';

const hit = (chunkId: number, text: string): SearchHit => ({ chunkId, doc: 'd.txt', title: 'T', section: 'S', text, score: 1 });

const fake = useFakeOpenAiServer();

function embeddingsClient() {
  const settings = modelSettingsFrom(modelConfig(fake.baseURL, { OPENAI_EMBEDDING_MODEL: 'bge-test' }))!;
  return createLangChainEmbeddingClient(settings);
}

const embeddingRequests = () => fake.requests.filter((request) => request.path === '/embeddings');

describe('reciprocalRankFusion', () => {
  it('ranks a chunk found by both lists above chunks found by one', () => {
    const [a, b, c] = [hit(1, 'a'), hit(2, 'b'), hit(3, 'c')];
    expect(reciprocalRankFusion([[a, b], [c, b]], 3).map((h) => h.chunkId)).toEqual([2, 1, 3]);
  });
});

describe('hybrid retriever', () => {
  it('embeds each chunk once (stored in SQLite with float encoding), then only the query', async () => {
    const db = openMemoryDatabase();
    const knowledge = fakeKnowledge([TIER_PASSAGE, TIER_DEFINITION_PASSAGE, BASE_PASSAGE]);
    const retriever = createHybridRetriever({ knowledge, db, embeddings: embeddingsClient() });

    const first = await retriever.retrieve('第二档补助标准', 2);
    expect(first).toHaveLength(2);
    const [chunks, query] = embeddingRequests();
    expect(chunks.body).toMatchObject({ model: 'bge-test', encoding_format: 'float' });
    expect(chunks.body.input).toHaveLength(3);
    expect(query.body.input).toEqual(['第二档补助标准']);
    const stored = db.prepare('SELECT chunk_id, model, dims FROM model_chunk_embeddings ORDER BY chunk_id').all();
    expect(stored).toEqual([
      { chunk_id: 10, model: 'bge-test', dims: 64 },
      { chunk_id: 11, model: 'bge-test', dims: 64 },
      { chunk_id: 14, model: 'bge-test', dims: 64 },
    ]);

    // A second retriever on the same database (a restart) re-uses the stored vectors.
    const again = createHybridRetriever({ knowledge, db, embeddings: embeddingsClient() });
    await again.retrieve('县级基地资金额度', 2);
    expect(embeddingRequests().slice(2).map((request) => request.body.input)).toEqual([['县级基地资金额度']]);
  });

  it('re-embeds a chunk whose text changed and drops the stale vector', async () => {
    const db = openMemoryDatabase();
    const embeddings = embeddingsClient();
    await createHybridRetriever({ knowledge: fakeKnowledge([hit(1, '旧文本')]), db, embeddings }).retrieve('问', 1);
    await createHybridRetriever({ knowledge: fakeKnowledge([hit(1, '新文本')]), db, embeddings }).retrieve('问', 1);
    expect(embeddingRequests().map((request) => request.body.input.length)).toEqual([1, 1, 1, 1]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM model_chunk_embeddings').get()).toEqual({ n: 1 });
  });

  it('finds a chunk the full-text search missed when all chunks are given', async () => {
    const db = openMemoryDatabase();
    const lexicalOnly = [hit(1, '耕地质量监测点建设'), hit(2, '高标准农田建设规划')];
    const semanticOnly = hit(3, '秸秆覆盖率补助标准秸秆覆盖率补助标准');
    const retriever = createHybridRetriever({
      knowledge: fakeKnowledge(lexicalOnly),
      db,
      embeddings: embeddingsClient(),
      chunks: () => [...lexicalOnly, semanticOnly],
    });
    const hits = await retriever.retrieve('秸秆覆盖率补助标准', 3);
    expect(hits.map((h) => h.chunkId)).toContain(3);
  });

  it('falls back to the full-text ranking when the embeddings endpoint fails', async () => {
    fake.setEmbeddingResponder(() => httpError(500));
    const errors: unknown[] = [];
    const knowledge = fakeKnowledge([TIER_PASSAGE, BASE_PASSAGE]);
    const retriever = createHybridRetriever({ knowledge, db: openMemoryDatabase(), embeddings: embeddingsClient(), onError: (e) => errors.push(e) });
    expect(await retriever.retrieve('第二档', 6)).toEqual([TIER_PASSAGE, BASE_PASSAGE]);
    expect(errors).toHaveLength(1);
  });
});
